/**
 * Writes a plan's task catalog as an official appendix (Phụ lục): title rows, a
 * bold header repeated on every printed page, merged bold section rows, borders,
 * wrapped text, A4 landscape. Strings are written as text cells, so "=…" never
 * becomes a formula. No Node here: the menu's export dialog runs this in the
 * official's browser (apps-script/src/export-dialog.ts); writing to disk is in
 * appendix-file.ts.
 */
import ExcelJS from 'exceljs';
import { appendixColumns, appendixLines, appendixTitleLines, type Plan, type Task } from '../../core/index';
import { OFFICIAL_FONT, officialPageSetup, printReady, THIN_BORDER } from './official-style';

export interface ExportOptions {
  withProgress?: boolean;
}

export function appendixWorkbook(plan: Plan, tasks: readonly Task[], options: ExportOptions = {}): ExcelJS.Workbook {
  const columns = appendixColumns(tasks, options);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'cchc-sheets';
  const ws = workbook.addWorksheet('Phụ lục');
  ws.columns = columns.map((c) => ({ width: c.width, style: { font: OFFICIAL_FONT, alignment: { vertical: 'top', wrapText: true } } }));
  const width = columns.length;

  const titles = appendixTitleLines(plan);
  titles.forEach((text, i) => {
    const row = ws.getRow(i + 1);
    row.getCell(1).value = text;
    row.getCell(1).font = { ...OFFICIAL_FONT, bold: i < 2, italic: i === 2 };
    row.getCell(1).alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    ws.mergeCells(i + 1, 1, i + 1, width);
  });
  const headerRow = titles.length + 2;
  const header = ws.getRow(headerRow);
  columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = { ...OFFICIAL_FONT, bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = THIN_BORDER;
  });

  let r = headerRow + 1;
  for (const line of appendixLines(tasks)) {
    if (line.kind === 'section') {
      const row = ws.getRow(r);
      row.getCell(1).value = line.code;
      row.getCell(2).value = line.title;
      ws.mergeCells(r, 2, r, width);
      for (let c = 1; c <= width; c++) {
        row.getCell(c).font = { ...OFFICIAL_FONT, bold: true };
        row.getCell(c).border = THIN_BORDER;
      }
      r++;
      continue;
    }
    const row = ws.getRow(r++);
    columns.forEach((c, i) => {
      const cell = row.getCell(i + 1);
      cell.value = c.value(line.task);
      cell.border = THIN_BORDER;
      if (i === 0) cell.alignment = { horizontal: 'center', vertical: 'top' };
    });
  }
  officialPageSetup(ws, headerRow);
  return printReady(workbook);
}
