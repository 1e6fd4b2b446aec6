/** Plain-text output for officials: Vietnamese labels, aligned columns, no colours needed. */
import { countBySeverity, tabByKey, TABS, type ValidationIssue } from '../../core/index';

export function headerOf(tabKey: string | undefined, column: string): string {
  const tab = tabKey ? tabByKey(tabKey) : TABS[0]!;
  return tab.columns.find((c) => c.key === column)?.header ?? column;
}

export function formatIssue(issue: ValidationIssue): string {
  const where = [issue.tab ? `bảng "${tabByKey(issue.tab).name}"` : '', `dòng ${issue.row}`];
  if (issue.column) where.push(`cột "${headerOf(issue.tab, issue.column)}"`);
  const level = issue.severity === 'error' ? 'LỖI' : 'CẢNH BÁO';
  return `[${level}] ${where.filter(Boolean).join(', ')}: ${issue.message} (${issue.code})`;
}

export function issueSummary(issues: readonly ValidationIssue[]): string {
  const { errors, warnings } = countBySeverity(issues);
  return `${errors} lỗi, ${warnings} cảnh báo`;
}

/** "Kế hoạch   9" style lines with the counts aligned. */
export function table(rows: readonly (readonly [string, string | number])[], indent = '  '): string {
  const width = Math.max(0, ...rows.map(([label]) => label.length));
  return rows.map(([label, value]) => `${indent}${label.padEnd(width)}  ${value}`).join('\n');
}
