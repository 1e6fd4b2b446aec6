/**
 * `cchc sync push` of one changed cell among 5,000 tasks reads only what it needs (issue 27): at most 4 requests
 * and 2 MB read, counting the API's answers (by the emulator) and the sync base read from disk, against 9 MB and
 * more for the whole sheet. An official's edits made in the sheet meanwhile are still never overwritten, and ids
 * cleared or a column deleted there still stop the push before it writes. Its own
 * file: the 5,000-task store and its first push are heavy.
 */
import { readdir, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { columnLetter, TASKS_TAB, type Row } from '../../core/index';
import { sampleTables } from '../../sync/samples/sample-tables';
import { XlsxStore } from '../../sync/store/xlsx-store';
import { syncStatePath } from '../../sync/store/sync-base';
import { manyTasks } from '../fixtures/many-tasks';
import { cchcAsync } from '../helpers/cli';
import { useTempDir } from '../helpers/tmp';
import { sheetIdOf, useSheetsEmulator } from './emulated-sheet';

const tempDir = useTempDir();
const emulated = useSheetsEmulator();

const TASKS = 5_000;
const MB = 1_000_000;

/** Bytes of the sync base on disk (the file and its change log): a push reads them all. */
async function baseBytes(path: string, id: string): Promise<number> {
  const file = await syncStatePath(path, id);
  const names = (await readdir(dirname(file))).filter((name) => join(dirname(file), name).startsWith(file));
  const sizes = await Promise.all(names.map(async (name) => (await stat(join(dirname(file), name))).size));
  return sizes.reduce((a, b) => a + b, 0);
}

describe('sync push of one cell at 5,000 tasks', () => {
  it('takes at most 4 requests and reads at most 2 MB, and keeps an edit an official made in the sheet meanwhile', async () => {
    const { emu, env } = await emulated();
    const path = join(await tempDir(), 'cchc.xlsx');
    const local = new XlsxStore(path);
    const sample = await sampleTables();
    const tasks = manyTasks(sample['tasks']!, TASKS);
    await local.create({ ...sample, tasks });
    const id = emu.createSpreadsheet('CCHC');
    const push = () => cchcAsync(['sync', 'push', '--sheet', id, '--store', path], { env });
    expect((await push()).code).toBe(0);

    const status = TASKS_TAB.columns.findIndex((c) => c.key === 'status');
    const cell = (row: number) => `'${TASKS_TAB.name}'!${columnLetter(status)}${row + 2}`;
    const sheetStatus = (row: number) => emu.getValues(id, cell(row))[0]?.[0];
    const edit = async (change: (task: Row, i: number) => Row) => {
      const rows = (await local.read(['tasks']))['tasks']!;
      await local.write({ tasks: rows.map(change) });
    };

    // One status changed locally (a row past the tag budget, written by position), another in the sheet.
    await edit((t, i) => (i === 4_321 ? { ...t, status: 'Hoàn thành' } : t));
    emu.setValues(id, cell(17), [['Đang thực hiện']], 'RAW');
    const bytesOnDisk = await baseBytes(path, id);
    emu.resetCounts();
    const pushed = await push();
    expect(pushed.stdout).toContain('cập nhật 1 ô');
    expect(pushed.code).toBe(0);
    const counts = emu.counts();
    expect(counts.total).toBeLessThanOrEqual(4);
    expect(counts.bytesReceived + bytesOnDisk, `${counts.bytesReceived} B from the API, ${bytesOnDisk} B of sync base`).toBeLessThanOrEqual(
      2 * MB,
    );
    expect(sheetStatus(4_321)).toBe('Hoàn thành');
    expect(sheetStatus(17)).toBe('Đang thực hiện');

    // The same cell changed on both sides: a conflict, the official's value stays.
    await edit((t, i) => (i === 4_000 ? { ...t, status: 'Hoàn thành' } : t));
    emu.setValues(id, cell(4_000), [['Chờ ý kiến chỉ đạo']], 'RAW');
    emu.resetCounts();
    const conflict = await push();
    expect(conflict.code).toBe(1);
    expect(conflict.stdout).toContain('trên bảng tính là "Chờ ý kiến chỉ đạo", bản ghi lên là "Hoàn thành"');
    expect(emu.counts()).toMatchObject({ writes: 0 });
    expect(emu.counts().total).toBeLessThanOrEqual(4);
    expect(sheetStatus(4_000)).toBe('Chờ ý kiến chỉ đạo');

    // The base recorded what both sides agree on: nothing more to push, and row 17's edit is the sheet's to keep.
    emu.resetCounts();
    const again = await push();
    expect(again.stdout).toContain('cập nhật 0 ô');
    expect(emu.counts()).toMatchObject({ writes: 0 });
    expect(sheetStatus(17)).toBe('Đang thực hiện');

    // Ids cleared in the sheet (the push then reads the whole sheet), then a column deleted there (after the status
    // column: seen in the header the narrow read brings): the push stops before writing anything.
    await edit((t, i) => (i === 4_100 ? { ...t, status: 'Đang thực hiện' } : t));
    const ids = `'${TASKS_TAB.name}'!A4502:A4504`;
    const typed = emu.getValues(id, ids);
    emu.setValues(id, ids, [[''], [''], ['']], 'RAW');
    const cleared = JSON.stringify(emu.getSpreadsheet(id));
    const lost = await push();
    expect(lost.stderr).toContain('[ROW_IDENTITY_LOST]');
    expect(lost.code).toBe(2);
    expect(JSON.stringify(emu.getSpreadsheet(id))).toBe(cleared);
    emu.setValues(id, ids, typed, 'RAW');

    const progress = TASKS_TAB.columns.findIndex((c) => c.key === 'progress');
    const range = { sheetId: sheetIdOf(emu, id, TASKS_TAB.name), dimension: 'COLUMNS', startIndex: progress, endIndex: progress + 1 };
    emu.batchUpdate(id, [{ deleteDimension: { range } }]);
    const deleted = JSON.stringify(emu.getSpreadsheet(id));
    const missing = await push();
    expect(missing.stderr).toContain('[COLUMN_MISSING]');
    expect(missing.code).toBe(2);
    expect(JSON.stringify(emu.getSpreadsheet(id))).toBe(deleted);
  }, 240_000);
});
