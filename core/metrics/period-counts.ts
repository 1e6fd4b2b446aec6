/**
 * Totals of the number columns of a per-period log tab over the rows inside a period (and, optionally, one unit):
 * flows (dossiers, documents) add up; levels (`stock` columns: procedures with fees, capital allocated) take each
 * unit's latest value in the period, added over the units.
 */
import { decodeRows, num, str, type Decoded } from '../layout/codec';
import type { Row, TabSpec } from '../layout/columns';
import { parsePeriod, PERIOD_FORMS, periodWithin, type Period } from '../periods/period';
import type { UnitRegistry } from '../units/registry';
import type { ValidationIssue } from '../model/issue';

export interface PeriodLog {
  records: Decoded[];
  rowNumbers: number[];
  /** Each row's own period; null when missing or unreadable (an issue says which). */
  periods: (Period | null)[];
  issues: ValidationIssue[];
}

/** A per-period log (documents, digitisation) decoded, with each row's "Kỳ" read by the one period parser. */
export function decodePeriodLog(tab: TabSpec, rows: readonly Row[]): PeriodLog {
  const { records, rowNumbers, issues } = decodeRows(tab, rows);
  const cache = new Map<string, Period | null>();
  const periods = records.map((r, i) => {
    const label = str(r, 'period');
    if (!cache.has(label)) cache.set(label, parsePeriod(label, 'calendar'));
    const period = cache.get(label)!;
    if (period === null) {
      issues.push({
        tab: tab.key,
        row: rowNumbers[i]!,
        column: 'period',
        code: label === '' ? 'PERIOD_MISSING' : 'PERIOD_INVALID',
        severity: 'error',
        message:
          label === ''
            ? `Chưa ghi kỳ của số liệu, nên dòng này không được tính. Ghi kỳ, ví dụ ${PERIOD_FORMS}.`
            : `Kỳ "${label}" không hợp lệ, nên dòng này không được tính. Ghi kỳ kèm năm, ví dụ ${PERIOD_FORMS}.`,
      });
    }
    return period;
  });
  return { records, rowNumbers, periods, issues };
}

export interface Counts {
  totals: Record<string, number>;
  rows: number;
  /** The same totals per unit (registry id, else the name as written); rows without a unit are left out. */
  byUnit: Map<string, Record<string, number>>;
  issues: ValidationIssue[];
}

/** A level as last read: the row's period (later end wins, then the shorter period: "Quý IV" over "Năm"). */
interface Level {
  to: string;
  from: string;
  value: number;
}

const later = (a: Level, b: Level): boolean => a.to > b.to || (a.to === b.to && a.from >= b.from);

export function sumCounts(tab: TabSpec, rows: readonly Row[], period: Period, filter: { unit?: string; registry: UnitRegistry }): Counts {
  const { records, periods, issues } = decodePeriodLog(tab, rows);
  const numeric = tab.columns.filter((c) => c.type === 'number');
  const flows = numeric.filter((c) => !c.stock).map((c) => c.key);
  const stocks = numeric.filter((c) => c.stock).map((c) => c.key);
  const zero = (): Record<string, number> => Object.fromEntries(numeric.map((c) => [c.key, 0]));
  const totals = zero();
  const byUnit = new Map<string, Record<string, number>>();
  // Latest level per column and unit ('' for rows without a unit, which still count in the totals).
  const levels = new Map<string, Map<string, Level>>(stocks.map((k) => [k, new Map()]));
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
    for (const key of flows) {
      const n = num(r, key) ?? 0;
      totals[key]! += n;
      if (perUnit) perUnit[key]! += n;
    }
    for (const key of stocks) {
      const n = num(r, key);
      // A blank cell is no reading: an earlier row's level stands.
      if (n === null) continue;
      const seen = levels.get(key)!;
      const level = { to: own.to, from: own.from, value: n };
      const before = seen.get(unit ?? '');
      if (!before || later(level, before)) seen.set(unit ?? '', level);
    }
  });
  for (const [key, seen] of levels) {
    for (const [unit, level] of seen) {
      totals[key]! += level.value;
      if (unit !== '') byUnit.get(unit)![key] = level.value;
    }
  }
  return { totals, rows: count, byUnit, issues };
}
