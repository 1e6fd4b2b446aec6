/**
 * A plan with no appendix table, its duties listed unit by unit in prose (seed 004, Đông Quang). The Word files are
 * built from the seed's text as Word writes it (paragraphs, typed or automatic numbering and bullets); the expected
 * tasks are read from the seed text here, independently of the code under test.
 */
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deadlineInText, parseDeadline } from '../../core/index';
import { initialTables } from '../../sync/store/initial-tables';
import { XlsxStore } from '../../sync/store/xlsx-store';
import { docxFile, headingTable, paragraph, seedHeading, signatureTable, wordProsePlanFromSeed } from '../fixtures/appendix-docx';
import { seedPath } from '../fixtures/appendix-xlsx';
import { cchcAsync } from '../helpers/cli';
import { useTempDir } from '../helpers/tmp';

const tempDir = useTempDir();
const SEED = 'dong-quang-plan.txt';

/** Section II of the seed: each "N. <unit>" line, then its "- " duty lines, up to section III. */
function seedDuties(): { unit: string; duties: string[] }[] {
  const lines = readFileSync(seedPath(SEED), 'utf8')
    .split('\n')
    .map((l) => l.replace(/\*\*/g, '').trim())
    .filter((l) => l !== '');
  const from = lines.findIndex((l) => l.startsWith('II. '));
  const to = lines.findIndex((l) => l.startsWith('III. '));
  const units: { unit: string; duties: string[] }[] = [];
  for (const line of lines.slice(from + 1, to)) {
    const heading = line.match(/^(?:-\s*)?\d+\.\s+([^:]+?)[.:]?(?::.*)?$/);
    if (heading) units.push({ unit: heading[1]!.trim(), duties: [] });
    else if (line.startsWith('-')) units[units.length - 1]!.duties.push(line.replace(/^-\s*/, ''));
  }
  return units;
}

interface JsonTask {
  stt: string;
  title: string;
  lead: { text: string; unit: string | null }[];
  deadline: { text: string; due: string | null };
}

async function setup(): Promise<{ dir: string; store: string }> {
  const dir = await tempDir();
  const store = join(dir, 'cchc.xlsx');
  await new XlsxStore(store).create(initialTables());
  return { dir, store };
}

describe('a plan whose duties are listed per unit in prose', () => {
  const seed = seedDuties();

  it('the seed is read as the test expects: four units, 15 + 7 + 6 + 7 duties', () => {
    expect(seed.map((u) => [u.unit, u.duties.length])).toEqual([
      ['Phòng Văn hóa - Xã hội', 15],
      ['Văn phòng HĐND-UBND phường', 7],
      ['Trung tâm phục vụ hành chính công phường', 6],
      ['Phòng Kinh tế, Hạ tầng và Đô thị', 7],
    ]);
  });

  for (const autoNumber of [false, true]) {
    it(`cchc import: each duty a task led by its unit (${autoNumber ? "Word's automatic numbering and bullets" : 'numbers and bullets typed'})`, async () => {
      const { dir, store } = await setup();
      const file = join(dir, 'KE-HOACH-CHI-SO.docx');
      await writeFile(file, await wordProsePlanFromSeed(SEED, 'dong-quang', { autoNumber }));
      const result = await cchcAsync(['import', file, '--store', store, '--dry-run', '--json']);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      const report = JSON.parse(result.stdout) as { plan: { ward: string; year: number }; draft: boolean; tasks: JsonTask[] };
      expect(report.plan).toMatchObject({ ward: 'Đông Quang', year: 2026 });
      expect(report.draft).toBe(true); // "Số: /KH-UBND": no number yet
      const expected = seed.flatMap((u, n) => u.duties.map((title, i) => ({ stt: `${n + 1}.${i + 1}`, title, lead: u.unit })));
      expect(report.tasks.map((t) => ({ stt: t.stt, title: t.title, lead: t.lead.map((l) => l.text).join('; ') }))).toEqual(expected);
      expect([...new Set(report.tasks.map((t) => t.lead[0]!.unit))]).toEqual(['VHXH', 'VP', 'TTPVHCC', 'KTHTDT']);
      // No duty of the seed names a date: none is made up.
      expect(report.tasks.filter((t) => t.deadline.text !== '')).toEqual([]);
    });
  }

  it('says what it read in Vietnamese, and writes the tasks', async () => {
    const { dir, store } = await setup();
    const file = join(dir, 'KE-HOACH-CHI-SO.docx');
    await writeFile(file, await wordProsePlanFromSeed(SEED, 'dong-quang', { autoNumber: true }));
    const result = await cchcAsync(['import', file, '--store', store]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('35 nhiệm vụ');
    expect(result.stdout).toContain('không có bảng phụ lục');
    expect(result.stdout).toContain('"1. Phòng Văn hóa - Xã hội": 15 nhiệm vụ');
    expect(result.stdout).toContain('Thời gian hoàn thành');
    const tasks = (await new XlsxStore(store).read())['tasks']!.filter((r) => !r['kind']);
    expect(tasks).toHaveLength(35);
  });

  it('a duty that names its deadline gets it; a heading naming no single unit is shown, not guessed', async () => {
    const { dir, store } = await setup();
    const h = seedHeading('dong-quang');
    const file = join(dir, 'KE-HOACH.docx');
    const body = [
      headingTable(h),
      paragraph('KẾ HOẠCH', { bold: true }),
      paragraph('Triển khai nhiệm vụ cải cách hành chính năm 2026'),
      paragraph('II. PHÂN CÔNG NHIỆM VỤ', { bold: true }),
      paragraph('1. Phòng Văn hóa - Xã hội:', { bold: true }),
      paragraph('- Ban hành kế hoạch kiểm tra CCHC trước ngày 31/3/2026.'),
      paragraph('- Báo cáo kết quả tự chấm điểm trong quý II/2026.'),
      paragraph('2. Các phòng, trung tâm thuộc UBND phường', { bold: true }),
      paragraph('- Rà soát thủ tục hành chính thuộc lĩnh vực phụ trách.'),
      signatureTable(),
    ].join('');
    await writeFile(file, await docxFile(body));
    const json = await cchcAsync(['import', file, '--store', store, '--dry-run', '--json']);
    const tasks = (JSON.parse(json.stdout) as { tasks: JsonTask[] }).tasks;
    expect(tasks.map((t) => [t.stt, t.deadline.text, t.deadline.due])).toEqual([
      ['1.1', 'trước ngày 31/3/2026', '2026-03-30'],
      ['1.2', 'trong quý II/2026', '2026-06-30'],
    ]);
    const text = await cchcAsync(['import', file, '--store', store, '--dry-run']);
    expect(text.stdout).toContain('"2. Các phòng, trung tâm thuộc UBND phường" (nhóm đơn vị, không phải một đơn vị chủ trì)');
  });

  it('a plan in prose with no duties per unit: what was found and what to do, never a bare "header not found"', async () => {
    const { dir, store } = await setup();
    const file = join(dir, 'KE-HOACH.docx');
    const body = [
      headingTable(seedHeading('dong-quang')),
      paragraph('KẾ HOẠCH', { bold: true }),
      paragraph('I. MỤC ĐÍCH, YÊU CẦU', { bold: true }),
      paragraph('1. Mục đích'),
      paragraph('- Nâng cao chất lượng cải cách hành chính.'),
      signatureTable(),
    ].join('');
    await writeFile(file, await docxFile(body));
    const result = await cchcAsync(['import', file, '--store', store]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('[HEADER_NOT_FOUND]');
    expect(result.stderr).toContain('"I. MỤC ĐÍCH, YÊU CẦU", "1. Mục đích"');
    expect(result.stderr).toContain('"1. Phòng Văn hóa - Xã hội:"');
    expect(result.stderr).toContain('templates/phu-luc-nhiem-vu.xlsx');
  });

  it('deadlineInText takes dates, "trước" dates, quarters, months and halves with their year, nothing looser', () => {
    expect(deadlineInText('Báo cáo trước ngày 15/12/2026 về Sở Nội vụ')).toBe('trước ngày 15/12/2026');
    expect(deadlineInText('Hoàn thành chậm nhất 30/6')).toBe('chậm nhất 30/6');
    expect(deadlineInText('Tổ chức trong tháng 9/2026')).toBe('trong tháng 9/2026');
    expect(deadlineInText('Báo cáo 6 tháng đầu năm 2026')).toBe('6 tháng đầu năm 2026');
    expect(deadlineInText('Ban hành kế hoạch CCHC hàng năm đúng thời gian quy định')).toBe('');
    expect(deadlineInText('Báo cáo CCHC định kỳ hàng quý, 6 tháng và báo cáo năm')).toBe('');
    expect(parseDeadline(deadlineInText('Hoàn thành chậm nhất 30/6'), 2026).due).toBe('2026-06-30');
  });
});
