/**
 * The periodic report workbook an official sends: a cover, the targets table with
 * pass/fail colours, task progress by unit and by section, the overdue and soon-due
 * list, and bar charts of the online-meeting share and task progress. exceljs cannot
 * author native Excel charts, so the charts are data bars (conditional formatting)
 * beside text bars that also print in black and white.
 */
import ExcelJS from 'exceljs';
import {
  formatVn,
  meetingMetrics,
  parsePeriod,
  periodName,
  type Meeting,
  type MetricsReport,
  type Period,
  type ProgressCounts,
  type Ratio,
  type Settings,
} from '../../core/index';
import { OFFICIAL_FONT, officialPageSetup, THIN_BORDER } from '../excel/official-style';

export const FILL = {
  pass: 'FFC6EFCE',
  fail: 'FFFFC7CE',
  na: 'FFEDEDED',
  header: 'FFDDEBF7',
} as const;

export const fill = (argb: string): ExcelJS.Fill => ({ type: 'pattern', pattern: 'solid', fgColor: { argb } });
const bar = (percent: number | null): string => (percent === null ? '' : '█'.repeat(Math.round(percent / 5)));

export function tableSheet(
  workbook: ExcelJS.Workbook,
  name: string,
  title: string,
  headers: { header: string; width: number }[],
  rows: (string | number | null)[][],
): ExcelJS.Worksheet {
  const ws = workbook.addWorksheet(name);
  ws.columns = headers.map((h) => ({ width: h.width, style: { font: OFFICIAL_FONT, alignment: { vertical: 'top', wrapText: true } } }));
  ws.getCell('A1').value = title;
  ws.getCell('A1').font = { ...OFFICIAL_FONT, bold: true, size: 13 };
  ws.mergeCells(1, 1, 1, headers.length);
  const header = ws.getRow(3);
  headers.forEach((h, i) => {
    const cell = header.getCell(i + 1);
    cell.value = h.header;
    cell.font = { ...OFFICIAL_FONT, bold: true };
    cell.fill = fill(FILL.header);
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = THIN_BORDER;
  });
  rows.forEach((values, r) => {
    const row = ws.getRow(4 + r);
    values.forEach((v, c) => {
      const cell = row.getCell(c + 1);
      cell.value = v;
      cell.border = THIN_BORDER;
    });
  });
  officialPageSetup(ws, 3);
  return ws;
}

function verdict(pass: boolean | null): string {
  return pass === null ? 'Không áp dụng' : pass ? 'Đạt' : 'Chưa đạt';
}

export function targetRows(m: MetricsReport): { row: (string | number | null)[]; pass: boolean | null }[] {
  const r = (name: string, x: Ratio) => ({
    row: [name, x.value, x.numerator, x.denominator, x.target, verdict(x.pass), x.gap],
    pass: x.pass,
  });
  return [
    r('Tỷ lệ hội nghị trực tuyến (%)', m.meetings.onlineShare),
    r('Tỷ lệ hội nghị trực tuyến, kể cả kết hợp (%)', m.meetings.onlineShareWithHybrid),
    {
      row: ['Số hội nghị so với năm trước (%)', m.meetings.change.value, m.meetings.total, m.meetings.change.baseline, m.meetings.change.target, verdict(m.meetings.change.pass), m.meetings.change.gap],
      pass: m.meetings.change.pass,
    },
    {
      row: ['Hội nghị toàn xã/phường (cuộc)', m.meetings.communeWide.count, null, null, m.meetings.communeWide.max, verdict(m.meetings.communeWide.pass), m.meetings.communeWide.gap],
      pass: m.meetings.communeWide.pass,
    },
    {
      row: ['Văn bản hành chính so với năm trước (%)', m.documents.change.value, m.documents.issued, m.documents.baseline, m.documents.change.target, verdict(m.documents.change.pass), m.documents.change.gap],
      pass: m.documents.change.pass,
    },
    r('Văn bản không mật gửi, nhận điện tử (%)', m.documents.electronicShare),
    ...m.digitisation.indicators.map((i) => r(`${i.name} (%)`, i)),
  ];
}

function progressRow(label: string, c: ProgressCounts): (string | number | null)[] {
  return [label, c.total, c.done, c.doneLate, c.inProgress, c.notStarted, c.overdue, c.dueSoon, c.doneShare, bar(c.doneShare)];
}

const PROGRESS_HEADERS = [
  { header: 'Đơn vị / mục', width: 36 },
  { header: 'Tổng số', width: 9 },
  { header: 'Hoàn thành', width: 11 },
  { header: 'Hoàn thành quá hạn', width: 11 },
  { header: 'Đang thực hiện', width: 11 },
  { header: 'Chưa thực hiện', width: 11 },
  { header: 'Quá hạn', width: 9 },
  { header: 'Sắp đến hạn', width: 9 },
  { header: 'Tỷ lệ hoàn thành (%)', width: 12 },
  { header: 'Biểu đồ', width: 22 },
];

function addDataBar(ws: ExcelJS.Worksheet, ref: string): void {
  ws.addConditionalFormatting({
    ref,
    rules: [{ type: 'dataBar', priority: 1, minLength: 0, maxLength: 100, cfvo: [{ type: 'num', value: 0 }, { type: 'num', value: 100 }], color: { argb: 'FF5B9BD5' } } as ExcelJS.DataBarRuleType],
  });
}

export interface ReportInput {
  metrics: MetricsReport;
  period: Period;
  settings: Settings;
  meetings: readonly Meeting[];
  unitName: (id: string) => string;
  /** "UBND xã Đông Tiến" (committeeName). */
  committee: string;
}

export function reportWorkbook({ metrics: m, period, settings, meetings, unitName, committee }: ReportInput): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'cchc-sheets';

  const cover = workbook.addWorksheet('Bìa');
  cover.columns = [{ width: 90, style: { font: OFFICIAL_FONT, alignment: { horizontal: 'center', wrapText: true } } }];
  [
    [committee.toLocaleUpperCase('vi'), true],
    ['', false],
    ['BÁO CÁO KẾT QUẢ THỰC HIỆN CÔNG TÁC CẢI CÁCH HÀNH CHÍNH', true],
    [periodName(period), true],
    [`Số liệu tính từ ngày ${formatVn(m.period.from)} đến ngày ${formatVn(m.period.to)}`, false],
    [`Lập ngày ${formatVn(m.today)}`, false],
    [`${m.nextReport.name}: hạn nộp ${formatVn(m.nextReport.due)}`, false],
  ].forEach(([text, bold], i) => {
    const cell = cover.getCell(i + 1, 1);
    cell.value = text as string;
    cell.font = { ...OFFICIAL_FONT, bold: bold as boolean, size: bold ? 14 : 12 };
  });
  officialPageSetup(cover, 1);

  const targets = targetRows(m);
  const ws = tableSheet(
    workbook,
    'Chỉ tiêu',
    `KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU — ${periodName(period).toLocaleUpperCase('vi')}`,
    [
      { header: 'Chỉ tiêu', width: 44 },
      { header: 'Kết quả', width: 10 },
      { header: 'Tử số', width: 9 },
      { header: 'Mẫu số', width: 9 },
      { header: 'Chỉ tiêu giao', width: 10 },
      { header: 'Đánh giá', width: 13 },
      { header: 'Ghi chú', width: 44 },
    ],
    targets.map((t) => t.row),
  );
  targets.forEach((t, i) => {
    ws.getRow(4 + i).getCell(6).fill = fill(t.pass === null ? FILL.na : t.pass ? FILL.pass : FILL.fail);
  });
  const scoreRow = ws.getRow(4 + targets.length);
  scoreRow.getCell(1).value = 'Điểm chuyển đổi số, giải quyết TTHC (cách tính 766, thang 100)';
  scoreRow.getCell(2).value = m.digitisation.score;
  scoreRow.font = { ...OFFICIAL_FONT, bold: true };

  const units = Object.entries(m.tasks.byUnit).sort((a, b) => b[1].total - a[1].total);
  const sections = Object.entries(m.tasks.bySection);
  const progress = tableSheet(workbook, 'Tiến độ nhiệm vụ', 'TIẾN ĐỘ THỰC HIỆN NHIỆM VỤ', PROGRESS_HEADERS, [
    progressRow('Toàn bộ', m.tasks.overall),
    ['Theo cơ quan chủ trì', null, null, null, null, null, null, null, null, null],
    ...units.map(([id, c]) => progressRow(unitName(id), c)),
    ['Theo mục của kế hoạch', null, null, null, null, null, null, null, null, null],
    ...sections.map(([name, c]) => progressRow(name, c)),
  ]);
  for (const r of [4, 5, 6 + units.length]) progress.getRow(r).font = { ...OFFICIAL_FONT, bold: true };
  addDataBar(progress, `I4:I${4 + units.length + sections.length + 2}`);

  tableSheet(
    workbook,
    'Quá hạn, sắp đến hạn',
    `NHIỆM VỤ QUÁ HẠN VÀ ĐẾN HẠN TRONG ${m.tasks.soonDays} NGÀY (tính đến ${formatVn(m.today)})`,
    [
      { header: 'Tình trạng', width: 14 },
      { header: 'Kế hoạch', width: 16 },
      { header: 'STT', width: 6 },
      { header: 'Nhiệm vụ', width: 56 },
      { header: 'Cơ quan chủ trì', width: 26 },
      { header: 'Hạn', width: 12 },
      { header: 'Số ngày', width: 9 },
    ],
    [
      ...m.tasks.overdue.map((a) => ['Quá hạn', a.plan, a.stt, a.title, a.lead, formatVn(a.due), a.daysLate]),
      ...m.tasks.dueSoon.map((a) => ['Sắp đến hạn', a.plan, a.stt, a.title, a.lead, formatVn(a.due), -a.daysLate]),
    ],
  );

  // Online share month by month: the calendar months inside the period.
  const months: (string | number | null)[][] = [];
  for (let month = 1; month <= 12; month++) {
    const p = parsePeriod(`${period.year}-${String(month).padStart(2, '0')}`)!;
    if (p.to < m.period.from || p.from > m.period.to) continue;
    const mm = meetingMetrics(meetings, p, settings);
    months.push([periodName(p), mm.total, mm.online, mm.hybrid, mm.onlineShare.value, bar(mm.onlineShare.value)]);
  }
  const chart = tableSheet(
    workbook,
    'Biểu đồ họp trực tuyến',
    'TỶ LỆ HỘI NGHỊ TRỰC TUYẾN THEO THÁNG (chỉ tiêu từ 60%)',
    [
      { header: 'Tháng', width: 16 },
      { header: 'Tổng số', width: 9 },
      { header: 'Trực tuyến', width: 10 },
      { header: 'Kết hợp', width: 9 },
      { header: 'Tỷ lệ trực tuyến (%)', width: 12 },
      { header: 'Biểu đồ', width: 24 },
    ],
    months,
  );
  addDataBar(chart, `E4:E${3 + Math.max(1, months.length)}`);
  return workbook;
}
