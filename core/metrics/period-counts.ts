/** Sums the number columns of a per-period log tab over the rows inside a period (and, optionally, one unit). */
import { decodeRows, num, str } from '../layout/codec';
import type { Row, TabSpec } from '../layout/columns';
import { parsePeriod, PERIOD_FORMS, periodWithin, type Period } from '../periods/period';
import type { UnitRegistry } from '../units/registry';
import type { ValidationIssue } from '../validation/issue';

export function sumCounts(
  tab: TabSpec,
  rows: readonly Row[],
  period: Period,
  filter: { unit?: string; registry: UnitRegistry },
): { totals: Record<string, number>; rows: number; issues: ValidationIssue[] } {
  const { records, rowNumbers, issues } = decodeRows(tab, rows);
  const totals: Record<string, number> = {};
  const numeric = tab.columns.filter((c) => c.type === 'number').map((c) => c.key);
  for (const key of numeric) totals[key] = 0;
  let count = 0;
  records.forEach((r, i) => {
    const label = str(r, 'period');
    if (label !== '' && parsePeriod(label) === null) {
      issues.push({
        tab: tab.key,
        row: rowNumbers[i]!,
        column: 'period',
        code: 'PERIOD_INVALID',
        severity: 'error',
        message: `Kỳ "${label}" không hợp lệ. Ghi kỳ kèm năm, ví dụ ${PERIOD_FORMS}.`,
      });
    }
    if (!periodWithin(label, period)) return;
    if (filter.unit && filter.registry.parseList(str(r, 'unit'))[0]?.unit !== filter.unit) return;
    count++;
    for (const key of numeric) totals[key]! += num(r, key) ?? 0;
  });
  return { totals, rows: count, issues };
}
