/**
 * The periodic report workbook an official sends, rendered from the core report
 * model (the same one the Word report renders): a cover, the targets table with
 * pass/fail colours, task progress by unit and by section, the overdue and soon-due
 * list, and bar charts of the online-meeting share and task progress. exceljs cannot
 * author native Excel charts, so the charts are data bars (conditional formatting)
 * beside text bars that also print in black and white.
 */
import ExcelJS from 'exceljs';
import { plainText, type PeriodReport, type ReportTable, type Tone } from '../../core/index';
import { OFFICIAL_FONT, officialPageSetup, printReady, THIN_BORDER } from '../excel/official-style';

export const FILL = {
  pass: 'FFC6EFCE',
  fail: 'FFFFC7CE',
  na: 'FFEDEDED',
  header: 'FFDDEBF7',
} as const;

export const fill = (argb: string): ExcelJS.Fill => ({ type: 'pattern', pattern: 'solid', fgColor: { argb } });
export const toneFill = (tone: Tone): ExcelJS.Fill => fill(FILL[tone]);

/** First row of a table sheet's data, under the title (row 1) and the header (row 3). */
export const FIRST_DATA_ROW = 4;

/** One sheet: the table's title, a bold header repeated on every page, its rows with numbers as numbers. */
export function tableSheet(workbook: ExcelJS.Workbook, name: string, table: ReportTable): ExcelJS.Worksheet {
  const ws = workbook.addWorksheet(name);
  ws.columns = table.columns.map((c) => ({
    width: c.width,
    style: { font: OFFICIAL_FONT, alignment: { vertical: 'top', wrapText: true } },
  }));
  ws.getCell('A1').value = table.title;
  ws.getCell('A1').font = { ...OFFICIAL_FONT, bold: true, size: 13 };
  ws.getCell('A1').alignment = { vertical: 'middle', wrapText: true };
  ws.mergeCells(1, 1, 1, table.columns.length);
  const header = ws.getRow(3);
  table.columns.forEach((h, i) => {
    const cell = header.getCell(i + 1);
    cell.value = h.header;
    cell.font = { ...OFFICIAL_FONT, bold: true };
    cell.fill = fill(FILL.header);
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = THIN_BORDER;
  });
  table.rows.forEach((r, i) => {
    const row = ws.getRow(FIRST_DATA_ROW + i);
    // Every column, so that a row shorter than the table (a group label) is still ruled.
    table.columns.forEach((_, col) => {
      const c = r.cells[col] ?? { text: '', value: null };
      const cell = row.getCell(col + 1);
      cell.value = c.link ? { text: c.text, hyperlink: c.link } : c.value !== undefined ? c.value : c.text;
      cell.border = THIN_BORDER;
      if (c.tone) cell.fill = toneFill(c.tone);
      if (r.bold) cell.font = { ...OFFICIAL_FONT, bold: true };
      // Bars are drawn to their length, never wrapped onto a second line.
      if (table.columns[col]!.header === 'Biểu đồ') cell.alignment = { vertical: 'top', wrapText: false };
    });
  });
  if (table.rows.length === 0) ws.getCell(FIRST_DATA_ROW, 1).value = table.empty;
  officialPageSetup(ws, 3);
  return ws;
}

function addDataBar(ws: ExcelJS.Worksheet, ref: string): void {
  ws.addConditionalFormatting({
    ref,
    rules: [
      {
        type: 'dataBar',
        priority: 1,
        minLength: 0,
        maxLength: 100,
        cfvo: [
          { type: 'num', value: 0 },
          { type: 'num', value: 100 },
        ],
        color: { argb: 'FF5B9BD5' },
      } as ExcelJS.DataBarRuleType,
    ],
  });
}

export function reportWorkbook(report: PeriodReport, digitisationScore: number | null): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'cchc-sheets';

  const cover = workbook.addWorksheet('Bìa');
  cover.columns = [
    { width: 45, style: { font: OFFICIAL_FONT, alignment: { horizontal: 'center', vertical: 'top', wrapText: true } } },
    { width: 55, style: { font: OFFICIAL_FONT, alignment: { horizontal: 'center', vertical: 'top', wrapText: true } } },
  ];
  const lines: [string, string, boolean, number][] = [
    [report.authority, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', true, 13],
    [plainText(report.number), 'Độc lập - Tự do - Hạnh phúc', false, 13],
    ['', plainText(report.placeDate), false, 13],
  ];
  lines.forEach(([left, right, bold], i) => {
    const row = cover.getRow(i + 1);
    row.getCell(1).value = left;
    row.getCell(2).value = right;
    row.getCell(1).font = { ...OFFICIAL_FONT, size: 13, bold };
    row.getCell(2).font = { ...OFFICIAL_FONT, size: 13, bold: i < 2, italic: i === 2 };
  });
  const centred: [string, boolean, number][] = [
    ['', false, 12],
    [report.kind, true, 16],
    [report.title.toLocaleUpperCase('vi'), true, 14],
    ['', false, 12],
    ...report.facts.map((f): [string, boolean, number] => [f, false, 13]),
  ];
  centred.forEach(([text, bold, size], i) => {
    const r = lines.length + 1 + i;
    cover.getCell(r, 1).value = text;
    cover.getCell(r, 1).font = { ...OFFICIAL_FONT, bold, size };
    cover.mergeCells(r, 1, r, 2);
  });
  officialPageSetup(cover, null);

  const { targets, progress, alerts, months } = report.tables;
  const ws = tableSheet(workbook, 'Chỉ tiêu', targets);
  const scoreRow = ws.getRow(FIRST_DATA_ROW + targets.rows.length);
  scoreRow.getCell(1).value = 'Điểm chuyển đổi số, giải quyết TTHC (cách tính 766, thang 100)';
  scoreRow.getCell(2).value = digitisationScore;
  scoreRow.font = { ...OFFICIAL_FONT, bold: true };

  const share = progress.columns.findIndex((c) => c.header.startsWith('Tỷ lệ'));
  const col = String.fromCharCode(65 + share);
  addDataBar(
    tableSheet(workbook, 'Tiến độ nhiệm vụ', progress),
    `${col}${FIRST_DATA_ROW}:${col}${FIRST_DATA_ROW + progress.rows.length - 1}`,
  );
  tableSheet(workbook, 'Quá hạn, sắp đến hạn', alerts);
  addDataBar(
    tableSheet(workbook, 'Biểu đồ họp trực tuyến', months),
    `E${FIRST_DATA_ROW}:E${FIRST_DATA_ROW + Math.max(1, months.rows.length) - 1}`,
  );
  return printReady(workbook);
}
