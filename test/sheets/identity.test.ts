/**
 * What officials do to the shared sheet's rows, from their side: ids cleared,
 * rows sorted, the header row deleted, a row copied with its id. Where the tool
 * can still tell which row is which task it syncs; where it cannot it stops with
 * one Vietnamese line (exit 2) and changes nothing: not the sheet, not the
 * workbook, not the sync base.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { columnLetter, TASKS_TAB, type Row } from '../../core/index';
import { sampleTables } from '../../sync/samples/sample-tables';
import { syncStatePath } from '../../sync/store/sync-base';
import { XlsxStore } from '../../sync/store/xlsx-store';
import type { SheetsEmulator } from '../sheets-emulator';
import { cchcAsync } from '../helpers/cli';
import { useTempDir } from '../helpers/tmp';
import { sheetIdOf, useSheetsEmulator } from './emulated-sheet';

const tempDir = useTempDir();
const emulated = useSheetsEmulator();
const TAB = `'${TASKS_TAB.name}'`;
const column = (key: string): number => TASKS_TAB.columns.findIndex((c) => c.key === key);

/** A workbook of the sample tasks pushed to a new sheet; returns what the checks need. */
async function pushed(emu: SheetsEmulator, env: Record<string, string>): Promise<{ id: string; path: string; tasks: Row[] }> {
  const id = emu.createSpreadsheet('CCHC');
  const path = join(await tempDir(), 'cchc.xlsx');
  const tables = await sampleTables();
  await new XlsxStore(path).create(tables);
  const push = await cchcAsync(['sync', 'push', '--sheet', id, '--store', path], { env });
  expect(push.code).toBe(0);
  return { id, path, tasks: tables['tasks']! };
}

/** The task rows below the header as the sheet holds them (unformatted, padded to the header's width). */
function taskGrid(emu: SheetsEmulator, id: string): unknown[][] {
  const grid = emu.getValues(id, TAB, { valueRenderOption: 'UNFORMATTED_VALUE' }) as unknown[][];
  const width = grid[0]!.length;
  return grid.slice(1).map((r) => Array.from({ length: width }, (_, i) => r[i] ?? ''));
}

/**
 * An official's Data → Sort range on the task rows: the cells move, the rows'
 * developer metadata stays where it was (it belongs to the row position, not to
 * the cells), as at Google.
 */
function sortTasks(emu: SheetsEmulator, id: string, by: string): void {
  const rows = taskGrid(emu, id);
  const at = column(by);
  rows.sort((a, b) => String(a[at]).localeCompare(String(b[at]), 'vi'));
  emu.setValues(id, `${TAB}!A2`, rows, 'RAW');
}

/** Clears the id cell of the given 0-based data rows (one edit of the whole column). */
function clearIds(emu: SheetsEmulator, id: string, rows: readonly number[]): void {
  const ids = taskGrid(emu, id).map((r, i) => [rows.includes(i) ? '' : r[column('id')]]);
  emu.setValues(id, `${TAB}!${columnLetter(column('id'))}2`, ids, 'RAW');
}

/** Everything a sync may change: the whole emulated spreadsheet, the workbook's bytes, the sync base's bytes. */
async function snapshot(emu: SheetsEmulator, id: string, path: string): Promise<[string, Buffer, Buffer]> {
  return [JSON.stringify(emu.getSpreadsheet(id)), await readFile(path), await readFile(await syncStatePath(path, id))];
}

/** Pull and push each stop with `code` on one Vietnamese line, exit 2, and neither changes anything. */
async function bothStop(emu: SheetsEmulator, env: Record<string, string>, id: string, path: string, code: string): Promise<string> {
  const before = await snapshot(emu, id, path);
  const lines: string[] = [];
  for (const verb of ['pull', 'push']) {
    const run = await cchcAsync(['sync', verb, '--sheet', id, '--store', path], { env });
    expect(run.stderr, verb).toContain(`[${code}]`);
    expect(run.code, verb).toBe(2);
    expect(run.stderr.trim().split('\n'), verb).toHaveLength(1);
    expect(run.stderr).toMatch(/Chưa đồng bộ gì/);
    lines.push(run.stderr.trim());
    const after = await snapshot(emu, id, path);
    expect(after[0] === before[0], `${verb}: the sheet changed`).toBe(true);
    expect(after[1].equals(before[1]), `${verb}: the workbook changed`).toBe(true);
    expect(after[2].equals(before[2]), `${verb}: the sync base changed`).toBe(true);
  }
  return lines[0]!;
}

describe('row identity against what officials do to the sheet', { timeout: 180_000 }, () => {
  it('ids cleared in the sheet, then the rows sorted: pull and push stop, nothing changes on either side', async () => {
    const { emu, env } = await emulated();
    const { id, path } = await pushed(emu, env);
    const count = taskGrid(emu, id).length;
    clearIds(
      emu,
      id,
      Array.from({ length: count }, (_, i) => i),
    );
    expect(count).toBeGreaterThan(50);
    sortTasks(emu, id, 'title');
    const line = await bothStop(emu, env, id, path, 'ROW_IDENTITY_LOST');
    expect(line).toContain('Mã nhiệm vụ');
  });

  it('part of the id column cleared, then sorted: stop; cleared without a sort: synced by the rows’ tags, no field mixed', async () => {
    const { emu, env } = await emulated();
    const { id, path, tasks } = await pushed(emu, env);
    clearIds(emu, id, [1, 3, 4]);
    sortTasks(emu, id, 'status');
    await bothStop(emu, env, id, path, 'ROW_IDENTITY_LOST');

    // Another sheet: the same ids cleared, no sort, and an official's status on one of those rows.
    const other = await pushed(emu, env);
    clearIds(emu, other.id, [1, 3, 4]);
    emu.setValues(other.id, `${TAB}!${columnLetter(column('status'))}5`, [['Đang thực hiện']], 'RAW');
    const pull = await cchcAsync(['sync', 'pull', '--sheet', other.id, '--store', other.path], { env });
    expect(pull.stderr).toBe('');
    expect(pull.code).toBe(0);
    const local = (await new XlsxStore(other.path).read())['tasks']!;
    expect(local).toHaveLength(tasks.length);
    for (const task of tasks) {
      const now = local.find((t) => t['id'] === task['id'])!;
      expect(now['title'], String(task['id'])).toBe(task['title']);
    }
    expect(local.find((t) => t['id'] === tasks[3]!['id'])!['status']).toBe('Đang thực hiện');
    const push = await cchcAsync(['sync', 'push', '--sheet', other.id, '--store', other.path], { env });
    expect(push.code).toBe(0);
    expect(taskGrid(emu, other.id).map((r) => r[column('id')])).toEqual(tasks.map((t) => t['id']));
  });

  it('the header row deleted in the sheet: pull and push stop, no task is deleted locally', async () => {
    const { emu, env } = await emulated();
    const { id, path, tasks } = await pushed(emu, env);
    const sheetId = sheetIdOf(emu, id, TASKS_TAB.name);
    emu.batchUpdate(id, [{ deleteDimension: { range: { sheetId, dimension: 'ROWS', startIndex: 0, endIndex: 1 } } }]);
    const line = await bothStop(emu, env, id, path, 'HEADER_ROW_MISSING');
    expect(line).toContain(`"${TASKS_TAB.name}"`);
    expect((await new XlsxStore(path).read())['tasks']).toHaveLength(tasks.length);
  });

  it('a row inserted in the middle holding a copy of another row (its id too): pull and push stop', async () => {
    const { emu, env } = await emulated();
    const { id, path, tasks } = await pushed(emu, env);
    const sheetId = sheetIdOf(emu, id, TASKS_TAB.name);
    const copied = taskGrid(emu, id)[1]!;
    emu.batchUpdate(id, [{ insertDimension: { range: { sheetId, dimension: 'ROWS', startIndex: 4, endIndex: 5 } } }]);
    emu.setValues(id, `${TAB}!A5`, [copied.map((v, i) => (i === column('status') ? 'Đang thực hiện' : v))], 'RAW');
    const line = await bothStop(emu, env, id, path, 'DUPLICATE_ROW_ID');
    expect(line).toContain(String(tasks[1]!['id']));
    expect(line).toMatch(/dòng 3, 5/);
  });
});
