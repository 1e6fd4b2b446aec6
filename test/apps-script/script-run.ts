/**
 * google.script.run in a Chromium page, bridged to the built bundle running on the fakes (gas.ts), as strict as
 * Google's (test/fixtures/google-limits.md, "Dialogs, files and export"): only the script's top-level functions are
 * there; arguments and return values are primitives, plain objects and arrays of them, and a Date, a function, a DOM
 * node or a typed array makes the call fail; undefined in an array arrives as null; each side gets a copy (JSON);
 * handlers are called later, never during the call. Each server call is one menu-like run (6 minutes) on the fakes.
 */
import type { Page } from 'playwright-core';
import type { Gas } from './gas';

export const ILLEGAL_VALUE = 'Failed due to illegal value in property';

/** The page's side: google.script.run with the given server functions. Plain JavaScript, run in every frame. */
export const scriptRunStub = (functions: readonly string[]): string => `(() => {
  const functions = ${JSON.stringify(functions)};
  // Legal: primitives, plain objects and arrays of them. A Date, a function, a DOM node, a typed array, a Map are not.
  const legal = (v) => {
    if (v === null || v === undefined) return true;
    const t = typeof v;
    if (t === 'string' || t === 'number' || t === 'boolean') return true;
    if (t !== 'object') return false;
    if (Array.isArray(v)) return v.every(legal);
    const proto = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null) return false;
    return Object.values(v).every(legal);
  };
  const runner = (success, failure, user) => {
    const run = {
      withSuccessHandler: (f) => runner(f, failure, user),
      withFailureHandler: (f) => runner(success, f, user),
      withUserObject: (u) => runner(success, failure, u),
    };
    for (const name of functions) {
      run[name] = (...args) => {
        const bad = args.findIndex((a) => !legal(a));
        if (bad >= 0) {
          setTimeout(() => failure && failure(new Error('${ILLEGAL_VALUE}: ' + bad), user));
          return;
        }
        window.__cchcScriptRun(name, JSON.stringify(args)).then((text) => {
          const r = JSON.parse(text);
          if ('error' in r) failure && failure(new Error(r.error), user);
          else success && success(r.value, user);
        });
      };
    }
    return run;
  };
  window.google = { script: { run: runner(null, null, undefined), host: { close: () => { window.__cchcClosed = true; } } } };
})();`;

/** Whether a value the server returns may go back to the page. */
function legal(v: unknown): boolean {
  if (v === null || v === undefined) return true;
  if (['string', 'number', 'boolean'].includes(typeof v)) return true;
  if (typeof v !== 'object') return false;
  if (Array.isArray(v)) return v.every(legal);
  // Objects from the bundle's realm: a plain object's prototype is that realm's Object.prototype, named "Object".
  const proto = Object.getPrototypeOf(v) as { constructor?: { name?: string } } | null;
  if (proto !== null && proto.constructor?.name !== 'Object') return false;
  return Object.values(v as object).every(legal);
}

export interface ServerCall {
  name: string;
  args: unknown[];
}

/** Makes google.script.run in `page` (and its frames) call the bundle in `gas`; returns the calls made, in order. */
export async function bridgeScriptRun(page: Page, gas: Gas, functions: readonly string[]): Promise<ServerCall[]> {
  const calls: ServerCall[] = [];
  await page.exposeFunction('__cchcScriptRun', (name: string, json: string): string => {
    const args = JSON.parse(json) as unknown[];
    calls.push({ name, args });
    try {
      const value = gas.call(name, ...args);
      if (!legal(value)) return JSON.stringify({ error: `${ILLEGAL_VALUE}: return value` });
      return JSON.stringify({ value: value ?? null });
    } catch (error) {
      return JSON.stringify({ error: error instanceof Error ? error.message : String(error) });
    }
  });
  await page.addInitScript(scriptRunStub(functions));
  return calls;
}
