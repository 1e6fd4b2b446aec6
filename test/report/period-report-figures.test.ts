/**
 * The periodic report's figures against what the plans say (issue 25): the next period's focus tasks, plans counted
 * by their issue date, done tasks without a completion date. Each is checked in the Word report `cchc report` writes.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { defaultSettings, encodeSettings, type Row } from '../../core/index';
import { XlsxStore } from '../../sync/store/xlsx-store';
import { cchcAsync } from '../helpers/cli';
import { useTempDir } from '../helpers/tmp';

const tempDir = useTempDir();

const task = (plan: string, stt: string, deadline: string, status = 'Chưa thực hiện', completedOn: string | null = null): Row => ({
  id: `${plan}-${stt}`,
  plan,
  stt,
  title: `Nhiệm vụ ${stt}`,
  lead: 'Phòng Văn hóa - Xã hội',
  product: 'Báo cáo',
  deadline,
  status,
  progress: status.startsWith('Hoàn thành') ? 100 : null,
  completedOn,
});

const plan = (code: string, date: string | null): Row => ({ code, title: `Kế hoạch ${code}`, date, ward: 'An Tường', year: 2026 });

const textOf = (xml: string): string =>
  [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]!.replace(/&amp;/g, '&').replace(/&quot;/g, '"')).join('');
const all = (xml: string, tag: string): string[] => xml.match(new RegExp(`<${tag}[ >][\\s\\S]*?</${tag}>`, 'g')) ?? [];

/** Writes a store with these plans and tasks, runs `cchc report` and returns the Word report's paragraphs and table rows. */
async function report(plans: Row[], tasks: Row[], args: string[]): Promise<{ paragraphs: string[]; rows: string[][] }> {
  const dir = await tempDir();
  const store = join(dir, 'cchc.xlsx');
  await new XlsxStore(store).create({ settings: encodeSettings({ ...defaultSettings(), ward: 'phường An Tường' }), plans, tasks });
  const out = join(dir, 'bao-cao.docx');
  const result = await cchcAsync(['report', '--store', store, '--out', out, ...args]);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  const document = await (await JSZip.loadAsync(await readFile(out))).file('word/document.xml')!.async('string');
  return { paragraphs: all(document, 'w:p').map(textOf), rows: all(document, 'w:tr').map((tr) => all(tr, 'w:tc').map(textOf)) };
}

/** The STTs listed under "IV. NHIỆM VỤ TRỌNG TÂM KỲ TỚI" (the focus table's rows: task, lead, due). */
const focus = (rows: string[][]): string[] =>
  rows
    .filter((r) => r.length === 3 && /, STT /.test(r[0]!))
    .map((r) => r[0]!.match(/STT (\S+):/)![1]!)
    .sort();

describe('next period focus tasks ("Nhiệm vụ trọng tâm kỳ tới")', () => {
  const tasks = [
    task('P', '1', 'Quý IV/2026'), // due 31/12/2026: the end of 6 tháng cuối năm, though the data cut-off is 14/12
    task('P', '2', 'Năm 2026', 'Đang thực hiện'), // 31/12/2026
    task('P', '3', 'Trước 15/12/2026'), // 14/12/2026
    task('P', '4', 'Quý I/2027'), // after the next period
    task('P', '5', 'Hằng quý'), // the quarter the report is made in: 30/06/2026
    task('P', '6', 'Quý IV/2026', 'Hoàn thành', '2026-05-20'), // done
    task('P', '7', 'Trước 17/12/2026'), // 16/12/2026
  ];

  it('a six-month report lists every open task due by 31/12, the calendar end of 6 tháng cuối năm', async () => {
    const d = await report([plan('P', '2026-01-10')], tasks, ['--period', '2026-H1', '--today', '10/06/2026']);
    expect(focus(d.rows)).toEqual(['1', '2', '3', '5', '7']);
    expect(d.paragraphs).toContain('Tập trung hoàn thành 5 nhiệm vụ đến hạn từ nay đến ngày 31/12/2026 (hết kỳ 6 tháng cuối năm 2026):');
  });

  it('a quarter IV report made in the days after its cut-off stands at that day: what fell due meanwhile is overdue, the rest is the focus', async () => {
    const d = await report([plan('P', '2026-01-10')], tasks, ['--period', '2026-Q4', '--today', '20/12/2026']);
    // The report stands at 20/12 (the month the quarter's cut-off falls in is not over, asOfDate): 3 (14/12) and 7
    // (16/12) are overdue there, in section III; 1, 2 and 5 (31/12) and 4 (31/03/2027) are the next period's work.
    expect(focus(d.rows)).toEqual(['1', '2', '4', '5']);
    expect(d.paragraphs).toContain('Tập trung hoàn thành 4 nhiệm vụ đến hạn từ nay đến ngày 31/03/2027 (hết kỳ Quý I/2027):');
  });

  it('a calendar year report made in January lists the open tasks due 31/12 (not overdue on the period’s last day)', async () => {
    const d = await report([plan('P', '2026-01-10')], tasks, ['--period', '2026', '--calendar', '--today', '05/01/2027']);
    // 3 and 7 were overdue on 31/12 (section III); 1, 2 and 5 (the last quarter's, 31/12) were due that day.
    expect(focus(d.rows)).toEqual(['1', '2', '4', '5']);
  });
});

describe('plans counted by their issue date', () => {
  // Seed 002: Nhị Chiểu's plan 158/KH-UBND is dated "ngày 05 tháng 5 năm 2026", in quý II.
  const plans = [plan('01/KH-UBND', '2026-01-10'), plan('158/KH-UBND', '2026-05-05')];
  const tasks = [
    task('01/KH-UBND', '1', 'Quý I/2026', 'Hoàn thành', '2026-03-01'),
    task('01/KH-UBND', '2', 'Quý II/2026'),
    task('158/KH-UBND', '1', 'Quý II/2026'),
    task('158/KH-UBND', '2', 'Quý III/2026', 'Đang thực hiện'),
    task('158/KH-UBND', '3', 'Năm 2026'),
  ];

  it('a quarter I report neither names nor counts a plan issued in May; the six-month report does', async () => {
    const q1 = await report(plans, tasks, ['--period', '2026-Q1', '--today', '20/06/2026']);
    expect(q1.paragraphs.filter((x) => x.startsWith('- Kế hoạch số '))).toEqual([
      '- Kế hoạch số 01/KH-UBND ngày 10/01/2026: Kế hoạch 01/KH-UBND.',
    ]);
    expect(q1.paragraphs.some((x) => x.includes('tổng số 2 nhiệm vụ: hoàn thành 1'))).toBe(true);
    const h1 = await report(plans, tasks, ['--period', '2026-H1', '--today', '20/06/2026']);
    expect(h1.paragraphs.filter((x) => x.startsWith('- Kế hoạch số '))).toHaveLength(2);
    expect(h1.paragraphs.some((x) => x.includes('tổng số 5 nhiệm vụ: hoàn thành 1'))).toBe(true);
  });

  it('cchc metrics --json for quarter I leaves the May plan out of the task figures', async () => {
    const dir = await tempDir();
    const store = join(dir, 'cchc.xlsx');
    await new XlsxStore(store).create({ settings: encodeSettings(defaultSettings()), plans, tasks });
    const m = JSON.parse((await cchcAsync(['metrics', '--store', store, '--period', '2026-Q1', '--today', '20/06/2026', '--json'])).stdout);
    expect(m.tasks.overall).toMatchObject({ total: 2, done: 1, notStarted: 1 });
  });
});

describe('done tasks without a completion date', () => {
  const tasks = [
    task('P', '1', 'Quý I/2026', 'Hoàn thành', '2026-03-01'), // on time
    task('P', '2', 'Quý I/2026', 'Hoàn thành', '2026-04-20'), // late
    task('P', '3', 'Quý I/2026', 'Hoàn thành'), // no date: neither on time nor late
    task('P', '4', 'Quý II/2026', 'Đang thực hiện'),
  ];

  it('are counted and listed apart, not as done on time', async () => {
    const dir = await tempDir();
    const store = join(dir, 'cchc.xlsx');
    await new XlsxStore(store).create({ settings: encodeSettings(defaultSettings()), plans: [plan('P', '2026-01-10')], tasks });
    const args = ['--store', store, '--period', '2026-H1', '--today', '10/06/2026'];
    const m = JSON.parse((await cchcAsync(['metrics', ...args, '--json'])).stdout);
    expect(m.tasks.overall).toMatchObject({ total: 4, done: 1, doneLate: 1, doneUndated: 1, inProgress: 1, doneShare: 75 });
    expect(m.tasks.doneUndated.map((a: { stt: string }) => a.stt)).toEqual(['3']);
    const text = (await cchcAsync(['metrics', ...args])).stdout;
    expect(text).toMatch(/Hoàn thành đúng hạn\s+1\n/);
    expect(text).toMatch(/Hoàn thành, chưa ghi ngày hoàn thành\s+1\n/);

    const d = await report([plan('P', '2026-01-10')], tasks, ['--period', '2026-H1', '--today', '10/06/2026']);
    expect(
      d.paragraphs.some((x) => x.includes('tổng số 4 nhiệm vụ: hoàn thành 3 (đúng hạn 1, quá hạn 1, chưa ghi ngày hoàn thành 1), đạt 75%')),
    ).toBe(true);
    expect(d.paragraphs).toContain('Có 1 nhiệm vụ hoàn thành, chưa ghi ngày hoàn thành (chưa xác định được đúng hạn hay quá hạn):');
    expect(d.rows).toContainEqual(['P, STT 3: Nhiệm vụ 3', 'Phòng Văn hóa - Xã hội', '31/03/2026']);
  });
});
