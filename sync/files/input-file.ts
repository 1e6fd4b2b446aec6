/**
 * A file an official hands us (an appendix, a log, a Word plan), read once: the size is checked on the same open
 * handle the bytes are read from, so a larger file put in its place meanwhile is never read past the limit, and
 * what the zip guard then checks is what the parser reads. Each refusal is one Vietnamese line.
 */
import { constants } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import * as CFB from 'cfb';
import { CchcError } from '../errors';
import { whileInUse } from './file-in-use';
import { megabytes } from './zip-guard';

export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

/**
 * Rows holding data in one sheet (or Word table) of an input: far above any plan or log (a store tab holds 12,000
 * rows), far below what exhausts memory. Readers count while they read and stop at the first row past it, so a
 * million-row sheet is refused in a second, not after every row is parsed (48 s, 1.16 GB).
 */
export const MAX_INPUT_ROWS = 50_000;

/** FILE_TOO_MANY_ROWS for `where` ('trang "Phụ lục"', 'bảng 2'); nothing has been written. */
export function tooManyRows(path: string, where: string): CchcError {
  return new CchcError(
    'FILE_TOO_MANY_ROWS',
    `Tệp "${path}" (${where}) có hơn ${MAX_INPUT_ROWS.toLocaleString('vi-VN')} dòng dữ liệu, quá giới hạn nhập; đã dừng đọc, không ghi gì. Một kế hoạch thường có vài chục đến vài trăm nhiệm vụ: kiểm tra lại tệp (có thể dán nhầm cả một bảng dữ liệu khác), hoặc tách thành nhiều tệp nhỏ hơn.`,
  );
}

/** The first bytes of a zip (.xlsx, .docx) and of an OLE2 container (old .xls/.doc, or a password-protected file). */
export const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
export const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];
export const startsWith = (buffer: Buffer, magic: readonly number[]): boolean => magic.every((b, i) => buffer[i] === b);

export type InputKind = 'xlsx' | 'csv' | 'docx';

/** How to save an empty file again, and how to make each kind of input smaller. */
const RESAVE_ADVICE: Record<InputKind, string> = {
  xlsx: 'Lưu lại phụ lục từ Excel rồi nhập lại.',
  csv: 'Lưu lại phụ lục từ Excel rồi nhập lại.',
  docx: 'Mở kế hoạch bằng Word, lưu lại rồi nhập lại.',
};
const SHRINK_ADVICE: Record<InputKind, string> = {
  xlsx: 'Xóa các trang tính, hình ảnh không cần thiết rồi lưu lại.',
  csv: 'Tách thành nhiều tệp CSV nhỏ hơn (ví dụ mỗi kế hoạch một tệp) hoặc xóa các cột, dòng không cần thiết rồi lưu lại.',
  docx: 'Xóa hình ảnh không cần thiết trong tài liệu rồi lưu lại.',
};

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
  if ('tooLarge' in read) {
    throw new CchcError('FILE_TOO_LARGE', `Tệp "${path}" lớn ${megabytes(read.tooLarge)}, vượt giới hạn 20 MB. ${SHRINK_ADVICE[kind]}`);
  }
  if (read.bytes.length === 0) throw new CchcError('FILE_EMPTY', `Tệp "${path}" rỗng (0 byte). ${RESAVE_ADVICE[kind]}`);
  return read.bytes;
}

/** What an OLE2 container holds, by its streams: a password-protected .xlsx/.docx, an old .xls or .doc, or unknown. */
type OleKind = 'encrypted' | 'xls' | 'doc' | 'unknown';

function oleKind(buffer: Buffer): OleKind {
  let names: string[];
  try {
    names = CFB.read(buffer, { type: 'buffer' }).FileIndex.map((e) => e.name);
  } catch {
    return 'unknown';
  }
  if (names.includes('EncryptionInfo') || names.includes('EncryptedPackage')) return 'encrypted';
  if (names.includes('Workbook') || names.includes('Book')) return 'xls';
  if (names.includes('WordDocument')) return 'doc';
  return 'unknown';
}

/**
 * Why an OLE2 file cannot be imported, in the words of the program that saves it right. `expected` is what the
 * command was reading (an unreadable container is most likely the old format of that).
 */
export function oleError(buffer: Buffer, path: string, expected: 'Excel' | 'Word'): CchcError {
  const kind = oleKind(buffer);
  if (kind === 'encrypted') {
    return new CchcError(
      'FILE_ENCRYPTED',
      `Tệp "${path}" được đặt mật khẩu. Mở bằng ${expected}, bỏ mật khẩu (Tệp → Thông tin → Bảo vệ) và lưu lại rồi nhập lại.`,
    );
  }
  if (kind === 'xls' || (kind === 'unknown' && expected === 'Excel')) {
    return new CchcError(
      'FILE_OLD_XLS',
      `Tệp "${path}" là sổ Excel cũ (.xls, Excel 97–2003). Mở bằng Excel, chọn Tệp → Lưu thành, lưu dạng ${XLSX_SAVE_AS} rồi nhập tệp .xlsx.`,
    );
  }
  return new CchcError(
    'FILE_OLD_DOC',
    `Tệp "${path}" là định dạng Word cũ (.doc). Mở bằng Word, lưu lại dạng ${DOCX_SAVE_AS} rồi nhập tệp .docx.`,
  );
}

/** The first bytes of a Rich Text Format document ("{\rtf"), which Word opens and saves as .docx. */
export const RTF_MAGIC = [0x7b, 0x5c, 0x72, 0x74, 0x66];

/** The file types as the Save As lists of a Vietnamese Excel and Word name them. */
export const XLSX_SAVE_AS = '"Sổ làm việc Excel (.xlsx)"';
export const DOCX_SAVE_AS = '"Tài liệu Word (.docx)"';

/** A whole zip (the guard inflated every part) whose content the app's reader cannot parse: re-save it from the app. */
export function unparsedInput(path: string, app: 'Excel' | 'Word'): CchcError {
  return new CchcError(
    'FILE_UNREADABLE',
    `Tệp "${path}" không bị cắt dở nhưng trình đọc ${app} của chương trình không đọc được nội dung (tệp có thể do phần mềm khác tạo). Mở tệp bằng ${app}, lưu lại dạng ${app === 'Excel' ? XLSX_SAVE_AS : DOCX_SAVE_AS} rồi nhập lại.`,
  );
}
