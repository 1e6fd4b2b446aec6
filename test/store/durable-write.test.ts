/** Durable replacement of the store and outputs: symlinks, modes, read-only files, temp files of killed writers, sync bases per workbook. */
import { chmod, lstat, mkdir, readFile, readdir, readlink, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileDurable } from '../../sync/files/durable-write';
import { syncStatePath } from '../../sync/store/sync-base';
import { initialTables } from '../../sync/store/initial-tables';
import { XlsxStore } from '../../sync/store/xlsx-store';
import { useTempDir } from '../helpers/tmp';

const tempDir = useTempDir();

describe('durable writes', () => {
  it('writes through a symlink to its target, which stays a symlink; keeps the file mode', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, 'real'));
    const target = join(dir, 'real', 'cchc.xlsx');
    const link = join(dir, 'cchc.xlsx');
    await new XlsxStore(target).create(initialTables());
    await chmod(target, 0o640);
    await symlink(target, link);
    await new XlsxStore(link).write({ plans: [{ code: '1/KH-UBND', title: 'Kế hoạch', date: null, ward: null, year: 2026 }] });
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
    expect(await readlink(link)).toBe(target);
    expect((await new XlsxStore(target).read())['plans']).toHaveLength(1);
    expect((await stat(target)).mode & 0o777).toBe(0o640);
    // The backup sits beside the real file, not beside the link.
    expect(await readdir(join(dir, 'real'))).toContain('cchc.xlsx.bak');
  });

  it('refuses a read-only store with a message and leaves it as it is', async () => {
    const path = join(await tempDir(), 'cchc.xlsx');
    await new XlsxStore(path).create(initialTables());
    await chmod(path, 0o444);
    const before = await readFile(path);
    // A real change: a write with nothing to change leaves the file alone anyway.
    const plan = { code: '9/KH-UBND', title: 'Kế hoạch thử', date: null, ward: '', year: 2026 };
    const error = await new XlsxStore(path).write({ plans: [plan] }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'FILE_READ_ONLY' });
    expect(String((error as Error).message)).toContain('Bỏ chế độ chỉ đọc của tệp (Windows: Thuộc tính → bỏ "Chỉ đọc"');
    expect((await readFile(path)).equals(before)).toBe(true);
    expect((await stat(path)).mode & 0o777).toBe(0o444);
  });

  it('removes temp files left by a killed writer, never those of a live one', async () => {
    const dir = await tempDir();
    const path = join(dir, 'out.xlsx');
    const dead = `out.xlsx.tmp-${2 ** 22 + 4321}-x`;
    const live = `out.xlsx.tmp-${process.ppid}-y`;
    await writeFile(join(dir, dead), 'half');
    await writeFile(join(dir, live), 'busy');
    await writeFileDurable(path, 'new');
    expect((await readdir(dir)).sort()).toEqual(['out.xlsx', live].sort());
    expect(await readFile(path, 'utf8')).toBe('new');
  });

  it("keys the sync base by the workbook's real path and the sheet id", async () => {
    const dir = await tempDir();
    const a = await syncStatePath(join(dir, 'cchc.xlsx'), 'SHEET');
    const b = await syncStatePath(join(dir, 'other.xlsx'), 'SHEET');
    expect(a).not.toBe(b);
    await new XlsxStore(join(dir, 'cchc.xlsx')).create(initialTables());
    await symlink(join(dir, 'cchc.xlsx'), join(dir, 'link.xlsx'));
    expect(await syncStatePath(join(dir, 'link.xlsx'), 'SHEET')).toBe(a);
    expect(await syncStatePath(join(dir, 'cchc.xlsx'), 'OTHER')).not.toBe(a);
  });
});
