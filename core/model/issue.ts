/** One problem found in officials' data: where, what (stable English code) and how to fix it (Vietnamese). */
import type { IssueCode } from './codes';

export type Severity = 'error' | 'warning';

export interface ValidationIssue {
  /** Tab key (`tasks`, `plans` …) when the issue is about a store tab. */
  tab?: string;
  /** Row number as the official sees it in the sheet or the imported file. */
  row: number;
  /** Column key from the tab layout (e.g. `lead`), or `''` for the whole row. */
  column: string;
  /** The catalog's code (codes.ts), named in the officials' guide. */
  code: IssueCode;
  severity: Severity;
  message: string;
}

export function countBySeverity(issues: readonly ValidationIssue[]): { errors: number; warnings: number } {
  let errors = 0;
  for (const issue of issues) if (issue.severity === 'error') errors++;
  return { errors, warnings: issues.length - errors };
}
