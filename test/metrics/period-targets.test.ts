import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import {
  computeMetrics,
  decodeMeetings,
  defaultSettings,
  encodeSettings,
  encodeTargets,
  followingPeriod,
  parsePeriod,
  periodReport,
  storeWard,
  targetLines,
  type Meeting,
  type MetricsReport,
  type Period,
  type Row,
  type Settings,
} from '../../core/index';
import { reportWorkbook } from '../../sync/report/report-workbook';

/** The report workbook as `cchc report` builds it, from the one report model. */
function reportOf(metrics: MetricsReport, period: Period, settings: Settings, meetings: readonly Meeting[]): ExcelJS.Workbook {
  const report = periodReport({
    metrics,
    period,
    ward: storeWard(settings, []),
    plans: [],
    targets: targetLines(metrics),
    meetings,
    settings,
    unitName: (id) => id,
    next: { period: followingPeriod(period), from: metrics.asOf, until: followingPeriod(period).to, tasks: [] },
  });
  return reportWorkbook(report, metrics.digitisation.score);
}

const meeting = (date: string, format = 'Trực tuyến'): Row => ({
  date,
  unit: 'Văn phòng HĐND và UBND',
  title: `Họp ${date}`,
  kind: 'Chuyên môn',
  communeWide: 'Không',
  format,
  length: '0,5',
  paperless: 'Không',
});
const task = (stt: string, deadline: string, status: string, completedOn: string | null = null): Row => ({
  id: `t${stt}`,
  plan: 'P',
  stt,
  title: `Nhiệm vụ ${stt}`,
  lead: 'Văn phòng HĐND và UBND',
  product: 'Báo cáo',
  deadline,
  status,
  progress: status.startsWith('Hoàn thành') ? 100 : null,
  completedOn,
});
const base = (extra: Record<string, Row[]> = {}) => ({
  settings: encodeSettings(defaultSettings()),
  plans: [{ code: 'P', title: 'KH', date: null, ward: 'X', year: 2026 }],
  ...extra,
});

describe('reports true to their period', () => {
  it('the H1 monthly chart adds up to the H1 total (cut-off months, not calendar months)', () => {
    // 20/12/2025 and 10/06/2026 are inside H1 (15/12 – 14/06); 20/06/2026 is not.
    const meetings = ['2025-12-20', '2026-01-10', '2026-02-20', '2026-03-14', '2026-03-15', '2026-05-30', '2026-06-10', '2026-06-20'].map(
      (d) => meeting(d),
    );
    const tables = base({ meetings });
    const period = parsePeriod('2026-H1')!;
    const metrics = computeMetrics(tables, { period, today: '2026-06-20' });
    expect(metrics.meetings.total).toBe(7);
    const wb = reportOf(metrics, period, defaultSettings(), decodeMeetings(meetings).meetings);
    const chart = wb.getWorksheet('Biểu đồ họp trực tuyến')!;
    let sum = 0;
    for (let r = 4; r <= chart.rowCount; r++) sum += Number(chart.getCell(`B${r}`).value ?? 0);
    expect(sum).toBe(7);
    expect(chart.rowCount - 3).toBe(6);
  });

  it('tasks as they stood at the end of a past period; "Không thực hiện" counted', () => {
    const tables = base({
      tasks: [
        task('1', 'Trước 30/9/2026', 'Đang thực hiện'), // due 29/09: not overdue at the end of Q1 or H1
        task('2', 'Quý I/2026', 'Hoàn thành', '2026-07-10'), // due 31/03, done 10/07: overdue at the end of H1
        task('3', 'Quý I/2026', 'Hoàn thành', '2026-02-01'), // done in time
        task('4', 'Quý II/2026', 'Không thực hiện'),
      ],
    });
    const h1 = computeMetrics(tables, { period: parsePeriod('2026-H1')!, today: '2026-12-01' }).tasks;
    expect(h1.today).toBe('2026-06-14');
    expect(h1.overall).toMatchObject({ total: 4, done: 1, inProgress: 2, dropped: 1, overdue: 1 });
    expect(h1.overdue.map((a) => a.stt)).toEqual(['2']);
    const q1 = computeMetrics(tables, { period: parsePeriod('2026-Q1')!, today: '2026-12-01' }).tasks;
    expect(q1.overdue).toEqual([]); // on 14/03 nothing was late yet
    const now = computeMetrics(tables, { period: parsePeriod('2026')!, today: '2026-12-01' }).tasks;
    expect(now.overall).toMatchObject({ done: 1, doneLate: 1, overdue: 1 });
    expect(now.overdue.map((a) => a.stt)).toEqual(['1']);
  });
});

describe('every target the plans set, computed from data', () => {
  const digitisation: Row[] = [
    // The committee as a whole 210/280 = 75% (≥ 70% passes); each unit must reach 90%.
    { period: 'Quý I/2026', unit: 'Văn phòng HĐND và UBND', received: 100, online: 80, endToEnd: 60, docsOnNetwork: 150, docsTotal: 200 },
    { period: 'Quý I/2026', unit: 'Phòng Văn hóa - Xã hội', received: 50, online: 40, endToEnd: 40, docsOnNetwork: 76, docsTotal: 80 },
  ];
  const outcomes: Row[] = [
    {
      period: 'Năm 2026',
      healthSurveyed: 200,
      healthSatisfied: 186,
      educationSurveyed: 300,
      educationSatisfied: 261,
      capitalPlanned: 12000,
      capitalDisbursed: 10500,
      unitsTotal: 24,
      unitsInspected: 6,
    },
  ];
  const year = parsePeriod('2026')!;

  it('per-unit documents on the network at 90%, end-to-end online, satisfaction, disbursement, units inspected', () => {
    const m = computeMetrics(base({ digitisation, outcomes }), { period: year, today: '2026-12-01' });
    const by = Object.fromEntries(targetLines(m).map((l) => [l.key, l]));
    expect(by['docsOnNetwork']).toMatchObject({ numerator: 226, denominator: 280, target: 70, pass: true });
    expect(by['unitDocsOnNetwork']).toMatchObject({ numerator: 1, denominator: 2, pass: false, targetText: 'mỗi đơn vị ≥ 90%' });
    expect(by['unitDocsOnNetwork']!.gap).toContain('Văn phòng HĐND và UBND 75%');
    expect(by['endToEnd']).toMatchObject({ numerator: 100, denominator: 120, target: 100, pass: false });
    expect(by['healthSatisfaction']).toMatchObject({ value: 93, pass: true });
    expect(by['educationSatisfaction']).toMatchObject({ value: 87, pass: false });
    expect(by['disbursement']).toMatchObject({ value: 87.5, target: 90, pass: false });
    expect(by['inspectedUnits']).toMatchObject({ value: 25, target: 20, pass: true });
    expect(by['communeWide']).toMatchObject({ targetText: '≤ 3 cuộc/năm' });
  });

  it('metrics --unit holds a unit to the per-unit 90%, not the committee 70%', () => {
    const m = computeMetrics(base({ digitisation }), { period: year, today: '2026-12-01', unit: 'VP' });
    const docs = m.digitisation.indicators.find((i) => i.key === 'docsOnNetwork')!;
    expect(docs).toMatchObject({ numerator: 150, denominator: 200, value: 75, target: 90, pass: false });
  });

  it("titles follow the ward's own targets", () => {
    const settings = { ...defaultSettings(), onlineShareTarget: '70' };
    const tables = { ...base({ meetings: [meeting('2026-02-01')] }), targets: encodeTargets(settings) };
    const metrics = computeMetrics(tables, { period: year, today: '2026-12-01' });
    expect(targetLines(metrics)[0]).toMatchObject({ target: 70, targetText: '≥ 70%' });
    const wb: ExcelJS.Workbook = reportOf(metrics, year, settings, []);
    expect(String(wb.getWorksheet('Biểu đồ họp trực tuyến')!.getCell('A1').value)).toContain('chỉ tiêu từ 70%');
  });

  it('no meeting logged: the commune-wide cap is "Không áp dụng", never met', () => {
    const metrics = computeMetrics(base({ meetings: [] }), { period: year, today: '2026-12-01' });
    expect(targetLines(metrics).find((l) => l.key === 'communeWide')).toMatchObject({ value: null, pass: null, verdict: 'Không áp dụng' });
  });
});
