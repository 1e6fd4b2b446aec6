/** The zip guard on Word plans: declared sizes are checked before inflating, and the real inflated size is counted. */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ZIP_LIMITS, guardZip } from '../../sync/files/zip-guard';
import { readGrids } from '../../sync/excel/read-grids';
import { docxFile, paragraph, wordPlanFromSeed } from '../fixtures/appendix-docx';
import { useTempDir } from '../helpers/tmp';

/** The guard as the readers call it: on the bytes of the file, read once. */
const guardFile = async (file: string, options?: Parameters<typeof guardZip>[2]) => guardZip(await readFile(file), file, options);

const tempDir = useTempDir();
const CENTRAL = Buffer.from([0x50, 0x4b, 0x01, 0x02]);

/** The central-directory entries (all, or the one named `only`) made to declare `size` uncompressed bytes. */
function declaring(zip: Buffer, size: number, only?: string): Buffer {
  const out = Buffer.from(zip);
  for (let i = out.indexOf(CENTRAL); i >= 0; i = out.indexOf(CENTRAL, i + 4)) {
    const name = out.subarray(i + 46, i + 46 + out.readUInt16LE(i + 28)).toString('utf8');
    if (only === undefined || name === only) out.writeUInt32LE(size, i + 24);
  }
  return out;
}

async function saved(bytes: Buffer, name = 'ke-hoach.docx'): Promise<string> {
  const path = join(await tempDir(), name);
  await writeFile(path, bytes);
  return path;
}

describe('zip guard on Word plans', () => {
  it('passes a real plan, refuses one declaring more than the limits or too many entries, and a cut-off one', async () => {
    const zip = await wordPlanFromSeed('an-tuong-appendix.tsv', 'an-tuong', {});
    const path = await saved(zip);
    await expect(guardFile(path, { kind: 'Word' })).resolves.toBeDefined();
    await expect(guardFile(path, { kind: 'Word', limits: { ...DEFAULT_ZIP_LIMITS, totalBytes: 10_000 } })).rejects.toMatchObject({
      code: 'FILE_TOO_LARGE',
    });
    await expect(guardFile(path, { kind: 'Word', limits: { ...DEFAULT_ZIP_LIMITS, entries: 3 } })).rejects.toMatchObject({
      code: 'FILE_TOO_LARGE',
    });
    await expect(guardFile(await saved(declaring(zip, 0xffffffff)), { kind: 'Word' })).rejects.toMatchObject({ code: 'FILE_TOO_LARGE' });
    await expect(readGrids(await saved(zip.subarray(0, zip.length - 30)))).rejects.toMatchObject({ code: 'FILE_TRUNCATED' });
  });

  it('a part whose directory entry claims a small size, against its local header, is refused before it inflates', async () => {
    // 4 MB of text compresses to a few kB; the directory is made to claim 100 bytes for it (a bomb whose local header
    // lies too is stopped by its real size: test/excel/zip-guard.test.ts).
    const big = await docxFile(paragraph('x'.repeat(4 * 1024 * 1024)));
    const lying = await saved(declaring(big, 100, 'word/document.xml'));
    await expect(guardFile(lying, { kind: 'Word', limits: { ...DEFAULT_ZIP_LIMITS, entryBytes: 1024 * 1024 } })).rejects.toMatchObject({
      code: 'FILE_CORRUPT',
    });
    await expect(readGrids(lying)).rejects.toMatchObject({ code: 'FILE_CORRUPT' });
    // The honest file is read with the default limits.
    expect((await readGrids(await saved(big))).map((s) => s.prose?.length)).toEqual([1]);
  });
});
