/**
 * The journal of officials' edits in the shared sheet. The Apps Script's onEdit
 * appends one line per edited cell to a hidden tab; the sync reads it with the
 * rest of the sheet. Sheets has no conditional write, so a cell an official types
 * between the sync's read and its write would be overwritten unseen: the journal
 * shows the edit, and the sync puts the official's value back and reports the
 * conflict.
 */
import type { CellValue, Row, TabSpec } from '../layout/columns';
import { tabByKey, TABS } from '../layout/tabs';
import { rowIdentity, sameCell } from './row-identity';
import type { CellUpdate } from './three-way-merge';

export const JOURNAL_TAB = 'CCHC – nhật ký sửa (không sửa)';
/** Lines kept: the newest, far more than any sync's write window needs. */
export const JOURNAL_MAX_LINES = 2_000;
/** Cells journaled per edit: a paste of a whole tab is a deliberate rewrite, not a race. */
export const JOURNAL_MAX_CELLS_PER_EDIT = 500;
export const JOURNAL_HEADER = ['Thời điểm (ms)', 'Trang', 'Dòng', 'Cột', 'Giá trị'] as const;

export interface JournalEdit {
  /** Milliseconds since the epoch, by Google's clock. */
  at: number;
  tab: string;
  /** The row's identity, as the merge keys rows. */
  key: string;
  column: string;
  value: CellValue;
}

/** The journal lines for edited rows: every layout column of `columns` in each row that has an identity. */
export function journalEdits(tab: TabSpec, rows: readonly Row[], columns: readonly string[], at: number): JournalEdit[] {
  const edits: JournalEdit[] = [];
  for (const row of rows) {
    const key = rowIdentity(tab, row);
    if (key === null) continue;
    for (const column of columns) {
      if (edits.length >= JOURNAL_MAX_CELLS_PER_EDIT) return edits;
      edits.push({ at, tab: tab.key, key, column, value: row[column] ?? null });
    }
  }
  return edits;
}

/** A line of the journal tab; the value as JSON, so text, numbers and dates come back as they were. */
export function journalLine(edit: JournalEdit): [number, string, string, string, string] {
  return [edit.at, edit.tab, edit.key, edit.column, JSON.stringify(edit.value)];
}

/** The journal's lines, oldest first; a line that is not one (a header, a damaged cell) is passed over. */
export function parseJournal(grid: readonly (readonly unknown[])[]): JournalEdit[] {
  const edits: JournalEdit[] = [];
  for (const [at, tab, key, column, value] of grid) {
    if (typeof at !== 'number' || typeof value !== 'string') continue;
    const spec = TABS.find((t) => t.key === tab);
    if (!spec || !spec.columns.some((c) => c.key === column) || typeof key !== 'string' || key === '') continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(value);
    } catch {
      continue;
    }
    if (parsed !== null && !['string', 'number', 'boolean'].includes(typeof parsed)) continue;
    edits.push({ at, tab: spec.key, key, column: String(column), value: parsed as CellValue });
  }
  return edits;
}

const lineId = (e: JournalEdit): string => JSON.stringify(journalLine(e));

/**
 * Cells the sync wrote over an official's edit. `before` is the journal when the
 * write was planned, `after` the journal and `sheetNow` the sheet's cells read
 * after it. A cell whose newest new journal line differs from what was written,
 * while the sheet now shows what was written, was typed in the window and
 * overwritten: the returned updates put the official's value back.
 */
export function overwrittenEdits(
  before: readonly JournalEdit[],
  after: readonly JournalEdit[],
  written: ReadonlyMap<string, readonly CellUpdate[]>,
  sheetNow: (tab: string, key: string, column: string) => CellValue | undefined,
): Map<string, CellUpdate[]> {
  const seen = new Set(before.map(lineId));
  const newest = new Map<string, JournalEdit>();
  for (const e of after) if (!seen.has(lineId(e))) newest.set(JSON.stringify([e.tab, e.key, e.column]), e);
  const restore = new Map<string, CellUpdate[]>();
  if (newest.size === 0) return restore;
  for (const [tab, updates] of written) {
    const spec = tabByKey(tab);
    for (const u of updates) {
      const edit = newest.get(JSON.stringify([tab, u.key, u.column]));
      if (!edit) continue;
      const column = spec.columns.find((c) => c.key === u.column)!;
      if (sameCell(column, sheetNow(tab, u.key, u.column), u.value) && !sameCell(column, edit.value, u.value)) {
        restore.set(tab, [...(restore.get(tab) ?? []), { key: u.key, column: u.column, value: edit.value }]);
      }
    }
  }
  return restore;
}
