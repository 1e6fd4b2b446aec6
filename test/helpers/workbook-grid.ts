/** A workbook built with exceljs in a test, saved as an official's file would be and read back by the core's one reader. */
import type ExcelJS from 'exceljs';
import { readTableFile, type GridRow } from '../../core/index';

export async function workbookGrid(workbook: ExcelJS.Workbook, sheet: string): Promise<GridRow[]> {
  const read = readTableFile('phu-luc.xlsx', new Uint8Array(await workbook.xlsx.writeBuffer()));
  if (!read.ok) throw new Error(read.message);
  const found = read.sheets.find((s) => s.sheet === sheet);
  if (!found) throw new Error(`no sheet ${sheet}`);
  return [...found.grid];
}
