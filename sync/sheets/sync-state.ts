/**
 * What was last synced between a local workbook and a shared sheet: the base of
 * the three-way merge. Kept beside the workbook (data/.sync/<sheet id>.json), per
 * sheet, so a push knows which differences are the officials' edits (kept) and
 * which are the workbook's (written).
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Row } from '../../core/index';

/** Tab key → row identity → the row as last synced. */
export type SyncBase = Map<string, Map<string, Row>>;

interface SyncFile {
  spreadsheetId: string;
  syncedAt: string;
  tabs: Record<string, Record<string, Row>>;
}

export function syncStatePath(localStore: string, spreadsheetId: string): string {
  return join(dirname(localStore), '.sync', `${spreadsheetId}.json`);
}

/** An absent or unreadable file is an empty base: every difference then counts as a conflict, never as an overwrite. */
export async function loadSyncBase(path: string): Promise<{ base: SyncBase; note: string | null }> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return { base: new Map(), note: null };
  }
  try {
    const file = JSON.parse(text) as SyncFile;
    return { base: new Map(Object.entries(file.tabs).map(([tab, rows]) => [tab, new Map(Object.entries(rows))])), note: null };
  } catch {
    return { base: new Map(), note: `Tệp trạng thái đồng bộ "${path}" bị hỏng; coi như chưa đồng bộ lần nào (mọi khác biệt được báo là xung đột, không ghi đè).` };
  }
}

export async function saveSyncBase(path: string, spreadsheetId: string, base: SyncBase, now = new Date()): Promise<void> {
  const file: SyncFile = {
    spreadsheetId,
    syncedAt: now.toISOString(),
    tabs: Object.fromEntries([...base].map(([tab, rows]) => [tab, Object.fromEntries(rows)])),
  };
  await mkdir(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.tmp`;
  await writeFile(temp, JSON.stringify(file));
  await rename(temp, path);
}
