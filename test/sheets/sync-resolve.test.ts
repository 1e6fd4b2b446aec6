/** `cchc sync resolve` against the Sheets emulator: the real binary, the real Google client. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { columnLetter, TASKS_TAB, type Row } from '../../core/index';
import { sampleTables } from '../../sync/samples/sample-tables';
import { XlsxStore } from '../../sync/store/xlsx-store';
import type { SheetsEmulator } from '../sheets-emulator';
import { cchcAsync } from '../helpers/cli';
import { useTempDir } from '../helpers/tmp';
import { useSheetsEmulator } from './emulated-sheet';

const tempDir = useTempDir();
const emulated = useSheetsEmulator();

function taskCell(emu: SheetsEmulator, id: string, taskId: string, column: string): string {
  const grid = emu.getValues(id, `'${TASKS_TAB.name}'`) as string[][];
  const col = grid[0]!.indexOf(TASKS_TAB.columns.find((c) => c.key === column)!.header);
  const row = grid.findIndex((r) => r[0] === taskId);
  expect(row).toBeGreaterThan(0);
  return `'${TASKS_TAB.name}'!${columnLetter(col)}${row + 1}`;
}

describe('cchc sync resolve', () => {
  it('lists conflicts, settles one keeping the sheet and the rest keeping local; then push and pull are clean', async () => {
    const { emu, env } = await emulated();
    const id = emu.createSpreadsheet('Kế hoạch CCHC');
    const path = join(await tempDir(), 'cchc.xlsx');
    const local = new XlsxStore(path);
    const tables = await sampleTables();
    await local.create(tables);
    const tasks = tables['tasks']!;
    const sync = (...args: string[]) => cchcAsync(['sync', ...args, '--sheet', id, '--store', path], { env });
    expect((await sync('push')).code).toBe(0);
    const [a, b] = tasks.map((t) => String(t['id']));
    const value = (taskId: string, column: string) =>
      emu.getValues(id, taskCell(emu, id, taskId, column), { valueRenderOption: 'UNFORMATTED_VALUE' })[0]![0];

    // Both sides change the same two cells differently.
    emu.setValues(id, taskCell(emu, id, a!, 'note'), [['Đã trình UBND']]);
    emu.setValues(id, taskCell(emu, id, b!, 'progress'), [[61]]);
    await local.write({
      tasks: tasks.map((t: Row) => (t['id'] === a ? { ...t, note: 'Chờ ý kiến' } : t['id'] === b ? { ...t, progress: 73 } : t)),
    });
    expect((await sync('push')).code).toBe(1);

    const list = await sync('resolve');
    expect(list.code).toBe(1);
    expect(list.stdout).toContain('2 xung đột');
    expect(list.stdout).toContain(`[tasks:${a}:note]`);
    expect(list.stdout).toContain('cột "Ghi chú": trên bảng tính "Đã trình UBND", trong sổ cục bộ "Chờ ý kiến"');

    // A wrong name settles nothing.
    const wrong = await sync('resolve', '--keep', 'sheet', '--cell', '7');
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('CONFLICT_NOT_FOUND');
    expect((await sync('resolve')).stdout).toContain('2 xung đột');

    // The note: the sheet's value wins, and the local workbook takes it at once.
    const one = await sync('resolve', '--keep', 'sheet', '--cell', `tasks:${a}:note`);
    expect(one.code).toBe(1); // one conflict left
    expect((await local.read())['tasks']!.find((t) => t['id'] === a)!['note']).toBe('Đã trình UBND');
    // The progress: the local value wins and goes up with the next push.
    expect((await sync('resolve', '--keep', 'local', '--all')).code).toBe(0);
    expect((await sync('resolve')).stdout).toContain('Không có xung đột');

    const push = await sync('push');
    expect(push.stdout).not.toContain('xung đột');
    expect(push.code).toBe(0);
    expect(value(b!, 'progress')).toBe(73);
    expect(value(a!, 'note')).toBe('Đã trình UBND');
    const pull = await sync('pull');
    expect(pull.code).toBe(0);
    const home = (await local.read())['tasks']!;
    expect(home.find((t) => t['id'] === b)!['progress']).toBe(73);
  });
});
