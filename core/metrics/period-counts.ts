/** Sums the number columns of a per-period log tab over the rows inside a period (and, optionally, one unit). */
import { num, str } from '../layout/codec';
import type { Row, TabSpec } from '../layout/columns';
import { periodWithin, type Period } from '../periods/period';
import type { UnitRegistry } from '../units/registry';
import type { ValidationIssue } from '../validation/issue';
import { decodePeriodLog } from '../validation/log-rules';

export interface Counts {
  totals: Record<string, number>;
  rows: number;
  /** The same sums per unit (registry id, else the name as written); rows without a unit are left out. */
  byUnit: Map<string, Record<string, number>>;
  issues: ValidationIssue[];
}

export function sumCounts(tab: TabSpec, rows: readonly Row[], period: Period, filter: { unit?: string; registry: UnitRegistry }): Counts {
  const { records, periods, issues } = decodePeriodLog(tab, rows);
  const numeric = tab.columns.filter((c) => c.type === 'number').map((c) => c.key);
  const zero = (): Record<string, number> => Object.fromEntries(numeric.map((k) => [k, 0]));
  const totals = zero();
  const byUnit = new Map<string, Record<string, number>>();
  let count = 0;
  records.forEach((r, i) => {
    const own = periods[i];
    if (!own || !periodWithin(own.label, period)) return;
    const text = str(r, 'unit');
    const ref = text === '' ? null : filter.registry.parseList(text)[0];
    const unit = ref ? (ref.unit ?? ref.text) : null;
    if (filter.unit && unit !== filter.unit) return;
    count++;
    const perUnit = unit === null ? null : (byUnit.get(unit) ?? byUnit.set(unit, zero()).get(unit)!);
    for (const key of numeric) {
      const n = num(r, key) ?? 0;
      totals[key]! += n;
      if (perUnit) perUnit[key]! += n;
    }
  });
  return { totals, rows: count, byUnit, issues };
}
