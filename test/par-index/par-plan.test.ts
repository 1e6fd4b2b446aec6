/**
 * A plan implementing the CCHC-index criteria, in seed 003's shape (criterion area | 2026 requirement | latest time |
 * lead | coordinating): `cchc import` makes its rows tasks, with due dates and leads, and criteria, and links each
 * task to the criterion it serves by code. `cchc index-import` of the same file still takes the criteria only.
 * Expected values are written out from the table below, never taken from the parser.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogFromTables, decodeCriteria, parseDeadline } from '../../core/index';
import { XlsxStore } from '../../sync/store/xlsx-store';
import { buildAppendixFile, type SheetLine } from '../fixtures/appendix-xlsx';
import { cchcAsync } from '../helpers/cli';
import { useTempDir } from '../helpers/tmp';

const tempDir = useTempDir();

const ROWS: string[][] = [
  ['I', 'CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CCHC', '', '', '', ''],
  ['1.1', 'Ban hành kế hoạch CCHC năm', 'Ban hành trước 31/01', 'Trước 31/01/2026', 'Phòng Văn hóa - Xã hội', 'Các phòng chuyên môn'],
  ['1.2', 'Báo cáo CCHC định kỳ', 'Đủ, đúng hạn', 'Quý IV/2026', 'Phòng Văn hóa - Xã hội', 'Văn phòng HĐND và UBND'],
  ['II', 'CẢI CÁCH THỦ TỤC HÀNH CHÍNH', '', '', '', ''],
  ['2.1', 'Hồ sơ giải quyết đúng hạn', 'Từ 95%', '30/11/2026', 'Trung tâm Phục vụ hành chính công', ''],
  ['2.2', 'Số hóa hồ sơ, kết quả giải quyết TTHC', '100%', 'Quý III/2026', 'Trung tâm Phục vụ hành chính công', 'Văn phòng HĐND và UBND'],
];
const LEAVES = ROWS.filter((r) => /^\d+\.\d+$/.test(r[0]!));

const LINES: SheetLine[] = [
  { title: 'PHỤ LỤC' },
  { title: '(Kèm theo Kế hoạch số 12/KH-UBND ngày 20/01/2026 của UBND phường Đông Quang)' },
  { title: 'PHÂN CÔNG NHIỆM VỤ THỰC HIỆN BỘ TIÊU CHÍ XÁC ĐỊNH CHỈ SỐ CCHC NĂM 2026' },
  {
    cells: ['STT', 'Lĩnh vực, tiêu chí', 'Yêu cầu năm 2026', 'Thời gian chậm nhất phải hoàn thành', 'Cơ quan chủ trì', 'Cơ quan phối hợp'],
    bold: true,
  },
  ...ROWS.map((cells) => ({ cells, bold: cells[2] === '' })),
];

describe('a PAR plan is both tasks and criteria', () => {
  it('cchc import: tasks with due dates and leads, the criteria, each task linked to its criterion by code', async () => {
    const dir = await tempDir();
    const store = new XlsxStore(join(dir, 'cchc.xlsx'));
    expect((await cchcAsync(['init', '--store', store.location])).code).toBe(0);
    const file = join(dir, 'ke-hoach-chi-so.xlsx');
    await buildAppendixFile(file, LINES);

    const result = await cchcAsync(['import', file, '--store', store.location]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`kế hoạch 12/KH-UBND: ${LEAVES.length} nhiệm vụ`);
    expect(result.stdout).toContain(`${ROWS.length} dòng tiêu chí`);

    const tables = await store.read();
    const catalog = catalogFromTables(tables);
    const tasks = catalog.tasks.map((t) => t.item).filter((t) => t.plan === '12/KH-UBND');
    expect(tasks.map((t) => [t.stt, t.title, t.target, t.lead, t.support, t.deadline, t.criterion])).toEqual(
      LEAVES.map((r) => [r[0], r[1], r[2], r[4], r[5], r[3], r[0]]),
    );
    const dues = tables['tasks']!.filter((r) => r['plan'] === '12/KH-UBND' && !r['kind']).map((r) => r['due']);
    expect(dues).toEqual(LEAVES.map((r) => parseDeadline(r[3]!, 2026).due));
    expect(dues).toEqual(['2026-01-30', '2026-12-31', '2026-11-30', '2026-09-30']);

    const { criteria } = decodeCriteria(tables['criteria']!);
    expect(criteria.map((c) => c.code)).toEqual(['1', '1.1', '1.2', '2', '2.1', '2.2']);
    for (const r of LEAVES) {
      expect(criteria.find((c) => c.code === r[0])).toMatchObject({ title: r[1], requirement: r[2], deadline: r[3], lead: r[4] });
    }
    // Every task's criterion is a criterion of the tab: its progress can be read against it.
    const codes = new Set(criteria.map((c) => c.code));
    expect(tasks.every((t) => codes.has(t.criterion ?? ''))).toBe(true);
  });

  it("cchc index shows each criterion's tasks: how many done, how many overdue", async () => {
    const dir = await tempDir();
    const store = new XlsxStore(join(dir, 'cchc.xlsx'));
    expect((await cchcAsync(['init', '--store', store.location])).code).toBe(0);
    const file = join(dir, 'ke-hoach-chi-so.xlsx');
    await buildAppendixFile(file, LINES);
    expect((await cchcAsync(['import', file, '--store', store.location])).code).toBe(0);
    // The officials finish 1.1 and start 2.1; 1.2 and 2.2 stay untouched.
    const tables = await store.read();
    await store.write({
      tasks: tables['tasks']!.map((r) =>
        r['stt'] === '1.1'
          ? { ...r, status: 'Hoàn thành', completedOn: '2026-01-20' }
          : r['stt'] === '2.1'
            ? { ...r, status: 'Đang thực hiện' }
            : r,
      ),
    });
    const result = await cchcAsync(['index', '--store', store.location, '--period', '2026', '--today', '2026-12-05']);
    expect(result.stdout).toContain('Nhiệm vụ theo tiêu chí:');
    const line = (code: string) => result.stdout.split('\n').find((l) => l.trimStart().startsWith(`${code} `)) ?? '';
    expect(line('1.1')).toContain('1/1 hoàn thành');
    expect(line('1.2')).toContain('0/1 hoàn thành');
    expect(line('2.1')).toMatch(/0\/1 hoàn thành, 1 quá hạn/);
    expect(line('2.2')).toMatch(/0\/1 hoàn thành, 1 quá hạn/);
    const json = JSON.parse(
      (await cchcAsync(['index', '--store', store.location, '--period', '2026', '--today', '2026-12-05', '--json'])).stdout,
    );
    expect(
      json.criterionTasks.map((c: { code: string; counts: { total: number; done: number } }) => [c.code, c.counts.total, c.counts.done]),
    ).toEqual([
      ['1.1', 1, 1],
      ['1.2', 1, 0],
      ['2.1', 1, 0],
      ['2.2', 1, 0],
    ]);
  });

  it('cchc index-import of the same plan takes the criteria only', async () => {
    const dir = await tempDir();
    const store = new XlsxStore(join(dir, 'cchc.xlsx'));
    expect((await cchcAsync(['init', '--store', store.location])).code).toBe(0);
    const file = join(dir, 'ke-hoach-chi-so.xlsx');
    await buildAppendixFile(file, LINES);
    const result = await cchcAsync(['index-import', file, '--store', store.location]);
    expect(result.code).toBe(0);
    const tables = await store.read();
    expect(decodeCriteria(tables['criteria']!).criteria).toHaveLength(6);
    expect(catalogFromTables(tables).tasks.filter((t) => t.item.plan === '12/KH-UBND')).toEqual([]);
  });
});
