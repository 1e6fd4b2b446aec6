/** The catalog as read from the store's tabs, ready for rules and metrics. */
import type { Row } from '../layout/columns';
import type { Period } from '../periods/period';
import { settingNumber, type Settings } from '../settings/settings';
import { UnitRegistry } from '../units/registry';
import type { UnitDef } from '../units/types';
import type { ValidationIssue } from '../model/issue';
import { decodePlans, decodeSettings, decodeTasks, decodeUnits, type Located } from './codec';
import { isHeading, type Plan, type Task } from '../model/plan-task';

export interface Catalog {
  plans: Plan[];
  /** The tasks: what rules and metrics count. */
  tasks: Located<Task>[];
  /** Every row of the tasks tab in order, section and group headings included: what writers write back. */
  rows: Located<Task>[];
  units: UnitDef[];
  settings: Settings;
  registry: UnitRegistry;
  /** The year used where a plan or a deadline names none. */
  defaultYear: number;
  /** Cells that did not fit their column (a date that is not a date …). */
  decodeIssues: ValidationIssue[];
}

/** The tabs catalogFromTables reads: a command that needs only the catalog asks the store for these. */
export const CATALOG_TABS: readonly string[] = ['plans', 'tasks', 'units', 'settings', 'targets'];

export function catalogFromTables(tables: Record<string, readonly Row[] | undefined>): Catalog {
  const { plans, issues: planIssues } = decodePlans(tables['plans'] ?? []);
  const { tasks: rows, issues: taskIssues } = decodeTasks(tables['tasks'] ?? []);
  const tasks = rows.filter((t) => !isHeading(t.item));
  const units = decodeUnits(tables['units'] ?? []);
  const settings = decodeSettings([...(tables['settings'] ?? []), ...(tables['targets'] ?? [])]);
  return {
    plans,
    tasks,
    rows,
    units,
    settings,
    registry: UnitRegistry.withStandard(units),
    defaultYear: settingNumber(settings, 'planYear'),
    decodeIssues: [...planIssues, ...taskIssues],
  };
}

/** Whether a plan was out by `day`: one issued later cannot be reported on before then. Without an issue date it counts. */
export function planIssuedBy(plan: Plan, day: string): boolean {
  return plan.date === null || plan.date <= day;
}

/** The plans a report on `period` covers: the period's year's, issued by its last day (a May plan is not in quý I). */
export function plansOfPeriod(plans: readonly Plan[], period: Period): Plan[] {
  return plans.filter((p) => p.year === period.year && planIssuedBy(p, period.to));
}
