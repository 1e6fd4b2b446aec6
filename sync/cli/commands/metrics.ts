/**
 * `cchc metrics`: targets against values for a period — meetings and task
 * progress — with `--json` for other tools (numbers, not strings).
 */
import type { Command } from 'commander';
import { computeMetrics, formatVnPercent, formatVn, parsePeriod, periodName, type MetricsReport, type Period, type Ratio } from '../../../core/index';
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
    `Chuyển đổi số, giải quyết TTHC (điểm theo cách tính 766: ${m.digitisation.score === null ? 'không áp dụng' : m.digitisation.score.toLocaleString('vi-VN')}/100):`,
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
  const today = options.today ?? todayInVietnam();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) throw new CchcError('TODAY_INVALID', `Ngày "${today}" không hợp lệ. Ghi dạng YYYY-MM-DD, ví dụ 2026-06-14.`);
  const periodText = options.period ?? today.slice(0, 4);
  const period = parsePeriod(periodText, options.calendar ? 'calendar' : 'cutoff');
  if (!period) throw new CchcError('PERIOD_INVALID', `Kỳ "${periodText}" không hợp lệ. Ghi 2026 (năm), 2026-H1 (6 tháng), 2026-Q3 (quý) hoặc 2026-09 (tháng).`);
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
    .option('--period <period>', 'kỳ: 2026 | 2026-H1 | 2026-Q3 | 2026-09 (default: this year)')
    .option('--calendar', 'dùng kỳ theo lịch thay vì kỳ chốt số liệu (calendar periods instead of data cut-off)')
    .option('--today <date>', 'ngày tính, YYYY-MM-DD (default: today in Asia/Ho_Chi_Minh)')
    .option('--unit <id>', 'chỉ một đơn vị chủ trì (registry id, e.g. VHXH)');
}

export function registerMetrics(program: Command): void {
  withPeriodOptions(program.command('metrics').description('Tính chỉ số theo kỳ: hội nghị, văn bản, số hóa, tiến độ nhiệm vụ (metrics for a period)'))
    .option('--json', 'machine-readable output')
    .action(async (opts: MetricsCliOptions) => {
      run.exitCode = await metricsCommand(opts);
    });
}
