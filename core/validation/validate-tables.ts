/**
 * Validation of the whole store, tab by tab, with the same rules everywhere:
 * `cchc validate` and the Apps Script "Kiểm tra dữ liệu" both call this.
 */
import { catalogFromTables, validateTasksTab } from '../catalog/catalog';
import type { Row } from '../layout/columns';
import { decodeCriteria } from '../par-index/scoring';
import type { ValidationIssue } from './issue';
import { checkLogTab, checkSettings, LOG_TABS } from './log-rules';

export interface TablesValidation {
  issues: ValidationIssue[];
  /** Rows checked per tab key. */
  rows: Record<string, number>;
}

export function validateTables(tables: Record<string, readonly Row[] | undefined>): TablesValidation {
  const catalog = catalogFromTables(tables);
  const issues = [...validateTasksTab(catalog)];
  const rows: Record<string, number> = { tasks: catalog.tasks.length, plans: catalog.plans.length };
  for (const tab of LOG_TABS) {
    const tabRows = tables[tab.key] ?? [];
    rows[tab.key] = tabRows.length;
    issues.push(...checkLogTab(tab, tabRows, catalog.registry));
  }
  for (const key of ['settings', 'targets'] as const) issues.push(...checkSettings(tables[key] ?? [], key, catalog.settings, catalog.defaultYear));
  const criteria = decodeCriteria(tables['criteria'] ?? []);
  rows['criteria'] = criteria.criteria.length;
  issues.push(...criteria.issues);
  return { issues, rows };
}
