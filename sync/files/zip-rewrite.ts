/**
 * A zip package (.xlsx) with some parts replaced: every other part's compressed bytes are copied as they are, never
 * inflated and deflated again, so what a write does not change stays byte for byte what it was. fflate writes the
 * package; an unchanged part goes in through its documented custom-entry interface (`ZipInputFile`) with the CRC,
 * sizes and method the directory lists.
 */
import { Zip, ZipDeflate, type ZipInputFile } from 'fflate';
import type { ZipEntry } from './zip-guard';

const LOCAL_HEADER = 0x04034b50;

/**
 * `bytes` (a package the zip guard checked, its `entries` in the order to write them) with the `parts` named replaced: each
 * is written by its function, in pieces deflated as they come, so a large part is never whole in memory. What a
 * function throws passes through, and nothing is returned.
 */
export async function replaceParts(
  bytes: Uint8Array,
  entries: readonly ZipEntry[],
  parts: ReadonlyMap<string, (write: (chunk: Uint8Array) => void) => void | Promise<void>>,
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
      const deflate = new ZipDeflate(entry.name, { level: 6 });
      zip.add(deflate);
      await replacement((chunk) => deflate.push(chunk));
      deflate.push(new Uint8Array(0), true);
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
