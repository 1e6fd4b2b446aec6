import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  catalogFromTables,
  catalogRows,
  encodeTasks,
  mergeImport,
  parseAppendix,
  taskProgress,
  validateTasksTab,
  type GridRow,
} from '../../core/index';
import { appendixWorkbook } from '../../sync/excel/appendix-writer';
import { workbookGrid } from '../helpers/workbook-grid';
import { XlsxStore } from '../../sync/store/xlsx-store';
import { buildAppendixFile, linesFromSeed, seedPath } from '../fixtures/appendix-xlsx';
import { cchcAsync } from '../helpers/cli';
import { useTempDir } from '../helpers/tmp';

const tempDir = useTempDir();

/** Hierarchical numbering the way communes write it: group rows with only a number and a title. */
const HIERARCHICAL: string[][] = [
  ['STT', 'Nội dung công việc', 'Cơ quan chủ trì', 'Thời gian hoàn thành'],
  ['1', 'Công tác chỉ đạo, điều hành', '', ''],
  ['1.1', 'Ban hành kế hoạch CCHC năm', 'Phòng Văn hóa - Xã hội', 'Trước 31/01/2026'],
  ['2', 'Cải cách thủ tục hành chính', '', ''],
  ['2.1', 'Kiểm soát TTHC', '', ''],
  ['2.1.1', 'Công khai TTHC', 'Trung tâm Phục vụ hành chính công', 'Quý I/2026'],
  ['2.1.2', 'Số hóa hồ sơ', 'Trung tâm Phục vụ hành chính công', 'Năm 2026'],
];
const grid = (rows: string[][]): GridRow[] => rows.map((cells, i) => ({ row: i + 1, cells, bold: false }));

describe('group rows kept', () => {
  it("keeps the seed's Roman sections as rows of their own; rules and counts see only the tasks", async () => {
    const dir = await tempDir();
    const store = join(dir, 'cchc.xlsx');
    expect((await cchcAsync(['init', '--store', store])).code).toBe(0);
    const file = join(dir, 'an-tuong.xlsx');
    await buildAppendixFile(file, linesFromSeed('an-tuong-appendix.tsv'));
    expect((await cchcAsync(['import', file, '--store', store, '--plan', '2/KH-UBND'])).code).toBe(0);

    // From the seed text: the Roman-numbered rows and their titles.
    const sections = readFileSync(seedPath('an-tuong-appendix.tsv'), 'utf8')
      .split('\n')
      .map((l) => l.split('\t').map((c) => c.replace(/<\/?b>/g, '').trim()))
      .filter((c) => /^[IVX]+$/.test(c[0]!))
      .map((c) => [c[0], c[1]]);
    expect(sections).toHaveLength(8);

    const catalog = catalogFromTables(await new XlsxStore(store).read());
    expect(catalog.tasks).toHaveLength(46);
    const headings = catalog.rows.filter((r) => r.item.kind === 'section').map((r) => [r.item.stt, r.item.title]);
    expect(headings).toEqual(sections);
    // Each heading sits just above its first task.
    const first = catalog.rows.findIndex((r) => r.item.kind === 'task');
    expect(catalog.rows[first - 1]!.item).toMatchObject({ kind: 'section', stt: 'I' });
    expect(taskProgress(catalog, '2026-06-01').overall.total).toBe(46);
    expect(validateTasksTab(catalog).some((i) => catalog.rows.find((r) => r.row === i.row)?.item.kind === 'section')).toBe(false);
  });

  it('keeps numbered group rows, gives each task its group, and exports them as bold rows', async () => {
    const parsed = parseAppendix(grid(HIERARCHICAL))!;
    const rows = catalogRows(parsed, 'P');
    expect(rows.map((r) => [r.kind, r.stt])).toEqual([
      ['group', '1'],
      ['task', '1.1'],
      ['group', '2'],
      ['group', '2.1'],
      ['task', '2.1.1'],
      ['task', '2.1.2'],
    ]);
    expect(rows.find((r) => r.stt === '2.1.2')!.group).toBe('2.1 Kiểm soát TTHC');
    expect(rows.find((r) => r.stt === '1.1')!.group).toBe('1 Công tác chỉ đạo, điều hành');

    const merged = mergeImport([], 'P', rows);
    expect(merged.added.map((t) => t.stt)).toEqual(['1.1', '2.1.1', '2.1.2']); // the report counts tasks
    const catalog = catalogFromTables({ tasks: encodeTasks(merged.tasks, () => null) });
    expect(catalog.rows.map((r) => r.item.kind)).toEqual(['group', 'task', 'group', 'group', 'task', 'task']);
    // Re-importing the same appendix changes nothing, headings included.
    const again = mergeImport(
      catalog.rows.map((r) => r.item),
      'P',
      rows,
    );
    expect(again.tasks.map((t) => t.id)).toEqual(merged.tasks.map((t) => t.id));
    expect([again.added.length, again.changed.length, again.removed.length]).toEqual([0, 0, 0]);

    const wb = appendixWorkbook(
      { code: 'P', title: 'Kế hoạch thử', date: null, ward: '', year: 2026 },
      catalog.rows.map((r) => r.item),
    );
    const exported = await workbookGrid(wb, 'Phụ lục');
    const row21 = exported.find((r) => r.cells[0] === '2.1')!;
    expect(row21.cells[1]).toBe('Kiểm soát TTHC');
    expect(row21.bold).toBe(true);
    // The export reads back as the same structure.
    const back = parseAppendix(exported)!;
    expect(back.groups.map((g) => g.stt)).toEqual(['1', '2', '2.1']);
    expect(back.tasks.map((t) => t.stt)).toEqual(['1.1', '2.1.1', '2.1.2']);
  });
});
