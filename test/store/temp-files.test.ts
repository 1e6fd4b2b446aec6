/**
 * What a stopped process removes (sync/files/temp-files.ts): the files it made and still holds, and nothing else —
 * not a lock another process took over meanwhile, not a file beside it. (The real Ctrl-C: test/cli/signals.test.ts.)
 */
import { access, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { heldTemps, removeHeldTemps } from '../../sync/files/temp-files';
import { withStoreLock } from '../../sync/store/store-lock';
import { XlsxStore } from '../../sync/store/xlsx-store';
import { useTempDir } from '../helpers/tmp';

const tempDir = useTempDir();
const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

describe('temp files removed when the process is stopped', () => {
  it('the lock this process holds is removed; an official file beside it is not', async () => {
    const dir = await tempDir();
    const store = join(dir, 'cchc.xlsx');
    await writeFile(join(dir, 'ghi-chep.xlsx'), 'của cán bộ');
    await withStoreLock(store, store, async () => {
      expect(heldTemps()).toEqual([`${store}.lock`]);
      removeHeldTemps();
      expect(await exists(`${store}.lock`)).toBe(false);
    });
    expect(await readdir(dir)).toEqual(['ghi-chep.xlsx']);
    expect(heldTemps()).toEqual([]);
  });

  it('a lock another process took over (ours judged stale) is left to it', async () => {
    const store = join(await tempDir(), 'cchc.xlsx');
    await withStoreLock(store, store, async () => {
      const other = { pid: process.pid + 1, host: 'may-khac', command: 'import', startedAt: new Date().toISOString() };
      await writeFile(`${store}.lock`, JSON.stringify(other));
      removeHeldTemps();
      expect(await exists(`${store}.lock`)).toBe(true);
    });
  });

  it('nothing is held once a store write is done', async () => {
    const store = new XlsxStore(join(await tempDir(), 'cchc.xlsx'));
    await store.create({ tasks: [] });
    await store.write({ tasks: [{ id: 'NV-1', title: 'Việc', plan: 'KH-1' }] });
    expect(heldTemps()).toEqual([]);
  });
});
