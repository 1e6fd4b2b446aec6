/**
 * `cchc init --sheet`, `cchc sync push|pull` as an official's IT contact runs
 * them: the real binary, the real Google client, HTTP to the emulator.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { columnLetter, MEETINGS_TAB, TABS, TASKS_TAB, type Row } from '../../core/index';
import { sampleTables } from '../../sync/samples/sample-tables';
import { XlsxStore } from '../../sync/store/xlsx-store';
import type { SheetsEmulator } from '../sheets-emulator';
import { cchcAsync } from '../helpers/cli';
import { useTempDir } from '../helpers/tmp';
import { sheetIdOf, useSheetsEmulator } from './emulated-sheet';

const tempDir = useTempDir();
const emulated = useSheetsEmulator();

/** The A1 address of a task's cell in the emulated sheet, found by its id (officials may have moved rows). */
function taskCell(emu: SheetsEmulator, id: string, taskId: string, column: string): string {
  const grid = emu.getValues(id, `'${TASKS_TAB.name}'`) as string[][];
  const col = grid[0]!.indexOf(TASKS_TAB.columns.find((c) => c.key === column)!.header);
  const row = grid.findIndex((r) => r[0] === taskId);
  expect(row).toBeGreaterThan(0);
  return `'${TASKS_TAB.name}'!${columnLetter(col)}${row + 1}`;
}

async function localSample(): Promise<{ path: string; local: XlsxStore; tasks: Row[] }> {
  const path = join(await tempDir(), 'cchc.xlsx');
  const local = new XlsxStore(path);
  const tables = await sampleTables();
  await local.create(tables);
  return { path, local, tasks: tables['tasks']! };
}

describe('cchc with --sheet', () => {
  it('init --sheet lays out an empty spreadsheet: tabs, header, frozen row, dropdowns, overdue colouring, protection', async () => {
    const { emu, env } = await emulated();
    const id = emu.createSpreadsheet('Kế hoạch CCHC');
    const first = await cchcAsync(['init', '--sheet', id, '--ward', 'Nhị Chiểu'], { env });
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`Đã tạo ${TABS.length} trang`);
    // Read, write, read back to check the write.
    expect(emu.counts()).toMatchObject({ reads: 2, writes: 1 });

    const model = emu.getSpreadsheet(id);
    const tasks = model.sheets.find((s) => s.properties.title === TASKS_TAB.name)!;
    expect(tasks.properties.gridProperties.frozenRowCount).toBe(1);
    expect(emu.getValues(id, `'${TASKS_TAB.name}'!1:1`)).toEqual([TASKS_TAB.columns.map((c) => c.header)]);
    const status = TASKS_TAB.columns.findIndex((c) => c.key === 'status');
    const rule = tasks.rows[1]![status]!.dataValidation as {
      condition: { type: string; values: { userEnteredValue: string }[] };
      strict: boolean;
    };
    expect(rule.condition.type).toBe('ONE_OF_LIST');
    expect(rule.condition.values.map((v) => v.userEnteredValue)).toContain('Hoàn thành');
    const lead = TASKS_TAB.columns.findIndex((c) => c.key === 'lead');
    expect((tasks.rows[1]![lead]!.dataValidation as { condition: { type: string } }).condition.type).toBe('ONE_OF_RANGE');
    expect(JSON.stringify(tasks.conditionalFormats)).toContain('TODAY()');
    expect(tasks.protectedRanges.map((p) => [p.warningOnly, p.description])).toEqual([
      [true, 'Cột "Mã nhiệm vụ" do hệ thống cấp để đồng bộ; không sửa, không xóa'],
      [true, 'Các cột "Kế hoạch" đến "Ghi chú kế hoạch" lấy từ phụ lục kế hoạch; sửa trong phụ lục rồi nhập lại'],
      [true, 'Cột "Hạn (tự tính)" do hệ thống tự tính'],
      [true, 'Cột "Mã tiêu chí CCHC" lấy từ phụ lục kế hoạch; sửa trong phụ lục rồi nhập lại'],
    ]);

    emu.resetCounts();
    const again = await cchcAsync(['init', '--sheet', id], { env });
    expect(again.stdout).toContain('đã có đủ các trang');
    expect(emu.counts()).toMatchObject({ reads: 1, writes: 0 });
  });

  it('push then pull gives back the same workbook', async () => {
    const { emu, env } = await emulated();
    const id = emu.createSpreadsheet('Kế hoạch CCHC');
    const { path, local } = await localSample();
    const push = await cchcAsync(['sync', 'push', '--sheet', id, '--store', path], { env });
    expect(push.stderr).toBe('');
    expect(push.code).toBe(0);
    const out = join(await tempDir(), 'pulled.xlsx');
    const pull = await cchcAsync(['sync', 'pull', '--sheet', id, '--out', out], { env });
    expect(pull.code).toBe(0);
    const [a, b] = [await local.read(), await new XlsxStore(out).read()];
    for (const tab of TABS) expect(b[tab.key], tab.key).toEqual(a[tab.key]);
  });

  it("a push keeps an official's concurrent edit, writes the rest, and reports a real conflict (exit 1)", async () => {
    const { emu, env } = await emulated();
    const id = emu.createSpreadsheet('Kế hoạch CCHC');
    const { path, local, tasks } = await localSample();
    expect((await cchcAsync(['sync', 'push', '--sheet', id, '--store', path], { env })).code).toBe(0);
    const [a, b, c] = tasks.map((t) => String(t['id']));

    // In the sheet, officials update tasks A and C; the sorted sheet has them wherever they are.
    emu.setValues(id, taskCell(emu, id, a!, 'status'), [['Đang thực hiện']]);
    emu.setValues(id, taskCell(emu, id, c!, 'note'), [['Đã trình UBND']]);
    // Locally, the same tasks change elsewhere, and C's note differently.
    const edited = tasks.map((t) => {
      if (t['id'] === a) return { ...t, title: 'Tên mới của nhiệm vụ A' };
      if (t['id'] === b) return { ...t, progress: 80 };
      if (t['id'] === c) return { ...t, note: 'Chờ ý kiến' };
      return t;
    });
    await local.write({ tasks: edited });
    emu.resetCounts();
    const push = await cchcAsync(['sync', 'push', '--sheet', id, '--store', path], { env });
    expect(push.code).toBe(1);
    expect(push.stdout).toContain('1 ô không ghi');
    expect(push.stdout).toContain('cột "Ghi chú": trên bảng tính là "Đã trình UBND", bản ghi lên là "Chờ ý kiến"');
    // The tabs, then their headers, ids and the three changed columns; the write; a look at the tabs' names after it.
    expect(emu.counts()).toMatchObject({ reads: 3, writes: 1 });

    const value = (taskId: string, column: string) =>
      emu.getValues(id, taskCell(emu, id, taskId, column), { valueRenderOption: 'UNFORMATTED_VALUE' })[0]![0];
    expect(value(a!, 'status')).toBe('Đang thực hiện');
    expect(value(a!, 'title')).toBe('Tên mới của nhiệm vụ A');
    expect(value(b!, 'progress')).toBe(80);
    expect(value(c!, 'note')).toBe('Đã trình UBND');

    // An official also typed a task into the sheet without its id: reported, not lost silently.
    const grid = emu.getValues(id, `'${TASKS_TAB.name}'`) as string[][];
    const title = TASKS_TAB.columns.findIndex((col) => col.key === 'title');
    emu.setValues(id, `'${TASKS_TAB.name}'!${columnLetter(title)}${grid.length + 1}`, [['Nhiệm vụ cán bộ tự thêm']]);

    // Still a conflict next time: nothing was resolved behind anyone's back.
    const again = await cchcAsync(['sync', 'push', '--sheet', id, '--store', path], { env });
    expect(again.code).toBe(1);
    // A pull brings the officials' edits home and keeps the local side of the conflict.
    const pull = await cchcAsync(['sync', 'pull', '--sheet', id], { env: { ...env, CCHC_STORE: path } });
    expect(pull.code).toBe(1);
    expect(pull.stdout).toContain(`Chưa đồng bộ: Trang "Nhiệm vụ" trên bảng tính: 1 dòng chưa có "Mã nhiệm vụ" (dòng ${grid.length + 1})`);
    const home = (await local.read())['tasks']!;
    expect(home.find((t) => t['id'] === a)).toMatchObject({ status: 'Đang thực hiện', title: 'Tên mới của nhiệm vụ A' });
    expect(home.find((t) => t['id'] === c)).toMatchObject({ note: 'Chờ ý kiến' });
  });

  it("a pull takes an official's fix of a meeting title without keeping the old line, and drops rows deleted in the sheet", async () => {
    const { emu, env } = await emulated();
    const id = emu.createSpreadsheet('Kế hoạch CCHC');
    const { path, local } = await localSample();
    expect((await cchcAsync(['sync', 'push', '--sheet', id, '--store', path], { env })).code).toBe(0);
    const meetings = (await local.read())['meetings']!;
    const titleCol = columnLetter(MEETINGS_TAB.columns.findIndex((c) => c.key === 'title'));
    emu.setValues(id, `'${MEETINGS_TAB.name}'!${titleCol}2`, [['Giao ban tháng (đã sửa tên)']]);
    const tasksId = sheetIdOf(emu, id, TASKS_TAB.name);
    const gone = String((emu.getValues(id, `'${TASKS_TAB.name}'!A2`) as string[][])[0]![0]);
    emu.batchUpdate(id, [{ deleteDimension: { range: { sheetId: tasksId, dimension: 'ROWS', startIndex: 1, endIndex: 2 } } }]);

    const pull = await cchcAsync(['sync', 'pull', '--sheet', id, '--out', path], { env });
    expect(pull.stderr).toBe('');
    expect(pull.code).toBe(0);
    expect(pull.stdout).toContain('Bỏ 2 dòng đã bị xóa trên bảng tính');
    const after = await local.read();
    expect(after['meetings']).toHaveLength(meetings.length);
    expect(after['meetings']!.map((m) => m['title'])).toContain('Giao ban tháng (đã sửa tên)');
    expect(after['tasks']!.map((t) => t['id'])).not.toContain(gone);
    // And the next push does not bring either back.
    emu.resetCounts();
    const push = await cchcAsync(['sync', 'push', '--sheet', id, '--store', path], { env });
    expect(push.code).toBe(0);
    expect(emu.counts()).toMatchObject({ writes: 0 });
  });

  it('commands read and write the sheet directly: import then validate --sheet', async () => {
    const { emu, env } = await emulated();
    const id = emu.createSpreadsheet('Kế hoạch CCHC');
    expect((await cchcAsync(['init', '--sheet', id], { env })).code).toBe(0);
    emu.resetCounts();
    const appendix = join(process.cwd(), 'templates/samples/phu-luc-nhi-chieu-2026.xlsx');
    // The import's base goes beside the store named (data/.sync by default): a temp folder, not the repository's data/.
    const store = join(await tempDir(), 'cchc.xlsx');
    const imported = await cchcAsync(['import', appendix, '--sheet', id], { env: { ...env, CCHC_STORE: store } });
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    // Read, re-read just before writing, one write, a read to check it.
    expect(emu.counts()).toMatchObject({ reads: 3, writes: 1 });
    expect(existsSync(join(dirname(store), '.sync', `${id}.plan-import.json`))).toBe(true);
    const validate = await cchcAsync(['validate', '--json'], { env: { ...env, CCHC_SHEET_ID: id } });
    expect(imported.stdout).toContain('19 nhiệm vụ');
    expect(JSON.parse(validate.stdout).tasks).toBe(19);
  });

  it('metrics and index give the same results from the sheet as from the workbook it was pushed from', async () => {
    const { emu, env } = await emulated();
    const id = emu.createSpreadsheet('Kế hoạch CCHC');
    const { path } = await localSample();
    expect((await cchcAsync(['sync', 'push', '--sheet', id, '--store', path], { env })).code).toBe(0);
    for (const args of [
      ['metrics', '--json', '--period', '2026-H1', '--today', '2026-11-23'],
      ['index', '--json', '--period', '2026', '--today', '2026-11-23'],
    ]) {
      const [local, sheet] = await Promise.all([
        cchcAsync([...args, '--store', path], { env }),
        cchcAsync([...args, '--sheet', id], { env }),
      ]);
      expect(sheet.stderr).toBe('');
      expect(JSON.parse(sheet.stdout), args[0]).toEqual(JSON.parse(local.stdout));
    }
  });

  it('says what to do when the sheet id is wrong or the token is refused', async () => {
    const { emu, env } = await emulated();
    const missing = await cchcAsync(['validate', '--sheet', 'khong-co-bang-tinh-nay'], { env });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('[SHEETS_NOT_FOUND]');
    const id = emu.createSpreadsheet('x');
    const refused = await cchcAsync(['validate', '--sheet', id], { env: { ...env, CCHC_GOOGLE_ACCESS_TOKEN: 'ya29.bi-mat' } });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('[AUTH_REJECTED]');
    expect(refused.stderr + refused.stdout).not.toContain('ya29.bi-mat');
  });

  it('an id an official clears in the sheet is not blanked in the workbook by a pull, and a push fills it back', async () => {
    const { emu, env } = await emulated();
    const id = emu.createSpreadsheet('CCHC');
    const { path, local, tasks } = await localSample();
    expect((await cchcAsync(['sync', 'push', '--sheet', id, '--store', path], { env })).code).toBe(0);
    const taskId = String(tasks[0]!['id']);
    emu.setValues(id, taskCell(emu, id, taskId, 'id'), [['']]);
    // The same row's status, typed after the id was cleared: it must still reach the workbook.
    const grid = emu.getValues(id, `'${TASKS_TAB.name}'`) as string[][];
    const row = grid.findIndex((r, i) => i > 0 && (r[0] ?? '') === '') + 1;
    const status = TASKS_TAB.columns.findIndex((c) => c.key === 'status');
    emu.setValues(id, `'${TASKS_TAB.name}'!${columnLetter(status)}${row}`, [['Đang thực hiện']]);

    const pull = await cchcAsync(['sync', 'pull', '--sheet', id, '--store', path], { env });
    expect(pull.code).toBe(0);
    const pulled = (await local.read())['tasks']!.find((t) => t['title'] === tasks[0]!['title'])!;
    expect(pulled['id']).toBe(taskId);
    expect(pulled['status']).toBe('Đang thực hiện');

    expect((await cchcAsync(['sync', 'push', '--sheet', id, '--store', path], { env })).code).toBe(0);
    expect(emu.getValues(id, `'${TASKS_TAB.name}'!A${row}`)).toEqual([[taskId]]);
  });
});
