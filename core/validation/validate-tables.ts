/**
 * Validation of the whole store, tab by tab, with the same rules everywhere:
 * `cchc validate` and the Apps Script "Kiểm tra dữ liệu" both call this.
 */
import { catalogFromTables } from '../catalog/catalog';
import { validateTasksTab } from './catalog-rules';
import { decodeRows, num, str } from '../layout/codec';
import type { Row } from '../layout/columns';
import { PLANS_TAB } from '../layout/tabs';
import { dateInYear } from '../settings/settings';
import { decodeCriteria } from '../par-index/scoring';
import type { ValidationIssue } from '../model/issue';
import { checkLogTab, checkSettings, LOG_TABS } from './log-rules';

/** The tabs validation checks (and the sheet's menu marks), by key. */
export const VALIDATED_TABS: readonly string[] = ['tasks', 'plans', ...LOG_TABS.map((t) => t.key), 'settings', 'targets', 'criteria'];

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
  const plans = decodeRows(PLANS_TAB, tables['plans'] ?? []);
  plans.records.forEach((r, i) => {
    for (const column of ['reportHalf', 'reportYear'] as const) {
      const text = str(r, column);
      if (text !== '' && dateInYear(text, num(r, 'year') ?? catalog.defaultYear) === null) {
        issues.push({
          tab: 'plans',
          row: plans.rowNumbers[i]!,
          column,
          code: 'DATE_INVALID',
          severity: 'error',
          message: `"${text}" không phải ngày. Ghi dạng dd/mm, ví dụ 10/06, hoặc để trống để theo lịch chung.`,
        });
      }
    }
  });
  for (const key of ['settings', 'targets'] as const)
    issues.push(...checkSettings(tables[key] ?? [], key, catalog.settings, catalog.defaultYear));
  const criteria = decodeCriteria(tables['criteria'] ?? []);
  rows['criteria'] = criteria.criteria.length;
  issues.push(...criteria.issues);
  return { issues, rows };
}
