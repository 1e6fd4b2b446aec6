/** Formatting of documents officials send: Times New Roman, thin borders, wrapped text, A4 landscape. */
import type ExcelJS from 'exceljs';

export const OFFICIAL_FONT = { name: 'Times New Roman', size: 12 } as const;

export const THIN_BORDER: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};

/** A4 landscape fitted to the page width, header rows repeated on every printed page. */
export function officialPageSetup(ws: ExcelJS.Worksheet, headerRow: number): void {
  ws.pageSetup = {
    paperSize: 9, // A4
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    printTitlesRow: `${headerRow}:${headerRow}`,
  };
  ws.views = [{ state: 'frozen', ySplit: headerRow }];
}
