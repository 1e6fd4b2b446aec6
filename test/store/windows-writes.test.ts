/**
 * Writes with Windows file semantics, on any machine: node:fs/promises is patched so that, as on Windows, a folder
 * cannot be opened (EPERM) and a file Excel holds open cannot be replaced (EPERM on rename onto it). The real
 * Windows run is `.ci/windows-stage.sh` (Windows Node under wine); these pin the same behaviour in `npm test`.
 */
import fsp, { readdir, readFile, stat } from 'node:fs/promises';
import { syncBuiltinESMExports } from 'node:module';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VERSIONS_KEPT } from '../../sync/files/versions';
import { XlsxStore } from '../../sync/store/xlsx-store';
import { cchcAsync } from '../helpers/cli';
import { useTempDir } from '../helpers/tmp';

/** What the wrapped file system does: files "open in Excel" (rename onto them fails this many more times), folders refused. */
const windows = {
  on: false,
  held: new Map<string, number>(),
  /** Files open with no sharing at all (reading denied too). */
  locked: new Set<string>(),
  renames: 0,
  folderOpens: 0,
  folderFsyncFails: false,
};

const real = { open: fsp.open, rename: fsp.rename, copyFile: fsp.copyFile, rm: fsp.rm };
const failure = (code: string, syscall: string, path: string): NodeJS.ErrnoException =>
  Object.assign(new Error(`${code}: operation not permitted, ${syscall} '${path}'`), { code, syscall, path });
const wrapped: Pick<typeof fsp, 'open' | 'rename' | 'copyFile' | 'rm'> = {
  // A file open with no sharing cannot be deleted either.
  rm: async (path, options) => {
    if (windows.locked.has(String(path))) throw failure('EPERM', 'unlink', String(path));
    return real.rm(path, options);
  },
  open: async (path, ...rest) => {
    if (windows.locked.has(String(path))) throw failure('EBUSY', 'open', String(path));
    const info = await fsp.stat(path).catch(() => null);
    if (info?.isDirectory()) {
      windows.folderOpens += 1;
      if (windows.on) throw failure('EPERM', 'open', String(path));
      if (windows.folderFsyncFails) throw failure('EIO', 'open', String(path));
    }
    return real.open(path, ...rest);
  },
  rename: async (from, to) => {
    windows.renames += 1;
    const left = windows.held.get(String(to)) ?? 0;
    if (left > 0) {
      windows.held.set(String(to), left - 1);
      throw failure('EPERM', 'rename', String(from));
    }
    return real.rename(from, to);
  },
  copyFile: async (from, to, mode) => {
    if (windows.locked.has(String(from))) throw failure('EBUSY', 'copyfile', String(from));
    const left = windows.held.get(String(to)) ?? 0;
    if (left > 0) {
      windows.held.set(String(to), left - 1);
      throw failure('EBUSY', 'copyfile', String(to));
    }
    return real.copyFile(from, to, mode);
  },
};

const tempDir = useTempDir();
const realPlatform = process.platform;
const FOREVER = Number.MAX_SAFE_INTEGER;

// Node's own way to change a built-in module for every importer: patch it, then sync its ES module exports.
beforeEach(() => {
  Object.assign(fsp, wrapped);
  syncBuiltinESMExports();
  Object.defineProperty(process, 'platform', { value: 'win32' });
  Object.assign(windows, { on: true, renames: 0, folderOpens: 0, folderFsyncFails: false });
  windows.held.clear();
  windows.locked.clear();
});
afterEach(() => {
  Object.assign(fsp, real);
  syncBuiltinESMExports();
  Object.defineProperty(process, 'platform', { value: realPlatform });
});

/** A store made with `cchc init` under Windows semantics, in a folder named as an official's would be. */
async function initStore(): Promise<{ dir: string; store: string }> {
  const dir = join(await tempDir(), 'Tài liệu của Nguyễn Văn A');
  const store = join(dir, 'Kế hoạch CCHC 2026.xlsx');
  const init = await cchcAsync(['init', '--store', store, '--ward', 'Phường Nhị Chiểu']);
  expect(init.stderr).toBe('');
  expect(init.code).toBe(0);
  return { dir, store };
}

const importArgs = (store: string) => ['import', 'templates/samples/phu-luc-nhi-chieu-2026.xlsx', '--store', store];

describe('writes on Windows', () => {
  it('init and import write although Windows refuses to open a folder (no folder fsync there)', async () => {
    const { store } = await initStore();
    expect((await stat(store)).size).toBeGreaterThan(0);
    const imported = await cchcAsync(importArgs(store));
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain('Đã ghi vào');
    // No folder was opened to flush it: Windows cannot, and NTFS journals the rename.
    expect(windows.folderOpens).toBe(0);
  });

  it('a store held open in Excel: FILE_IN_USE naming the file, exit 2, the store as it was, no temp file left', async () => {
    const { dir, store } = await initStore();
    const before = await readFile(store);
    windows.held.set(store, FOREVER);
    const imported = await cchcAsync(importArgs(store));
    expect(imported.code).toBe(2);
    expect(imported.stderr.trim().split('\n')).toEqual([
      `Lỗi: Tệp "${store}" đang mở trong Excel (hoặc một chương trình khác): đóng tệp rồi chạy lại. Chưa có gì bị ghi đè. [FILE_IN_USE]`,
    ]);
    expect((await readFile(store)).equals(before)).toBe(true);
    expect((await readdir(dir)).filter((name) => name.includes('.tmp-'))).toEqual([]);
    // No version of a write that did not happen: tries while Excel holds the store never push real versions out.
    expect(await new XlsxStore(store).versions()).toEqual([]);
    // Tried again a few times first (a scanner lets go within a moment; Excel does not).
    expect(windows.renames).toBeGreaterThanOrEqual(5);
  });

  it('an old version open in Excel is not pruned, and the write goes on; a later write prunes it', async () => {
    const { store } = await initStore();
    const xlsx = new XlsxStore(store);
    const tasks = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `NV-${i}`, title: `Việc ${i}`, plan: 'KH-1' }));
    for (let n = 1; n <= VERSIONS_KEPT; n++) await xlsx.write({ tasks: tasks(n) });
    const oldest = (await xlsx.versions()).at(-1)!;
    windows.locked.add(oldest.path);
    await xlsx.write({ tasks: tasks(VERSIONS_KEPT + 1) });
    expect((await xlsx.versions()).map((v) => v.path)).toContain(oldest.path);
    windows.locked.clear();
    await xlsx.write({ tasks: tasks(VERSIONS_KEPT + 2) });
    expect(await xlsx.versions()).toHaveLength(VERSIONS_KEPT);
  });

  it('a file held for a moment (antivirus, indexer) is written after a brief retry', async () => {
    const { store } = await initStore();
    windows.held.set(store, 2);
    const imported = await cchcAsync(importArgs(store));
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain('Đã ghi vào');
  });

  it('an export over a report open in Excel, or a .bak open in Excel, says which file to close', async () => {
    const { dir, store } = await initStore();
    expect((await cchcAsync(importArgs(store))).code).toBe(0);
    const out = join(dir, 'Phụ lục 158.xlsx');
    expect((await cchcAsync(['export', '--store', store, '--out', out])).code).toBe(0);
    windows.held.set(out, FOREVER);
    const again = await cchcAsync(['export', '--store', store, '--out', out, '--force']);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain(`Tệp "${out}" đang mở trong Excel`);
    windows.held.clear();
    windows.held.set(`${store}.bak`, FOREVER);
    const reimport = await cchcAsync(['import', 'templates/samples/phu-luc-an-tuong-2026.xlsx', '--store', store]);
    expect(reimport.code).toBe(2);
    expect(reimport.stderr).toContain(`Tệp "${store}.bak" đang mở trong Excel`);
  });
  it('a Word report open with no sharing at all, replaced with --force: the message names the report and Word, not its .bak', async () => {
    const { dir, store } = await initStore();
    expect((await cchcAsync(importArgs(store))).code).toBe(0);
    const out = join(dir, 'Báo cáo 6 tháng.docx');
    expect((await cchcAsync(['report', '--store', store, '--today', '20/06/2026', '--out', out])).code).toBe(0);
    windows.locked.add(out);
    windows.held.set(out, FOREVER);
    const again = await cchcAsync(['report', '--store', store, '--today', '20/06/2026', '--out', out, '--force']);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain(`Tệp "${out}" đang mở trong Word`);
  });
});

describe('what a failed write says', () => {
  it('a failure after the new file is in place never claims the old file was kept', async () => {
    Object.defineProperty(process, 'platform', { value: realPlatform });
    windows.on = false;
    const dir = await tempDir();
    windows.folderFsyncFails = true;
    const store = join(dir, 'cchc.xlsx');
    const init = await cchcAsync(['init', '--store', store]);
    expect(init.code).toBe(2);
    expect(init.stderr).toContain(`Đã ghi tệp mới "${store}"`);
    expect(init.stderr).not.toContain('vẫn giữ nguyên');
  });
});
