/** Formatting of documents officials send: Times New Roman, thin borders, wrapped text, A4 landscape. */
import type ExcelJS from 'exceljs';
import { fitRowHeights } from './row-height';

export const OFFICIAL_FONT = { name: 'Times New Roman', size: 12 } as const;

export const THIN_BORDER: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};

/** "Trang 2/5", centred in the footer of every printed page. */
export const PAGE_FOOTER = '&C&"Times New Roman,Regular"&11Trang &P/&N';

/**
 * A4 landscape fitted to the page width, page numbers in the footer, and the
 * header row (`headerRow`, or none for a cover) repeated on every printed page.
 */
export function officialPageSetup(ws: ExcelJS.Worksheet, headerRow: number | null): void {
  ws.pageSetup = {
    paperSize: 9, // A4
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.7, header: 0.3, footer: 0.3 },
    ...(headerRow === null ? {} : { printTitlesRow: `${headerRow}:${headerRow}` }),
  };
  ws.headerFooter = { oddFooter: PAGE_FOOTER, evenFooter: PAGE_FOOTER };
  if (headerRow !== null) ws.views = [{ state: 'frozen', ySplit: headerRow }];
}

/** Last step of every writer: rows as tall as their wrapped text, so nothing prints on top of anything else. */
export function printReady(workbook: ExcelJS.Workbook): ExcelJS.Workbook {
  for (const ws of workbook.worksheets) fitRowHeights(ws);
  return workbook;
}
