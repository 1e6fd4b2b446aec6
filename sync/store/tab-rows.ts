/** A store sheet's rows as a tab's plain rows, the same for a loaded worksheet (xlsx-store) and a streamed one (stream-tabs). */
import type ExcelJS from 'exceljs';
import { columnsByHeader, ROW_NUMBER, type CellValue, type ColumnSpec, type Row, type TabSpec } from '../../core/index';
import { linkAddress, plainValue } from '../excel/cell-value';

/** Evidence columns hold links: a link cell an official made in Excel reads as its address there, as its text elsewhere. */
export function cellPlain(value: ExcelJS.CellValue, column: ColumnSpec): CellValue {
  return (column.key === 'evidence' ? linkAddress(value) : null) ?? plainValue(value, column);
}

/**
 * A header row's texts, by column (0-based), as the tab's columns are found by. `eachCell` hands over each cell that
 * holds something (as exceljs's Row.eachCell does), with its 1-based column.
 */
export function rowTexts(eachCell: (visit: (value: ExcelJS.CellValue, colNumber: number) => void) => void): string[] {
  const texts: string[] = [];
  eachCell((value, colNumber) => (texts[colNumber - 1] = String(plainValue(value) ?? '')));
  return Array.from(texts, (text) => text ?? '');
}

/** A loaded worksheet row's cells, for rowTexts. */
export const loadedCells =
  (row: ExcelJS.Row) =>
  (visit: (value: ExcelJS.CellValue, colNumber: number) => void): void =>
    row.eachCell((cell, colNumber) => visit(cell.value, colNumber));

/** Column keys → 1-based column numbers, from the header's texts. */
export function headerColumns(tab: TabSpec, texts: readonly string[]): Map<string, number> {
  return new Map([...columnsByHeader(tab, [...texts])].map(([key, index]) => [key, index + 1]));
}

/** One sheet row (`valueAt` gives a cell's value by 1-based column) as a tab's row; null for a row with none of the tab's columns filled. */
export function plainRow(
  tab: TabSpec,
  columns: ReadonlyMap<string, number>,
  valueAt: (colNumber: number) => ExcelJS.CellValue,
  rowNumber: number,
): Row | null {
  const out: Row = { [ROW_NUMBER]: rowNumber };
  let any = false;
  for (const c of tab.columns) {
    const colNumber = columns.get(c.key);
    const value = colNumber ? cellPlain(valueAt(colNumber), c) : null;
    if (value !== null && value !== '') any = true;
    out[c.key] = value;
  }
  return any ? out : null;
}
