/**
 * A file an official hands us (an appendix, a log, a Word plan), read once: the size is checked on the same open
 * handle the bytes are read from, so a larger file put in its place meanwhile is never read past the limit, and
 * what the core's reader (core/files/read-table-file) then checks is what it parses. Each refusal is one Vietnamese line.
 */
import { constants } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { emptyFile, fileTooLarge, MAX_IMPORT_BYTES, type InputKind, type TableFileError } from '../../core/index';
import { CchcError } from '../errors';
import { whileInUse } from './file-in-use';

// The words of each refusal live in the core (files/file-errors), shared with the sheet's menu.
export { MAX_IMPORT_BYTES, XLSX_SAVE_AS } from '../../core/index';

/** The CLI's error for a refusal of the core's file readers: the same code and Vietnamese line. */
export const asCchcError = (refusal: TableFileError): CchcError => new CchcError(refusal.code, refusal.message);

/** FILE_NOT_REGULAR: a FIFO, a device or a socket, which an open or a read would wait on forever. */
function notRegular(path: string): CchcError {
  return new CchcError(
    'FILE_NOT_REGULAR',
    `"${path}" không phải tệp thông thường (là ống dẫn, thiết bị hoặc socket) nên không đọc. Chọn đúng tệp Excel, CSV hoặc Word đã lưu trên máy.`,
  );
}

/** Opening without waiting: a FIFO swapped in after the check opens at once (then is refused), not when a writer comes. */
const OPEN_NOW = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/**
 * The bytes of the regular file at `path`, read from one handle, or its size when past `maxBytes` (nothing read).
 * Null when there is no such file (or it is a folder); FILE_NOT_REGULAR for a FIFO, device or socket, before it is
 * opened (opening a FIFO waits for a writer). A file growing while read is read to the size it had.
 */
export async function readBounded(path: string, maxBytes: number): Promise<{ bytes: Buffer } | { tooLarge: number } | null> {
  const found = await stat(path).catch(() => null);
  if (found && !found.isFile() && !found.isDirectory()) throw notRegular(path);
  // A program holding the file with reading denied (rare: Excel and Word let others read) is FILE_IN_USE.
  const handle = await whileInUse(path, () => open(path, OPEN_NOW)).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT' || error.code === 'ENOTDIR' || error.code === 'EISDIR') return null;
    throw error;
  });
  if (!handle) return null;
  try {
    const info = await handle.stat();
    if (!info.isFile() && !info.isDirectory()) throw notRegular(path);
    if (!info.isFile()) return null;
    if (info.size > maxBytes) return { tooLarge: info.size };
    const bytes = Buffer.alloc(info.size);
    let at = 0;
    while (at < bytes.length) {
      const { bytesRead } = await handle.read(bytes, at, bytes.length - at, at);
      if (bytesRead === 0) break;
      at += bytesRead;
    }
    return { bytes: bytes.subarray(0, at) };
  } finally {
    await handle.close();
  }
}

/** An input file's bytes; FILE_NOT_FOUND, FILE_EMPTY or FILE_TOO_LARGE (over 20 MB) in Vietnamese otherwise. */
export async function readInputFile(path: string, kind: InputKind): Promise<Buffer> {
  const read = await readBounded(path, MAX_IMPORT_BYTES);
  if (!read) throw new CchcError('FILE_NOT_FOUND', `Không tìm thấy tệp "${path}". Kiểm tra lại đường dẫn.`);
  if ('tooLarge' in read) throw asCchcError(fileTooLarge(path, read.tooLarge, kind));
  if (read.bytes.length === 0) throw asCchcError(emptyFile(path, kind));
  return read.bytes;
}
