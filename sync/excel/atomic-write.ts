/**
 * Writes a workbook (or any file) so that a crash or a full disk never leaves a half-written
 * file: a temp file next to the target, then one rename. Optionally keeps the
 * previous file as `.bak`.
 */
import { access, copyFile, mkdir, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import type ExcelJS from 'exceljs';
import { CchcError } from '../errors';

/** Runs `write` on a temp file next to `path`, then renames it over `path`. */
export async function writeFileAtomic(path: string, write: (temp: string) => Promise<void>, options: { backup?: boolean } = {}): Promise<void> {
  const temp = `${path}.tmp-${process.pid}`;
  try {
    await mkdir(dirname(path), { recursive: true });
    await write(temp);
    const exists = await access(path).then(
      () => true,
      () => false,
    );
    if (options.backup && exists) await copyFile(path, `${path}.bak`);
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    const detail = error instanceof Error && 'code' in error ? ` (${String(error.code)})` : '';
    throw new CchcError('WRITE_FAILED', `Không ghi được tệp "${path}"${detail}. Tệp cũ (nếu có) vẫn giữ nguyên.`);
  }
}

export async function writeWorkbookAtomic(workbook: ExcelJS.Workbook, path: string, options: { backup?: boolean } = {}): Promise<void> {
  await writeFileAtomic(path, (temp) => workbook.xlsx.writeFile(temp), options);
}
