/** On a drive without hard links (FAT USB sticks, some network shares) the store lock is made in place and still excludes. */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { withStoreLock } from '../../sync/store/store-lock';
import { useTempDir } from '../helpers/tmp';

vi.mock('node:fs/promises', async (original) => ({
  ...(await original<typeof import('node:fs/promises')>()),
  // What link(2) answers where the file system has no hard links.
  link: () => Promise.reject(Object.assign(new Error('EPERM: operation not permitted, link'), { code: 'EPERM' })),
}));

const tempDir = useTempDir();

describe('store lock without hard links', () => {
  it('takes the lock in place with its owner written, makes a second writer wait, and leaves nothing behind', async () => {
    const dir = await tempDir();
    const store = join(dir, 'cchc.xlsx');
    const order: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const first = withStoreLock(store, 'cchc.xlsx', async () => {
      order.push('first in');
      expect(JSON.parse(await readFile(`${store}.lock`, 'utf8'))).toMatchObject({ pid: process.pid });
      await held;
      order.push('first out');
    });
    await vi.waitFor(() => expect(order).toEqual(['first in']));
    const second = withStoreLock(store, 'cchc.xlsx', async () => void order.push('second'));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(order).toEqual(['first in']);
    release();
    await Promise.all([first, second]);
    expect(order).toEqual(['first in', 'first out', 'second']);
    expect(await readdir(dir)).toEqual([]);
  });
});
