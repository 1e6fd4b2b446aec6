/**
 * Why a file an official hands us cannot be read, one Vietnamese line each with a stable code: the same words from
 * the CLI (which wraps them in its CchcError) and from the sheet's menu. Nothing here touches a disk.
 */
import type { StopCode } from '../model/codes';

/** A file refused: `code` is stable (scripts and support read it), `message` one Vietnamese line naming the file. */
export class TableFileError extends Error {
  constructor(
    readonly code: StopCode,
    message: string,
  ) {
    super(message);
    this.name = 'TableFileError';
  }
}

export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

/**
 * Rows holding data in one sheet (or Word table) of an input: far above any plan or log (a store tab holds 12,000
 * rows), far below what exhausts memory. Readers count while they read and stop at the first row past it, so a
 * million-row sheet is refused in a second, not after every row is parsed (48 s, 1.16 GB).
 */
export const MAX_INPUT_ROWS = 50_000;

/** FILE_TOO_MANY_ROWS for `where` ('trang "Phụ lục"', 'bảng 2'); nothing has been written. */
export function tooManyRows(name: string, where: string): TableFileError {
  return new TableFileError(
    'FILE_TOO_MANY_ROWS',
    `Tệp "${name}" (${where}) có hơn ${MAX_INPUT_ROWS.toLocaleString('vi-VN')} dòng dữ liệu, quá giới hạn nhập; đã dừng đọc, không ghi gì. Một kế hoạch thường có vài chục đến vài trăm nhiệm vụ: kiểm tra lại tệp (có thể dán nhầm cả một bảng dữ liệu khác), hoặc tách thành nhiều tệp nhỏ hơn.`,
  );
}

/** Megabytes as officials read them, rounded up so a file just over a limit never shows the limit itself. */
export function megabytes(bytes: number): string {
  return `${(Math.ceil((bytes / 1024 / 1024) * 10) / 10).toLocaleString('vi-VN', { minimumFractionDigits: 1, maximumFractionDigits: 1 })} MB`;
}

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

/** FILE_TOO_LARGE for a file of `size` bytes, past MAX_IMPORT_BYTES (20 MB). */
export function fileTooLarge(name: string, size: number, kind: InputKind): TableFileError {
  return new TableFileError('FILE_TOO_LARGE', `Tệp "${name}" lớn ${megabytes(size)}, vượt giới hạn 20 MB. ${SHRINK_ADVICE[kind]}`);
}

export function emptyFile(name: string, kind: InputKind): TableFileError {
  return new TableFileError('FILE_EMPTY', `Tệp "${name}" rỗng (0 byte). ${RESAVE_ADVICE[kind]}`);
}

/** The first bytes of a zip (.xlsx, .docx), of an OLE2 container (old .xls/.doc, or a password-protected file), of RTF. */
export const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
export const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];
export const RTF_MAGIC = [0x7b, 0x5c, 0x72, 0x74, 0x66];
export const startsWith = (bytes: Uint8Array, magic: readonly number[]): boolean => magic.every((b, i) => bytes[i] === b);

/** The file types as the Save As lists of a Vietnamese Excel and Word name them. */
export const XLSX_SAVE_AS = '"Sổ làm việc Excel (.xlsx)"';
export const DOCX_SAVE_AS = '"Tài liệu Word (.docx)"';

/** What an OLE2 container holds, by its streams: a password-protected .xlsx/.docx, an old .xls or .doc, or unknown. */
type OleKind = 'encrypted' | 'xls' | 'doc' | 'unknown';

/**
 * The names of the streams an OLE2 compound file's directory lists. A directory entry is 128 bytes at a 128-byte
 * boundary past the 512-byte header (sectors are 512 or 4096 bytes): its name in UTF-16LE, the name's byte length
 * (with its terminator) at 0x40, its type at 0x42 (2: a stream). Only these names are wanted, so the entries are found
 * by their shape rather than by walking the allocation table (cfb, which the CLI used, is 75 KB of the sheet's bundle).
 */
function oleStreams(bytes: Uint8Array, wanted: readonly string[]): Set<string> {
  const found = new Set<string>();
  for (let at = 512; at + 128 <= bytes.length; at += 128) {
    const length = bytes[at + 0x40]! | (bytes[at + 0x41]! << 8);
    if (bytes[at + 0x42] !== 2 || length < 4 || length > 64 || length % 2 !== 0) continue;
    let name = '';
    for (let i = 0; i < length - 2; i += 2) name += String.fromCharCode(bytes[at + i]! | (bytes[at + i + 1]! << 8));
    if (wanted.includes(name)) found.add(name);
  }
  return found;
}

function oleKind(bytes: Uint8Array): OleKind {
  const names = oleStreams(bytes, ['EncryptionInfo', 'EncryptedPackage', 'Workbook', 'Book', 'WordDocument']);
  if (names.has('EncryptionInfo') || names.has('EncryptedPackage')) return 'encrypted';
  if (names.has('Workbook') || names.has('Book')) return 'xls';
  if (names.has('WordDocument')) return 'doc';
  return 'unknown';
}

/**
 * Why an OLE2 file cannot be imported, in the words of the program that saves it right. `expected` is what the
 * reader was reading (an unreadable container is most likely the old format of that).
 */
export function oleError(bytes: Uint8Array, name: string, expected: 'Excel' | 'Word'): TableFileError {
  const kind = oleKind(bytes);
  if (kind === 'encrypted') {
    return new TableFileError(
      'FILE_ENCRYPTED',
      `Tệp "${name}" được đặt mật khẩu. Mở bằng ${expected}, bỏ mật khẩu (Tệp → Thông tin → Bảo vệ) và lưu lại rồi nhập lại.`,
    );
  }
  if (kind === 'xls' || (kind === 'unknown' && expected === 'Excel')) {
    return new TableFileError(
      'FILE_OLD_XLS',
      `Tệp "${name}" là sổ Excel cũ (.xls, Excel 97–2003). Mở bằng Excel, chọn Tệp → Lưu thành, lưu dạng ${XLSX_SAVE_AS} rồi nhập tệp .xlsx.`,
    );
  }
  return new TableFileError(
    'FILE_OLD_DOC',
    `Tệp "${name}" là định dạng Word cũ (.doc). Mở bằng Word, lưu lại dạng ${DOCX_SAVE_AS} rồi nhập tệp .docx.`,
  );
}

export function notDocx(name: string): TableFileError {
  return new TableFileError('FILE_NOT_DOCX', `Tệp "${name}" không phải tài liệu Word .docx. Mở bằng Word và lưu dạng ${DOCX_SAVE_AS}.`);
}

/** A whole zip (every part inflated and checked) whose content the reader cannot parse: re-save it from the app. */
export function unparsedInput(name: string, app: 'Excel' | 'Word'): TableFileError {
  return new TableFileError(
    'FILE_UNREADABLE',
    `Tệp "${name}" không bị cắt dở nhưng trình đọc ${app} của chương trình không đọc được nội dung (tệp có thể do phần mềm khác tạo). Mở tệp bằng ${app}, lưu lại dạng ${app === 'Excel' ? XLSX_SAVE_AS : DOCX_SAVE_AS} rồi nhập lại.`,
  );
}

/** FILE_TRUNCATED: a zip cut short, or one whose parts do not check out (sizes, checksums, a directory that lies). */
export function corruptZip(name: string, app: 'Excel' | 'Word'): TableFileError {
  return new TableFileError(
    'FILE_TRUNCATED',
    `Tệp "${name}" bị hỏng hoặc tải về chưa hết. Tải lại hoặc lưu lại tệp từ ${app} rồi thử lại.`,
  );
}

/** FILE_TOO_LARGE once inflated; `inflated` null: counting stopped at the limit, so only "over the limit" is known. */
export function inflatedTooLarge(name: string, inflated: number | null, what: string, limit: number): TableFileError {
  const shownLimit = megabytes(limit).replace(',0', '');
  const size = inflated === null ? `lớn hơn ${shownLimit} (${what})` : `lớn ${megabytes(inflated)} (${what}), vượt giới hạn ${shownLimit}`;
  return new TableFileError(
    'FILE_TOO_LARGE',
    `Tệp "${name}" khi giải nén ${size}; tệp hỏng hoặc được tạo bất thường nên không mở. Lưu lại tệp từ Excel/Word, bỏ các trang, hình ảnh không cần thiết.`,
  );
}

/**
 * FILE_CORRUPT: a zip whose parts do not agree with themselves: a part's checksum, a local header that contradicts
 * the directory, a part hidden from the directory or overlapping another. Office never writes such a file; it is
 * damaged or crafted, and nothing in it is read.
 */
export function inconsistentZip(name: string, app: 'Excel' | 'Word', why: string): TableFileError {
  return new TableFileError(
    'FILE_CORRUPT',
    `Tệp "${name}" bị hỏng hoặc được tạo bất thường (${why}) nên không đọc. Mở lại tệp gốc bằng ${app}, lưu lại rồi nhập lại.`,
  );
}
