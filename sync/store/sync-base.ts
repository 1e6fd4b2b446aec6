/**
 * What was last synced between a local workbook and a shared sheet: the base of
 * the three-way merge, and the sheet id of each tab (a renamed tab keeps its id).
 * Kept beside the workbook, one file per workbook and sheet
 * (data/.sync/<workbook file name>.<sheet id>.json, from the workbook's real
 * path), so a second workbook in the same folder never borrows another's base.
 *
 * The file is compact, as a push reads it whole each time: JSON whose rows are
 * arrays of values under one list of column keys per tab, gzipped (5,000 tasks:
 * about 0.3 MB instead of 3.5). A file of the older form (rows as objects, not
 * gzipped) is still read; the next full write replaces it.
 *
 * A sync rewrites only what changed: the rows whose synced values moved are
 * appended to a change log beside it (`<file>.log`, one JSON line a sync,
 * flushed to disk), and the whole file is written again only when that log has
 * grown to a quarter of it. A log line sets rows to their values (or removes
 * them), so replaying a line twice gives the same base: a crash after the file
 * was rewritten but before its log was removed loses nothing. A line cut short
 * by a crash is the last one and is ignored: that sync's base is not recorded,
 * as if the process had stopped just before saving it.
 */
import { constants } from 'node:fs';
import { open, readFile, realpath, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { rekeyBase, type Row, type SyncBase } from '../../core/index';
import { writeFileDurable } from '../files/durable-write';

export type { SyncBase };

export interface SyncState {
  base: SyncBase;
  /** Tab key → the sheet id it had at the last sync. */
  sheetIds: Map<string, number>;
}

interface SyncFile {
  spreadsheetId: string;
  workbook: string;
  syncedAt: string;
  sheetIds?: Record<string, number>;
  /** Compact (version 2): each row is its key then its values in `columns` order (null: blank or not held). */
  version?: 2;
  tabs: Record<string, Record<string, Row> | { columns: string[]; rows: [string, ...Row[string][]][] }>;
}

const GZIP_MAGIC = [0x1f, 0x8b];

/** The file's rows by tab, from either form. */
function fileRows(file: SyncFile): Map<string, Map<string, Row>> {
  return new Map(
    Object.entries(file.tabs).map(([tab, held]) => {
      if (file.version !== 2) return [tab, new Map(Object.entries(held as Record<string, Row>))];
      const { columns, rows } = held as { columns: string[]; rows: [string, ...Row[string][]][] };
      // Each row built key by key, in the columns' order: one shape for every row, and no pairs made per cell.
      const byKey = new Map<string, Row>();
      for (const entry of rows) {
        const row: Row = {};
        for (let i = 0; i < columns.length; i++) row[columns[i]!] = entry[i + 1] ?? null;
        byKey.set(entry[0], row);
      }
      return [tab, byKey];
    }),
  );
}

/** The compact form of a tab's rows: the columns any row holds, then each row's values in that order. */
function compactRows(rows: ReadonlyMap<string, Row>): { columns: string[]; rows: [string, ...Row[string][]][] } {
  const columns = [...new Set([...rows.values()].flatMap((row) => Object.keys(row)))];
  return { columns, rows: [...rows].map(([key, row]) => [key, ...columns.map((c) => row[c] ?? null)]) };
}

/** The workbook's real path: symlinks resolved, also for a workbook not yet created (its folder's real path). */
export async function realWorkbookPath(localStore: string): Promise<string> {
  const absolute = resolve(localStore);
  const real = await realpath(absolute).catch(() => null);
  if (real) return real;
  const folder = await realpath(dirname(absolute)).catch(() => dirname(absolute));
  return join(folder, basename(absolute));
}

export async function syncStatePath(localStore: string, spreadsheetId: string): Promise<string> {
  const real = await realWorkbookPath(localStore);
  return join(dirname(real), '.sync', `${basename(real)}.${spreadsheetId}.json`);
}

/** One line of the change log: rows set to these values (null: removed), and the tabs' sheet ids then. */
interface LogLine {
  syncedAt: string;
  sheetIds: Record<string, number>;
  rows: Record<string, Record<string, Row | null>>;
}

const logPath = (path: string): string => `${path}.log`;

/** An absent or unreadable file is an empty base: every difference then counts as a conflict, never as an overwrite. */
export async function loadSyncBase(path: string): Promise<SyncState & { note: string | null }> {
  const empty = { base: new Map(), sheetIds: new Map(), note: null };
  const bytes = await readFile(path).catch(() => null);
  const log = await readFile(logPath(path), 'utf8').catch(() => '');
  if (bytes === null && log === '') return empty;
  try {
    const text = bytes === null ? null : (GZIP_MAGIC.every((b, i) => bytes[i] === b) ? gunzipSync(bytes) : bytes).toString('utf8');
    const file = (text === null ? { tabs: {} } : JSON.parse(text)) as SyncFile;
    // Logged rows carry today's keys: the file's rows are keyed again first.
    const base = rekeyBase(fileRows(file));
    let sheetIds = new Map(Object.entries(file.sheetIds ?? {}));
    const lines = log.split('\n');
    lines.forEach((json, i) => {
      if (json === '') return;
      let line: LogLine;
      try {
        line = JSON.parse(json) as LogLine;
      } catch (error) {
        // Only the last line may be cut short (a crash while it was written).
        if (i === lines.length - 1) return;
        throw error;
      }
      sheetIds = new Map(Object.entries(line.sheetIds));
      for (const [tab, rows] of Object.entries(line.rows)) {
        const into = base.get(tab) ?? base.set(tab, new Map()).get(tab)!;
        for (const [key, row] of Object.entries(rows)) {
          if (row === null) into.delete(key);
          else into.set(key, row);
        }
      }
    });
    return { base, sheetIds, note: null };
  } catch {
    return {
      ...empty,
      note: `Tệp trạng thái đồng bộ "${path}" bị hỏng; coi như chưa đồng bộ lần nào (mọi khác biệt được báo là xung đột, không ghi đè).`,
    };
  }
}

const sameRow = (a: Row, b: Row): boolean => {
  for (const k of Object.keys(a)) if ((a[k] ?? null) !== (b[k] ?? null)) return false;
  for (const k of Object.keys(b)) if ((a[k] ?? null) !== (b[k] ?? null)) return false;
  return true;
};

/** The rows of `next` that differ from `previous` (null: gone); empty when nothing changed. */
function changedRows(previous: SyncBase, next: SyncBase): LogLine['rows'] {
  const rows: LogLine['rows'] = {};
  for (const tab of new Set([...previous.keys(), ...next.keys()])) {
    const before = previous.get(tab) ?? new Map<string, Row>();
    const after = next.get(tab) ?? new Map<string, Row>();
    const changed: Record<string, Row | null> = {};
    for (const [key, row] of after) {
      const old = before.get(key);
      if (!old || !sameRow(old, row)) changed[key] = row;
    }
    for (const key of before.keys()) if (!after.has(key)) changed[key] = null;
    if (Object.keys(changed).length > 0) rows[tab] = changed;
  }
  return rows;
}

const sameIds = (a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): boolean =>
  a.size === b.size && [...a].every(([k, v]) => b.get(k) === v);

/** The change log may grow to this share of the file (and at least LOG_MIN bytes) before the file is written anew. */
const LOG_SHARE = 0.25;
const LOG_MIN = 64 * 1024;

/**
 * Records the base after a sync. `previous`: the base as loaded before it (what
 * the file and its log hold now, updated to `state` once saved): only the rows
 * that changed since are written, nothing at all when none did.
 */
export async function saveSyncBase(
  path: string,
  spreadsheetId: string,
  workbook: string,
  state: SyncState,
  previous?: SyncState,
  now = new Date(),
): Promise<void> {
  const size = previous
    ? await stat(path).then(
        (s) => s.size,
        () => null,
      )
    : null;
  if (previous && size !== null) {
    const rows = changedRows(previous.base, state.base);
    if (Object.keys(rows).length === 0 && sameIds(previous.sheetIds, state.sheetIds)) return;
    const line: LogLine = { syncedAt: now.toISOString(), sheetIds: Object.fromEntries(state.sheetIds), rows };
    const logged = await appendDurable(logPath(path), `${JSON.stringify(line)}\n`);
    // What is on disk now: a second save in the same command logs against it.
    Object.assign(previous, { base: state.base, sheetIds: state.sheetIds });
    if (logged <= Math.max(LOG_MIN, size * LOG_SHARE)) return;
  }
  const file: SyncFile = {
    spreadsheetId,
    workbook,
    syncedAt: now.toISOString(),
    sheetIds: Object.fromEntries(state.sheetIds),
    version: 2,
    tabs: Object.fromEntries([...state.base].map(([tab, rows]) => [tab, compactRows(rows)])),
  };
  await writeFileDurable(path, gzipSync(JSON.stringify(file)));
  // The file now holds everything the log did (replaying it again would change nothing).
  await rm(logPath(path), { force: true });
}

/** What was last synced between one workbook and one sheet, as a sync use-case loads and saves it. */
export interface SyncRecord {
  /** The base and sheet ids; `note` says the file was unreadable and the base starts empty. */
  load(): Promise<SyncState & { note: string | null }>;
  /** Records the base after a sync: only what changed since it was loaded (or last saved) is written. */
  save(state: SyncState): Promise<void>;
}

/** The record beside the workbook at `localStore` for the sheet `spreadsheetId`; its paths are fixed when it is loaded. */
export function syncRecord(localStore: string, spreadsheetId: string): SyncRecord {
  let loaded: { path: string; workbook: string; state: SyncState } | undefined;
  return {
    async load() {
      const workbook = await realWorkbookPath(localStore);
      const path = await syncStatePath(localStore, spreadsheetId);
      const state = await loadSyncBase(path);
      loaded = { path, workbook, state };
      return state;
    },
    async save(state) {
      if (!loaded) throw new Error('syncRecord: save before load');
      await saveSyncBase(loaded.path, spreadsheetId, loaded.workbook, state, loaded.state);
    },
  };
}

/** Appends `text` and flushes it to disk; a link at the log's name is refused, not followed. Returns the log's size. */
async function appendDurable(path: string, text: string): Promise<number> {
  const handle = await open(path, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | (constants.O_NOFOLLOW ?? 0), 0o600);
  try {
    await handle.write(text);
    await handle.sync();
    return (await handle.stat()).size;
  } finally {
    await handle.close();
  }
}
