/**
 * A zip package (.xlsx) with some parts replaced: every other part's compressed bytes are copied as they are, never
 * inflated and deflated again, so what a write does not change stays byte for byte what it was. fflate writes the
 * package; every part goes in through its documented custom-entry interface (`ZipInputFile`): an unchanged one with
 * the CRC, sizes and method the directory lists, a replaced one deflated as it is written, its CRC and size given at
 * its end (fflate writes them in the data descriptor and the directory). Runs in a browser too (the export dialog's
 * Word writer): the deflater is fflate's unless the caller hands Node's (node-deflate.ts).
 */
import { Deflate, Zip, type ZipInputFile } from 'fflate';
import { crc32 } from '../../core/index';
import type { ZipEntry } from './zip-guard';

const LOCAL_HEADER = 0x04034b50;

/** A raw deflate stream (level 6) handing its output to `onData`, and a CRC-32 continued from `crc`. */
export interface PartDeflater {
  start(onData: (piece: Uint8Array) => void): { write(chunk: Uint8Array): void; end(): Promise<void>; destroy(): void };
  crc32(bytes: Uint8Array, crc: number): number;
}

/** fflate's JavaScript deflate and the core's CRC: what a browser has. */
export const FFLATE_DEFLATER: PartDeflater = {
  start(onData) {
    const deflate = new Deflate({ level: 6 }, (piece) => onData(piece));
    return {
      write: (chunk) => deflate.push(chunk),
      end: async () => deflate.push(new Uint8Array(0), true),
      destroy: () => undefined,
    };
  },
  crc32,
};

/**
 * `bytes` (a package the zip guard checked, its `entries` in the order to write them) with the `parts` named replaced: each
 * is written by its function, in pieces deflated as they come, so a large part is never whole in memory. What a
 * function throws passes through, and nothing is returned.
 */
export async function replaceParts(
  bytes: Uint8Array,
  entries: readonly ZipEntry[],
  parts: ReadonlyMap<string, (write: (chunk: Uint8Array) => void) => void | Promise<void>>,
  deflater: PartDeflater = FFLATE_DEFLATER,
): Promise<Uint8Array> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const chunks: Uint8Array[] = [];
  let failure: Error | null = null;
  const zip = new Zip((error, chunk) => {
    if (error) failure ??= error;
    else chunks.push(chunk);
  });
  for (const entry of entries) {
    const replacement = parts.get(entry.name);
    if (replacement) {
      await addDeflated(zip, entry.name, replacement, deflater);
      continue;
    }
    const at = entry.localHeaderOffset;
    if (view.getUint32(at, true) !== LOCAL_HEADER) throw new Error(`zip part ${entry.name} has no local header`);
    const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
    const raw: ZipInputFile = {
      filename: entry.name,
      size: entry.size,
      crc: entry.crc,
      compression: entry.method,
      terminate: () => undefined,
    };
    zip.add(raw);
    // fflate's handler is typed for plain ArrayBuffers; a Node Buffer's view is read the same way.
    raw.ondata!(null, bytes.subarray(start, start + entry.compressedSize) as Uint8Array<ArrayBuffer>, true);
  }
  zip.end();
  if (failure) throw failure;
  const out = new Uint8Array(chunks.reduce((sum, c) => sum + c.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

/** The part `name` added to `zip`, written by `write` and deflated as it comes. */
async function addDeflated(
  zip: Zip,
  name: string,
  write: (write: (chunk: Uint8Array) => void) => void | Promise<void>,
  deflater: PartDeflater,
): Promise<void> {
  const file: ZipInputFile = { filename: name, size: 0, crc: 0, compression: 8, terminate: () => undefined };
  zip.add(file);
  // Each piece is handed on once the next one comes: the last (possibly empty) one closes the entry.
  let pending: Uint8Array | undefined;
  const deflate = deflater.start((piece) => {
    if (pending) file.ondata!(null, pending as Uint8Array<ArrayBuffer>, false);
    pending = piece;
  });
  let crc = 0;
  let size = 0;
  try {
    await write((chunk) => {
      crc = deflater.crc32(chunk, crc);
      size += chunk.length;
      deflate.write(chunk);
    });
  } catch (error) {
    deflate.destroy();
    throw error;
  }
  await deflate.end();
  file.crc = crc;
  file.size = size;
  file.ondata!(null, (pending ?? new Uint8Array(0)) as Uint8Array<ArrayBuffer>, true);
}
