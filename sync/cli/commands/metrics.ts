/**
 * `cchc metrics`: targets against values for a period — meetings, documents,
 * digitisation and task progress — with `--json` for other tools (numbers, not strings).
 */
import type { Command } from 'commander';
import { computeMetrics, defaultPeriodText, formatVnNumber, formatVnPercent, formatVn, parseDateText, parsePeriod, PERIOD_FORMS, periodName, type MetricsReport, type Period, type Ratio } from '../../../core/index';
import { CchcError, EXIT } from '../../errors';
import { openStore, type StoreOptions } from '../../store/open-store';
import { table } from '../format';
import { run, sheetOption, storeOption } from '../program';

export interface MetricsCliOptions extends StoreOptions {
  period?: string;
  today?: string;
  calendar?: boolean;
  unit?: string;
  json?: boolean;
}

/** Today in the ward's time zone (Asia/Ho_Chi_Minh), as an ISO date. */
export function todayInVietnam(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(now);
}

const ratioLine = (r: Ratio): string =>
  r.value === null ? `không áp dụng (${r.numerator}/${r.denominator})` : `${formatVnPercent(r.value)} (${r.numerator}/${r.denominator}) — ${r.gap}`;

export function metricsText(m: MetricsReport, label: string): string {
  const t = m.tasks.overall;
  const lines = [
    `Chỉ số ${label} (${formatVn(m.period.from)} – ${formatVn(m.period.to)}), tính đến ngày ${formatVn(m.today)}${m.unit ? `, đơn vị ${m.unit}` : ''}`,
    '',
    'Hội nghị, cuộc họp:',
    table([
      ['Tổng số', m.meetings.total],
      ['Tỷ lệ trực tuyến', ratioLine(m.meetings.onlineShare)],
      ['Tỷ lệ trực tuyến (kể cả kết hợp)', ratioLine(m.meetings.onlineShareWithHybrid)],
      [
        'So với năm trước',
        m.meetings.change.value === null ? 'không áp dụng' : `${formatVnPercent(m.meetings.change.value)} (chỉ tiêu ${m.meetings.change.target}%) — ${m.meetings.change.gap}`,
      ],
      ['Hội nghị toàn xã/phường', `${m.meetings.communeWide.count}/${m.meetings.communeWide.max} — ${m.meetings.communeWide.gap}`],
      ['Quá thời lượng quy định', m.meetings.overLength.count],
      ['Họp không giấy', m.meetings.paperless.share === null ? 'không áp dụng' : formatVnPercent(m.meetings.paperless.share)],
    ]),
    '',
    'Văn bản hành chính:',
    table([
      ['Ban hành', `${m.documents.issued} (cùng kỳ năm trước ${m.documents.baseline})`],
      [
        'So với năm trước',
        m.documents.change.value === null ? 'không áp dụng' : `${formatVnPercent(m.documents.change.value)} (chỉ tiêu ${m.documents.change.target}%) — ${m.documents.change.gap}`,
      ],
      ['Gửi, nhận điện tử (không mật)', ratioLine(m.documents.electronicShare)],
    ]),
    '',
    `Chuyển đổi số, giải quyết TTHC (điểm theo cách tính 766: ${m.digitisation.score === null ? 'không áp dụng' : formatVnNumber(m.digitisation.score)}/100):`,
    table(m.digitisation.indicators.map((i) => [i.name, ratioLine(i)])),
    '',
    'Nhiệm vụ:',
    table([
      ['Tổng số', t.total],
      ['Hoàn thành đúng hạn', t.done],
      ['Hoàn thành quá hạn', t.doneLate],
      ['Đang thực hiện', t.inProgress],
      ['Chưa thực hiện', t.notStarted],
      ['Quá hạn', t.overdue],
      [`Đến hạn trong ${m.tasks.soonDays} ngày`, t.dueSoon],
      ['Chờ điều kiện', t.waiting],
    ]),
  ];
  lines.push('', `Báo cáo sắp đến hạn: ${m.nextReport.name}, hạn nộp ${formatVn(m.nextReport.due)} (còn ${m.nextReport.daysLeft} ngày).`);
  if (m.tasks.overdue.length > 0) {
    lines.push('', 'Nhiệm vụ quá hạn:');
    for (const a of m.tasks.overdue.slice(0, 10)) lines.push(`  ${a.plan} STT ${a.stt} (hạn ${formatVn(a.due)}, ${a.lead}): ${a.title}`);
    if (m.tasks.overdue.length > 10) lines.push(`  … và ${m.tasks.overdue.length - 10} nhiệm vụ khác`);
  }
  return lines.join('\n');
}

/** The period and day a metrics or report command works on, from its options. */
export function periodOptions(options: Pick<MetricsCliOptions, 'period' | 'today' | 'calendar'>): { period: Period; today: string } {
  const today = options.today === undefined ? todayInVietnam() : parseDateText(options.today);
  if (!today) throw new CchcError('TODAY_INVALID', `Ngày "${options.today}" không hợp lệ. Ghi dạng dd/mm/yyyy, ví dụ 14/06/2026.`);
  const periodText = options.period ?? defaultPeriodText(today);
  // A period without a year ("Quý I", "9 tháng") is this year's.
  const period = parsePeriod(periodText, options.calendar ? 'calendar' : 'cutoff', Number(today.slice(0, 4)));
  if (!period) throw new CchcError('PERIOD_INVALID', `Kỳ "${periodText}" không hợp lệ. Ghi ${PERIOD_FORMS}.`);
  return { period, today };
}

export async function metricsCommand(options: MetricsCliOptions): Promise<number> {
  const { period, today } = periodOptions(options);
  const report = computeMetrics(await openStore(options).read(), { period, today, unit: options.unit });
  console.log(options.json ? JSON.stringify(report, null, 2) : metricsText(report, periodName(period)));
  return EXIT.ok;
}

/** The store, period, calendar, day and unit options that metrics and report share. */
export function withPeriodOptions(command: Command): Command {
  return command
    .addOption(storeOption())
    .addOption(sheetOption())
    .option('--period <kỳ>', 'kỳ: "Quý I/2026", "6 tháng đầu năm 2026", "9 tháng", "Tháng 3/2026", "Năm 2026" (mặc định: năm nay)')
    .option('--calendar', 'dùng kỳ theo lịch thay vì kỳ chốt số liệu')
    .option('--today <ngày>', 'ngày tính, dd/mm/yyyy (mặc định: hôm nay, giờ Việt Nam)')
    .option('--unit <mã>', 'chỉ một đơn vị chủ trì (mã đơn vị, ví dụ VHXH)');
}

export function registerMetrics(program: Command): void {
  withPeriodOptions(program.command('metrics').description('Tính chỉ số theo kỳ: hội nghị, văn bản, số hóa, tiến độ nhiệm vụ'))
    .option('--json', 'in kết quả dạng JSON (cho phần mềm khác)')
    .action(async (opts: MetricsCliOptions) => {
      run.exitCode = await metricsCommand(opts);
    });
}
