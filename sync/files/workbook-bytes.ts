/**
 * A workbook's .xlsx bytes, with the keywords that mark a command's output (files/output-guard). No Node here: the
 * menu's export dialog builds the same bytes in the official's browser (apps-script/src/export-dialog.ts).
 */
import type ExcelJS from 'exceljs';

export async function workbookBytes(workbook: ExcelJS.Workbook, keywords?: string): Promise<Uint8Array> {
  if (keywords !== undefined) workbook.keywords = keywords;
  return new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}
