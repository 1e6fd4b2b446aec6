/**
 * A zip package (.xlsx, .docx) read in memory, synchronously, in pure JavaScript, so the CLI and the Apps Script menu
 * open files identically. fflate inflates; the directory is read and checked here, because fflate's unzip checks
 * neither checksums nor the directory against the local headers, and a crafted file lives in that gap (an entry hidden
 * from the directory, a local header lying about sizes, a bomb). What is checked:
 * - the directory's declared sizes, counts and ratios against ZipLimits, before any byte is inflated;
 * - every local header against its directory entry (name, method, sizes, CRC), entries neither overlapping nor
 *   leaving a local header hidden between them;
 * - each part as it is inflated: its real size (counting stops at the limit, so a lying bomb costs at most one
 *   bounded pass and no memory past its declared size) and its CRC-32.
 * Parts are inflated only when read, and may be read as a stream of text so that a huge sheet is parsed while it
 * inflates and abandoned at a row limit.
 */
import { DecodeUTF8, Inflate, strFromU8 } from 'fflate';
import { corruptZip, inconsistentZip, inflatedTooLarge, megabytes, TableFileError, unparsedInput } from './file-errors';

export interface ZipLimits {
  /** Largest inflated size of one entry. */
  entryBytes: number;
  /** Largest inflated size of all entries together. */
  totalBytes: number;
  /** Largest inflated/compressed ratio of an entry, checked for entries past `ratioFloorBytes`. */
  ratio: number;
  ratioFloorBytes: number;
  entries: number;
}

/**
 * Room for a 100,000-row appendix (its sheet inflates to about 60 MB and compresses
 * about 15×); a bomb inflating to hundreds of MB, or at a thousand to one, is refused.
 */
export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  entryBytes: 256 * 1024 * 1024,
  totalBytes: 384 * 1024 * 1024,
  ratio: 250,
  ratioFloorBytes: 16 * 1024 * 1024,
  entries: 10_000,
};

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const DESCRIPTOR = 0x08074b50;
const MAX_EOCD_SEARCH = 22 + 0xffff;
const SATURATED = 0xffffffff;
/** Compressed bytes handed to the inflater at a time: one step inflates to at most ~1,032 times this (deflate's ceiling). */
const INFLATE_STEP = 16 * 1024;

export type ZipApp = 'Excel' | 'Word';

/**
 * A native inflater (Node's zlib, in the CLI) a package may be read with instead of fflate: a part is then inflated
 * whole, at most `maxLength` bytes (beyond, it throws), and checked before any of it is used. fflate's JavaScript
 * inflate costs a command a fifth of a second to warm up on a store's sheet; zlib inflates it in milliseconds.
 */
export interface NativeInflate {
  inflateRaw(stored: Uint8Array, maxLength: number): Uint8Array;
  crc32?: (bytes: Uint8Array) => number;
}

/** Inflated bytes handed on at a time from a part inflated whole (NativeInflate). */
const HAND_ON = 64 * 1024;

/** Reads `length` bytes at `position` (fewer past the end). */
export type ReadAt = (position: number, length: number) => Uint8Array;

const u16 = (b: Uint8Array, at: number): number => b[at]! | (b[at + 1]! << 8);
const u32 = (b: Uint8Array, at: number): number => (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;
/** A 64-bit field as a number: exact below 2^53, which any real file is. */
const u64 = (b: Uint8Array, at: number): number => u32(b, at) + u32(b, at + 4) * 0x100000000;

/**
 * The central directory (zip64 too) as read through `readAt`, of a file of `size` bytes, and where it starts; nothing
 * inflated. FILE_TRUNCATED when it cannot be found or runs past the file.
 */
export function zipDirectory(readAt: ReadAt, size: number, name: string, app: ZipApp): { entries: ZipEntry[]; offset: number } {
  const tailStart = Math.max(0, size - MAX_EOCD_SEARCH);
  const tail = readAt(tailStart, size - tailStart);
  let at = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (u32(tail, i) === EOCD) {
      at = i;
      break;
    }
  }
  if (at < 0) throw corruptZip(name, app);
  let count = u16(tail, at + 10);
  let cdSize = u32(tail, at + 12);
  let cdOffset = u32(tail, at + 16);
  if (at >= 20 && u32(tail, at - 20) === ZIP64_LOCATOR) {
    const record = readAt(u64(tail, at - 20 + 8), 56);
    if (record.length < 56) throw corruptZip(name, app);
    count = u64(record, 32);
    cdSize = u64(record, 40);
    cdOffset = u64(record, 48);
  }
  if (cdOffset + cdSize > size) throw corruptZip(name, app);
  const cd = readAt(cdOffset, cdSize);
  const entries: ZipEntry[] = [];
  let p = 0;
  for (let n = 0; n < count; n++) {
    if (p + 46 > cd.length || u32(cd, p) !== CENTRAL) throw corruptZip(name, app);
    const nameLength = u16(cd, p + 28);
    const extraLength = u16(cd, p + 30);
    const commentLength = u16(cd, p + 32);
    if (p + 46 + nameLength + extraLength > cd.length) throw corruptZip(name, app);
    const entry: ZipEntry = {
      name: strFromU8(cd.subarray(p + 46, p + 46 + nameLength)),
      method: u16(cd, p + 10),
      flags: u16(cd, p + 8),
      crc: u32(cd, p + 16),
      compressedSize: u32(cd, p + 20),
      size: u32(cd, p + 24),
      localHeaderOffset: u32(cd, p + 42),
    };
    // Zip64: sizes and offset saturated at 0xFFFFFFFF live in extra field 0x0001, in this order.
    let extra = p + 46 + nameLength;
    const extraEnd = extra + extraLength;
    while (extra + 4 <= extraEnd) {
      const id = u16(cd, extra);
      const length = u16(cd, extra + 2);
      if (id === 0x0001) {
        let q = extra + 4;
        for (const field of ['size', 'compressedSize', 'localHeaderOffset'] as const) {
          if (entry[field] !== SATURATED || q + 8 > extra + 4 + length) continue;
          entry[field] = u64(cd, q);
          q += 8;
        }
      }
      extra += 4 + length;
    }
    entries.push(entry);
    p = extraEnd + commentLength;
  }
  return { entries, offset: cdOffset };
}

/** Refuses from the declared sizes: no byte is inflated. */
function checkDeclared(name: string, entries: readonly ZipEntry[], limits: ZipLimits): void {
  if (entries.length > limits.entries) {
    throw new TableFileError(
      'FILE_TOO_LARGE',
      `Tệp "${name}" chứa ${entries.length.toLocaleString('vi-VN')} phần, vượt giới hạn ${limits.entries.toLocaleString('vi-VN')}; không mở.`,
    );
  }
  let total = 0;
  for (const e of entries) {
    total += e.size;
    if (e.size > limits.entryBytes) throw inflatedTooLarge(name, e.size, `phần "${e.name}"`, limits.entryBytes);
    if (e.size > limits.ratioFloorBytes && e.size > Math.max(1, e.compressedSize) * limits.ratio) {
      const ratio = Math.round(e.size / Math.max(1, e.compressedSize)).toLocaleString('vi-VN');
      throw new TableFileError(
        'FILE_TOO_LARGE',
        `Tệp "${name}" khi giải nén lớn ${megabytes(e.size)} (phần "${e.name}" nén ${ratio} lần, quá giới hạn ${limits.ratio} lần); tệp hỏng hoặc được tạo bất thường nên không mở.`,
      );
    }
    if (total > limits.totalBytes) throw inflatedTooLarge(name, total, 'tổng các phần', limits.totalBytes);
  }
}

const CRC_TABLE = (() => {
  const table = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c;
  }
  return table;
})();

/** CRC-32 (the zip one) of `bytes`, continued from `crc` (start: 0). fflate computes it but does not export it. */
export function crc32(bytes: Uint8Array, crc = 0): number {
  let c = ~crc;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}

export class ZipArchive {
  readonly entries: readonly ZipEntry[];
  private readonly byName = new Map<string, ZipEntry>();
  /** Where each entry's stored bytes start, past its local header. */
  private readonly dataStart = new Map<ZipEntry, number>();
  /** Bytes inflated so far, all parts together. */
  private inflated = 0;
  /** Entries inflated whole and found sound (size and CRC). */
  private readonly checked = new Set<ZipEntry>();

  constructor(
    private readonly bytes: Uint8Array,
    readonly fileName: string,
    readonly app: ZipApp,
    private readonly limits: ZipLimits = DEFAULT_ZIP_LIMITS,
    private readonly native?: NativeInflate,
  ) {
    const { entries, offset } = zipDirectory(
      (position, length) => bytes.subarray(position, position + length),
      bytes.length,
      fileName,
      app,
    );
    checkDeclared(fileName, entries, limits);
    this.entries = entries;
    for (const e of entries) {
      if (this.byName.has(e.name)) throw this.inconsistent(`phần "${e.name}" có hai lần`);
      this.byName.set(e.name, e);
    }
    this.crossCheck(offset);
  }

  private inconsistent(why: string): TableFileError {
    return inconsistentZip(this.fileName, this.app, why);
  }

  /**
   * Every local header agrees with its directory entry, and the entries tile the file up to the directory: a local
   * header no entry lists (a part hidden from the directory, which a streaming reader would still read) or two
   * entries sharing bytes (overlapping parts, the trick of the smallest bombs) are refused.
   */
  private crossCheck(directoryOffset: number): void {
    const b = this.bytes;
    const sorted = [...this.entries].sort((x, y) => x.localHeaderOffset - y.localHeaderOffset);
    let covered = 0;
    for (const entry of sorted) {
      const at = entry.localHeaderOffset;
      if (at + 30 > b.length || u32(b, at) !== LOCAL) throw corruptZip(this.fileName, this.app);
      if (at < covered) throw this.inconsistent(`phần "${entry.name}" chồng lên phần khác`);
      if (this.hidesHeader(covered, at)) throw this.inconsistent('có phần bị ẩn khỏi mục lục của tệp nén');
      const flags = u16(b, at + 6);
      const nameLength = u16(b, at + 26);
      const dataStart = at + 30 + nameLength + u16(b, at + 28);
      const localName = strFromU8(b.subarray(at + 30, at + 30 + nameLength));
      if (localName !== entry.name || u16(b, at + 8) !== entry.method) {
        throw this.inconsistent(`phần "${entry.name}" ghi khác nhau ở hai nơi trong tệp nén`);
      }
      // With a data descriptor (flag 3) the local header may leave CRC and sizes blank: the directory's are used.
      if (!(flags & 8)) {
        const localCompressed = u32(b, at + 18);
        const localSize = u32(b, at + 22);
        const sizesLie =
          (localCompressed !== SATURATED && localCompressed !== entry.compressedSize) ||
          (localSize !== SATURATED && localSize !== entry.size);
        if (sizesLie || u32(b, at + 14) !== entry.crc) throw this.inconsistent(`kích thước phần "${entry.name}" ghi sai`);
      }
      let end = dataStart + entry.compressedSize;
      if (end > b.length) throw corruptZip(this.fileName, this.app);
      if (flags & 8) {
        if (end + 4 <= b.length && u32(b, end) === DESCRIPTOR) end += 4;
        const zip64 = entry.size >= SATURATED || entry.compressedSize >= SATURATED;
        end = Math.min(b.length, end + (zip64 ? 20 : 12));
      }
      this.dataStart.set(entry, dataStart);
      covered = end;
    }
    if (covered > directoryOffset) throw this.inconsistent('các phần chồng lên mục lục của tệp nén');
    if (this.hidesHeader(covered, directoryOffset)) throw this.inconsistent('có phần bị ẩn khỏi mục lục của tệp nén');
  }

  /** Whether a local header signature stands in the bytes [from, to) that no entry covers. */
  private hidesHeader(from: number, to: number): boolean {
    const b = this.bytes;
    for (let i = from; i + 4 <= to; i++) if (b[i] === 0x50 && b[i + 1] === 0x4b && u32(b, i) === LOCAL) return true;
    return false;
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  /** The raw stored bytes of the first entries (an OpenDocument's "mimetype" is the first, stored uncompressed). */
  head(length: number): Uint8Array {
    return this.bytes.subarray(0, length);
  }

  /**
   * Inflates one entry, handing its bytes to `onChunk` as they come; checks its real size against the limits and its
   * declared size, and its CRC. An exception from `onChunk` (a row limit reached) stops inflating and passes through.
   */
  private inflate(entry: ZipEntry, onChunk: (chunk: Uint8Array) => void): void {
    const dataStart = this.dataStart.get(entry)!;
    const stored = this.bytes.subarray(dataStart, dataStart + entry.compressedSize);
    const budget = Math.min(this.limits.entryBytes, this.limits.totalBytes - this.inflated);
    let count = 0;
    let crc = 0;
    /** What a reader of the part threw (a row limit, a parse error), passed on as it is. */
    let failed: { error: unknown } | undefined;
    const take = (chunk: Uint8Array): void => {
      try {
        use(chunk);
      } catch (error) {
        failed ??= { error };
        throw error;
      }
    };
    const use = (chunk: Uint8Array): void => {
      count += chunk.length;
      if (count > budget) {
        throw budget === this.limits.entryBytes
          ? inflatedTooLarge(this.fileName, null, `phần "${entry.name}"`, this.limits.entryBytes)
          : inflatedTooLarge(this.fileName, null, 'tổng các phần', this.limits.totalBytes);
      }
      // Past its declared size the part is counted on (to tell a bomb from a damaged part) but no longer used.
      if (count > entry.size) return;
      crc = crc32(chunk, crc);
      onChunk(chunk);
    };
    if (entry.flags & 1) throw unparsedInput(this.fileName, this.app);
    if (this.native && entry.method === 8 && entry.size > 0) {
      // Whole, and never past its declared size: a part inflating to more (a bomb, a damaged part) is refused here.
      let out: Uint8Array;
      try {
        out = this.native.inflateRaw(stored, entry.size);
      } catch (error) {
        if (error instanceof RangeError) throw this.wrongSize(entry);
        throw corruptZip(this.fileName, this.app);
      }
      if (out.length > budget) throw inflatedTooLarge(this.fileName, null, 'tổng các phần', this.limits.totalBytes);
      this.inflated += out.length;
      this.expectSound(entry, out.length, () => (this.native!.crc32 ?? crc32)(out));
      for (let at = 0; at < out.length; at += HAND_ON) onChunk(out.subarray(at, at + HAND_ON));
      return;
    }
    if (entry.method === 0) {
      take(stored);
    } else if (entry.method === 8) {
      const inflater = new Inflate((chunk) => take(chunk));
      try {
        for (let at = 0; at < stored.length; at += INFLATE_STEP) {
          inflater.push(stored.subarray(at, Math.min(stored.length, at + INFLATE_STEP)), at + INFLATE_STEP >= stored.length);
        }
        if (stored.length === 0) inflater.push(stored, true);
      } catch {
        if (failed) throw failed.error;
        // fflate's own checks: invalid block types, distances, a stream cut short.
        throw corruptZip(this.fileName, this.app);
      }
    } else {
      throw unparsedInput(this.fileName, this.app);
    }
    this.inflated += count;
    this.expectSound(entry, count, () => crc);
  }

  /** A part inflated to `size` bytes whose CRC is `crcOf()`: refused unless both are what the directory says; else noted as checked. */
  private expectSound(entry: ZipEntry, size: number, crcOf: () => number): void {
    if (size !== entry.size) throw this.wrongSize(entry);
    if (crcOf() !== entry.crc) throw this.inconsistent(`mã kiểm tra (CRC) của phần "${entry.name}" không khớp`);
    this.checked.add(entry);
  }

  private wrongSize(entry: ZipEntry): TableFileError {
    return this.inconsistent(`phần "${entry.name}" giải nén ra kích thước khác với kích thước đã ghi`);
  }

  /** One part's bytes, checked; null when the package has no such part. */
  bytesOf(name: string): Uint8Array | null {
    const entry = this.byName.get(name);
    if (!entry) return null;
    const out = new Uint8Array(entry.size);
    let at = 0;
    this.inflate(entry, (chunk) => {
      out.set(chunk, at);
      at += chunk.length;
    });
    return out;
  }

  /** One part as UTF-8 text, checked; null when the package has no such part. */
  textOf(name: string): string | null {
    const bytes = this.bytesOf(name);
    return bytes === null ? null : strFromU8(bytes);
  }

  /**
   * One part as UTF-8 text handed over in pieces as it inflates (a character is never cut between two); false when the
   * package has no such part. What `onText` throws stops reading and passes through (then no checksum is checked:
   * nothing past that point is used).
   */
  streamText(name: string, onText: (text: string) => void): boolean {
    const entry = this.byName.get(name);
    if (!entry) return false;
    const decoder = new DecodeUTF8((text) => {
      if (text !== '') onText(text);
    });
    this.inflate(entry, (chunk) => decoder.push(chunk));
    decoder.push(new Uint8Array(0), true);
    return true;
  }

  /**
   * Inflates into nothing every part not yet read whole, counting and checking each (a package handed whole to another
   * parser, or the parts a reader left, which a rewrite of the package copies as they are).
   */
  checkAll(): void {
    for (const entry of this.entries) if (!this.checked.has(entry)) this.inflate(entry, () => undefined);
  }
}
