/**
 * What was last synced between a local workbook and a shared sheet: the base of
 * the three-way merge, and the sheet id of each tab (a renamed tab keeps its id).
 * Kept beside the workbook, one file per workbook and sheet
 * (data/.sync/<workbook file name>.<sheet id>.json, from the workbook's real
 * path), so a second workbook in the same folder never borrows another's base.
 */
import { readFile, realpath } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
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
  tabs: Record<string, Record<string, Row>>;
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

/** An absent or unreadable file is an empty base: every difference then counts as a conflict, never as an overwrite. */
export async function loadSyncBase(path: string): Promise<SyncState & { note: string | null }> {
  const empty = { base: new Map(), sheetIds: new Map(), note: null };
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return empty;
  }
  try {
    const file = JSON.parse(text) as SyncFile;
    return {
      base: rekeyBase(new Map(Object.entries(file.tabs).map(([tab, rows]) => [tab, new Map(Object.entries(rows))]))),
      sheetIds: new Map(Object.entries(file.sheetIds ?? {})),
      note: null,
    };
  } catch {
    return {
      ...empty,
      note: `Tệp trạng thái đồng bộ "${path}" bị hỏng; coi như chưa đồng bộ lần nào (mọi khác biệt được báo là xung đột, không ghi đè).`,
    };
  }
}

export async function saveSyncBase(
  path: string,
  spreadsheetId: string,
  workbook: string,
  state: SyncState,
  now = new Date(),
): Promise<void> {
  const file: SyncFile = {
    spreadsheetId,
    workbook,
    syncedAt: now.toISOString(),
    sheetIds: Object.fromEntries(state.sheetIds),
    tabs: Object.fromEntries([...state.base].map(([tab, rows]) => [tab, Object.fromEntries(rows)])),
  };
  await writeFileDurable(path, JSON.stringify(file));
}
