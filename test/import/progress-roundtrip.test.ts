/**
 * Progress recorded through files, as offices do it: the appendix exported with its tracking columns is filled in
 * Excel (or comes back as Word) and imported again. The tasks it names are updated by identity and never doubled;
 * what cannot be read is a warning naming its row and column; re-importing the original plan keeps the corrections
 * officials made in the store, lists each difference, and replaces them only with --replace.
 */
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { catalogFromTables, type Task } from '../../core/index';
import { XlsxStore } from '../../sync/store/xlsx-store';
import { buildAppendixFile, linesFromSeed } from '../fixtures/appendix-xlsx';
import { cchcAsync } from '../helpers/cli';
import { useTempDir } from '../helpers/tmp';

const tempDir = useTempDir();
const PLAN = 'KH-CCHC/PT';

async function planned(): Promise<{ dir: string; store: string; plan: string }> {
  const dir = await tempDir();
  const store = join(dir, 'cchc.xlsx');
  expect((await cchcAsync(['init', '--store', store])).code).toBe(0);
  const plan = join(dir, 'ke-hoach.xlsx');
  await buildAppendixFile(plan, linesFromSeed('phuc-thuan-appendix.tsv'));
  const first = await cchcAsync(['import', plan, '--store', store, '--plan', PLAN]);
  expect(first.code).toBe(0);
  expect(first.stdout).toContain('Thêm mới 9');
  return { dir, store, plan };
}

async function storedTasks(store: string): Promise<Task[]> {
  return catalogFromTables(await new XlsxStore(store).read())
    .tasks.map((t) => t.item)
    .filter((t) => t.plan === PLAN);
}

const byStt = (tasks: readonly Task[], stt: string): Task => tasks.find((t) => t.stt === stt)!;

/** The exported appendix, filled the way an official fills it in Excel; returns the file rows of the tasks touched. */
async function fillProgress(path: string): Promise<Record<string, number>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const ws = wb.getWorksheet('Phụ lục')!;
  let headerRow = 0;
  ws.eachRow((row, n) => {
    if (!headerRow && row.getCell(1).value === 'STT') headerRow = n;
  });
  const headers = (ws.getRow(headerRow).values as unknown[]).map((v) => String(v ?? ''));
  const col = (name: string): number => {
    const at = headers.indexOf(name);
    expect(at, name).toBeGreaterThan(0);
    return at;
  };
  const rows: Record<string, number> = {};
  ws.eachRow((row, n) => {
    if (n > headerRow) rows[String(row.getCell(1).value)] = n;
  });
  const cell = (stt: string, header: string) => ws.getRow(rows[stt]!).getCell(col(header));
  // A style of its own: exceljs shares one style object between the cells of an exported row.
  const format = (stt: string, header: string, numFmt: string): void => {
    const c = cell(stt, header);
    c.style = { ...c.style, numFmt };
  };
  // Task 1: done, typed in small letters; 100% typed with its sign, which Excel keeps as 1 in a percent cell;
  // the day as a real Excel date; the evidence a link.
  cell('1', 'Trạng thái').value = 'hoàn thành';
  cell('1', 'Tiến độ (%)').value = 1;
  format('1', 'Tiến độ (%)', '0%');
  cell('1', 'Ngày hoàn thành').value = new Date(Date.UTC(2026, 2, 15));
  format('1', 'Ngày hoàn thành', 'dd/mm/yyyy');
  cell('1', 'Minh chứng').value = { text: 'Báo cáo kết quả', hyperlink: 'https://drive.google.com/bc-1' };
  // Task 2: in progress, without tone marks; 60 typed; a note.
  cell('2', 'Trạng thái').value = 'dang thuc hien';
  cell('2', 'Tiến độ (%)').value = 60;
  cell('2', 'Ghi chú tiến độ').value = 'Chờ ý kiến UBND phường';
  // Task 3: a synonym, "100" and the day typed as text.
  cell('3', 'Trạng thái').value = 'Đã xong';
  cell('3', 'Tiến độ (%)').value = '100';
  cell('3', 'Ngày hoàn thành').value = '20/03/2026';
  // Task 4: nothing readable — a status outside the list, a progress in words, a day in words.
  cell('4', 'Trạng thái').value = 'Sắp xong';
  cell('4', 'Tiến độ (%)').value = 'gần xong';
  cell('4', 'Ngày hoàn thành').value = 'cuối tháng';
  // Task 5: 0,5 typed as a Vietnamese decimal.
  cell('5', 'Tiến độ (%)').value = '0,5';
  await wb.xlsx.writeFile(path);
  return rows;
}

describe('progress through files', () => {
  it('export --with-progress → fill in Excel → import records progress by identity; metrics show it', async () => {
    const { dir, store } = await planned();
    const exported = join(dir, 'tien-do.xlsx');
    expect((await cchcAsync(['export', '--store', store, '--plan', PLAN, '--with-progress', '--out', exported])).code).toBe(0);
    const rows = await fillProgress(exported);

    const dry = await cchcAsync(['import', exported, '--store', store, '--dry-run', '--json']);
    expect(dry.code).toBe(0);
    const report = JSON.parse(dry.stdout);
    expect(report.changes).toMatchObject({ added: 0, removed: 0, progress: 4 });
    // Each unreadable cell is a warning on its row and column, never a value.
    const unreadable = report.issues.filter((i: { code: string }) => i.code === 'VALUE_UNREADABLE');
    expect(unreadable.map((i: { row: number; column: string }) => [i.row, i.column])).toEqual([
      [rows['4'], 'status'],
      [rows['4'], 'progress'],
      [rows['4'], 'completedOn'],
    ]);
    expect(unreadable.every((i: { severity: string }) => i.severity === 'warning')).toBe(true);

    const result = await cchcAsync(['import', exported, '--store', store]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Ghi nhận tiến độ của 4 nhiệm vụ từ tệp:');
    expect(result.stdout).toContain(
      `Dòng ${rows['2']}, nhiệm vụ 2: Trạng thái (trống) → "Đang thực hiện"; Tiến độ (%) (trống) → 60%; Ghi chú (trống) → "Chờ ý kiến UBND phường"`,
    );
    expect(result.stdout).toContain(`Ô dòng ${rows['4']}, cột "Tiến độ (%)" không đọc được: "gần xong" không phải tỷ lệ phần trăm`);
    expect(result.stdout).toContain(`Ô dòng ${rows['4']}, cột "Ngày hoàn thành" không đọc được: "cuối tháng" không phải một ngày`);
    expect(result.stdout).toContain(`Ô dòng ${rows['4']}, cột "Trạng thái" không đọc được: "Sắp xong" không nằm trong danh sách`);

    const tasks = await storedTasks(store);
    expect(tasks).toHaveLength(9); // updated, never doubled
    expect(byStt(tasks, '1')).toMatchObject({
      status: 'Hoàn thành',
      progress: 100,
      completedOn: '2026-03-15',
      evidence: 'Báo cáo kết quả (https://drive.google.com/bc-1)',
    });
    expect(byStt(tasks, '2')).toMatchObject({ status: 'Đang thực hiện', progress: 60, note: 'Chờ ý kiến UBND phường' });
    expect(byStt(tasks, '3')).toMatchObject({ status: 'Hoàn thành', progress: 100, completedOn: '2026-03-20' });
    expect(byStt(tasks, '4')).toMatchObject({ status: '', progress: null, completedOn: null });
    expect(byStt(tasks, '5')).toMatchObject({ status: '', progress: 50 });

    const metrics = JSON.parse((await cchcAsync(['metrics', '--store', store, '--today', '30/06/2026', '--json'])).stdout);
    const overall = metrics.tasks.overall;
    expect(overall.total).toBe(9);
    expect(overall.done + overall.doneLate + overall.doneUndated).toBe(2);
    expect(overall.inProgress).toBe(1);

    // The same file again changes nothing: no progress to record, no difference.
    const again = JSON.parse((await cchcAsync(['import', exported, '--store', store, '--dry-run', '--json'])).stdout);
    expect(again.changes).toMatchObject({ added: 0, changed: 0, progress: 0 });
    expect(again.differences).toEqual([]);
  });

  it("re-importing the plan keeps officials' corrections, lists each difference, and --replace takes the file's", async () => {
    const { dir, store, plan } = await planned();
    const original = await storedTasks(store);
    // Progress recorded first, so a re-import of the plan is seen to keep it too.
    const exported = join(dir, 'tien-do.xlsx');
    expect((await cchcAsync(['export', '--store', store, '--plan', PLAN, '--with-progress', '--out', exported])).code).toBe(0);
    await fillProgress(exported);
    expect((await cchcAsync(['import', exported, '--store', store])).code).toBe(0);

    // An official corrects task 1's lead and task 2's deadline in the store workbook.
    const s = new XlsxStore(store);
    const tables = await s.read();
    tables['tasks'] = tables['tasks']!.map((r) =>
      r['stt'] === '1' ? { ...r, lead: 'Văn phòng HĐND và UBND' } : r['stt'] === '2' ? { ...r, deadline: 'Quý II/2026' } : r,
    );
    await s.write({ tasks: tables['tasks'] });

    const dry = await cchcAsync(['import', plan, '--store', store, '--plan', PLAN, '--dry-run', '--json']);
    const report = JSON.parse(dry.stdout);
    expect(report.replace).toBe(false);
    expect(report.differences).toEqual([
      expect.objectContaining({ task: '1', field: 'lead', stored: 'Văn phòng HĐND và UBND', file: 'Phòng VHXH', replaced: false }),
      expect.objectContaining({ task: '2', field: 'deadline', stored: 'Quý II/2026', file: 'Quý I/2026', replaced: false }),
    ]);
    expect(report.differences[0].row).toBe(report.tasks.find((t: { stt: string }) => t.stt === '1').sourceRows[0]);

    const kept = await cchcAsync(['import', plan, '--store', store, '--plan', PLAN]);
    expect(kept.code).toBe(0);
    const row1 = report.differences[0].row;
    expect(kept.stdout).toContain(
      `Dòng ${row1}, nhiệm vụ 1: Cơ quan chủ trì — trong sổ: "Văn phòng HĐND và UBND", trong tệp: "Phòng VHXH"; giữ giá trị trong sổ`,
    );
    expect(kept.stdout).toContain(
      '2 ô trong tệp khác giá trị cán bộ đã sửa trong sổ: giữ giá trị trong sổ. Muốn lấy giá trị trong tệp, nhập lại với --replace.',
    );
    let tasks = await storedTasks(store);
    expect(tasks).toHaveLength(9);
    expect(byStt(tasks, '1')).toMatchObject({ lead: 'Văn phòng HĐND và UBND', status: 'Hoàn thành', progress: 100 });
    expect(byStt(tasks, '2')).toMatchObject({ deadline: 'Quý II/2026', status: 'Đang thực hiện' });

    // Again: still kept, still said; a plan's own revision (task 3's deadline, never corrected) is taken.
    const lines = linesFromSeed('phuc-thuan-appendix.tsv').map((l) =>
      l.cells?.[0] === '3' ? { ...l, cells: [...l.cells.slice(0, 4), 'Quý III/2026'] } : l,
    );
    const revised = join(dir, 'ke-hoach-sua.xlsx');
    await buildAppendixFile(revised, lines);
    const second = await cchcAsync(['import', revised, '--store', store, '--plan', PLAN]);
    expect(second.stdout).toContain('Cập nhật STT 3: Thời gian hoàn thành');
    expect(second.stdout).toContain('2 ô trong tệp khác giá trị cán bộ đã sửa trong sổ');
    tasks = await storedTasks(store);
    expect(byStt(tasks, '3').deadline).toBe('Quý III/2026');
    expect(byStt(tasks, '1').lead).toBe('Văn phòng HĐND và UBND');

    // The official chooses the file's values.
    const replaced = await cchcAsync(['import', plan, '--store', store, '--plan', PLAN, '--replace']);
    expect(replaced.code).toBe(0);
    expect(replaced.stdout).toContain('thay bằng giá trị trong tệp');
    tasks = await storedTasks(store);
    expect(byStt(tasks, '1')).toMatchObject({ lead: 'Phòng VHXH', status: 'Hoàn thành' });
    expect(byStt(tasks, '2').deadline).toBe('Quý I/2026');
    // Task 3's deadline came from the revised plan, no official's: the original plan's comes back with the rest.
    expect(byStt(tasks, '3').deadline).toBe(byStt(original, '3').deadline);
    const after = JSON.parse((await cchcAsync(['import', plan, '--store', store, '--plan', PLAN, '--dry-run', '--json'])).stdout);
    expect(after.differences).toEqual([]);
  });

  it('a progress appendix exported as Word brings the same progress into another store', async () => {
    const { dir, store, plan } = await planned();
    const exported = join(dir, 'tien-do.xlsx');
    expect((await cchcAsync(['export', '--store', store, '--plan', PLAN, '--with-progress', '--out', exported])).code).toBe(0);
    await fillProgress(exported);
    expect((await cchcAsync(['import', exported, '--store', store])).code).toBe(0);
    const word = join(dir, 'tien-do.docx');
    expect((await cchcAsync(['export', '--store', store, '--plan', PLAN, '--with-progress', '--out', word])).code).toBe(0);

    const other = join(dir, 'khac.xlsx');
    expect((await cchcAsync(['init', '--store', other])).code).toBe(0);
    expect((await cchcAsync(['import', plan, '--store', other, '--plan', PLAN])).code).toBe(0);
    const result = await cchcAsync(['import', word, '--store', other]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Ghi nhận tiến độ của 4 nhiệm vụ từ tệp:');
    const tracking = (tasks: Task[]) =>
      tasks.map(({ stt, status, progress, completedOn, evidence, note }) => ({ stt, status, progress, completedOn, evidence, note }));
    const theirs = tracking(await storedTasks(other));
    const ours = tracking(await storedTasks(store));
    expect(theirs).toHaveLength(9);
    expect(theirs.filter((t) => t.status !== '' || t.progress !== null)).toEqual(
      ours.filter((t) => t.status !== '' || t.progress !== null),
    );
  });
});
