import { describe, expect, it } from 'vitest';
import { computeMetrics, DIGITISATION_TAB, OUTCOMES_TAB, parsePeriod, targetLines, type Row } from '../../core/index';

/**
 * Figures that are a level on a day (how many fee-bearing procedures there are, the capital allocated, the units to
 * inspect) against flows (dossiers received, documents handled): a period longer than a row's keeps the latest level,
 * and adds up the flows.
 */
const plans = [{ code: 'P', title: 'KH', date: null, ward: 'X', year: 2026 }];

describe('stock figures over several quarters', () => {
  const digitisation: Row[] = [
    // 36 fee-bearing procedures all year; 30, then 36 of them accept online payment; 20, then 25 had a payment.
    { period: 'Quý I/2026', received: 100, feeProcedures: 36, paymentEnabled: 30, paymentUsed: 20, feeDossiers: 50, paidOnline: 40 },
    { period: 'Quý II/2026', received: 120, feeProcedures: 36, paymentEnabled: 36, paymentUsed: 25, feeDossiers: 60, paidOnline: 57 },
  ];
  const outcomes: Row[] = [
    { period: 'Quý I/2026', capitalPlanned: 12000, capitalDisbursed: 3000, unitsTotal: 24, unitsInspected: 2 },
    { period: 'Quý II/2026', capitalPlanned: 12000, capitalDisbursed: 5000, unitsTotal: 24, unitsInspected: 3 },
  ];

  it('six months: 36 fee-bearing procedures, not 72; dossiers, payments and disbursement add up', () => {
    const m = computeMetrics({ plans, digitisation, outcomes }, { period: parsePeriod('2026-H1', 'calendar')!, today: '2026-07-01' });
    const by = Object.fromEntries(m.digitisation.indicators.map((i) => [i.key, i]));
    expect(by['paymentEnabled']).toMatchObject({ numerator: 36, denominator: 36, value: 100, pass: true });
    expect(by['paymentUsed']).toMatchObject({ numerator: 25, denominator: 36 });
    expect(by['paidOnline']).toMatchObject({ numerator: 97, denominator: 110 });
    expect(by['onlineHandling']).toMatchObject({ denominator: 220 });
    const lines = Object.fromEntries(targetLines(m).map((l) => [l.key, l]));
    // 8.000 of the year's 12.000 allocated; 5 of the 24 units inspected so far.
    expect(lines['disbursement']).toMatchObject({ numerator: 8000, denominator: 12000 });
    expect(lines['inspectedUnits']).toMatchObject({ numerator: 5, denominator: 24 });
  });

  it('keeps each unit’s latest level and adds the units; a quarter alone is its own level', () => {
    const rows: Row[] = [
      { period: 'Quý I/2026', unit: 'Văn phòng HĐND và UBND', feeProcedures: 10, paymentEnabled: 8 },
      { period: 'Quý II/2026', unit: 'Văn phòng HĐND và UBND', feeProcedures: 12, paymentEnabled: 12 },
      { period: 'Quý I/2026', unit: 'Trung tâm Phục vụ hành chính công', feeProcedures: 26, paymentEnabled: 20 },
    ];
    const h1 = computeMetrics({ plans, digitisation: rows }, { period: parsePeriod('2026-H1', 'calendar')!, today: '2026-07-01' });
    expect(h1.digitisation.indicators.find((i) => i.key === 'paymentEnabled')).toMatchObject({ numerator: 32, denominator: 38 });
    const q1 = computeMetrics({ plans, digitisation: rows }, { period: parsePeriod('2026-Q1', 'calendar')!, today: '2026-07-01' });
    expect(q1.digitisation.indicators.find((i) => i.key === 'paymentEnabled')).toMatchObject({ numerator: 28, denominator: 36 });
  });

  it('the tabs say which columns are levels', () => {
    const stocks = (tab: typeof DIGITISATION_TAB) => tab.columns.filter((c) => c.stock).map((c) => c.key);
    expect(stocks(DIGITISATION_TAB)).toEqual(['feeProcedures', 'paymentEnabled', 'paymentUsed']);
    expect(stocks(OUTCOMES_TAB)).toEqual(['capitalPlanned', 'unitsTotal']);
  });
});
