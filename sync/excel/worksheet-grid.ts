/**
 * A worksheet as the plain grid the appendix parser reads. Merged cells: a
 * horizontally merged section row keeps its text once (in the first cell), while
 * a vertically merged cell (one unit leading several tasks) repeats in each row.
 */
import type ExcelJS from 'exceljs';
import { nfcMultiline, type GridRow } from '../../core/index';
import { errorText, plainValue } from './cell-value';

/** The address of a hyperlink cell, if it is one. */
function linkOf(cell: ExcelJS.Cell): string | undefined {
  const v = cell.master.value;
  return v && typeof v === 'object' && 'hyperlink' in v && v.hyperlink ? v.hyperlink : undefined;
}

function cellText(cell: ExcelJS.Cell): string {
  const master = cell.master;
  if (master !== cell && master.row === cell.row) return '';
  const raw = master.value;
  // A formula error (#REF!) shows as written, so a row numbered by one is reported, not read as unnumbered.
  const error = errorText(raw);
  if (error) return error;
  // A link cell reads as the text it shows (its address travels separately, GridRow.links); date cells read as
  // the day they show, as officials write deadlines.
  const value =
    raw && typeof raw === 'object' && 'hyperlink' in raw ? plainValue(raw.text as ExcelJS.CellValue) || raw.hyperlink : plainValue(raw);
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

/** One row of the grid; `width` cells (a streamed row knows only its own width). */
/** One row as the parser reads it (the loading and the streaming readers alike), with the links its cells hold. */
export function gridRow(row: ExcelJS.Row, rowNumber: number, width: number): GridRow {
  const cells: string[] = [];
  let links: (string | undefined)[] | undefined;
  let spans: (number | undefined)[] | undefined;
  for (let c = 1; c <= width; c++) {
    const cell = row.getCell(c);
    cells.push(cellText(cell));
    const link = linkOf(cell);
    if (link && cells[c - 1] !== '') (links ??= [])[c - 1] = link;
    // A merged range across columns: the core tells a title merged over the row from a value by it.
    if (cell.isMerged && cell.master === cell) {
      let end = c;
      while (end < width && row.getCell(end + 1).master === cell) end++;
      if (end > c) (spans ??= [])[c - 1] = end - c + 1;
    }
  }
  return { row: rowNumber, cells, bold: isBold(row), ...(links ? { links } : {}), ...(spans ? { spans } : {}) };
}

export function worksheetGrid(ws: ExcelJS.Worksheet): GridRow[] {
  const grid: GridRow[] = [];
  const width = ws.columnCount;
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    grid.push(gridRow(row, rowNumber, width));
  });
  return grid;
}
