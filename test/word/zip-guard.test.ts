/** The zip guard: declared sizes are checked before inflating, inflated bytes are counted while inflating. */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CchcError } from '../../sync/errors';
import { assertZipWithinLimits } from '../../sync/files/zip-guard';
import { readDocxBlocks } from '../../sync/word/docx-reader';
import { docxFile, paragraph, wordPlanFromSeed } from '../fixtures/appendix-docx';
import { useTempDir } from '../helpers/tmp';

const tempDir = useTempDir();
const CENTRAL = Buffer.from([0x50, 0x4b, 0x01, 0x02]);

function codeOf(fn: () => unknown): string | null {
  try {
    fn();
    return null;
  } catch (error) {
    return error instanceof CchcError ? error.code : 'not a CchcError';
  }
}

/** The central-directory entries (all, or the one named `only`) made to declare `size` uncompressed bytes. */
function declaring(zip: Buffer, size: number, only?: string): Buffer {
  const out = Buffer.from(zip);
  for (let i = out.indexOf(CENTRAL); i >= 0; i = out.indexOf(CENTRAL, i + 4)) {
    const name = out.subarray(i + 46, i + 46 + out.readUInt16LE(i + 28)).toString('utf8');
    if (only === undefined || name === only) out.writeUInt32LE(size, i + 24);
  }
  return out;
}

describe('zip guard', () => {
  it('passes a real plan, refuses one declaring more than the limit or too many entries', async () => {
    const zip = await wordPlanFromSeed('an-tuong-appendix.tsv', 'an-tuong', {});
    expect(codeOf(() => assertZipWithinLimits(zip, 'a.docx'))).toBeNull();
    expect(codeOf(() => assertZipWithinLimits(zip, 'a.docx', { maxTotalBytes: 10_000, maxEntries: 100 }))).toBe('FILE_TOO_LARGE');
    expect(codeOf(() => assertZipWithinLimits(zip, 'a.docx', { maxTotalBytes: 1e9, maxEntries: 3 }))).toBe('FILE_TOO_LARGE');
    expect(codeOf(() => assertZipWithinLimits(declaring(zip, 0xffffffff), 'a.docx'))).toBe('FILE_TOO_LARGE');
    expect(codeOf(() => assertZipWithinLimits(zip.subarray(0, zip.length - 30), 'a.docx'))).toBe('FILE_TRUNCATED');
  });

  it('a part that declares a small size but inflates past the limit is stopped while inflating', async () => {
    // 4 MB of text compresses to a few kB; the directory is made to claim 100 bytes for it.
    const big = await docxFile(paragraph('x'.repeat(4 * 1024 * 1024)));
    const lying = declaring(big, 100, 'word/document.xml');
    const limits = { maxTotalBytes: 1024 * 1024, maxEntries: 100 };
    expect(codeOf(() => assertZipWithinLimits(lying, 'a.docx', limits))).toBeNull();
    const path = join(await tempDir(), 'bom.docx');
    await writeFile(path, lying);
    await expect(readDocxBlocks(path, limits)).rejects.toMatchObject({ code: 'FILE_TOO_LARGE' });
    // The honest file is read with the default limits.
    await writeFile(path, big);
    expect((await readDocxBlocks(path)).length).toBe(1);
  });
});
