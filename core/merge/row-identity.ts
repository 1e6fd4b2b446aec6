/**
 * Which row is which when the same tab lives in two places (the local workbook
 * and the shared sheet). Rows are matched by identity, never by position:
 * officials sort, insert and delete rows freely.
 */
import { parseDateText } from '../layout/codec';
import { parsePeriod } from '../periods/period';
import { parseVnNumber } from '../text/number';
import type { CellValue, ColumnSpec, Row, TabSpec } from '../layout/columns';
import { nfcMultiline } from '../text/vietnamese';

/** Adapters may carry a row's identity here (the Sheets store reads it from row developer metadata). */
export const ROW_KEY = '_key';

export function identityColumns(tab: TabSpec): readonly string[] {
  return tab.identity ?? tab.columns.filter((c) => c.owner === 'key').map((c) => c.key);
}

/** A cell's value in a form that compares equal across stores ("1" typed as text vs 1, "15/01/2026" vs ISO). */
export function cellKey(column: ColumnSpec, value: CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (column.type === 'number') {
    const n = parseVnNumber(value);
    if (n !== undefined && n !== null) return String(n);
  }
  if (column.type === 'date') {
    const d = parseDateText(value);
    if (d) return d;
  }
  return nfcMultiline(String(value)).trim();
}

export function sameCell(column: ColumnSpec, a: CellValue | undefined, b: CellValue | undefined): boolean {
  return a === b || cellKey(column, a) === cellKey(column, b);
}

/**
 * The identity cells' keys, compared by meaning wherever two rows are matched (a
 * sync, an import, a duplicate check, the sheet's edit journal): a period by the
 * period it names ("Quý I/2026" and "2026-Q1" are one), officials' text without
 * regard to case; an id the system issued (a task's) exactly.
 */
function identityParts(tab: TabSpec, row: Row): string[] {
  return identityColumns(tab).map((key) => {
    const value = row[key];
    if (key === 'period' && typeof value === 'string') {
      const period = parsePeriod(value);
      if (period) return period.label;
    }
    const column = tab.columns.find((c) => c.key === key)!;
    const text = cellKey(column, value);
    return column.owner === 'key' ? text : text.toLocaleLowerCase('vi');
  });
}

/** The row's key: its identity cells as compared (blank ones included). */
export function rowKey(tab: TabSpec, row: Row): string {
  return identityParts(tab, row).join(' | ');
}

/** The row's identity, or null for a row that has none (e.g. a task typed without an id). */
export function rowIdentity(tab: TabSpec, row: Row): string | null {
  const carried = row[ROW_KEY];
  if (typeof carried === 'string' && carried !== '') return carried;
  const parts = identityParts(tab, row);
  return parts.every((p) => p === '') ? null : parts.join(' | ');
}

/** Rows by identity; a repeated identity (two identical log lines) gets "#2", "#3" in order. */
export function indexRows(tab: TabSpec, rows: readonly Row[]): Map<string, Row> {
  const index = new Map<string, Row>();
  for (const row of rows) {
    const id = rowIdentity(tab, row);
    if (id === null) continue;
    let key = id;
    for (let n = 2; index.has(key); n++) key = `${id}#${n}`;
    index.set(key, row);
  }
  return index;
}
