/**
 * Rows ↔ records. Officials type anything into a sheet, so decoding is lenient:
 * a value that does not fit its column becomes null plus an issue that says which
 * cell to fix, never an exception.
 */
import { parseVnNumber } from '../text/number';
import { nfcMultiline } from '../text/vietnamese';
import type { ValidationIssue } from '../model/issue';
import type { CellValue, ColumnSpec, Row, TabSpec } from './columns';

/** Adapters put the sheet row number here when reading, for issue locations. */
export const ROW_NUMBER = '_row';

export type Decoded = Record<string, string | number | null>;

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** ISO date from an ISO string or a "dd/mm/yyyy" text; undefined when unreadable. */
export function parseDateText(value: CellValue): string | null | undefined {
  if (value === null || value === '') return null;
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  const isoMatch = text.match(/^(\d{4})-(\d{2})-(\d{2})/);
  const vnMatch = isoMatch ? null : text.match(/^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/);
  if (!isoMatch && !vnMatch) return undefined;
  const [y, m, d] = isoMatch
    ? [Number(isoMatch[1]), Number(isoMatch[2]), Number(isoMatch[3])]
    : [Number(vnMatch![3]), Number(vnMatch![2]), Number(vnMatch![1])];
  // Rejects 31/02 and the like: the Date rolls over into another month.
  const date = new Date(y, m - 1, d);
  if (date.getMonth() !== m - 1 || date.getDate() !== d) return undefined;
  return `${y}-${pad2(m)}-${pad2(d)}`;
}

export function decodeCell(value: CellValue | undefined, column: ColumnSpec): { value: string | number | null; ok: boolean } {
  const v = value ?? null;
  switch (column.type) {
    case 'text':
      return { value: v === null ? '' : nfcMultiline(String(v)), ok: true };
    case 'number': {
      const n = parseVnNumber(v);
      return n === undefined ? { value: null, ok: false } : { value: n, ok: true };
    }
    case 'date': {
      const d = parseDateText(v);
      return d === undefined ? { value: null, ok: false } : { value: d, ok: true };
    }
  }
}

export function rowNumberOf(row: Row, index: number, tab: TabSpec): number {
  const n = row[ROW_NUMBER];
  return typeof n === 'number' ? n : index + tab.frozenRows + 1;
}

/** Decodes a tab's rows, skipping blank ones, and reports cells of the wrong type. */
/** A row with every column of the tab blank: decodeRows makes no record of it. */
export function isBlankRow(tab: TabSpec, row: Row): boolean {
  return tab.columns.every((c) => row[c.key] === null || row[c.key] === undefined || row[c.key] === '');
}

export function decodeRows(tab: TabSpec, rows: readonly Row[]): { records: Decoded[]; rowNumbers: number[]; issues: ValidationIssue[] } {
  const records: Decoded[] = [];
  const rowNumbers: number[] = [];
  const issues: ValidationIssue[] = [];
  // Logs repeat short values (units, kinds, dates) across thousands of rows: decode each once per column.
  const caches = tab.columns.map(() => new Map<string, { value: string | number | null; ok: boolean }>());
  const decode = (value: CellValue | undefined, column: ColumnSpec, c: number) => {
    if (typeof value !== 'string' || value.length > 64) return decodeCell(value, column);
    const cache = caches[c]!;
    let hit = cache.get(value);
    if (!hit) {
      hit = decodeCell(value, column);
      cache.set(value, hit);
    }
    return hit;
  };
  rows.forEach((row, index) => {
    if (isBlankRow(tab, row)) return;
    const rowNumber = rowNumberOf(row, index, tab);
    const record: Decoded = {};
    for (let c = 0; c < tab.columns.length; c++) {
      const column = tab.columns[c]!;
      const { value, ok } = decode(row[column.key], column, c);
      record[column.key] = value;
      if (!ok) {
        issues.push({
          tab: tab.key,
          row: rowNumber,
          column: column.key,
          code: column.type === 'date' ? 'DATE_INVALID' : 'NUMBER_INVALID',
          severity: 'error',
          message:
            column.type === 'date'
              ? `"${String(row[column.key])}" không phải ngày hợp lệ. Nhập ngày dạng dd/mm/yyyy.`
              : `"${String(row[column.key])}" không phải số. Nhập một số, ví dụ 50.`,
        });
      }
    }
    records.push(record);
    rowNumbers.push(rowNumber);
  });
  return { records, rowNumbers, issues };
}

/** Encodes records as rows in column order; unknown keys are dropped. */
export function encodeRows(tab: TabSpec, records: readonly Record<string, unknown>[]): Row[] {
  return records.map((record) => encodeRow(tab, record));
}

/** The tab's columns of one record, in the tab's order; a field it lacks is a blank cell. */
export function encodeRow(tab: TabSpec, record: object): Row {
  const row: Row = {};
  for (const column of tab.columns) {
    const v = (record as Record<string, unknown>)[column.key];
    row[column.key] = v === undefined ? null : (v as CellValue);
  }
  return row;
}

export function str(record: Decoded, key: string): string {
  const v = record[key];
  return v === null || v === undefined ? '' : String(v);
}

export function num(record: Decoded, key: string): number | null {
  const v = record[key];
  return typeof v === 'number' ? v : null;
}
