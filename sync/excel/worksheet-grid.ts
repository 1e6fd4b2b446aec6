/**
 * A worksheet as the plain grid the appendix parser reads. Merged cells: a
 * horizontally merged section row keeps its text once (in the first cell), while
 * a vertically merged cell (one unit leading several tasks) repeats in each row.
 */
import type ExcelJS from 'exceljs';
import { nfcMultiline, type GridRow } from '../../core/index';
import { plainValue } from './cell-value';

function cellText(cell: ExcelJS.Cell): string {
  const master = cell.master;
  if (master !== cell && master.row === cell.row) return '';
  // Date cells (and formulas giving dates) read as the day they show, as officials write deadlines.
  const value = plainValue(master.value);
  if (value === null) return '';
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

export function worksheetGrid(ws: ExcelJS.Worksheet): GridRow[] {
  const grid: GridRow[] = [];
  const width = ws.columnCount;
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let c = 1; c <= width; c++) cells.push(cellText(row.getCell(c)));
    grid.push({ row: rowNumber, cells, bold: isBold(row) });
  });
  return grid;
}
