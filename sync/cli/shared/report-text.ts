/** The plain-text views of the metrics and the CCHC-index self-assessment, as `metrics`, `index` and `demo` print them. */
import {
  daysLeftText,
  formatVn,
  formatVnNumber,
  formatVnPercent,
  indexScoreText,
  indexStanding,
  criterionTasksText,
  TARGET_GROUP_NAMES,
  targetLines,
  targetValueText,
  type IndexSummary,
  type MetricsReport,
  type TargetLine,
} from '../../../core/index';
import { formatIssue, table } from './format';

function lineText(l: TargetLine): string {
  const parts =
    l.numerator !== null && l.denominator !== null && l.value !== null
      ? ` (${formatVnNumber(l.numerator)}/${formatVnNumber(l.denominator)})`
      : '';
  return `${targetValueText(l)}${parts}; chỉ tiêu ${l.targetText} — ${l.gap}`;
}

/** `unitName`: how the official names the unit `--unit` chose (the metrics carry its registry id). */
export function metricsText(m: MetricsReport, label: string, unitName?: string): string {
  const t = m.tasks.overall;
  const lines = [
    `Chỉ số ${label} (${formatVn(m.period.from)} – ${formatVn(m.period.to)}), tính đến ngày ${formatVn(m.asOf)}${m.unit ? `, đơn vị ${unitName ?? m.unit}` : ''}`,
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
      ['Hoàn thành, chưa ghi ngày hoàn thành', t.doneUndated],
      ['Đang thực hiện', t.inProgress],
      ['Chưa thực hiện', t.notStarted],
      ['Không thực hiện', t.dropped],
      ['Quá hạn', t.overdue],
      [`Đến hạn trong ${m.tasks.soonDays} ngày`, t.dueSoon],
      ['Chờ điều kiện', t.waiting],
    ]),
  );
  lines.push(
    '',
    `Báo cáo sắp đến hạn: ${m.nextReport.name}, hạn nộp ${formatVn(m.nextReport.due)} (${daysLeftText(m.nextReport.daysLeft)}).`,
  );
  // Plans reported on their own dates, beside the ward's schedule.
  if (m.reports.length > 1) {
    for (const r of m.reports) {
      const whose = r.plans.length === 0 ? 'lịch chung của phường/xã' : `kế hoạch ${r.plans.join(', ')}`;
      lines.push(`  ${whose}: ${r.name}, hạn nộp ${formatVn(r.due)} (${daysLeftText(r.daysLeft)})`);
    }
  }
  if (m.tasks.overdue.length > 0) {
    lines.push('', 'Nhiệm vụ quá hạn:');
    for (const a of m.tasks.overdue.slice(0, 10)) lines.push(`  ${a.plan} STT ${a.stt} (hạn ${formatVn(a.due)}, ${a.lead}): ${a.title}`);
    if (m.tasks.overdue.length > 10) lines.push(`  … và ${m.tasks.overdue.length - 10} nhiệm vụ khác`);
  }
  if (m.tasks.doneUndated.length > 0) {
    lines.push('', 'Nhiệm vụ hoàn thành, chưa ghi ngày hoàn thành (chưa tính đúng hạn hay quá hạn):');
    for (const a of m.tasks.doneUndated.slice(0, 10)) lines.push(`  ${a.plan} STT ${a.stt} (${a.lead}): ${a.title}`);
    if (m.tasks.doneUndated.length > 10) lines.push(`  … và ${m.tasks.doneUndated.length - 10} nhiệm vụ khác`);
  }
  // Rows the figures could not count are named, never dropped silently.
  if (m.issues.length > 0) {
    lines.push('', `Dữ liệu cần xem lại (${m.issues.length}; chạy "cchc validate" để xem đủ):`);
    for (const issue of m.issues.slice(0, 10)) lines.push(`  ${formatIssue(issue)}`);
  }
  return lines.join('\n');
}

const n = (x: number): string => formatVnNumber(x);

export function indexText(s: IndexSummary, label: string): string {
  const lines = [
    `Chỉ số CCHC — tự chấm ${label}: ${indexScoreText(s, 'mất')}`,
    `  Năm trước: ${s.lastYear === null ? 'chưa nhập' : n(s.lastYear)}; ${indexStanding(s).text}`,
  ];
  if (s.deadline) lines.push(`  Hạn gửi tự chấm điểm: ${formatVn(s.deadline)} (${daysLeftText(s.daysLeft!)})`);
  lines.push(
    '',
    'Theo lĩnh vực:',
    table(s.areas.map((a) => [a.title ? `${a.code}. ${a.title}` : `Lĩnh vực ${a.code}`, `${n(a.totals.score)}/${n(a.totals.max)}`])),
  );
  lines.push('', 'Theo đơn vị chủ trì:', table(s.units.map((u) => [u.name, `${n(u.totals.score)}/${n(u.totals.max)}`])));
  if (s.lost.length > 0)
    lines.push('', 'Mất điểm nhiều nhất:', table(s.lost.slice(0, 5).map((l) => [`${l.code} ${l.title}`, `-${n(l.lost)}`])));
  if (s.criterionTasks.length > 0) {
    lines.push('', 'Nhiệm vụ theo tiêu chí:', table(s.criterionTasks.map((c) => [`${c.code} ${c.title}`, criterionTasksText(c.counts)])));
  }
  lines.push(
    '',
    `Chấm điểm nhưng chưa có tài liệu kiểm chứng hoặc giải trình: ${s.missingEvidence.length ? `${s.missingEvidence.length} tiêu chí (${s.missingEvidence.map((m) => m.code).join(', ')})` : 'không có'}`,
  );
  if (s.appraisal) {
    const a = s.appraisal;
    lines.push(
      '',
      `Thẩm định (${a.criteria} tiêu chí): tự chấm ${n(a.selfScore)}, thẩm định ${n(a.appraised)} điểm — được cộng ${n(a.gained)}, bị trừ ${n(a.lost)} điểm.`,
    );
    if (a.changes.length > 0)
      lines.push(
        table(
          a.changes.map(
            (c) =>
              [`${c.code} ${c.title}`, `${n(c.selfScore)} → ${n(c.appraised)} (${c.difference > 0 ? '+' : ''}${n(c.difference)})`] as const,
          ),
        ),
      );
  }
  for (const issue of s.issues) lines.push(formatIssue(issue));
  return lines.join('\n');
}
