/**
 * Bounded input for zip-based office files (.xlsx, .docx): before any parser
 * inflates a file, its central directory is read and entries, totals and
 * compression ratios past set limits are refused (FILE_TOO_LARGE, naming the
 * inflated size). The declared sizes may lie, so every entry is then inflated
 * once into nothing, counting bytes, and the file is refused as soon as the real
 * size passes a limit: memory stays flat (a bomb whose headers are honest is
 * refused at once; one that lies costs an inflate pass up to the limit, seconds).
 * Parsers (exceljs, another engineer's .docx reader) run only after this, on the
 * same bytes: a file is read once, so the one checked is the one parsed even if
 * it is replaced meanwhile.
 */
import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { createInflateRaw, inflateRawSync } from 'node:zlib';
import { CchcError } from '../errors';

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
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX_EOCD_SEARCH = 22 + 0xffff;

/** Megabytes as officials read them, rounded up so a file just over a limit never shows the limit itself. */
export function megabytes(bytes: number): string {
  return `${(Math.ceil((bytes / 1024 / 1024) * 10) / 10).toLocaleString('vi-VN', { minimumFractionDigits: 1, maximumFractionDigits: 1 })} MB`;
}

function corrupt(path: string, kind: string): CchcError {
  return new CchcError('FILE_TRUNCATED', `Tệp "${path}" bị hỏng hoặc tải về chưa hết. Tải lại hoặc lưu lại tệp từ ${kind} rồi thử lại.`);
}

/** `inflated` null: counting stopped at the limit, so only "over the limit" is known. */
export function tooLarge(path: string, inflated: number | null, what: string, limit: number): CchcError {
  const shownLimit = megabytes(limit).replace(',0', '');
  const size = inflated === null ? `lớn hơn ${shownLimit} (${what})` : `lớn ${megabytes(inflated)} (${what}), vượt giới hạn ${shownLimit}`;
  return new CchcError(
    'FILE_TOO_LARGE',
    `Tệp "${path}" khi giải nén ${size}; tệp hỏng hoặc được tạo bất thường nên không mở. Lưu lại tệp từ Excel/Word, bỏ các trang, hình ảnh không cần thiết.`,
  );
}

/** Reads `length` bytes at `position` (fewer past the end): of bytes in memory, or of a file on disk. */
type ReadAt = (position: number, length: number) => Promise<Buffer>;

const inMemory =
  (bytes: Buffer): ReadAt =>
  async (position, length) =>
    bytes.subarray(position, position + length);

/** Reads the central directory (zip64 too) without inflating anything. `kind` names the app for messages. */
async function zipEntries(readAt: ReadAt, size: number, path: string, kind = 'Excel'): Promise<ZipEntry[]> {
  const tailStart = Math.max(0, size - MAX_EOCD_SEARCH);
  const tail = await readAt(tailStart, size - tailStart);
  let at = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD) {
      at = i;
      break;
    }
  }
  if (at < 0) throw corrupt(path, kind);
  let count = tail.readUInt16LE(at + 10);
  let cdSize = tail.readUInt32LE(at + 12);
  let cdOffset = tail.readUInt32LE(at + 16);
  if (at >= 20 && tail.readUInt32LE(at - 20) === ZIP64_LOCATOR) {
    const record = await readAt(Number(tail.readBigUInt64LE(at - 20 + 8)), 56);
    if (record.length < 56) throw corrupt(path, kind);
    count = Number(record.readBigUInt64LE(32));
    cdSize = Number(record.readBigUInt64LE(40));
    cdOffset = Number(record.readBigUInt64LE(48));
  }
  if (cdOffset + cdSize > size) throw corrupt(path, kind);
  const cd = await readAt(cdOffset, cdSize);
  const entries: ZipEntry[] = [];
  let p = 0;
  for (let n = 0; n < count; n++) {
    if (p + 46 > cd.length || cd.readUInt32LE(p) !== CENTRAL) throw corrupt(path, kind);
    const nameLength = cd.readUInt16LE(p + 28);
    const extraLength = cd.readUInt16LE(p + 30);
    const commentLength = cd.readUInt16LE(p + 32);
    const entry: ZipEntry = {
      name: cd.subarray(p + 46, p + 46 + nameLength).toString('utf8'),
      method: cd.readUInt16LE(p + 10),
      compressedSize: cd.readUInt32LE(p + 20),
      size: cd.readUInt32LE(p + 24),
      localHeaderOffset: cd.readUInt32LE(p + 42),
    };
    // Zip64: sizes and offset saturated at 0xFFFFFFFF live in extra field 0x0001, in this order.
    let extra = p + 46 + nameLength;
    const extraEnd = extra + extraLength;
    while (extra + 4 <= extraEnd) {
      const id = cd.readUInt16LE(extra);
      const length = cd.readUInt16LE(extra + 2);
      if (id === 0x0001) {
        let q = extra + 4;
        for (const field of ['size', 'compressedSize', 'localHeaderOffset'] as const) {
          if (entry[field] !== 0xffffffff || q + 8 > extra + 4 + length) continue;
          entry[field] = Number(cd.readBigUInt64LE(q));
          q += 8;
        }
      }
      extra += 4 + length;
    }
    entries.push(entry);
    p = extraEnd + commentLength;
  }
  return entries;
}

/** Refuses from the declared sizes: no byte is inflated. */
function checkDeclared(path: string, entries: readonly ZipEntry[], limits: ZipLimits): void {
  if (entries.length > limits.entries) {
    throw new CchcError(
      'FILE_TOO_LARGE',
      `Tệp "${path}" chứa ${entries.length.toLocaleString('vi-VN')} phần, vượt giới hạn ${limits.entries.toLocaleString('vi-VN')}; không mở.`,
    );
  }
  let total = 0;
  for (const e of entries) {
    total += e.size;
    if (e.size > limits.entryBytes) throw tooLarge(path, e.size, `phần "${e.name}"`, limits.entryBytes);
    if (e.size > limits.ratioFloorBytes && e.size > Math.max(1, e.compressedSize) * limits.ratio) {
      const ratio = Math.round(e.size / Math.max(1, e.compressedSize)).toLocaleString('vi-VN');
      throw new CchcError(
        'FILE_TOO_LARGE',
        `Tệp "${path}" khi giải nén lớn ${megabytes(e.size)} (phần "${e.name}" nén ${ratio} lần, quá giới hạn ${limits.ratio} lần); tệp hỏng hoặc được tạo bất thường nên không mở.`,
      );
    }
    if (total > limits.totalBytes) throw tooLarge(path, total, 'tổng các phần', limits.totalBytes);
  }
}

async function dataOffset(readAt: ReadAt, entry: ZipEntry): Promise<number> {
  const header = await readAt(entry.localHeaderOffset, 30);
  if (header.length < 30 || header.readUInt32LE(0) !== LOCAL) return -1;
  return entry.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
}

/** One entry's stored bytes, as a stream of its inflated bytes; null when its local header is missing. */
async function entryStream(bytes: Buffer, entry: ZipEntry): Promise<Readable | null> {
  const start = await dataOffset(inMemory(bytes), entry);
  if (start < 0) return null;
  const stored = Readable.from([bytes.subarray(start, start + entry.compressedSize)]);
  return entry.method === 8 ? stored.pipe(createInflateRaw()) : stored;
}

/** Inflates each entry into nothing, counting real bytes, and stops at the first limit passed. */
async function checkInflated(bytes: Buffer, path: string, entries: readonly ZipEntry[], limits: ZipLimits, kind: string): Promise<void> {
  let total = 0;
  for (const entry of entries) {
    if (entry.method !== 8) {
      total += entry.compressedSize;
      if (total > limits.totalBytes) throw tooLarge(path, total, 'tổng các phần', limits.totalBytes);
      continue;
    }
    const inflate = await entryStream(bytes, entry);
    if (!inflate) throw corrupt(path, kind);
    const budget = Math.min(limits.entryBytes, limits.totalBytes - total);
    // null: past the budget, where counting stops.
    const inflated = await new Promise<number | null>((resolve, reject) => {
      let count = 0;
      inflate.on('data', (chunk: Buffer) => {
        count += chunk.length;
        if (count > budget) {
          inflate.destroy();
          resolve(null);
        }
      });
      inflate.on('end', () => resolve(count));
      inflate.on('error', () => reject(corrupt(path, kind)));
    });
    if (inflated === null) {
      throw budget === limits.entryBytes
        ? tooLarge(path, null, `phần "${entry.name}"`, limits.entryBytes)
        : tooLarge(path, null, 'tổng các phần', limits.totalBytes);
    }
    total += inflated;
    if (total > limits.totalBytes) throw tooLarge(path, total, 'tổng các phần', limits.totalBytes);
  }
}

/**
 * The guard: call it on the bytes of an official's .xlsx or .docx (`path` names it in messages) before handing those
 * same bytes to a parser. Throws FILE_TOO_LARGE past the limits, FILE_TRUNCATED for a broken zip.
 */
export async function guardZip(
  bytes: Buffer,
  path: string,
  options: { limits?: ZipLimits; kind?: 'Excel' | 'Word' } = {},
): Promise<ZipEntry[]> {
  const limits = options.limits ?? DEFAULT_ZIP_LIMITS;
  const kind = options.kind ?? 'Excel';
  const entries = await zipEntries(inMemory(bytes), bytes.length, path, kind);
  checkDeclared(path, entries, limits);
  await checkInflated(bytes, path, entries, limits, kind);
  return entries;
}

/** Streams one entry's inflated bytes to `onChunk` (the entry was guarded already, in these bytes). */
export async function streamEntry(bytes: Buffer, path: string, entry: ZipEntry, onChunk: (chunk: Buffer) => void): Promise<void> {
  const source = await entryStream(bytes, entry);
  if (!source) throw corrupt(path, 'Excel');
  for await (const chunk of source) onChunk(chunk as Buffer);
}

/**
 * One small entry's text (e.g. docProps/core.xml) of a file on disk, at most `maxBytes` inflated; null if absent or
 * unreadable. Only what it needs is read: the file may be anything an official named as an output.
 */
export async function readZipText(path: string, name: string, maxBytes = 1024 * 1024): Promise<string | null> {
  try {
    const handle = await open(path, 'r');
    try {
      const readAt: ReadAt = async (position, length) => {
        const buffer = Buffer.alloc(length);
        const { bytesRead } = await handle.read(buffer, 0, length, position);
        return buffer.subarray(0, bytesRead);
      };
      const entry = (await zipEntries(readAt, (await handle.stat()).size, path)).find((e) => e.name === name);
      if (!entry || entry.size > maxBytes || entry.compressedSize > maxBytes) return null;
      const start = await dataOffset(readAt, entry);
      if (start < 0) return null;
      const data = await readAt(start, entry.compressedSize);
      return (entry.method === 8 ? inflateRawSync(data, { maxOutputLength: maxBytes }) : data).toString('utf8');
    } finally {
      await handle.close();
    }
  } catch {
    return null;
  }
}
