/**
 * The sync base on disk: a sync writes only the rows whose synced values moved
 * (a line appended to the change log), nothing when none did, and the whole file
 * again only when the log has grown; a crash at any point loses no recorded row.
 */
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { Row } from '../../core/index';
import { loadSyncBase, saveSyncBase, type SyncState } from '../../sync/store/sync-base';
import { useTempDir } from '../helpers/tmp';

const tempDir = useTempDir();

const task = (n: number, note = ''): Row => ({ id: `NV-${n}`, title: `Nhiệm vụ số ${n} của kế hoạch`, note });
const state = (rows: Row[], sheetId = 7): SyncState => ({
  base: new Map([['tasks', new Map(rows.map((r) => [String(r['id']), r]))]]),
  sheetIds: new Map([['tasks', sheetId]]),
});
const tasks = (s: SyncState): Row[] => [...s.base.get('tasks')!.values()];

describe('sync base', () => {
  it('logs only the changed rows, writes nothing when nothing changed, and loads the file plus its log', async () => {
    const path = join(await tempDir(), 'cchc.xlsx.sheet.json');
    const rows = Array.from({ length: 2_000 }, (_, i) => task(i));
    await saveSyncBase(path, 'sheet', 'cchc.xlsx', state(rows));
    const file = await readFile(path);
    const loaded = await loadSyncBase(path);
    expect(tasks(loaded)).toEqual(rows);

    await saveSyncBase(path, 'sheet', 'cchc.xlsx', state(rows), loaded);
    await expect(stat(`${path}.log`)).rejects.toThrow();
    expect((await readFile(path)).equals(file)).toBe(true);

    const changed = rows.map((r, i) => (i === 1_234 ? { ...r, note: 'Đã xong' } : r)).filter((_, i) => i !== 5);
    await saveSyncBase(path, 'sheet', 'cchc.xlsx', state(changed), loaded);
    expect((await readFile(path)).equals(file)).toBe(true);
    const log = await readFile(`${path}.log`, 'utf8');
    expect(log.length).toBeLessThan(400);
    expect(JSON.parse(log).rows).toEqual({ tasks: { 'NV-1234': { ...rows[1_234], note: 'Đã xong' }, 'NV-5': null } });
    expect(tasks(await loadSyncBase(path))).toEqual(changed);
  });

  it('a log line cut short by a crash is ignored; a log replayed on a file already rewritten changes nothing', async () => {
    const path = join(await tempDir(), 'cchc.xlsx.sheet.json');
    const rows = Array.from({ length: 50 }, (_, i) => task(i));
    await saveSyncBase(path, 'sheet', 'cchc.xlsx', state(rows));
    const first = await loadSyncBase(path);
    const once = rows.map((r, i) => (i === 3 ? { ...r, note: 'một' } : r));
    await saveSyncBase(path, 'sheet', 'cchc.xlsx', state(once), first);
    const log = await readFile(`${path}.log`, 'utf8');
    await writeFile(`${path}.log`, `${log}{"syncedAt":"2026-12-0`);
    expect(tasks(await loadSyncBase(path))).toEqual(once);

    // The file written whole with a later state, its log (the older line) not yet removed: the log sets row 3 to
    // what the file already holds for it.
    await saveSyncBase(path, 'sheet', 'cchc.xlsx', state(once));
    await writeFile(`${path}.log`, log);
    expect(tasks(await loadSyncBase(path))).toEqual(once);
  });

  it('the whole file is written again once the log outgrows a quarter of it, and the log removed', async () => {
    const path = join(await tempDir(), 'cchc.xlsx.sheet.json');
    let rows = Array.from({ length: 300 }, (_, i) => task(i));
    await saveSyncBase(path, 'sheet', 'cchc.xlsx', state(rows));
    const previous = await loadSyncBase(path);
    for (let round = 0; round < 400; round++) {
      rows = rows.map((r, i) => (i === round % 300 ? { ...r, note: `lần ${round}` } : r));
      await saveSyncBase(path, 'sheet', 'cchc.xlsx', state(rows), previous);
      const log = await stat(`${path}.log`).then(
        (s) => s.size,
        () => 0,
      );
      expect(log).toBeLessThanOrEqual(Math.max(64 * 1024, (await stat(path)).size / 4) + 1_000);
    }
    expect(tasks(await loadSyncBase(path))).toEqual(rows);
    const file = JSON.parse(gunzipSync(await readFile(path)).toString('utf8')) as {
      tabs: { tasks: { columns: string[]; rows: unknown[][] } };
    };
    const { columns, rows: held } = file.tabs.tasks;
    expect(held.find((r) => r[0] === 'NV-0')![1 + columns.indexOf('note')]).toMatch(/^lần /);
  });

  it('is kept compact (gzipped, rows as arrays), and a file of the older form (rows as objects, plain JSON) is still read', async () => {
    const path = join(await tempDir(), 'cchc.xlsx.sheet.json');
    const rows = Array.from({ length: 2_000 }, (_, i) => task(i, i % 7 ? '' : 'Đang làm'));
    await saveSyncBase(path, 'sheet', 'cchc.xlsx', state(rows));
    const plain = JSON.stringify({ tabs: { tasks: Object.fromEntries(rows.map((r) => [r['id'], r])) } });
    expect((await stat(path)).size).toBeLessThan(Buffer.byteLength(plain) / 5);
    expect(tasks(await loadSyncBase(path))).toEqual(rows);

    await writeFile(
      path,
      JSON.stringify({ spreadsheetId: 'sheet', workbook: 'cchc.xlsx', syncedAt: '', sheetIds: { tasks: 7 }, ...JSON.parse(plain) }),
    );
    const old = await loadSyncBase(path);
    expect(old.note).toBeNull();
    expect(tasks(old)).toEqual(rows);
    expect(old.sheetIds).toEqual(new Map([['tasks', 7]]));
  });
});
