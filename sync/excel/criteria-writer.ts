/**
 * The self-scoring table (biểu tự chấm điểm) an official sends with the evidence:
 * one row per area, group and criterion, sub-totals in bold, each evidence link a
 * clickable hyperlink on its own line.
 */
import ExcelJS from 'exceljs';
import {
  formatVn,
  indexScoreText,
  indexStanding,
  periodName,
  wardHeading,
  type Criterion,
  type IndexSummary,
  type Period,
  type WardName,
} from '../../core/index';
import { OFFICIAL_FONT, officialPageSetup, printReady, THIN_BORDER } from './official-style';

const HEADERS = [
  { header: 'Mã tiêu chí', width: 9 },
  { header: 'Lĩnh vực, tiêu chí', width: 46 },
  { header: 'Điểm tối đa', width: 9 },
  { header: 'Điểm tự chấm', width: 9 },
  { header: 'Cơ quan chủ trì', width: 24 },
  { header: 'Tài liệu kiểm chứng', width: 44 },
  { header: 'Giải trình', width: 28 },
];

export function criteriaWorkbook(criteria: readonly Criterion[], summary: IndexSummary, period: Period, ward: WardName): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'cchc-sheets';
  const ws = workbook.addWorksheet('Tự chấm điểm');
  ws.columns = HEADERS.map((h) => ({ width: h.width, style: { font: OFFICIAL_FONT, alignment: { vertical: 'top', wrapText: true } } }));
  const titles = [
    `BIỂU TỰ CHẤM ĐIỂM CHỈ SỐ CẢI CÁCH HÀNH CHÍNH${ward.name ? ` CỦA ${wardHeading(ward)}` : ''}`,
    `Kỳ đánh giá: ${periodName(period)}${summary.deadline ? ` — hạn gửi ${formatVn(summary.deadline)}` : ''}`,
    `Tổng điểm tự chấm: ${indexScoreText(summary)}; ${indexStanding(summary).text}`,
  ];
  titles.forEach((t, i) => {
    ws.getCell(i + 1, 1).value = t;
    ws.getCell(i + 1, 1).font = { ...OFFICIAL_FONT, bold: i !== 1 };
    ws.getCell(i + 1, 1).alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    ws.mergeCells(i + 1, 1, i + 1, HEADERS.length);
  });
  const headerRow = 5;
  HEADERS.forEach((h, i) => {
    const cell = ws.getRow(headerRow).getCell(i + 1);
    cell.value = h.header;
    cell.font = { ...OFFICIAL_FONT, bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = THIN_BORDER;
  });
  const groupScore = (code: string): number =>
    criteria
      .filter((c) => !c.group && c.code.startsWith(`${code}.`))
      .reduce((s, c) => s + Math.min(Math.max(c[summary.scoreColumn] ?? 0, 0), c.maxPoints ?? 0), 0);

  let r = headerRow + 1;
  for (const c of criteria) {
    const links = c.evidence;
    // One sheet row per evidence link, so every link is its own clickable cell.
    const span = Math.max(1, links.length);
    const score = c.group ? Math.round(groupScore(c.code) * 100) / 100 : c[summary.scoreColumn];
    const values = [c.code, c.title, c.maxPoints, score, c.lead, null, c.explanation];
    for (let i = 0; i < span; i++) {
      const row = ws.getRow(r + i);
      values.forEach((v, col) => {
        const cell = row.getCell(col + 1);
        if (i === 0) cell.value = v;
        cell.border = THIN_BORDER;
        if (c.group) cell.font = { ...OFFICIAL_FONT, bold: true };
      });
      const link = links[i];
      // "Quyết định 12/QĐ-UBND (https://…)": a link cell read from a scoring table, its text and address.
      const named = link?.match(/^(.*\S)\s+\((https?:\/\/[^\s)]+)\)$/);
      if (link)
        row.getCell(6).value = named
          ? { text: named[1]!, hyperlink: named[2]! }
          : /^https?:\/\//.test(link)
            ? { text: link, hyperlink: link }
            : link;
    }
    if (span > 1) for (const col of [1, 2, 3, 4, 5, 7]) ws.mergeCells(r, col, r + span - 1, col);
    r += span;
  }
  const total = ws.getRow(r);
  total.getCell(2).value = 'TỔNG CỘNG';
  total.getCell(3).value = summary.total.max;
  total.getCell(4).value = summary.total.score;
  total.font = { ...OFFICIAL_FONT, bold: true };
  for (let col = 1; col <= HEADERS.length; col++) total.getCell(col).border = THIN_BORDER;
  officialPageSetup(ws, headerRow);
  return printReady(workbook);
}
