import { describe, expect, it } from 'vitest';
import {
  catalogFromTables,
  computeMetrics,
  defaultSettings,
  encodeSettings,
  indexSummary,
  parsePeriod,
  validateTables,
  type Row,
} from '../../core/index';

const plan = (code: string, reportHalf = '', reportYear = ''): Row => ({
  code,
  title: code,
  date: null,
  ward: 'Nhị Chiểu',
  year: 2026,
  reportHalf,
  reportYear,
});

describe('reporting schedules', () => {
  it("a plan reported by 10/6 and 10/12 has its own schedule beside the ward's 15/6 and 15/12", () => {
    const tables = { settings: encodeSettings(defaultSettings()), plans: [plan('KH-CCHC'), plan('158/KH-UBND', '10/06', '10/12/2026')] };
    const m = computeMetrics(tables, { period: parsePeriod('2026')!, today: '2026-06-01' });
    expect(m.reports.map((r) => [r.plans, r.label, r.due])).toEqual([
      [['158/KH-UBND'], '2026-H1', '2026-06-10'],
      [['KH-CCHC'], '2026-H1', '2026-06-15'],
    ]);
    expect(m.nextReport.due).toBe('2026-06-15');
  });

  it('settings as date cells or dd/mm/yyyy; an unreadable one is named by validate', () => {
    const settings = encodeSettings({ ...defaultSettings(), reportHalfDate: '2026-06-10', reportYearDate: '10/12/2026' });
    const m = computeMetrics({ settings }, { period: parsePeriod('2026')!, today: '2026-06-01' });
    expect(m.nextReport.due).toBe('2026-06-10');
    // The same date cell read from a Google Sheet's text column: its serial day number.
    const serial = computeMetrics(
      { settings: encodeSettings({ ...defaultSettings(), reportHalfDate: '46183' }) },
      { period: parsePeriod('2026')!, today: '2026-06-01' },
    );
    expect(serial.nextReport.due).toBe('2026-06-10');
    const bad = validateTables({
      settings: encodeSettings({ ...defaultSettings(), reportHalfDate: '15 tháng sáu' }),
      plans: [plan('X', '31/02')],
    });
    expect(bad.issues.map((i) => [i.tab, i.code])).toEqual(
      expect.arrayContaining([
        ['settings', 'SETTING_INVALID'],
        ['plans', 'DATE_INVALID'],
      ]),
    );
  });

  it('CCHC-index deadlines follow the plan year', () => {
    const tables = { settings: encodeSettings({ ...defaultSettings(), planYear: '2027' }) };
    const catalog = catalogFromTables(tables);
    const rows: Row[] = [
      { code: '1', title: 'Tiêu chí', maxPoints: 100, lead: 'Văn phòng HĐND và UBND', scoreH1: 50, evidence: 'https://x' },
    ];
    const h1 = indexSummary(rows, {
      period: parsePeriod('2027-H1')!,
      today: '2027-06-01',
      settings: catalog.settings,
      registry: catalog.registry,
    });
    expect(h1.deadline).toBe('2027-06-20'); // "trước ngày 21/6"
    const year = indexSummary(rows, {
      period: parsePeriod('2027')!,
      today: '2027-06-01',
      settings: catalog.settings,
      registry: catalog.registry,
    });
    expect(year.deadline).toBe('2027-11-30'); // "trước ngày 01/12"
  });
});
