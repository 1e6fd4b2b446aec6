/** Files that look like something else never cost an official's work: a blank appendix, an appendix as the store. */
import { copyFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cchcAsync } from '../helpers/cli';
import { useTempDir } from '../helpers/tmp';

const tempDir = useTempDir();
const TEMPLATES = fileURLToPath(new URL('../../templates/', import.meta.url));

describe('wrong files', () => {
  it('a blank appendix template is refused (APPENDIX_EMPTY) and the store keeps its tasks, byte for byte', async () => {
    const store = join(await tempDir(), 'cchc.xlsx');
    expect((await cchcAsync(['init', '--store', store])).code).toBe(0);
    const first = await cchcAsync(['import', join(TEMPLATES, 'samples/phu-luc-an-tuong-2026.xlsx'), '--store', store]);
    // The sample's "(Kèm theo Kế hoạch số KH-CCHC-2026/AT …)" is a number, not a draft.
    expect(first.stdout).toContain('kế hoạch KH-CCHC-2026/AT: 46 nhiệm vụ');
    const before = await readFile(store);
    const blank = await cchcAsync(['import', join(TEMPLATES, 'phu-luc-nhiem-vu.xlsx'), '--store', store]);
    expect(blank.code).toBe(2);
    expect(blank.stderr).toContain('[APPENDIX_EMPTY]');
    expect((await readFile(store)).equals(before)).toBe(true);
  });

  it('an appendix given as --store is neither read as an empty store nor written into (NOT_A_STORE)', async () => {
    const dir = await tempDir();
    const appendix = join(dir, 'phu-luc.xlsx');
    await copyFile(join(TEMPLATES, 'samples/phu-luc-nhi-chieu-2026.xlsx'), appendix);
    const before = await readFile(appendix);
    for (const args of [['validate'], ['import', join(TEMPLATES, 'samples/phu-luc-an-tuong-2026.xlsx')]]) {
      const result = await cchcAsync([...args, '--store', appendix]);
      expect(result.code, args[0]).toBe(2);
      expect(result.stderr, args[0]).toContain('[NOT_A_STORE]');
    }
    expect((await readFile(appendix)).equals(before)).toBe(true);
  });

  it('a re-import that changes nothing writes nothing: the store and its .bak stay as they were', async () => {
    const store = join(await tempDir(), 'cchc.xlsx');
    expect((await cchcAsync(['init', '--store', store])).code).toBe(0);
    const appendix = join(TEMPLATES, 'samples/phu-luc-nhi-chieu-2026.xlsx');
    expect((await cchcAsync(['import', appendix, '--store', store])).code).toBe(0);
    const [before, backup] = await Promise.all([readFile(store), readFile(`${store}.bak`)]);
    const again = await cchcAsync(['import', appendix, '--store', store]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('giữ nguyên 19');
    expect((await readFile(store)).equals(before)).toBe(true);
    expect((await readFile(`${store}.bak`)).equals(backup)).toBe(true);
  });
});
