/**
 * `cchc metrics`: targets against values for a period — meetings, documents,
 * digitisation and task progress — with `--json` for other tools (numbers, not strings).
 */
import type { Command } from 'commander';
import {
  catalogFromTables,
  computeMetrics,
  defaultPeriodText,
  formatVn,
  formatVnNumber,
  formatVnPercent,
  parseDateText,
  parsePeriod,
  PERIOD_FORMS,
  periodName,
  resolveUnit,
  TARGET_GROUP_NAMES,
  targetLines,
  targetValueText,
  type MetricsReport,
  type Period,
  type Row,
  type TargetLine,
} from '../../../core/index';
import { CchcError, EXIT } from '../../errors';
import { openStore, type StoreOptions } from '../../store/open-store';
import { formatIssue, table } from '../format';
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

function lineText(l: TargetLine): string {
  const parts = l.numerator !== null && l.denominator !== null && l.value !== null ? ` (${formatVnNumber(l.numerator)}/${formatVnNumber(l.denominator)})` : '';
  return `${targetValueText(l)}${parts}; chỉ tiêu ${l.targetText} — ${l.gap}`;
}

export function metricsText(m: MetricsReport, label: string): string {
  const t = m.tasks.overall;
  const lines = [
    `Chỉ số ${label} (${formatVn(m.period.from)} – ${formatVn(m.period.to)}), tính đến ngày ${formatVn(m.today)}${m.unit ? `, đơn vị ${m.unit}` : ''}`,
    '',
    `Hội nghị, cuộc họp: ${formatVnNumber(m.meetings.total)} cuộc (trực tuyến ${formatVnNumber(m.meetings.online)}, kết hợp ${formatVnNumber(m.meetings.hybrid)}, trực tiếp ${formatVnNumber(m.meetings.inPerson)}); họp không giấy ${m.meetings.paperless.share === null ? 'không áp dụng' : formatVnPercent(m.meetings.paperless.share)}.`,
    `Văn bản hành chính ban hành: ${formatVnNumber(m.documents.issued)} (cùng kỳ năm trước ${formatVnNumber(m.documents.baseline)}).`,
    `Điểm chuyển đổi số, giải quyết TTHC (cách tính 766): ${m.digitisation.score === null ? 'không áp dụng' : `${formatVnNumber(m.digitisation.score)}/100`}.`,
  ];
  const all = targetLines(m);
  for (const [group, name] of Object.entries(TARGET_GROUP_NAMES)) {
    const groupLines = all.filter((l) => l.group === group);
    lines.push('', `${name}:`, table(groupLines.map((l) => [l.name, lineText(l)])));
  }
  lines.push(
    '',
    'Nhiệm vụ:',
    table([
      ['Tổng số', t.total],
      ['Hoàn thành đúng hạn', t.done],
      ['Hoàn thành quá hạn', t.doneLate],
      ['Đang thực hiện', t.inProgress],
      ['Chưa thực hiện', t.notStarted],
      ['Không thực hiện', t.dropped],
      ['Quá hạn', t.overdue],
      [`Đến hạn trong ${m.tasks.soonDays} ngày`, t.dueSoon],
      ['Chờ điều kiện', t.waiting],
    ]),
  );
  lines.push('', `Báo cáo sắp đến hạn: ${m.nextReport.name}, hạn nộp ${formatVn(m.nextReport.due)} (còn ${m.nextReport.daysLeft} ngày).`);
  // Plans reported on their own dates, beside the ward's schedule.
  if (m.reports.length > 1) {
    for (const r of m.reports) {
      const whose = r.plans.length === 0 ? 'lịch chung của phường/xã' : `kế hoạch ${r.plans.join(', ')}`;
      lines.push(`  ${whose}: ${r.name}, hạn nộp ${formatVn(r.due)} (còn ${r.daysLeft} ngày)`);
    }
  }
  if (m.tasks.overdue.length > 0) {
    lines.push('', 'Nhiệm vụ quá hạn:');
    for (const a of m.tasks.overdue.slice(0, 10)) lines.push(`  ${a.plan} STT ${a.stt} (hạn ${formatVn(a.due)}, ${a.lead}): ${a.title}`);
    if (m.tasks.overdue.length > 10) lines.push(`  … và ${m.tasks.overdue.length - 10} nhiệm vụ khác`);
  }
  // Rows the figures could not count are named, never dropped silently.
  if (m.issues.length > 0) {
    lines.push('', `Dữ liệu cần xem lại (${m.issues.length}; chạy "cchc validate" để xem đủ):`);
    for (const issue of m.issues.slice(0, 10)) lines.push(`  ${formatIssue(issue)}`);
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

/** The registry id `--unit` names; an unknown unit stops the command with a suggestion. */
export function unitOption(tables: Record<string, readonly Row[] | undefined>, text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const found = resolveUnit(catalogFromTables(tables).registry, text);
  if ('error' in found) throw new CchcError('UNIT_UNKNOWN', found.error);
  return found.unit;
}

export async function metricsCommand(options: MetricsCliOptions): Promise<number> {
  const { period, today } = periodOptions(options);
  const tables = await openStore(options).read();
  const report = computeMetrics(tables, { period, today, unit: unitOption(tables, options.unit) });
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
    .option('--unit <đơn vị>', 'chỉ một đơn vị chủ trì: mã (ví dụ VHXH) hoặc tên đơn vị');
}

export function registerMetrics(program: Command): void {
  withPeriodOptions(program.command('metrics').description('Tính chỉ số theo kỳ: hội nghị, văn bản, số hóa, tiến độ nhiệm vụ'))
    .option('--json', 'in kết quả dạng JSON (cho phần mềm khác)')
    .action(async (opts: MetricsCliOptions) => {
      run.exitCode = await metricsCommand(opts);
    });
}
