import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  computeMetrics,
  encodeSettings,
  encodeTargets,
  defaultSettings,
  parseLengthDays,
  parsePeriod,
  ratio,
  type Row,
} from '../../core/index';
import { sampleTables } from '../../sync/samples/sample-tables';
import { XlsxStore } from '../../sync/store/xlsx-store';
import { cchcAsync } from '../helpers/cli';
import { useTempDir } from '../helpers/tmp';

const tempDir = useTempDir();

const meeting = (date: string, format: string, extra: Partial<Record<string, string>> = {}): Row => ({
  date,
  unit: 'Văn phòng HĐND và UBND',
  title: `Họp ${date}`,
  kind: 'Chuyên môn',
  communeWide: 'Không',
  format,
  length: '0,5',
  paperless: 'Không',
  ...extra,
});

function tables(meetings: Row[], settings: Record<string, string> = {}, tasks: Row[] = []): Record<string, Row[]> {
  return { meetings, settings: encodeSettings({ ...defaultSettings(), ...settings }), tasks, plans: [], units: [] };
}

const Y2026 = parsePeriod('2026')!;

describe('periods (data cut-off calendar)', () => {
  it.each([
    ['2026', '2025-12-15', '2026-12-14'],
    ['2026-Q1', '2025-12-15', '2026-03-14'],
    ['2026-Q2', '2026-03-15', '2026-06-14'],
    ['2026-H1', '2025-12-15', '2026-06-14'],
    ['2026-Q3', '2026-06-15', '2026-09-14'],
    ['2026-H2', '2026-06-15', '2026-12-14'],
    ['2026-09', '2026-09-01', '2026-09-30'],
  ])('%s runs %s – %s', (text, from, to) => {
    expect(parsePeriod(text)).toMatchObject({ from, to });
  });

  it('offers calendar periods as an option and rejects nonsense', () => {
    expect(parsePeriod('2026-Q1', 'calendar')).toMatchObject({ from: '2026-01-01', to: '2026-03-31' });
    expect(parsePeriod('2026-H1', 'calendar')).toMatchObject({ from: '2026-01-01', to: '2026-06-30' });
    expect(parsePeriod('2026-13')).toBeNull();
    expect(parsePeriod('Q1')).toBeNull();
  });

  it('puts the 14th in the closing period and the 15th in the next (cut-off days)', () => {
    const m = computeMetrics(tables([meeting('2026-03-14', 'Trực tuyến'), meeting('2026-03-15', 'Trực tiếp')]), {
      period: parsePeriod('2026-Q1')!,
      today: '2026-03-20',
    });
    expect(m.meetings.total).toBe(1);
    expect(m.meetings.online).toBe(1);
    const q2 = computeMetrics(tables([meeting('2026-03-14', 'Trực tuyến'), meeting('2026-03-15', 'Trực tiếp')]), {
      period: parsePeriod('2026-Q2')!,
      today: '2026-03-20',
    });
    expect(q2.meetings.total).toBe(1);
    expect(q2.meetings.inPerson).toBe(1);
  });
});

describe('ratios scored like the 766 dashboard', () => {
  it('passes at exactly the target and scores proportionally below it', () => {
    expect(ratio(60, 100, 60)).toMatchObject({ value: 60, pass: true, score: 100, gap: 'Đạt' });
    expect(ratio(3, 5, 60)).toMatchObject({ value: 60, pass: true });
    expect(ratio(45, 100, 60)).toMatchObject({ value: 45, pass: false, score: 75 });
    expect(ratio(45, 100, 60).gap).toBe('Còn thiếu 15 điểm phần trăm so với chỉ tiêu 60%');
  });

  it('calls a zero denominator "không áp dụng", not 0%', () => {
    expect(ratio(0, 0, 95)).toMatchObject({ value: null, pass: null, score: null, gap: 'Không áp dụng' });
  });
});

describe('meeting metrics', () => {
  it('online share with and without hybrid meetings, hand-computed', () => {
    // 10 meetings: 5 online, 2 hybrid, 3 in person → 50% online, 70% with hybrids.
    const rows = [
      ...Array.from({ length: 5 }, (_, i) => meeting(`2026-02-0${i + 1}`, 'Trực tuyến')),
      ...Array.from({ length: 2 }, (_, i) => meeting(`2026-04-0${i + 1}`, 'Kết hợp')),
      ...Array.from({ length: 3 }, (_, i) => meeting(`2026-05-0${i + 1}`, 'Trực tiếp')),
    ];
    const m = computeMetrics(tables(rows), { period: Y2026, today: '2026-11-23' }).meetings;
    expect(m).toMatchObject({ total: 10, online: 5, hybrid: 2, inPerson: 3 });
    expect(m.onlineShare).toMatchObject({ numerator: 5, denominator: 10, value: 50, pass: false });
    expect(m.onlineShareWithHybrid).toMatchObject({ numerator: 7, denominator: 10, value: 70, pass: true });
  });

  it('change against last year: exactly −10% passes, −9% does not', () => {
    const rows = (n: number) => Array.from({ length: n }, (_, i) => meeting(`2026-0${(i % 9) + 1}-10`, 'Trực tuyến'));
    const at = computeMetrics(tables(rows(90), { meetingsBaseline: '100' }), { period: Y2026, today: '2026-11-23' }).meetings.change;
    expect(at).toMatchObject({ baseline: 100, value: -10, target: -10, pass: true });
    const short = computeMetrics(tables(rows(91), { meetingsBaseline: '100' }), { period: Y2026, today: '2026-11-23' }).meetings.change;
    expect(short).toMatchObject({ value: -9, pass: false });
    expect(short.gap).toBe('Cần giảm thêm 1 hội nghị để đạt mức giảm 10%');
    const quarter = computeMetrics(tables(rows(10), { meetingsBaseline: '100' }), { period: parsePeriod('2026-Q2')!, today: '2026-11-23' });
    expect(quarter.meetings.change.pass).toBeNull();
  });

  it('commune-wide conferences at most 3 a year', () => {
    const rows = Array.from({ length: 4 }, (_, i) => meeting(`2026-0${i + 2}-01`, 'Trực tiếp', { communeWide: 'Có' }));
    const m = computeMetrics(tables(rows), { period: Y2026, today: '2026-11-23' }).meetings;
    expect(m.communeWide).toMatchObject({ count: 4, max: 3, pass: false });
    const three = computeMetrics(tables(rows.slice(0, 3)), { period: Y2026, today: '2026-11-23' }).meetings;
    expect(three.communeWide.pass).toBe(true);
  });

  it('length limits per kind: a dissemination meeting of exactly ½ day is within its limit', () => {
    const rows = [
      meeting('2026-02-01', 'Trực tiếp', { kind: 'Quán triệt', length: '1/2 ngày' }),
      meeting('2026-02-02', 'Trực tiếp', { kind: 'Quán triệt', length: '1' }),
      meeting('2026-02-03', 'Trực tiếp', { kind: 'Chuyên môn', length: '8 giờ' }),
      meeting('2026-02-04', 'Trực tiếp', { kind: 'Quan trọng có thảo luận', length: '2' }),
      meeting('2026-02-05', 'Trực tiếp', { kind: 'Khác', length: '3' }),
    ];
    const m = computeMetrics(tables(rows), { period: Y2026, today: '2026-11-23' }).meetings;
    expect(m.overLength.count).toBe(2);
    expect(m.overLength.meetings.map((x) => [x.kind, x.lengthDays, x.limit])).toEqual([
      ['Quán triệt', 1, 0.5],
      ['Quan trọng có thảo luận', 2, 1.5],
    ]);
    expect(parseLengthDays('0,5')).toBe(0.5);
    expect(parseLengthDays('4 giờ')).toBe(0.5);
    expect(parseLengthDays('nửa ngày')).toBe(0.5);
  });

  it.each([
    ['2 buổi', 1],
    ['4 buổi', 2],
    ['hai buổi', 1],
    ['buổi sáng', 0.5],
    ['1 ngày rưỡi', 1.5],
    ['ngày rưỡi', 1.5],
    ['cả ngày', 1],
    ['3 tiếng', 0.375],
    ['4h', 0.5],
    ['1/2 ngày', 0.5],
    ['1,5', 1.5],
  ])('a length written "%s" is %s day(s)', (text, days) => {
    expect(parseLengthDays(text)).toBe(days);
  });

  it.each(['1 tuần', 'vài tiếng', '1/0'])('"%s" is no length: flagged, never counted as something else', (text) => {
    expect(parseLengthDays(text)).toBeNull();
  });

  it('paperless share and unreadable lengths reported', () => {
    const rows = [
      meeting('2026-02-01', 'Trực tuyến', { paperless: 'Có' }),
      meeting('2026-02-02', 'Trực tiếp', { length: 'khoảng vài tiếng' }),
    ];
    const m = computeMetrics(tables(rows), { period: Y2026, today: '2026-11-23' });
    expect(m.meetings.paperless).toEqual({ count: 1, share: 50 });
    expect(m.issues).toMatchObject([{ tab: 'meetings', row: 3, column: 'length', code: 'MEETING_LENGTH_INVALID' }]);
  });
});

describe('task progress', () => {
  const task = (stt: string, deadline: string, status = 'Chưa thực hiện', extra: Partial<Record<string, string | number>> = {}): Row => ({
    id: `NV-${stt}`,
    plan: '1/KH',
    stt,
    title: `Việc ${stt}`,
    lead: 'Phòng VHXH',
    deadline,
    status,
    ...extra,
  });
  const rows = [
    task('1', 'Quý I/2026', 'Hoàn thành', { progress: 100, completedOn: '2026-03-20' }),
    task('2', 'Quý I/2026', 'Hoàn thành', { progress: 100, completedOn: '2026-04-02' }), // done late
    task('3', 'Quý II/2026', 'Đang thực hiện'), // overdue on 2026-07-01
    task('4', 'Trước 15/07/2026'), // due 14/07: within 14 days of 01/07
    task('5', 'Trước 16/07/2026'), // due 15/07: the 14th day after 01/07 — still "due soon"
    task('6', 'Trước 17/07/2026'), // due 16/07: beyond the window
    task('7', 'Thường xuyên'), // never overdue
    task('8', 'Quý II/2026 (sau khi UBND tỉnh ban hành)'), // waits for its condition
    task('9', 'Năm 2026', 'Không thực hiện'),
  ];

  it('counts states, overdue and due-within-14-days on a given day', () => {
    const t = computeMetrics(tables([], {}, rows), { period: Y2026, today: '2026-07-01' }).tasks;
    expect(t.overall).toMatchObject({
      total: 9,
      done: 1,
      doneLate: 1,
      inProgress: 1,
      notStarted: 5,
      dropped: 1,
      overdue: 1,
      dueSoon: 2,
      waiting: 1,
      doneShare: 22.2,
    });
    expect(t.overdue.map((a) => [a.stt, a.daysLate])).toEqual([['3', 1]]);
    expect(t.dueSoon.map((a) => a.stt)).toEqual(['4', '5']);
    expect(t.byUnit['VHXH']!.total).toBe(9);
  });

  it('restricts to one lead unit with --unit', () => {
    const mixed = [...rows, task('10', 'Quý I/2026', 'Chưa thực hiện', { lead: 'Văn phòng HĐND và UBND' })];
    const t = computeMetrics(tables([], {}, mixed), { period: Y2026, today: '2026-07-01', unit: 'VP' }).tasks;
    expect(t.overall).toMatchObject({ total: 1, overdue: 1 });
  });
});

describe('documents and digitisation', () => {
  const docs = (period: string, issued: number, baseline: number, exchanged: number, electronic: number): Row => ({
    period,
    unit: 'Văn phòng HĐND và UBND',
    issued,
    baseline,
    exchanged,
    electronic,
  });

  it('document reduction against last year (−15%) and electronic exchange of non-secret documents (100%)', () => {
    const t = {
      ...tables([]),
      documents: [docs('2026-Q1', 40, 50, 100, 100), docs('2026-Q2', 45, 50, 80, 78), docs('2025-Q4', 99, 1, 1, 1)],
    };
    const d = computeMetrics(t, { period: Y2026, today: '2026-11-23' }).documents;
    // 85 issued against 100 last year: exactly −15%; 178 of 180 exchanged electronically.
    expect(d).toMatchObject({ issued: 85, baseline: 100, change: { value: -15, pass: true } });
    expect(d.electronicShare).toMatchObject({ numerator: 178, denominator: 180, value: 98.9, pass: false });
    const h1 = computeMetrics(t, { period: parsePeriod('2026-Q1')!, today: '2026-11-23' }).documents;
    expect(h1.change).toMatchObject({ value: -20, pass: true });
  });

  it('every digitisation ratio with numerator, denominator, "không áp dụng" and the 766 score', () => {
    const row: Row = {
      period: '2026-Q1',
      unit: 'Trung tâm Phục vụ hành chính công',
      received: 200,
      online: 190, // 95% → pass at the boundary
      endToEnd: 120,
      onTime: 180,
      resolved: 200, // 90% on time → 90 × 100 / 95 = 94.7
      digitised: 200,
      eResults: 200,
      reused: 150, // 75% of 90% → 83.3
      feeProcedures: 0, // payment ratios not applicable
      paymentEnabled: 0,
      paymentUsed: 0,
      feeDossiers: 0,
      paidOnline: 0,
      docsOnNetwork: 70,
      docsTotal: 100,
      inspectionsDigital: 0,
      inspectionsTotal: 0,
    };
    const d = computeMetrics({ ...tables([]), digitisation: [row] }, { period: Y2026, today: '2026-11-23' }).digitisation;
    const by = Object.fromEntries(d.indicators.map((i) => [i.key, i]));
    expect(by['onlineHandling']).toMatchObject({ numerator: 190, denominator: 200, value: 95, pass: true, score: 100 });
    expect(by['onTime']).toMatchObject({ value: 90, pass: false, score: 94.7 });
    expect(by['reuse']).toMatchObject({ value: 75, score: 83.3 });
    expect(by['paymentEnabled']).toMatchObject({ value: null, gap: 'Không áp dụng', score: null });
    expect(by['docsOnNetwork']).toMatchObject({ value: 70, pass: true });
    // Mean of the 6 applicable scores: (100 + 94.7 + 100 + 100 + 83.3 + 100) / 6.
    expect(d.score).toBe(96.3);
  });
});

describe('next report due', () => {
  it('follows the ward submission dates', () => {
    const at = (today: string, settings: Record<string, string> = {}) =>
      computeMetrics(tables([], settings), { period: Y2026, today }).nextReport;
    expect(at('2026-11-23')).toMatchObject({ label: '2026', due: '2026-12-15', daysLeft: 22, name: 'Báo cáo năm 2026' });
    expect(at('2026-03-15')).toMatchObject({ label: '2026-Q1', due: '2026-03-15', daysLeft: 0 });
    expect(at('2026-03-16')).toMatchObject({ label: '2026-H1', due: '2026-06-15', name: 'Báo cáo 6 tháng đầu năm 2026' });
    expect(at('2026-06-11', { reportHalfDate: '10/06' })).toMatchObject({ label: '2026-Q3', due: '2026-09-15' });
    expect(at('2026-12-16')).toMatchObject({ label: '2027-Q1', due: '2027-03-15' });
  });
});

describe('cchc metrics --json', () => {
  it('prints numbers, not strings, in the documented shape', async () => {
    const store = new XlsxStore(join(await tempDir(), 'cchc.xlsx'));
    await store.create(await sampleTables());
    const result = await cchcAsync(['metrics', '--store', store.location, '--period', '2026-H1', '--today', '2026-06-14', '--json']);
    expect(result.code).toBe(0);
    const m = JSON.parse(result.stdout);
    expect(m.period).toEqual({ label: '2026-H1', from: '2025-12-15', to: '2026-06-14' });
    expect(typeof m.meetings.total).toBe('number');
    expect(typeof m.meetings.onlineShare.value).toBe('number');
    expect(m.digitisation.indicators).toHaveLength(10);
    expect(m.tasks.overall.total).toBe(74);
    expect(m.nextReport).toMatchObject({ label: '2026-H1', due: '2026-06-15', daysLeft: 1 });
    expect((await cchcAsync(['metrics', '--store', store.location, '--period', '2026-Q5'])).code).toBe(2);
  });
});

describe('targets tab (Chỉ tiêu)', () => {
  it('a ward can change a target and the pass/fail follows', () => {
    const rows = [meeting('2026-02-01', 'Trực tuyến'), meeting('2026-02-02', 'Trực tiếp')];
    const base = tables(rows);
    expect(computeMetrics(base, { period: Y2026, today: '2026-11-23' }).meetings.onlineShare.pass).toBe(false);
    const edited = { ...base, targets: encodeTargets({ ...defaultSettings(), onlineShareTarget: '50' }) };
    expect(computeMetrics(edited, { period: Y2026, today: '2026-11-23' }).meetings.onlineShare).toMatchObject({ target: 50, pass: true });
  });
});

describe("meeting baseline from last year's log", () => {
  // 2025 cut-off year: 15/12/2024 – 14/12/2025. 20 meetings spread over it (one per
  // ~18 days from 20/12/2024), 18 in 2026 → −10% against the log.
  const lastYear = Array.from({ length: 20 }, (_, i) =>
    meeting(new Date(Date.UTC(2024, 11, 20 + i * 18)).toISOString().slice(0, 10), 'Trực tiếp'),
  );
  const thisYear = Array.from({ length: 18 }, (_, i) => meeting(`2026-0${(i % 9) + 1}-10`, 'Trực tuyến'));

  it("an explicit setting wins over last year's log", () => {
    const m = computeMetrics(tables([...lastYear, ...thisYear], { meetingsBaseline: '100' }), {
      period: Y2026,
      today: '2026-11-23',
    }).meetings;
    expect(m.total).toBe(18);
    expect(m.change).toMatchObject({ baseline: 100, source: 'setting', value: -82, pass: true });
  });

  it("uses last year's log when it covers the whole year and no setting is given", () => {
    expect(lastYear.at(-1)!['date']).toBe('2025-11-27'); // within a month of 14/12
    const m = computeMetrics(tables([...lastYear, ...thisYear]), { period: Y2026, today: '2026-11-23' }).meetings;
    expect(m.change).toMatchObject({ baseline: 20, source: 'log', value: -10, pass: true });
  });

  it('a stray row of last year is no baseline: named in a warning, the setting stands', () => {
    const stray = meeting('2025-11-20', 'Trực tiếp');
    const withSetting = computeMetrics(tables([stray, ...thisYear], { meetingsBaseline: '62' }), { period: Y2026, today: '2026-11-23' });
    expect(withSetting.meetings.change).toMatchObject({ baseline: 62, source: 'setting', value: -71, pass: true });
    const without = computeMetrics(tables([stray, ...thisYear]), { period: Y2026, today: '2026-11-23' });
    expect(without.meetings.change).toMatchObject({ baseline: null, value: null, gap: 'Không áp dụng' });
    expect(without.issues.find((i) => i.code === 'BASELINE_PARTIAL')).toMatchObject({ tab: 'meetings', severity: 'warning' });
  });
});
