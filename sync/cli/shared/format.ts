/** Plain-text output for officials: Vietnamese labels, aligned columns, no colours needed. */
import { countBySeverity, issueLocation, type ValidationIssue } from '../../../core/index';

export function formatIssue(issue: ValidationIssue): string {
  const level = issue.severity === 'error' ? 'LỖI' : 'CẢNH BÁO';
  return `[${level}] ${issueLocation(issue)}: ${issue.message} (${issue.code})`;
}

/** Errors first, then by tab and row, as an official works through them. */
export function sortIssues(issues: readonly ValidationIssue[]): ValidationIssue[] {
  const rank = (i: ValidationIssue): number => (i.severity === 'error' ? 0 : 1);
  return [...issues].sort((a, b) => rank(a) - rank(b) || (a.tab ?? '').localeCompare(b.tab ?? '') || a.row - b.row);
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
