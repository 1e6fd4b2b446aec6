/** Sums the number columns of a per-period log tab over the rows inside a period (and, optionally, one unit). */
import { num, str } from '../layout/codec';
import type { Row, TabSpec } from '../layout/columns';
import { periodWithin, type Period } from '../periods/period';
import type { UnitRegistry } from '../units/registry';
import type { ValidationIssue } from '../validation/issue';
import { decodePeriodLog } from '../validation/log-rules';

export function sumCounts(
  tab: TabSpec,
  rows: readonly Row[],
  period: Period,
  filter: { unit?: string; registry: UnitRegistry },
): { totals: Record<string, number>; rows: number; issues: ValidationIssue[] } {
  const { records, periods, issues } = decodePeriodLog(tab, rows);
  const totals: Record<string, number> = {};
  const numeric = tab.columns.filter((c) => c.type === 'number').map((c) => c.key);
  for (const key of numeric) totals[key] = 0;
  let count = 0;
  records.forEach((r, i) => {
    const own = periods[i];
    if (!own || !periodWithin(own.label, period)) return;
    if (filter.unit && filter.registry.parseList(str(r, 'unit'))[0]?.unit !== filter.unit) return;
    count++;
    for (const key of numeric) totals[key]! += num(r, key) ?? 0;
  });
  return { totals, rows: count, issues };
}
