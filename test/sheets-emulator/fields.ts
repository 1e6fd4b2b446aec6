// Field masks, both kinds the API uses: the `fields` of update requests (which fields of the
// target to overwrite) and the `fields` query parameter (partial responses, e.g.
// "sheets(properties(sheetId,title)),properties.title").

import { invalidArgument } from './errors';
import { cloneJson } from './model';

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Copies the masked fields from `source` onto `target` (a field missing in source is cleared).
 * "*" replaces every field. Paths are dot-separated, comma-joined.
 */
export function applyMask(target: Obj, source: Obj, fields: string): void {
  const paths = maskPaths(fields);
  for (const path of paths) {
    if (path === '*') {
      for (const key of Object.keys(target)) delete target[key];
      Object.assign(target, cloneJson(source));
      continue;
    }
    const keys = path.split('.');
    let from: unknown = source;
    for (const key of keys) from = isObj(from) ? from[key] : undefined;
    let to = target;
    for (const key of keys.slice(0, -1)) {
      if (!isObj(to[key])) to[key] = {};
      to = to[key] as Obj;
    }
    const last = keys[keys.length - 1]!;
    if (from === undefined || from === null) delete to[last];
    else to[last] = cloneJson(from);
  }
}

export function requireFields(fields: unknown): string {
  if (typeof fields !== 'string' || fields.trim() === '') throw invalidArgument("At least one field must be specified in 'fields'.");
  return fields;
}

type Selection = Map<string, Selection | true>;

/** Parses partial-response syntax: a,b/c,d(e,f),g.h */
export function parseSelection(text: string): Selection {
  let pos = 0;
  const list = (): Selection => {
    const out: Selection = new Map();
    for (;;) {
      const name = /^[A-Za-z0-9_*]+(?:[./][A-Za-z0-9_*]+)*/.exec(text.slice(pos))?.[0];
      if (!name) throw new Error(`Invalid field selection at ${pos}`);
      pos += name.length;
      let leaf: Selection | true = true;
      if (text[pos] === '(') {
        pos++;
        leaf = list();
        if (text[pos++] !== ')') throw new Error('Unbalanced field selection');
      }
      add(out, name.split(/[./]/), leaf);
      if (text[pos] !== ',') return out;
      pos++;
    }
  };
  const add = (into: Selection, keys: string[], leaf: Selection | true): void => {
    const [head, ...rest] = keys;
    const existing = into.get(head!);
    if (rest.length === 0) {
      into.set(head!, existing === true || leaf === true ? true : merge(existing, leaf));
      return;
    }
    const child: Selection = existing instanceof Map ? existing : new Map();
    if (existing !== true) into.set(head!, child);
    if (existing !== true) add(child, rest, leaf);
  };
  const merge = (a: Selection | undefined, b: Selection): Selection => new Map([...(a ?? []), ...b]);
  const result = list();
  if (pos !== text.length) throw new Error('Trailing characters in field selection');
  return result;
}

/** Keeps only the selected fields; arrays are projected element by element. */
export function project(value: unknown, selection: Selection): unknown {
  if (Array.isArray(value)) return value.map((v) => project(v, selection));
  if (!isObj(value)) return value;
  if (selection.has('*')) return value;
  const out: Obj = {};
  for (const [key, sub] of selection) {
    if (!(key in value)) continue;
    out[key] = sub === true ? value[key] : project(value[key], sub);
  }
  return out;
}

// A batch applies one mask to every cell of its range: each mask is parsed once.
const parsedMasks = new Map<string, string[]>();

/** "a,b(c,d.e)" → ["a", "b.c", "b.d.e"]: request masks accept the same nesting syntax. */
export function maskPaths(fields: string): string[] {
  let paths = parsedMasks.get(fields);
  if (!paths) parsedMasks.set(fields, (paths = parseMask(fields)));
  return paths;
}

function parseMask(fields: string): string[] {
  const flatten = (selection: Selection, prefix: string): string[] =>
    [...selection].flatMap(([key, sub]) => (sub === true ? [prefix + key] : flatten(sub, `${prefix}${key}.`)));
  try {
    return flatten(parseSelection(fields.replace(/\s+/g, '')), '');
  } catch {
    throw invalidArgument(`Invalid field mask: ${fields}`);
  }
}
