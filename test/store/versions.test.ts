/**
 * The store's history of versions, from an official's side: a bad import can be undone even after another write,
 * a restore can itself be undone, and the history stays bounded. (A kill during the rotation: test/reliability.)
 */
import { copyFile, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { saveVersion, VERSIONS_KEPT } from '../../sync/files/versions';
import { XlsxStore } from '../../sync/store/xlsx-store';
import { cchcAsync } from '../helpers/cli';
import { useTempDir } from '../helpers/tmp';

const tempDir = useTempDir();
const SAMPLES = fileURLToPath(new URL('../../templates/samples/', import.meta.url));
const taskIds = async (store: string): Promise<string[]> =>
  ((await new XlsxStore(store).read(['tasks']))['tasks'] ?? []).map((r) => String(r['id']));

const tasks = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `NV-${i}`, title: `Việc ${i}`, plan: 'KH-1' }));

/** A store written past its bound: every version kept holds one task fewer than the next. */
async function fullHistory() {
  const store = join(await tempDir(), 'cchc.xlsx');
  const xlsx = new XlsxStore(store);
  await xlsx.create({ tasks: [] });
  for (let n = 1; n <= VERSIONS_KEPT + 1; n++) await xlsx.write({ tasks: tasks(n) });
  return { store, xlsx };
}

describe('versions of the store (cchc restore)', () => {
  it('two imports, then back to before the first; the restore itself is undone with "cchc restore 1"', async () => {
    const store = join(await tempDir(), 'cchc.xlsx');
    expect((await cchcAsync(['init', '--store', store])).code).toBe(0);
    const atStart = await readFile(store);
    expect((await cchcAsync(['import', join(SAMPLES, 'phu-luc-an-tuong-2026.xlsx'), '--store', store])).code).toBe(0);
    const afterFirst = await taskIds(store);
    expect((await cchcAsync(['import', join(SAMPLES, 'phu-luc-nhi-chieu-2026.xlsx'), '--store', store])).code).toBe(0);
    const afterBoth = await readFile(store);
    const bothIds = await taskIds(store);
    expect(bothIds.length).toBeGreaterThan(afterFirst.length);

    const list = await cchcAsync(['restore', '--store', store]);
    expect(list.code).toBe(0);
    const lines = list.stdout.split('\n').filter((l) => /^\s+\d+\./.test(l));
    expect(lines).toHaveLength(2);
    // Tasks as the imports count them (46 for An Tường, then 19 more), not rows: section headings are rows too.
    expect(lines[0]).toMatch(/^ {2}1\. Bản ghi lúc \d\d\/\d\d\/\d{4} \d\d:\d\d:\d\d, 46 nhiệm vụ; được thay bởi lệnh "import" lúc /);
    expect(lines[1]).toContain('  2. Bản ghi lúc');
    expect(lines[1]).toContain(', 0 nhiệm vụ; được thay bởi lệnh "import"');

    const restored = await cchcAsync(['restore', '2', '--store', store]);
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.stdout).toContain('về bản số 2');
    expect(restored.stdout).toContain('cchc restore 1');
    // Byte for byte the store as init left it.
    expect((await readFile(store)).equals(atStart)).toBe(true);

    // The store before the restore is now version 1, named after the restore.
    const again = await cchcAsync(['restore', '--store', store]);
    expect(again.stdout).toMatch(/ {2}1\. Bản ghi lúc .*, 65 nhiệm vụ; được thay bởi lệnh "restore"/);
    expect((await cchcAsync(['restore', '1', '--store', store])).code).toBe(0);
    expect((await readFile(store)).equals(afterBoth)).toBe(true);
  });

  it(`keeps the ${VERSIONS_KEPT} newest versions, however many writes`, async () => {
    const store = join(await tempDir(), 'cchc.xlsx');
    const xlsx = new XlsxStore(store);
    await xlsx.create({ tasks: [] });
    const ids = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `NV-${i}`, title: `Việc ${i}`, plan: 'KH-1' }));
    for (let n = 1; n <= VERSIONS_KEPT + 3; n++) await xlsx.write({ tasks: ids(n) });
    const versions = await xlsx.versions();
    expect(versions).toHaveLength(VERSIONS_KEPT);
    // The newest first: the store before the last write held one task fewer than it does now.
    expect(versions.map((v) => v.tasks)).toEqual([7, 6, 5, 4, 3]);
    expect(await readdir(`${store}.versions`)).toHaveLength(VERSIONS_KEPT);
  });

  it('a version left by a write killed before its rename is not saved twice (repeated tries never push history out)', async () => {
    const store = join(await tempDir(), 'cchc.xlsx');
    const xlsx = new XlsxStore(store);
    await xlsx.create({ tasks: [] });
    await xlsx.write({ tasks: [{ id: 'NV-1', title: 'Việc 1', plan: 'KH-1' }] });
    // What a kill between the version's rename and the store's leaves: a version holding the store as it still is.
    expect(await saveVersion(store, store, { command: 'import', tasks: 1 })).not.toBeNull();
    expect(await saveVersion(store, store, { command: 'import', tasks: 1 })).toBeNull();
    await xlsx.write({ tasks: [{ id: 'NV-2', title: 'Việc 2', plan: 'KH-1' }] });
    expect((await xlsx.versions()).map((v) => v.tasks)).toEqual([1, 0]);
  });

  it('each state a kill inside the rotation leaves is read right and tidied by the next write', async () => {
    const { store, xlsx } = await fullHistory();
    const full = await xlsx.versions();
    // Killed while copying: a temp named after a process that is gone.
    await writeFile(join(`${store}.versions`, 'version.tmp-999999999-dead'), 'nửa bản');
    // Killed after the version's rename, before the store's: a version holding the store as it still is.
    await copyFile(store, join(`${store}.versions`, '29991231T235959999Z-kill_import_6.xlsx'));
    expect((await xlsx.versions()).slice(1).map((v) => v.path)).toEqual(full.map((v) => v.path));
    // Killed after the store's rename, before the prune: one version past the bound, until the next write.
    await xlsx.write({ tasks: tasks(VERSIONS_KEPT + 2) });
    const after = await xlsx.versions();
    expect(after).toHaveLength(VERSIONS_KEPT);
    expect(after.map((v) => v.tasks)).toEqual([VERSIONS_KEPT + 1, VERSIONS_KEPT, VERSIONS_KEPT - 1, VERSIONS_KEPT - 2, VERSIONS_KEPT - 3]);
    expect(await readdir(`${store}.versions`)).toHaveLength(VERSIONS_KEPT);
  });

  it('a kill after the store was replaced, before the prune: the next write with nothing to change still tidies', async () => {
    const { store, xlsx } = await fullHistory();
    // The killed import had replaced the store: its version is there, the oldest not yet pruned.
    await copyFile(store, join(`${store}.versions`, '29991231T235959999Z-kill_import_6.xlsx'));
    expect(await xlsx.versions()).toHaveLength(VERSIONS_KEPT + 1);
    // Importing the same appendix again changes nothing, so writes nothing; the history is still brought to its bound.
    expect((await xlsx.write({ tasks: tasks(VERSIONS_KEPT + 1) })).unchanged).toBe(true);
    expect(await xlsx.versions()).toHaveLength(VERSIONS_KEPT);
  });

  it('a damaged store can be restored, and is itself kept as a version', async () => {
    const store = join(await tempDir(), 'cchc.xlsx');
    expect((await cchcAsync(['init', '--store', store])).code).toBe(0);
    expect((await cchcAsync(['import', join(SAMPLES, 'phu-luc-an-tuong-2026.xlsx'), '--store', store])).code).toBe(0);
    const afterFirst = await taskIds(store);
    expect((await cchcAsync(['import', join(SAMPLES, 'phu-luc-nhi-chieu-2026.xlsx'), '--store', store])).code).toBe(0);
    const good = await readFile(store);
    // Cut short, as a copy to a USB stick pulled out too early leaves it.
    await writeFile(store, good.subarray(0, 200));
    expect((await cchcAsync(['validate', '--store', store])).stderr).toContain('[STORE_UNREADABLE]');
    const result = await cchcAsync(['restore', '1', '--store', store]);
    expect(result.code, result.stderr).toBe(0);
    expect(await taskIds(store)).toEqual(afterFirst);
    const versions = await new XlsxStore(store).versions();
    expect(versions[0]).toMatchObject({ command: 'restore' });
    expect(versions[0]!.tasks).toBeUndefined();
    expect((await readFile(versions[0]!.path)).equals(good.subarray(0, 200))).toBe(true);
  });

  it('a store deleted by mistake is brought back from its versions', async () => {
    const store = join(await tempDir(), 'cchc.xlsx');
    expect((await cchcAsync(['init', '--store', store])).code).toBe(0);
    expect((await cchcAsync(['import', join(SAMPLES, 'phu-luc-an-tuong-2026.xlsx'), '--store', store])).code).toBe(0);
    const beforeImport = await readFile(join(`${store}.versions`, (await readdir(`${store}.versions`))[0]!));
    await rm(store);
    const result = await cchcAsync(['restore', '1', '--store', store]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).not.toContain('cchc restore 1');
    expect((await readFile(store)).equals(beforeImport)).toBe(true);
  });

  it('an unknown number, or a store without versions, says so in Vietnamese (exit 2) and changes nothing', async () => {
    const store = join(await tempDir(), 'cchc.xlsx');
    expect((await cchcAsync(['init', '--store', store])).code).toBe(0);
    const before = await readFile(store);
    const none = await cchcAsync(['restore', '--store', store]);
    expect(none.code).toBe(0);
    expect(none.stdout).toContain('chưa có bản lưu trước nào');
    for (const number of ['1', 'abc']) {
      const result = await cchcAsync(['restore', number, '--store', store]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('[VERSION_UNKNOWN]');
    }
    expect((await readFile(store)).equals(before)).toBe(true);
  });
});
