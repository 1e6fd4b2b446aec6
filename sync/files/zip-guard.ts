/**
 * Bounded input for zip-based office files (.xlsx, .docx) handed whole to another parser (exceljs loading the store):
 * the core's zip reader (core/files/zip) checks the directory's declared sizes, counts and ratios, cross-checks every
 * local header, then inflates each part once into nothing, counting real bytes and checking its CRC, and refuses the
 * file at the first limit passed (FILE_TOO_LARGE), a damaged zip (FILE_TRUNCATED) or one that does not agree with
 * itself (FILE_CORRUPT). The parser then runs on the same bytes: a file is read once, so the one checked is the one
 * parsed even if it is replaced meanwhile. Files officials import are read by the core's readTableFile directly.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { crc32 as zlibCrc32, inflateRawSync } from 'node:zlib';
import {
  crc32 as coreCrc32,
  DEFAULT_ZIP_LIMITS,
  TableFileError,
  ZipArchive,
  zipDirectory,
  type NativeInflate,
  type ZipEntry,
  type ZipLimits,
} from '../../core/index';
import { asCchcError } from './input-file';

export { DEFAULT_ZIP_LIMITS, megabytes, type ZipEntry, type ZipLimits } from '../../core/index';

/** A CRC-32 continued from `crc`: Node's zlib from Node 20.15, the core's before. */
export const nodeCrc32: (bytes: Uint8Array, crc?: number) => number =
  typeof zlibCrc32 === 'function' ? (bytes, crc) => zlibCrc32(bytes, crc) : coreCrc32;

/** Node's zlib for the core's zip reader. */
export const NODE_INFLATE: NativeInflate = {
  inflateRaw: (stored, maxLength) => inflateRawSync(stored, { maxOutputLength: maxLength }),
  crc32: (bytes) => nodeCrc32(bytes),
};

/**
 * The guard: call it on the bytes of an .xlsx or .docx (`path` names it in messages) before handing those same bytes
 * to a parser. Throws the CLI's error for each refusal.
 */
export async function guardZip(
  bytes: Buffer,
  path: string,
  options: { limits?: ZipLimits; kind?: 'Excel' | 'Word' } = {},
): Promise<ZipEntry[]> {
  try {
    const zip = new ZipArchive(bytes, path, options.kind ?? 'Excel', options.limits ?? DEFAULT_ZIP_LIMITS);
    zip.checkAll();
    return [...zip.entries];
  } catch (error) {
    throw error instanceof TableFileError ? asCchcError(error) : error;
  }
}

/**
 * One small entry's text (e.g. docProps/core.xml) of a file on disk, at most `maxBytes` inflated; null if absent or
 * unreadable. Only what it needs is read: the file may be anything an official named as an output.
 */
export async function readZipText(path: string, name: string, maxBytes = 1024 * 1024): Promise<string | null> {
  let fd: number | null = null;
  try {
    fd = openSync(path, 'r');
    const handle = fd;
    const readAt = (position: number, length: number): Uint8Array => {
      const buffer = Buffer.alloc(length);
      return buffer.subarray(0, readSync(handle, buffer, 0, length, position));
    };
    const entry = zipDirectory(readAt, fstatSync(handle).size, path, 'Excel').entries.find((e) => e.name === name);
    if (!entry || entry.size > maxBytes || entry.compressedSize > maxBytes) return null;
    const header = readAt(entry.localHeaderOffset, 30);
    if (header.length < 30 || Buffer.from(header).readUInt32LE(0) !== 0x04034b50) return null;
    const start = entry.localHeaderOffset + 30 + Buffer.from(header).readUInt16LE(26) + Buffer.from(header).readUInt16LE(28);
    const data = readAt(start, entry.compressedSize);
    return (entry.method === 8 ? inflateRawSync(data, { maxOutputLength: maxBytes }) : Buffer.from(data)).toString('utf8');
  } catch {
    return null;
  } finally {
    if (fd !== null) closeSync(fd);
  }
}
