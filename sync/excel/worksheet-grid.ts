/**
 * A worksheet as the plain grid the appendix parser reads. Merged cells: a
 * horizontally merged section row keeps its text once (in the first cell), while
 * a vertically merged cell (one unit leading several tasks) repeats in each row.
 */
import type ExcelJS from 'exceljs';
import { nfcMultiline, type GridRow } from '../../core/index';
import { errorText, plainValue } from './cell-value';

function cellText(cell: ExcelJS.Cell): string {
  const master = cell.master;
  if (master !== cell && master.row === cell.row) return '';
  // A formula error (#REF!) shows as written, so a row numbered by one is reported, not read as unnumbered.
  const error = errorText(master.value);
  if (error) return error;
  const value = plainValue(master.value);
  if (value === null) return '';
  // Date cells (and formulas giving dates) read as the day they show, as officials write deadlines.
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const [y, m, d] = value.split('-');
    return `${d}/${m}/${y}`;
  }
  return nfcMultiline(String(value));
}

/** Section rows are bold from their first cells; looking only there keeps the scan cheap. */
function isBold(row: ExcelJS.Row): boolean {
  for (let c = 1; c <= 3; c++) {
    const cell = row.getCell(c);
    if (cell.font?.bold) return true;
    const v = cell.value;
    if (v && typeof v === 'object' && 'richText' in v && v.richText.some((p) => p.font?.bold)) return true;
  }
  return false;
}

/** One row of the grid; `width` cells (a streamed row knows only its own width). */
export function gridRow(row: ExcelJS.Row, rowNumber: number, width: number): GridRow {
  const cells: string[] = [];
  for (let c = 1; c <= width; c++) cells.push(cellText(row.getCell(c)));
  return { row: rowNumber, cells, bold: isBold(row) };
}

export function worksheetGrid(ws: ExcelJS.Worksheet): GridRow[] {
  const grid: GridRow[] = [];
  const width = ws.columnCount;
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    grid.push(gridRow(row, rowNumber, width));
  });
  return grid;
}
