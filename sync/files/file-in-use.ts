/**
 * A file another program holds open. On Windows, Excel and Word keep the file they show open with a share mode that
 * denies writing and deleting, so replacing it fails with EPERM, EACCES or EBUSY until the official closes it; an
 * antivirus or the search indexer holds a freshly written file the same way for a moment. Such failures are retried
 * briefly, as graceful-fs and write-file-atomic do for rename on Windows (they wait up to a minute; an open workbook
 * does not close by itself, so here the official hears it after about 1.5 s), then reported as FILE_IN_USE.
 */
import { extname } from 'node:path';
import { CchcError } from '../errors';

/** Waits between tries: about 1.5 s in all, enough for a scanner's hold, short for an official waiting. */
const RETRY_DELAYS_MS = [50, 100, 200, 400, 800];

/** Whether a failure means "someone else holds the file": EBUSY anywhere; EPERM and EACCES only on Windows, where they mean that too. */
export function isFileInUse(error: unknown, platform: NodeJS.Platform = process.platform): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code === 'EBUSY' || (platform === 'win32' && (code === 'EPERM' || code === 'EACCES'));
}

/** The program an official would have the file open in, by its extension (a backup's by the file it copies). */
const appOf = (path: string): string => (['.docx', '.doc'].includes(extname(path.replace(/\.bak$/i, '')).toLowerCase()) ? 'Word' : 'Excel');

export function fileInUse(path: string): CchcError {
  return new CchcError(
    'FILE_IN_USE',
    `Tệp "${path}" đang mở trong ${appOf(path)} (hoặc một chương trình khác): đóng tệp rồi chạy lại. Chưa có gì bị ghi đè.`,
  );
}

/**
 * Runs `work`, trying again briefly while a file is held by another program; then FILE_IN_USE naming `shownAs`, or
 * the file `heldOf` says is the held one (a copy fails alike whether its source or its destination is held).
 */
export async function whileInUse<T>(shownAs: string, work: () => Promise<T>, heldOf?: () => Promise<string>): Promise<T> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await work();
    } catch (error) {
      const delay = RETRY_DELAYS_MS[attempt];
      if (!isFileInUse(error)) throw error;
      if (delay === undefined) throw fileInUse(heldOf ? await heldOf() : shownAs);
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
