/**
 * The plans' targets outside meetings, documents and digitisation: satisfaction
 * with public health and education services (≥ 90%), public-investment
 * disbursement (≥ 90%), the share of units inspected for administrative reform
 * (≥ 20%), end-to-end online handling (100%) and each unit's documents handled on
 * the network (≥ 90%).
 */
import { settingNumber, type Settings } from '../settings/settings';
import { ratio, type Ratio } from './score';

export interface UnitRatio {
  unit: string;
  /** The unit's name as the registry knows it, else as written. */
  name: string;
  ratio: Ratio;
}

export interface OutcomeMetrics {
  healthSatisfaction: Ratio;
  educationSatisfaction: Ratio;
  disbursement: Ratio;
  inspectedUnits: Ratio;
  /** Online dossiers handled end to end (toàn trình) over all online dossiers. */
  endToEnd: Ratio;
  /** Each unit's documents handled on the network against the per-unit target; `passing` of `units` reach it. */
  unitDocsOnNetwork: { units: UnitRatio[]; passing: number; pass: boolean | null; target: number };
}

export function outcomeMetrics(
  outcomes: Record<string, number>,
  digitisation: Record<string, number>,
  digitisationByUnit: ReadonlyMap<string, Record<string, number>>,
  settings: Settings,
  nameOf: (unit: string) => string,
): OutcomeMetrics {
  const satisfaction = settingNumber(settings, 'satisfactionTarget');
  const unitTarget = settingNumber(settings, 'docsOnNetworkUnitTarget');
  const units = [...digitisationByUnit]
    .filter(([, t]) => (t['docsTotal'] ?? 0) > 0)
    .map(([unit, t]) => ({ unit, name: nameOf(unit), ratio: ratio(t['docsOnNetwork'] ?? 0, t['docsTotal'] ?? 0, unitTarget) }));
  const passing = units.filter((u) => u.ratio.pass).length;
  return {
    healthSatisfaction: ratio(outcomes['healthSatisfied'] ?? 0, outcomes['healthSurveyed'] ?? 0, satisfaction),
    educationSatisfaction: ratio(outcomes['educationSatisfied'] ?? 0, outcomes['educationSurveyed'] ?? 0, satisfaction),
    disbursement: ratio(outcomes['capitalDisbursed'] ?? 0, outcomes['capitalPlanned'] ?? 0, settingNumber(settings, 'disbursementTarget')),
    inspectedUnits: ratio(outcomes['unitsInspected'] ?? 0, outcomes['unitsTotal'] ?? 0, settingNumber(settings, 'inspectedUnitsTarget')),
    endToEnd: ratio(digitisation['endToEnd'] ?? 0, digitisation['online'] ?? 0, settingNumber(settings, 'endToEndTarget')),
    unitDocsOnNetwork: { units, passing, pass: units.length === 0 ? null : passing === units.length, target: unitTarget },
  };
}
