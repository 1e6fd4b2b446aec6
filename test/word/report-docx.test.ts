import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { encodeSettings, followingPeriod, parsePeriod, periodName, targetLines } from '../../core/index';
import { SAMPLE_CATALOG, SAMPLE_CRITERIA, sampleTables } from '../../sync/samples/sample-tables';
import { XlsxStore } from '../../sync/store/xlsx-store';
import { cchcAsync } from '../helpers/cli';
import { useTempDir } from '../helpers/tmp';

const tempDir = useTempDir();

async function sampleStore(ward: string): Promise<{ dir: string; store: string }> {
  const dir = await tempDir();
  const tables = await sampleTables();
  const settings = Object.fromEntries((tables['settings'] ?? []).map((r) => [String(r['key']), String(r['value'] ?? '')]));
  tables['settings'] = encodeSettings({ ...settings, ward });
  const store = join(dir, 'cchc.xlsx');
  await new XlsxStore(store).create(tables);
  return { dir, store };
}

const unescape = (s: string): string =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
const textOf = (xml: string): string => [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => unescape(m[1]!)).join('');
const all = (xml: string, tag: string): string[] => xml.match(new RegExp(`<${tag}[ >][\\s\\S]*?</${tag}>`, 'g')) ?? [];

interface Docx {
  document: string;
  paragraphs: string[];
  /** Each table row as its cells' text. */
  rows: string[][];
  styles: string;
  headers: string[];
  rels: string;
}

async function readDocx(path: string): Promise<Docx> {
  const zip = await JSZip.loadAsync(await readFile(path));
  const document = await zip.file('word/document.xml')!.async('string');
  const headers = await Promise.all(zip.file(/^word\/header\d*\.xml$/).map((f) => f.async('string')));
  return {
    document,
    paragraphs: all(document, 'w:p').map(textOf),
    rows: all(document, 'w:tr').map((tr) => all(tr, 'w:tc').map(textOf)),
    styles: await zip.file('word/styles.xml')!.async('string'),
    headers,
    rels: await zip.file('word/_rels/document.xml.rels')!.async('string'),
  };
}

/** Vietnamese number form, written out independently of the code under test: decimal comma. */
const vn = (n: number): string => String(n).replace('.', ',');
const twipsToMm = (t: number): number => (t / 1440) * 25.4;

describe('cchc report --out .docx (Nghị định 30 format)', () => {
  it('lays out an A4 portrait document with the decree margins, Times New Roman 14 pt and page numbers from page 2', async () => {
    const { dir, store } = await sampleStore('xã Phúc Thuận');
    const out = join(dir, 'BAO-CAO.docx');
    const result = await cchcAsync(['report', '--store', store, '--period', '2026-H1', '--today', '2026-06-14', '--out', out]);
    expect(result.code).toBe(0);
    const d = await readDocx(out);
    const size = d.document.match(/<w:pgSz [^>]*>/)![0];
    expect(size).toMatch(/w:w="11906"/);
    expect(size).toMatch(/w:h="16838"/);
    expect(size).not.toMatch(/landscape/);
    const margin = (side: string) => twipsToMm(Number(d.document.match(new RegExp(`<w:pgMar [^>]*w:${side}="(\\d+)"`))![1]));
    for (const side of ['top', 'bottom']) {
      expect(margin(side)).toBeGreaterThanOrEqual(20 - 0.1);
      expect(margin(side)).toBeLessThanOrEqual(25);
    }
    expect(margin('left')).toBeGreaterThanOrEqual(30 - 0.1);
    expect(margin('left')).toBeLessThanOrEqual(35);
    expect(margin('right')).toBeGreaterThanOrEqual(15 - 0.1);
    expect(margin('right')).toBeLessThanOrEqual(20);
    const defaults = d.styles.match(/<w:docDefaults>[\s\S]*?<\/w:docDefaults>/)![0];
    expect(defaults).toMatch(/w:ascii="Times New Roman"/);
    expect(defaults).toMatch(/<w:sz w:val="28"\/>/); // half-points: 14 pt
    expect(d.document).toMatch(/<w:titlePg\/>/);
    expect(d.headers.some((h) => /PAGE/.test(h))).toBe(true);
  });

  it('has the heading table, title, body sections, recipients and signature, blanks marked, figures as cchc metrics --json says', async () => {
    const { dir, store } = await sampleStore('xã Phúc Thuận');
    const out = join(dir, 'BAO-CAO.docx');
    const args = ['--store', store, '--period', '2026-H1', '--today', '2026-06-14'];
    expect((await cchcAsync(['report', ...args, '--out', out])).code).toBe(0);
    const m = JSON.parse((await cchcAsync(['metrics', ...args, '--json'])).stdout);
    const d = await readDocx(out);
    const p = d.paragraphs;

    // The heading table: authority and number on the left, the national title, motto, place and date on the right.
    expect(d.rows[0]).toEqual([
      expect.stringMatching(/^UBND XÃ PHÚC THUẬN.*Số: .*\/BC-UBND$/),
      expect.stringMatching(/^CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAMĐộc lập - Tự do - Hạnh phúc.*Phúc Thuận, ngày .* tháng .* năm 2026$/),
    ]);
    const at = (text: string) => p.findIndex((x) => x === text);
    const order = [
      'BÁO CÁO',
      'Kết quả thực hiện công tác cải cách hành chính 6 tháng đầu năm 2026',
      'I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH',
      'II. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH',
      'III. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN',
      'IV. NHIỆM VỤ TRỌNG TÂM KỲ TỚI',
      'V. ĐỀ XUẤT, KIẾN NGHỊ',
      'Nơi nhận:',
      'TM. ỦY BAN NHÂN DÂN',
      'CHỦ TỊCH',
    ].map(at);
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);

    const t = m.tasks.overall;
    expect(
      p.some((x) =>
        x.includes(`tổng số ${t.total} nhiệm vụ: hoàn thành ${t.done + t.doneLate} (đúng hạn ${t.done}, quá hạn ${t.doneLate})`),
      ),
    ).toBe(true);
    expect(p.some((x) => x.includes(`đạt ${vn(t.doneShare)}%`))).toBe(true);
    const row = (name: string) => d.rows.find((r) => r[0] === name)!;
    // The rows are the core's target lines (names and the ward's targets as written), the figures those of metrics --json.
    const line = (key: string) => targetLines(m).find((l) => l.key === key)!;
    const online = m.meetings.onlineShare;
    expect(row(line('onlineShare').name).slice(1, 4)).toEqual([
      `${vn(online.value)}% (${online.numerator}/${online.denominator})`,
      line('onlineShare').targetText,
      online.pass ? 'Đạt' : 'Chưa đạt',
    ]);
    const electronic = m.documents.electronicShare;
    expect(row(line('electronicShare').name)[1]).toBe(`${vn(electronic.value)}% (${electronic.numerator}/${electronic.denominator})`);
    for (const i of m.digitisation.indicators)
      expect(row(i.name)[1]).toBe(i.value === null ? '–' : `${vn(i.value)}% (${i.numerator}/${i.denominator})`);
    expect(p.some((x) => x.includes(`(cách tính 766, thang 100): ${vn(m.digitisation.score)}.`))).toBe(true);
    // Results by reform area: each plan section under its own heading (sample catalog), with its counts.
    const sample: { tasks: { plan: string; section: string; sectionTitle: string }[] } = JSON.parse(await readFile(SAMPLE_CATALOG, 'utf8'));
    const first = sample.tasks.find((x) => x.section !== '')!;
    const key = `${first.plan} ${first.section}`;
    const area = d.rows.find((r) => r[0] === `${key}. ${first.sectionTitle}`)!;
    const c = m.tasks.bySection[key];
    expect(area.slice(1, 6)).toEqual([c.total, c.done + c.doneLate, c.inProgress, c.notStarted, c.overdue].map(String));
    // Shortcomings: each missed target, each overdue task with its unit.
    for (const i of m.digitisation.indicators.filter((x: { pass: boolean | null }) => x.pass === false))
      expect(p.some((x) => x.startsWith(`- ${i.name}: chưa đạt.`))).toBe(true);
    expect(m.tasks.overdue.length).toBeGreaterThan(0);
    for (const a of m.tasks.overdue)
      expect(d.rows.some((r) => r[0] === `${a.plan}, STT ${a.stt}: ${a.title}` && r[3] === String(a.daysLate))).toBe(true);

    // Tasks for the next period: the open tasks due from the report's day to the end of 6 tháng cuối năm: 31/12, the
    // plans' year end, not the data cut-off (14/12).
    const tasks = (await sampleTables())['tasks']!;
    const open = tasks.filter(
      // A condition in the deadline, or bracketed in the title ("… (sau khi UBND tỉnh ban hành)"), waits.
      (r) =>
        ['', 'Chưa thực hiện', 'Đang thực hiện'].includes(String(r['status'] ?? '')) &&
        !/sau khi|khi có/i.test(String(r['deadline'])) &&
        !/\((sau khi|khi có)/i.test(String(r['title'])),
    );
    const upcoming = open.filter((r) => String(r['due'] ?? '') >= '2026-06-14' && String(r['due'] ?? '') <= '2026-12-31');
    expect(upcoming.length).toBeGreaterThan(0);
    expect(p).toContain(
      `Tập trung hoàn thành ${upcoming.length} nhiệm vụ đến hạn từ nay đến ngày 31/12/2026 (hết kỳ 6 tháng cuối năm 2026):`,
    );
    const listed = d.rows.filter((r) => r.length === 3 && /, STT /.test(r[0]!)).map((r) => r[0]);
    expect(listed.sort()).toEqual(upcoming.map((r) => `${r['plan']}, STT ${r['stt']}: ${r['title']}`).sort());

    // What only the official writes is left blank and highlighted: number, day, month, signer, assessments.
    const highlighted = all(d.document, 'w:r')
      .filter((r) => /<w:highlight w:val="yellow"\/>/.test(r))
      .map(textOf);
    expect(highlighted).toEqual(expect.arrayContaining(['……', '[Ký, ghi rõ họ tên]', '[Nêu nguyên nhân chủ quan, khách quan]']));
    expect(highlighted.filter((h) => h === '……').length).toBeGreaterThanOrEqual(3);
  });

  it('knows the period after each kind of period, in the same calendar', () => {
    const next = (label: string, calendar: 'cutoff' | 'calendar' = 'cutoff') => followingPeriod(parsePeriod(label, calendar)!);
    expect(['2026-Q1', '2026-Q4', '2026-H1', '2026-H2', '2026', '2026-12'].map((l) => next(l).label)).toEqual([
      '2026-Q2',
      '2027-Q1',
      '2026-H2',
      '2027-H1',
      '2027',
      '2027-01',
    ]);
    expect([next('2026-H1').from, next('2026-H1').to]).toEqual(['2026-06-15', '2026-12-14']);
    expect([next('2026-H1', 'calendar').from, next('2026-H1', 'calendar').to]).toEqual(['2026-07-01', '2026-12-31']);
    // Nine months are followed by the year's report (there is no "next nine months" within the year).
    expect([next('2026-9M').label, next('2026-9M').to]).toEqual(['2026', '2026-12-14']);
  });

  it('names the period as the title needs it', () => {
    expect(['2026-Q1', '2026-H1', '2026-Q3', '2026', '2026-03'].map((l) => periodName(parsePeriod(l)!, { title: true }))).toEqual([
      'quý I năm 2026',
      '6 tháng đầu năm 2026',
      'quý III năm 2026',
      'năm 2026',
      'tháng 3 năm 2026',
    ]);
  });

  it('refuses another file type with one Vietnamese line and writes nothing', async () => {
    const { dir, store } = await sampleStore('An Tường');
    const out = join(dir, 'BAO-CAO.pdf');
    const result = await cchcAsync(['report', '--store', store, '--period', '2026-H1', '--out', out]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('[REPORT_FORMAT]');
    await expect(access(out)).rejects.toThrow();
  });
});

describe('cchc index --out .docx', () => {
  it('reports the self-scores, points lost by criterion and unit, and every evidence link as a hyperlink', async () => {
    const { dir, store } = await sampleStore('An Tường');
    const out = join(dir, 'TU-CHAM.docx');
    const args = ['index', '--store', store, '--period', '2026-H1', '--today', '2026-06-01'];
    expect((await cchcAsync([...args, '--out', out])).code).toBe(0);
    const s = JSON.parse((await cchcAsync([...args, '--json'])).stdout);
    const d = await readDocx(out);
    expect(d.rows[0]![0]).toMatch(/^UBND PHƯỜNG AN TƯỜNG/);
    expect(d.paragraphs).toContain('Kết quả tự đánh giá, chấm điểm Chỉ số cải cách hành chính 6 tháng đầu năm 2026');
    expect(
      d.paragraphs.some((x) =>
        x.startsWith(`Tổng điểm tự chấm: ${vn(s.total.score)}/${vn(s.total.max)} điểm (bị trừ ${vn(s.total.lost)} điểm)`),
      ),
    ).toBe(true);
    for (const a of s.areas) expect(d.rows).toContainEqual([a.code, a.title, vn(a.totals.max), vn(a.totals.score), vn(a.totals.lost)]);
    for (const l of s.lost) expect(d.rows).toContainEqual([l.code, l.title, l.lead, vn(l.max), vn(l.score), vn(l.lost)]);
    for (const u of s.units) expect(d.rows).toContainEqual([u.name, vn(u.totals.max), vn(u.totals.score), vn(u.totals.lost)]);
    for (const miss of s.missingEvidence) expect(d.paragraphs.some((x) => x.startsWith(`- ${miss.code} ${miss.title}`))).toBe(true);

    // Every link in the sample criteria, counted from the sample file itself.
    const criteria: { evidence?: string | null }[] = JSON.parse(await readFile(SAMPLE_CRITERIA, 'utf8'));
    const links = criteria.flatMap((c) =>
      (c.evidence ?? '')
        .split(/[\n;]+/)
        .map((e) => e.trim())
        .filter((e) => /^https?:\/\//.test(e)),
    );
    expect(links.length).toBeGreaterThan(10);
    const targets = [...d.rels.matchAll(/Target="([^"]+)" TargetMode="External"/g)].map((x) => unescape(x[1]!));
    expect(targets.sort()).toEqual([...links].sort());
  });
});
