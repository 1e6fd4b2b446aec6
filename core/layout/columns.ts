/**
 * The shared sheet's layout, described once: every adapter (local xlsx store,
 * Sheets API store, Apps Script handlers) lays out and reads tabs from these specs.
 */

/** A cell as adapters exchange it: dates travel as ISO `yyyy-MM-dd` strings. */
export type CellValue = string | number | boolean | null;
export type Row = Record<string, CellValue>;

export type ColumnType = 'text' | 'number' | 'date';

/**
 * Who owns a column: `catalog` columns come from the plan's appendix (imports
 * update them), `tracking` columns are the officials' (never overwritten), and
 * `computed` columns are derived and rewritten freely.
 */
export type ColumnOwner = 'catalog' | 'tracking' | 'computed' | 'key';

export interface ColumnSpec {
  key: string;
  /** Vietnamese header officials see. */
  header: string;
  type: ColumnType;
  owner: ColumnOwner;
  /** Column width in characters, for xlsx and Sheets layouts. */
  width: number;
  /** Allowed values, shown as a dropdown. */
  choices?: readonly string[];
  /** Dropdown filled from another tab's column (e.g. unit names). */
  choicesFrom?: { tab: string; column: string };
  /** Long text: wrap in the sheet. */
  wrap?: boolean;
  /** Kept for code (stable keys) but hidden from officials. */
  hidden?: boolean;
  /** Headers this column had in earlier versions, so older workbooks still read. */
  formerHeaders?: readonly string[];
  /**
   * A count of a per-period log that is a level on a day (procedures with fees, capital allocated), not a flow over
   * the period (dossiers received): a longer period takes its latest value instead of the sum (`sumCounts`).
   */
  stock?: boolean;
}

export interface TabSpec {
  key: string;
  /** Tab name officials see. */
  name: string;
  columns: readonly ColumnSpec[];
  /** Rows frozen at the top (the header). */
  frozenRows: number;
  /**
   * What makes two rows the same row when syncing, for tabs without a `key`
   * column (logs): e.g. a documents row is one unit's counts for one period.
   */
  identity?: readonly string[];
}

export function col(
  key: string,
  header: string,
  type: ColumnType,
  owner: ColumnOwner,
  width: number,
  extra: Partial<Pick<ColumnSpec, 'choices' | 'choicesFrom' | 'wrap' | 'hidden' | 'stock'>> = {},
): ColumnSpec {
  return { key, header, type, owner, width, ...extra };
}

/** The matching keys a header cell may have for this column: its header, then former ones. */
export function headerKeys(column: ColumnSpec, key: (text: string) => string): string[] {
  return [column.header, ...(column.formerHeaders ?? [])].map(key);
}

/** Column letter(s) for a 0-based index: 0 → A, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}
