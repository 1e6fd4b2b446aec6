/**
 * Refuses a zip (.xlsx, .docx) that would expand into more than we are willing to
 * hold in memory, before any library inflates it: the central directory declares
 * every entry's uncompressed size, so a zip bomb shows itself there. Readers that
 * inflate an entry also count the bytes they get (see `inflateLimit`), because a
 * hostile file can declare small sizes and inflate large.
 */
import { CchcError } from '../errors';

export interface ZipLimits {
  /** Sum of the declared uncompressed sizes. */
  maxTotalBytes: number;
  maxEntries: number;
}

/** A 500-task appendix expands to about 1 MB of XML; 200 MB leaves room for pictures and still fits a small machine. */
export const ZIP_LIMITS: ZipLimits = { maxTotalBytes: 200 * 1024 * 1024, maxEntries: 10_000 };

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
/** End-of-central-directory record: 22 bytes plus a comment of at most 65 535. */
const EOCD_SEARCH = 22 + 0xffff;

function tooLarge(path: string, what: string): CchcError {
  return new CchcError(
    'FILE_TOO_LARGE',
    `Tệp "${path}" khi giải nén ${what}, vượt giới hạn cho phép. Lưu lại tệp chỉ với nội dung cần nhập (bỏ hình ảnh, tệp đính kèm) rồi nhập lại.`,
  );
}

/** Throws FILE_TOO_LARGE when the zip's declared content is over the limits, FILE_TRUNCATED when it has no readable directory. */
export function assertZipWithinLimits(zip: Buffer, path: string, limits: ZipLimits = ZIP_LIMITS): void {
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - EOCD_SEARCH); i--) {
    if (zip.readUInt32LE(i) === EOCD_SIGNATURE) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) {
    throw new CchcError('FILE_TRUNCATED', `Tệp "${path}" bị hỏng hoặc tải về chưa hết. Tải lại hoặc lưu lại tệp rồi nhập lại.`);
  }
  const entries = zip.readUInt16LE(eocd + 10);
  let offset = zip.readUInt32LE(eocd + 16);
  // 0xFFFF / 0xFFFFFFFF mean the counts live in a ZIP64 record: far beyond anything an appendix needs.
  if (entries === 0xffff || offset === 0xffffffff) throw tooLarge(path, 'dùng định dạng ZIP64');
  if (entries > limits.maxEntries) throw tooLarge(path, `có ${entries} phần`);
  let total = 0;
  for (let n = 0; n < entries; n++) {
    if (offset + 46 > zip.length || zip.readUInt32LE(offset) !== CENTRAL_SIGNATURE) {
      throw new CchcError('FILE_TRUNCATED', `Tệp "${path}" bị hỏng hoặc tải về chưa hết. Tải lại hoặc lưu lại tệp rồi nhập lại.`);
    }
    const size = zip.readUInt32LE(offset + 24);
    if (size === 0xffffffff) throw tooLarge(path, 'dùng định dạng ZIP64');
    total += size;
    if (total > limits.maxTotalBytes) throw tooLarge(path, `lớn hơn ${Math.round(limits.maxTotalBytes / 1024 / 1024)} MB`);
    offset += 46 + zip.readUInt16LE(offset + 28) + zip.readUInt16LE(offset + 30) + zip.readUInt16LE(offset + 32);
  }
}

/** Counts inflated bytes of one entry and throws FILE_TOO_LARGE past the limit, whatever the entry declared. */
export function inflateLimit(path: string, limits: ZipLimits = ZIP_LIMITS): (chunkBytes: number) => void {
  let seen = 0;
  return (chunkBytes) => {
    seen += chunkBytes;
    if (seen > limits.maxTotalBytes) throw tooLarge(path, `lớn hơn ${Math.round(limits.maxTotalBytes / 1024 / 1024)} MB`);
  };
}
