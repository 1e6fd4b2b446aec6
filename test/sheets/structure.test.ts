/**
 * Structural edits officials make in the shared sheet or the workbook (tabs
 * renamed or deleted, headers renamed, columns deleted, many rows deleted) never
 * delete or blank data on the other side: the sync follows what it can identify
 * and stops, changing nothing, where it cannot.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { MEETINGS_TAB, TASKS_TAB } from '../../core/index';
import { sampleTables } from '../../sync/samples/sample-tables';
import { XlsxStore } from '../../sync/store/xlsx-store';
import { cchcAsync } from '../helpers/cli';
import { useTempDir } from '../helpers/tmp';
import { sheetIdOf, useSheetsEmulator } from './emulated-sheet';

const tempDir = useTempDir();
const emulated = useSheetsEmulator();

const columnIndex = (key: string): number => TASKS_TAB.columns.findIndex((c) => c.key === key);

/** A pushed sample: the local workbook and the sheet hold the same data, with a sync base. */
async function pushed() {
  const { emu, env } = await emulated();
  const id = emu.createSpreadsheet('Kế hoạch CCHC');
  const path = join(await tempDir(), 'cchc.xlsx');
  const tables = await sampleTables();
  await new XlsxStore(path).create(tables);
  const push = await cchcAsync(['sync', 'push', '--sheet', id, '--store', path], { env });
  expect(push.stderr).toBe('');
  expect(push.code).toBe(0);
  const statuses = tables['tasks']!.filter((t) => t['status']).length;
  expect(statuses).toBeGreaterThan(2);
  return { emu, env, id, path, tasks: tables['tasks']!, meetings: tables['meetings']!, statuses };
}

describe('structural edits never delete', { timeout: 120_000 }, () => {
  it('follows a renamed tab by its sheet id, and a renamed header by its column tag', async () => {
    const { emu, env, id, path, tasks, statuses } = await pushed();
    const sheetId = sheetIdOf(emu, id, TASKS_TAB.name);
    emu.batchUpdate(id, [{ updateSheetProperties: { properties: { sheetId, title: 'Nhiệm vụ 2026' }, fields: 'title' } }]);
    // An official renames the "Trạng thái" header and sets one status in the renamed tab.
    const status = columnIndex('status');
    emu.batchUpdate(id, [
      {
        updateCells: {
          start: { sheetId, rowIndex: 0, columnIndex: status },
          rows: [{ values: [{ userEnteredValue: { stringValue: 'Tình trạng thực hiện' } }] }],
          fields: 'userEnteredValue',
        },
      },
      {
        updateCells: {
          start: { sheetId, rowIndex: 1, columnIndex: status },
          rows: [{ values: [{ userEnteredValue: { stringValue: 'Hoàn thành' } }] }],
          fields: 'userEnteredValue',
        },
      },
    ]);
    const first = String(emu.getValues(id, `'Nhiệm vụ 2026'!A2`)[0]![0]);

    const pull = await cchcAsync(['sync', 'pull', '--sheet', id, '--out', path], { env });
    expect(pull.stderr).toBe('');
    expect(pull.code).toBe(0);
    expect(pull.stdout).not.toContain('Bỏ');
    const after = (await new XlsxStore(path).read())['tasks']!;
    expect(after).toHaveLength(tasks.length);
    expect(after.find((t) => t['id'] === first)!['status']).toBe('Hoàn thành');
    expect(after.filter((t) => t['status']).length).toBeGreaterThanOrEqual(statuses);

    // A push writes into the renamed tab, under the renamed header, and adds no tab or column.
    const local = new XlsxStore(path);
    const second = after.find((t) => t['id'] !== first)!;
    await local.write({ tasks: after.map((t) => (t === second ? { ...t, note: 'Sửa trên máy' } : t)) });
    const push = await cchcAsync(['sync', 'push', '--sheet', id, '--store', path], { env });
    expect(push.stderr).toBe('');
    expect(push.code).toBe(0);
    expect(push.stdout).not.toContain('Đã tạo trang');
    const grid = emu.getValues(id, `'Nhiệm vụ 2026'`) as string[][];
    expect(grid[0]).toHaveLength(TASKS_TAB.columns.length);
    expect(grid.find((r) => r[0] === second['id'])![columnIndex('note')]).toBe('Sửa trên máy');
  });

  it('a deleted tab stops pull and push with exit 2 naming it; the workbook is byte-identical', async () => {
    const { emu, env, id, path } = await pushed();
    emu.batchUpdate(id, [{ deleteSheet: { sheetId: sheetIdOf(emu, id, TASKS_TAB.name) } }]);
    const before = await readFile(path);
    const pull = await cchcAsync(['sync', 'pull', '--sheet', id, '--out', path], { env });
    expect(pull.code).toBe(2);
    expect(pull.stderr).toContain('không còn trang "Nhiệm vụ" trên bảng tính');
    expect(pull.stderr).toContain('[TAB_MISSING]');
    expect((await readFile(path)).equals(before)).toBe(true);
    emu.resetCounts();
    const push = await cchcAsync(['sync', 'push', '--sheet', id, '--store', path], { env });
    expect(push.code).toBe(2);
    expect(push.stderr).toContain('[TAB_MISSING]');
    expect(emu.counts().writes).toBe(0);
  });

  it('a column deleted in the sheet, or a header renamed in the workbook, stops with exit 2 and changes nothing', async () => {
    const { emu, env, id, path } = await pushed();
    const sheetId = sheetIdOf(emu, id, TASKS_TAB.name);
    emu.batchUpdate(id, [
      {
        deleteDimension: {
          range: { sheetId, dimension: 'COLUMNS', startIndex: columnIndex('status'), endIndex: columnIndex('status') + 1 },
        },
      },
    ]);
    const before = await readFile(path);
    const pull = await cchcAsync(['sync', 'pull', '--sheet', id, '--out', path], { env });
    expect(pull.code).toBe(2);
    expect(pull.stderr).toContain('trang "Nhiệm vụ" trên bảng tính không còn cột "Trạng thái"');
    expect(pull.stderr).toContain('[COLUMN_MISSING]');
    expect((await readFile(path)).equals(before)).toBe(true);

    // Locally, an official renames the "Cơ quan chủ trì" header: a push would blank every lead unit in the sheet.
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path);
    const ws = workbook.getWorksheet(TASKS_TAB.name)!;
    ws.getRow(1).getCell(columnIndex('lead') + 1).value = 'Đơn vị chủ trì thực hiện';
    await workbook.xlsx.writeFile(path);
    emu.resetCounts();
    const push = await cchcAsync(['sync', 'push', '--sheet', id, '--store', path], { env });
    expect(push.code).toBe(2);
    expect(push.stderr).toContain('trang "Nhiệm vụ" trong sổ cục bộ không còn cột "Cơ quan chủ trì"');
    expect(emu.counts()).toMatchObject({ reads: 0, writes: 0 });

    // The same in a tab the official has also renamed: the line names the tab as the official sees it.
    ws.name = 'NV 2026';
    await workbook.xlsx.writeFile(path);
    const renamed = await cchcAsync(['sync', 'push', '--sheet', id, '--store', path], { env });
    expect(renamed.code).toBe(2);
    expect(renamed.stderr).toContain('trang "NV 2026" trong sổ cục bộ không còn cột "Cơ quan chủ trì"');
  });

  it('a tab deleted and made again in the sheet is new: pull deletes nothing, push fills it again (small tabs too)', async () => {
    const { emu, env, id, path, tasks } = await pushed();
    const plans = (await new XlsxStore(path).read())['plans']!;
    expect(plans.length).toBeGreaterThan(0);
    for (const name of [TASKS_TAB.name, 'Kế hoạch']) emu.batchUpdate(id, [{ deleteSheet: { sheetId: sheetIdOf(emu, id, name) } }]);
    const init = await cchcAsync(['init', '--sheet', id], { env });
    expect(init.code).toBe(0);
    const pull = await cchcAsync(['sync', 'pull', '--sheet', id, '--out', path], { env });
    expect(pull.stderr).toBe('');
    expect(pull.code).toBe(0);
    expect(pull.stdout).not.toContain('Bỏ');
    const local = await new XlsxStore(path).read();
    expect(local['tasks']).toHaveLength(tasks.length);
    expect(local['plans']).toHaveLength(plans.length);
    const push = await cchcAsync(['sync', 'push', '--sheet', id, '--store', path], { env });
    expect(push.code).toBe(0);
    const grid = emu.getValues(id, `'${TASKS_TAB.name}'!A2:A`) as string[][];
    expect(grid.map((r) => r[0]).sort()).toEqual(tasks.map((t) => String(t['id'])).sort());
    expect(emu.getValues(id, "'Kế hoạch'!A2:A")).toHaveLength(plans.length);
  });

  it('a column deleted in the sheet and typed in again is new: pull blanks nothing, push fills it again', async () => {
    const { emu, env, id, path, tasks, statuses } = await pushed();
    const sheetId = sheetIdOf(emu, id, TASKS_TAB.name);
    const status = columnIndex('status');
    emu.batchUpdate(id, [
      { deleteDimension: { range: { sheetId, dimension: 'COLUMNS', startIndex: status, endIndex: status + 1 } } },
      { insertDimension: { range: { sheetId, dimension: 'COLUMNS', startIndex: status, endIndex: status + 1 } } },
      {
        updateCells: {
          start: { sheetId, rowIndex: 0, columnIndex: status },
          rows: [{ values: [{ userEnteredValue: { stringValue: 'Trạng thái' } }] }],
          fields: 'userEnteredValue',
        },
      },
    ]);
    const pull = await cchcAsync(['sync', 'pull', '--sheet', id, '--out', path], { env });
    expect(pull.code).toBe(0);
    expect((await new XlsxStore(path).read())['tasks']!.filter((t) => t['status']).length).toBe(statuses);
    const push = await cchcAsync(['sync', 'push', '--sheet', id, '--store', path], { env });
    expect(push.code).toBe(0);
    const grid = emu.getValues(id, `'${TASKS_TAB.name}'`) as string[][];
    for (const task of tasks) expect(grid.find((r) => r[0] === task['id'])![status] ?? '').toBe(String(task['status'] ?? ''));
  });

  it('a column blanked in every synced row stops the sync (COLUMN_EMPTIED) until --yes, on either side', async () => {
    const { emu, env, id, path, statuses } = await pushed();
    // Locally: every status cleared (a column deleted and made again in Excel).
    const local = new XlsxStore(path);
    const tables = await local.read();
    await local.write({ tasks: tables['tasks']!.map((t) => ({ ...t, status: null })) });
    emu.resetCounts();
    const push = await cchcAsync(['sync', 'push', '--sheet', id, '--store', path], { env });
    expect(push.code).toBe(2);
    expect(push.stderr).toContain('cột "Trạng thái" trống ở cả');
    expect(push.stderr).toContain('[COLUMN_EMPTIED]');
    expect(emu.counts().writes).toBe(0);
    // On the sheet: the same, the pull stops and the workbook stays as it is.
    await local.write({ tasks: tables['tasks']! });
    const sheetId = sheetIdOf(emu, id, TASKS_TAB.name);
    const status = columnIndex('status');
    emu.batchUpdate(id, [
      {
        repeatCell: {
          range: { sheetId, startRowIndex: 1, endRowIndex: 500, startColumnIndex: status, endColumnIndex: status + 1 },
          cell: {},
          fields: 'userEnteredValue',
        },
      },
    ]);
    const before = await readFile(path);
    const pull = await cchcAsync(['sync', 'pull', '--sheet', id, '--out', path], { env });
    expect(pull.code).toBe(2);
    expect(pull.stderr).toContain('[COLUMN_EMPTIED]');
    expect((await readFile(path)).equals(before)).toBe(true);
    const yes = await cchcAsync(['sync', 'pull', '--sheet', id, '--out', path, '--yes'], { env });
    expect(yes.code).toBe(0);
    expect((await new XlsxStore(path).read())['tasks']!.filter((t) => t['status']).length).toBe(0);
    expect(statuses).toBeGreaterThan(2);
  });

  it('a pull that would delete many rows asks for --yes first', async () => {
    const { emu, env, id, path, meetings } = await pushed();
    expect(meetings.length).toBeGreaterThanOrEqual(4);
    const sheetId = sheetIdOf(emu, id, MEETINGS_TAB.name);
    emu.batchUpdate(id, [{ deleteDimension: { range: { sheetId, dimension: 'ROWS', startIndex: 1, endIndex: meetings.length + 1 } } }]);
    const before = await readFile(path);
    const pull = await cchcAsync(['sync', 'pull', '--sheet', id, '--out', path], { env });
    expect(pull.code).toBe(2);
    expect(pull.stderr).toContain(`${meetings.length}/${meetings.length} dòng trang "Hội nghị"`);
    expect(pull.stderr).toContain('[PULL_DELETES_MANY]');
    expect((await readFile(path)).equals(before)).toBe(true);
    const yes = await cchcAsync(['sync', 'pull', '--sheet', id, '--out', path, '--yes'], { env });
    expect(yes.code).toBe(0);
    expect(yes.stdout).toContain(`Bỏ ${meetings.length} dòng`);
    expect((await new XlsxStore(path).read())['meetings']).toEqual([]);
  });
});
