/** The readable catalog summary `npm start` (`cchc demo`) prints. */
import { issueLabel, makeResolver, TASK_STATUSES, type Catalog, type DeadlineKind, type ValidationIssue } from '../../../core/index';
import { issueSummary, table } from './format';

const KIND_LABELS: Record<DeadlineKind, string> = {
  date: 'Ngày cụ thể',
  quarter: 'Theo quý',
  month: 'Theo tháng',
  'half-year': '6 tháng',
  year: 'Trong năm',
  recurring: 'Thường xuyên / hằng năm',
  conditional: 'Có điều kiện',
  unknown: 'Chưa rõ',
};

function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

export function catalogSummary(catalog: Catalog, issues: readonly ValidationIssue[]): string {
  const resolve = makeResolver(catalog);
  const resolved = catalog.tasks.map(({ item }) => resolve(item));
  const lines: string[] = [];
  lines.push(`Kế hoạch: ${catalog.plans.length} — Nhiệm vụ: ${catalog.tasks.length}`);
  const perPlan = countBy(resolved, (r) => r.task.plan);
  lines.push(table(catalog.plans.map((p) => [`${p.code} (${p.ward})`, `${perPlan.get(p.code) ?? 0} nhiệm vụ`])));

  lines.push('', 'Trạng thái:');
  const perStatus = countBy(resolved, (r) => r.task.status || 'Chưa thực hiện');
  lines.push(table(TASK_STATUSES.map((s) => [s, perStatus.get(s) ?? 0])));

  lines.push('', 'Theo cơ quan chủ trì (đầu mối đầu tiên):');
  const perLead = countBy(resolved, (r) => r.lead[0]?.name ?? r.lead[0]?.text ?? '(chưa có)');
  lines.push(table([...perLead].sort((a, b) => b[1] - a[1]).slice(0, 8)));

  lines.push('', 'Loại thời hạn:');
  const perKind = countBy(resolved, (r) => r.deadline.kind);
  lines.push(
    table((Object.keys(KIND_LABELS) as DeadlineKind[]).filter((k) => perKind.has(k)).map((k) => [KIND_LABELS[k], perKind.get(k)!])),
  );

  lines.push('', `Kiểm tra dữ liệu: ${issueSummary(issues)}`);
  // The kind in Vietnamese, with its stable code in brackets as in every other message.
  const perCode = countBy(issues, (i) => `${issueLabel(i.code)} [${i.code}]`);
  lines.push(table([...perCode].sort((a, b) => b[1] - a[1])));
  return lines.join('\n');
}
