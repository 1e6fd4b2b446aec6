/**
 * The periodic CCHC report (quý I, 6 tháng, quý III, năm) as one model, built from
 * the metrics: the Word draft sent to the Department of Home Affairs and the Excel
 * report both render it. What only the official knows (the document number, the
 * signer, the narrative assessments) is left as marked blanks.
 */
import { formatVn } from '../layout/date-cell';
import type { Plan } from '../model/plan-task';
import type { MetricsReport } from '../metrics/compute';
import { meetingMetrics, type Meeting } from '../metrics/meetings';
import { doneCount, type ProgressCounts, type TaskAlert } from '../metrics/task-progress';
import { monthsOf, periodName, type Period } from '../periods/period';
import type { TargetLine } from '../metrics/targets';
import type { Settings } from '../settings/settings';
import { formatVnNumber, formatVnPercent } from '../text/number';
import { blank, cell, documentHead, numberCell, type Block, type OfficialDocument, type ReportTable, type TableCell } from './document';
import { wardHeading, wardInText, type WardName } from './heading';
import type { NextPeriodFocus, UpcomingTask } from './upcoming';

export interface PeriodReportInput {
  metrics: MetricsReport;
  period: Period;
  ward: WardName;
  plans: readonly Plan[];
  targets: readonly TargetLine[];
  meetings: readonly Meeting[];
  settings: Settings;
  unitName: (id: string) => string;
  /** The period after this one, and the open tasks falling due by its end (`nextPeriodFocus`). */
  next: NextPeriodFocus;
  /** The heading of a plan section ("KH-CCHC-2026/AT I" → "… I. Công tác chỉ đạo, điều hành"), as the metrics key them. */
  sectionName?: (key: string) => string;
}

export interface PeriodReport extends OfficialDocument {
  /** Lines under the title on the workbook's cover. */
  facts: string[];
  tables: { targets: ReportTable; progress: ReportTable; alerts: ReportTable; months: ReportTable };
}

const verdict = (pass: boolean | null): TableCell =>
  cell(pass === null ? 'Không áp dụng' : pass ? 'Đạt' : 'Chưa đạt', { tone: pass === null ? 'na' : pass ? 'pass' : 'fail' });

const valueText = (t: TargetLine, n: number | null): TableCell => numberCell(n, n !== null && t.unit === 'percent' ? '%' : '');

function targetsTable(title: string, lines: readonly TargetLine[]): ReportTable {
  return {
    title,
    columns: [
      { header: 'Chỉ tiêu', width: 44 },
      { header: 'Kết quả', width: 10, numeric: true },
      { header: 'Tử số', width: 9, numeric: true },
      { header: 'Mẫu số', width: 9, numeric: true },
      { header: 'Chỉ tiêu giao', width: 14 },
      { header: 'Đánh giá', width: 13 },
      { header: 'Ghi chú', width: 44 },
    ],
    rows: lines.map((t) => ({
      cells: [
        cell(t.name),
        valueText(t, t.value),
        numberCell(t.numerator),
        numberCell(t.denominator),
        cell(t.targetText),
        verdict(t.pass),
        cell(t.gap),
      ],
    })),
    empty: 'Không có chỉ tiêu.',
  };
}

function progressCells(label: string, c: ProgressCounts): TableCell[] {
  const bar = c.doneShare === null ? '' : '█'.repeat(Math.round(c.doneShare / 5));
  return [
    cell(label),
    ...[c.total, c.done, c.doneLate, c.doneUndated, c.inProgress, c.notStarted, c.dropped, c.overdue, c.dueSoon].map((n) => numberCell(n)),
    numberCell(c.doneShare, c.doneShare === null ? '' : '%'),
    cell(bar),
  ];
}

function alertRows(alerts: readonly TaskAlert[], state: string, days: (a: TaskAlert) => number): ReportTable['rows'] {
  return alerts.map((a) => ({
    cells: [cell(state), cell(a.plan), cell(a.stt), cell(a.title), cell(a.lead), cell(formatVn(a.due)), numberCell(days(a))],
  }));
}

const ALERT_COLUMNS = [
  { header: 'Tình trạng', width: 14 },
  { header: 'Kế hoạch', width: 16 },
  { header: 'STT', width: 6 },
  { header: 'Nhiệm vụ', width: 56 },
  { header: 'Cơ quan chủ trì', width: 26 },
  { header: 'Hạn', width: 12 },
  { header: 'Số ngày', width: 9, numeric: true },
];

const counts = (c: ProgressCounts): string =>
  `${formatVnNumber(c.total)} nhiệm vụ: hoàn thành ${formatVnNumber(doneCount(c))} (đúng hạn ${formatVnNumber(c.done)}, quá hạn ${formatVnNumber(c.doneLate)}` +
  `${c.doneUndated ? `, chưa ghi ngày hoàn thành ${formatVnNumber(c.doneUndated)}` : ''})` +
  `${c.doneShare === null ? '' : `, đạt ${formatVnPercent(c.doneShare)}`}; đang thực hiện ${formatVnNumber(c.inProgress)}; chưa thực hiện ${formatVnNumber(c.notStarted)}` +
  `${c.dropped ? `; không thực hiện ${formatVnNumber(c.dropped)}` : ''}; quá hạn ${formatVnNumber(c.overdue)}`;

export function periodReport(input: PeriodReportInput): PeriodReport {
  const { metrics: m, period, ward, unitName } = input;
  const sectionName = input.sectionName ?? ((key: string) => key);
  const t = m.tasks;
  const inText = wardInText(ward) || '……';
  const title = `Kết quả thực hiện công tác cải cách hành chính ${periodName(period, { title: true })}`;

  const targets = targetsTable(`KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU — ${periodName(period).toLocaleUpperCase('vi')}`, input.targets);
  const units = Object.entries(t.byUnit).sort((a, b) => b[1].total - a[1].total);
  const sections = Object.entries(t.bySection);
  const progressColumns = [
    { header: 'Đơn vị / mục', width: 36 },
    ...[
      'Tổng số',
      'Hoàn thành',
      'Hoàn thành quá hạn',
      'Hoàn thành, chưa ghi ngày',
      'Đang thực hiện',
      'Chưa thực hiện',
      'Không thực hiện',
      'Quá hạn',
      'Sắp đến hạn',
    ].map((header) => ({ header, width: header.length > 8 ? 11 : 9, numeric: true })),
    { header: 'Tỷ lệ hoàn thành (%)', width: 12, numeric: true },
    { header: 'Biểu đồ', width: 22 },
  ];
  const progress: ReportTable = {
    title: 'TIẾN ĐỘ THỰC HIỆN NHIỆM VỤ',
    columns: progressColumns,
    rows: [
      { cells: progressCells('Toàn bộ', t.overall), bold: true },
      { cells: [cell('Theo cơ quan chủ trì')], bold: true },
      ...units.map(([id, c]) => ({ cells: progressCells(unitName(id), c) })),
      { cells: [cell('Theo mục của kế hoạch')], bold: true },
      ...sections.map(([name, c]) => ({ cells: progressCells(sectionName(name), c) })),
    ],
    empty: 'Chưa có nhiệm vụ.',
  };
  const alerts: ReportTable = {
    title: `NHIỆM VỤ QUÁ HẠN VÀ ĐẾN HẠN TRONG ${t.soonDays} NGÀY (tính đến ngày ${formatVn(m.asOf)})`,
    columns: ALERT_COLUMNS,
    rows: [...alertRows(t.overdue, 'Quá hạn', (a) => a.daysLate), ...alertRows(t.dueSoon, 'Sắp đến hạn', (a) => -a.daysLate)],
    empty: 'Không có nhiệm vụ quá hạn hoặc sắp đến hạn.',
  };

  // Online share month by month, in the months the period's totals count (cut-off months for a cut-off period).
  const monthRows: ReportTable['rows'] = [];
  for (const p of monthsOf(period)) {
    const mm = meetingMetrics(input.meetings, p, input.settings);
    const share = mm.onlineShare.value;
    monthRows.push({
      cells: [
        cell(`${periodName(p, { start: true })} (${formatVn(p.from)} – ${formatVn(p.to)})`),
        numberCell(mm.total),
        numberCell(mm.online),
        numberCell(mm.hybrid),
        numberCell(share, share === null ? '' : '%'),
        cell(share === null ? '' : '█'.repeat(Math.round(share / 5))),
      ],
    });
  }
  const months: ReportTable = {
    title: `TỶ LỆ HỘI NGHỊ TRỰC TUYẾN THEO THÁNG (chỉ tiêu từ ${formatVnPercent(m.meetings.onlineShare.target)})`,
    columns: [
      { header: 'Tháng', width: 16 },
      { header: 'Tổng số', width: 9, numeric: true },
      { header: 'Trực tuyến', width: 10, numeric: true },
      { header: 'Kết hợp', width: 9, numeric: true },
      { header: 'Tỷ lệ trực tuyến (%)', width: 12, numeric: true },
      { header: 'Biểu đồ', width: 24 },
    ],
    rows: monthRows,
    empty: 'Không có tháng nào trong kỳ.',
  };

  // The Word page is portrait: value and counts share one column there.
  const area = (a: TargetLine['group'], heading: string): ReportTable => ({
    title: heading,
    columns: [
      { header: 'Chỉ tiêu', width: 37 },
      { header: 'Kết quả', width: 20, numeric: true },
      { header: 'Chỉ tiêu giao', width: 12 },
      { header: 'Đánh giá', width: 11 },
      { header: 'Ghi chú', width: 30 },
    ],
    rows: input.targets
      .filter((x) => x.group === a)
      .map((x) => {
        const counts =
          x.numerator !== null && x.denominator !== null ? ` (${formatVnNumber(x.numerator)}/${formatVnNumber(x.denominator)})` : '';
        return {
          cells: [
            cell(x.name),
            cell(`${valueText(x, x.value).text}${x.value === null ? '' : counts}`),
            cell(x.targetText),
            verdict(x.pass),
            cell(x.pass === null || x.pass ? '' : x.gap),
          ],
        };
      }),
    empty: 'Không có chỉ tiêu.',
  });
  const missed = input.targets.filter((x) => x.pass === false);
  const overdueByUnit = new Map<string, TaskAlert[]>();
  for (const a of t.overdue) {
    const unit = a.leadUnit ? unitName(a.leadUnit) : a.lead || '(chưa có cơ quan chủ trì)';
    overdueByUnit.set(unit, [...(overdueByUnit.get(unit) ?? []), a]);
  }
  const sectionTable: ReportTable = {
    title: 'Kết quả theo lĩnh vực (mục của kế hoạch)',
    columns: [
      { header: 'Lĩnh vực', width: 40 },
      { header: 'Tổng số', width: 8, numeric: true },
      { header: 'Hoàn thành', width: 10, numeric: true },
      { header: 'Đang thực hiện', width: 10, numeric: true },
      { header: 'Chưa thực hiện', width: 10, numeric: true },
      { header: 'Không thực hiện', width: 10, numeric: true },
      { header: 'Quá hạn', width: 8, numeric: true },
      { header: 'Tỷ lệ hoàn thành', width: 10, numeric: true },
    ],
    rows: sections.map(([name, c]) => ({
      cells: [
        cell(sectionName(name)),
        numberCell(c.total),
        numberCell(doneCount(c)),
        numberCell(c.inProgress),
        numberCell(c.notStarted),
        numberCell(c.dropped),
        numberCell(c.overdue),
        numberCell(c.doneShare, c.doneShare === null ? '' : '%'),
      ],
    })),
    empty: 'Chưa có nhiệm vụ.',
  };
  const taskList = <T extends Omit<UpcomingTask, 'due'> & { due: string | null }>(
    title: string,
    list: readonly T[],
    days?: { header: string; value: (a: T) => number },
  ): ReportTable => ({
    title,
    columns: [
      { header: 'Nhiệm vụ', width: 48 },
      { header: 'Cơ quan chủ trì', width: 22 },
      { header: 'Hạn', width: 14 },
      ...(days ? [{ header: days.header, width: 11, numeric: true }] : []),
    ],
    rows: list.map((a) => ({
      cells: [
        cell(`${a.plan}, STT ${a.stt}: ${a.title}`),
        cell(a.leadUnit ? unitName(a.leadUnit) : a.lead),
        cell(a.due === null ? '' : formatVn(a.due)),
        ...(days ? [numberCell(days.value(a))] : []),
      ],
    })),
    empty: 'Không có.',
  });

  const nextEnd = formatVn(input.next.until);
  const nextName = periodName(input.next.period);
  // A report made after its period counts from the day its figures stand at, not from "now".
  const nextFrom = input.next.from === m.today ? 'từ nay' : `từ ngày ${formatVn(input.next.from)}`;
  const body: Block[] = [
    {
      kind: 'paragraph',
      parts: [
        `Thực hiện chế độ báo cáo định kỳ, Ủy ban nhân dân ${inText} báo cáo kết quả thực hiện công tác cải cách hành chính (CCHC) ${periodName(period, { title: true })} (số liệu tính từ ngày ${formatVn(m.period.from)} đến ngày ${formatVn(m.period.to)}) như sau:`,
      ],
    },
    { kind: 'heading', level: 1, text: 'I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH' },
    ...input.plans.map((p): Block => ({
      kind: 'bullet',
      parts: [`Kế hoạch số ${p.code}${p.date ? ` ngày ${formatVn(p.date)}` : ''}${p.title ? `: ${p.title}` : ''}.`],
    })),
    { kind: 'paragraph', parts: [blank('Nêu các văn bản chỉ đạo, điều hành, kiểm tra, tuyên truyền CCHC đã ban hành trong kỳ')] },
    { kind: 'heading', level: 1, text: 'II. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH' },
    { kind: 'heading', level: 2, text: '1. Kết quả chung' },
    { kind: 'paragraph', parts: [`Tính đến ngày ${formatVn(m.asOf)}, tổng số ${counts(t.overall)}.`] },
    { kind: 'heading', level: 2, text: '2. Kết quả theo lĩnh vực' },
    { kind: 'table', table: sectionTable },
    { kind: 'paragraph', parts: [blank('Đánh giá kết quả nổi bật của từng lĩnh vực cải cách')] },
    { kind: 'heading', level: 2, text: '3. Kết quả thực hiện các chỉ tiêu' },
    { kind: 'table', table: area('meetings', 'a) Hội nghị, cuộc họp') },
    { kind: 'table', table: area('documents', 'b) Văn bản hành chính') },
    { kind: 'table', table: area('digitisation', 'c) Chuyển đổi số, giải quyết thủ tục hành chính') },
    { kind: 'table', table: area('outcomes', 'd) Các chỉ tiêu khác') },
    {
      kind: 'paragraph',
      parts: [
        `Điểm chuyển đổi số, giải quyết thủ tục hành chính (cách tính 766, thang 100): ${m.digitisation.score === null ? 'không áp dụng' : formatVnNumber(m.digitisation.score)}.`,
      ],
    },
    { kind: 'heading', level: 1, text: 'III. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN' },
    ...(missed.length === 0
      ? [{ kind: 'paragraph', parts: ['Các chỉ tiêu có số liệu trong kỳ đều đạt.'] } as Block]
      : missed.map((x): Block => ({ kind: 'bullet', parts: [`${x.name.replace(/ \(%\)$/u, '')}: chưa đạt. ${x.gap}.`] }))),
    ...(t.overdue.length === 0
      ? [{ kind: 'paragraph', parts: ['Không có nhiệm vụ quá hạn.'] } as Block]
      : [
          { kind: 'paragraph', parts: [`Còn ${formatVnNumber(t.overdue.length)} nhiệm vụ quá hạn chưa hoàn thành:`] } as Block,
          ...[...overdueByUnit].map(([unit, list]): Block => ({
            kind: 'bullet',
            parts: [`${unit}: ${formatVnNumber(list.length)} nhiệm vụ.`],
          })),
          {
            kind: 'table',
            table: taskList('Nhiệm vụ quá hạn', t.overdue, { header: 'Số ngày quá hạn', value: (a) => a.daysLate }),
          } as Block,
        ]),
    // Reported done without the day: whether on time cannot be told until officials fill it in.
    ...(t.doneUndated.length === 0
      ? []
      : [
          {
            kind: 'paragraph',
            parts: [
              `Có ${formatVnNumber(t.doneUndated.length)} nhiệm vụ hoàn thành, chưa ghi ngày hoàn thành (chưa xác định được đúng hạn hay quá hạn):`,
            ],
          } as Block,
          { kind: 'table', table: taskList('Nhiệm vụ hoàn thành, chưa ghi ngày hoàn thành', t.doneUndated) } as Block,
        ]),
    { kind: 'paragraph', parts: ['Nguyên nhân: ', blank('Nêu nguyên nhân chủ quan, khách quan')] },
    { kind: 'heading', level: 1, text: 'IV. NHIỆM VỤ TRỌNG TÂM KỲ TỚI' },
    ...(input.next.tasks.length === 0
      ? [{ kind: 'paragraph', parts: [`Không có nhiệm vụ nào đến hạn ${nextFrom} đến ngày ${nextEnd} (hết kỳ ${nextName}).`] } as Block]
      : [
          {
            kind: 'paragraph',
            parts: [
              `Tập trung hoàn thành ${formatVnNumber(input.next.tasks.length)} nhiệm vụ đến hạn ${nextFrom} đến ngày ${nextEnd} (hết kỳ ${nextName}):`,
            ],
          } as Block,
          { kind: 'table', table: taskList(`Nhiệm vụ đến hạn đến ngày ${nextEnd}`, input.next.tasks) } as Block,
        ]),
    ...(t.overdue.length === 0
      ? []
      : [
          {
            kind: 'bullet',
            parts: [`Khẩn trương hoàn thành ${formatVnNumber(t.overdue.length)} nhiệm vụ quá hạn nêu tại mục III.`],
          } as Block,
        ]),
    { kind: 'bullet', parts: [`${m.nextReport.name}: hạn nộp ${formatVn(m.nextReport.due)}.`] },
    { kind: 'paragraph', parts: [blank('Nêu các nhiệm vụ, giải pháp trọng tâm khác')] },
    { kind: 'heading', level: 1, text: 'V. ĐỀ XUẤT, KIẾN NGHỊ' },
    { kind: 'paragraph', parts: [blank('Nêu đề xuất, kiến nghị (nếu có)')] },
    {
      kind: 'paragraph',
      parts: [
        `Trên đây là báo cáo kết quả thực hiện công tác cải cách hành chính ${periodName(period, { title: true })} của Ủy ban nhân dân ${inText}./.`,
      ],
    },
  ];

  return {
    ...documentHead(wardHeading(ward), 'BC-UBND', ward.name, period.year),
    kind: 'BÁO CÁO',
    title,
    body,
    recipients: [
      ['Sở Nội vụ tỉnh ', blank('tên tỉnh'), ';'],
      ['Thường trực Đảng ủy, HĐND ', inText, ';'],
      ['Chủ tịch, các Phó Chủ tịch UBND ', inText, ';'],
      ['Lưu: VT, VHXH.'],
    ],
    signature: { capacity: 'TM. ỦY BAN NHÂN DÂN', title: 'CHỦ TỊCH', name: [blank('Ký, ghi rõ họ tên')] },
    facts: [
      periodName(period, { start: true }),
      `Số liệu tính từ ngày ${formatVn(m.period.from)} đến ngày ${formatVn(m.period.to)}`,
      `Lập ngày ${formatVn(m.today)}`,
      `${m.nextReport.name}: hạn nộp ${formatVn(m.nextReport.due)}`,
      `Tính đến ngày ${formatVn(m.asOf)}, tổng số ${counts(t.overall)}`,
      `Chỉ tiêu đạt: ${formatVnNumber(input.targets.filter((x) => x.pass === true).length)}/${formatVnNumber(input.targets.filter((x) => x.pass !== null).length)} chỉ tiêu có số liệu`,
    ],
    tables: { targets, progress, alerts, months },
  };
}
