/**
 * The built bundle loaded as Apps Script runs it (one global scope in node:vm, the
 * services as globals from fakes.ts), and realistic ward data to run it on.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { TABS, UNITS_TAB, type Row } from '../../core/index';
import { sampleTables } from '../../sync/samples/sample-tables';
import type { Tables } from '../../sync/store/store';
import { manyTasks } from '../fixtures/many-tasks';
import { fakeServices, scriptRunCopy, type Cell, type Trigger } from './fakes';

export type Gas = ReturnType<typeof load>;

/** apps-script/dist/Code.js as the suite's global set-up built it (test/helpers/build-apps-script.ts). */
export function builtBundle(): Promise<string> {
  return (built ??= readFile(fileURLToPath(new URL('../../apps-script/dist/Code.js', import.meta.url)), 'utf8'));
}
let built: Promise<string> | undefined;

// Compiled once per bundle text: every test loads the same Code.js into a fresh context.
const scripts = new Map<string, vm.Script>();

/**
 * The language's own globals bound once in the script's scope, ahead of Code.js: in a node:vm context every global
 * looked up goes through the context's interceptor, which V8 cannot optimise, so a loop calling Math.imul ran 100
 * times slower than in Apps Script (a 1 MB digest: 370 ms against 3 ms). Date is the fake clock's, already set.
 */
const BUILT_INS = `const { Array, BigInt, Boolean, Date, Error, Int32Array, Intl, JSON, Map, Math, Number, Object, Promise, RangeError, Reflect, RegExp, Set, String, Symbol, TypeError, Uint8Array, WeakMap, decodeURIComponent, encodeURIComponent, isFinite, isNaN, parseFloat, parseInt } = globalThis;\n`;

export function load(code: string, tabs: Record<string, Cell[][]>, options: Omit<Parameters<typeof fakeServices>[1], 'realmDate'> = {}) {
  let script = scripts.get(code);
  if (!script) scripts.set(code, (script = new vm.Script(BUILT_INS + code, { filename: 'Code.js', lineOffset: -1 })));
  const context = vm.createContext({});
  const services = fakeServices(tabs, { ...options, realmDate: vm.runInContext('Date', context) as DateConstructor });
  // The bundle's Date reads the fake clock, as Apps Script's reads the real one.
  Object.assign(context, services.globals, { Date: services.spreadsheet.RealmDate });
  script.runInContext(context);
  const handler = (name: string) => (context as Record<string, (...a: unknown[]) => unknown>)[name]!;
  /** A menu item (or a function run from the editor): one run, 6 minutes. */
  const call = (name: string, ...args: unknown[]) => services.run('menu', () => handler(name)(...args));
  /**
   * A server function called from a dialog (google.script.run): a run of its own, 6 minutes; the arguments and the
   * return value travel as google.script.run copies them, and fail as it fails (a Date, a function).
   */
  const dialog = (name: string, ...args: unknown[]) => {
    const sent = args.map((a) => scriptRunCopy(a));
    return scriptRunCopy(services.run('menu', () => handler(name)(...sent)));
  };
  /** A simple trigger (onOpen, onEdit): 30 seconds, and services needing authorisation throw. */
  const simple = (name: string, ...args: unknown[]) => services.run('simple', () => handler(name)(...args.map((a) => services.metered(a))));
  /** A trigger firing: a run by its owner, counted against the owner's daily trigger runtime. */
  const fire = (trigger: Trigger) => {
    const was = services.user.email;
    services.user.email = trigger.owner;
    trigger.fired = true;
    try {
      return services.run('trigger', () => handler(trigger.handler)());
    } finally {
      services.user.email = was;
    }
  };
  /** Waits (on the fake clock) for the next one-off trigger due, and fires it; null when none is pending. */
  const fireNext = (): Trigger | null => {
    const next = services.triggers.filter((t) => t.kind === 'after' && !t.fired).sort((a, b) => (a.at ?? 0) - (b.at ?? 0))[0];
    if (!next) return null;
    const wait = (next.at ?? 0) - services.clock.now();
    if (wait > 0) services.clock.advance(wait);
    fire(next);
    return next;
  };
  return { ...services, context, call, dialog, simple, fire, fireNext };
}

/** The core's rows as the grids officials see: header, then one line per row, in tab column order. */
export function gridsFrom(tables: Tables): Record<string, Cell[][]> {
  return Object.fromEntries(
    TABS.filter((tab) => (tables[tab.key] ?? []).length > 0 || tab.key === 'tasks').map((tab) => [
      tab.name,
      [tab.columns.map((c) => c.header), ...(tables[tab.key] ?? []).map((r) => tab.columns.map((c) => (r[c.key] ?? '') as Cell))],
    ]),
  );
}

/**
 * A ward at scale: the sample's plans, settings and logs, `taskCount` tasks made from
 * the sample appendices, led by `unitCount` units that each have an email address, with
 * the problems officials make (progress over 100, a unit name typo) on some rows.
 */
export async function wardTables(taskCount = 5000, unitCount = 60): Promise<Tables> {
  const tables = await sampleTables();
  const units: Row[] = Array.from({ length: unitCount }, (_, i) => ({
    id: `TDP${i + 1}`,
    name: `Tổ dân phố số ${i + 1}`,
    kind: 'Đơn vị',
    aliases: '',
    email: `tdp${i + 1}@phuong.gov.vn`,
  }));
  const tasks = manyTasks(tables['tasks']!, taskCount).map((t, i) => ({
    ...t,
    lead: i % 13 === 5 ? `Tổ dân phô số ${(i % unitCount) + 1}` : `Tổ dân phố số ${(i % unitCount) + 1}`,
    progress: i % 11 === 3 ? 150 : (t['progress'] ?? null),
    due: null,
  }));
  return { ...tables, units: [...(tables['units'] ?? []), ...units], tasks };
}

export const UNIT_HEADER = UNITS_TAB.columns.map((c) => c.header);

/** The notes on a tab's cells that an official or the menu left (blank cells left out). */
export function notesOn(gas: Gas, tab: string): string[] {
  return gas
    .sheet(tab)!
    .notes.flat()
    .filter((n) => n !== '');
}

/** The sidebar's data as apps-script/src/sidebar.ts writes it (not imported: that file is checked against Apps Script's types only). */
export interface SidebarData {
  errors: number;
  warnings: number;
  groups: { kind: string; severity: 'error' | 'warning'; total: number; items: [string, number, number, string, string][] }[];
}

/** What the validation sidebar number `index` was given: kinds with their counts, and the links that fit. */
export function sidebarOf(gas: Gas, index: number): SidebarData {
  const html = gas.sidebars[index]!.html;
  const start = html.indexOf('var DATA = ') + 'var DATA = '.length;
  return JSON.parse(html.slice(start, html.indexOf(';\n  function select'))) as SidebarData;
}
