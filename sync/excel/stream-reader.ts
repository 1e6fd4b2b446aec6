/**
 * exceljs's streaming workbook reader, made safe for the store's streamed reads (store/stream-tabs.ts): each part
 * handed over as whole UTF-8 text, what it inflates counted against the zip guard's limits, openpyxl's absolute part
 * names understood.
 */
import { Readable } from 'node:stream';
// The class itself, not through the package's index: the built CLI loads it (and unzipper) only when a store streams.
import WorkbookReader from 'exceljs/lib/stream/xlsx/workbook-reader.js';
import { DEFAULT_ZIP_LIMITS, inflatedTooLarge } from '../../core/index';
import { asCchcError } from '../files/input-file';

/**
 * A part's chunks as UTF-8 text: the decoder holds back a character's first bytes until the rest arrive. `count`
 * sees each chunk's size first.
 */
async function* utf8Chunks(source: AsyncIterable<Buffer | string>, count: (bytes: number) => void): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of source) {
    count(chunk.length);
    yield typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
  }
  const tail = decoder.decode();
  if (tail) yield tail;
}

/**
 * exceljs's streaming reader decodes every inflated chunk of a part on its own (exceljs issues #2084, #2316; the
 * fixes were never merged), so a Vietnamese character cut by a chunk boundary became U+FFFD ("thu��c"). Each method
 * through which it reads a part takes the part's stream or chunks first; it is handed a stream of whole text
 * instead (a stream: some of them listen for 'data'), which exceljs passes through untouched. A method missing
 * from a later exceljs fails here, loudly, rather than bringing the corruption back.
 */
const PART_READERS = ['_parseRels', '_parseWorkbook', '_parseSharedStrings', '_parseStyles', '_parseWorksheet', '_parseHyperlinks'];

/**
 * The zip guard counted the entries of the zip's directory; exceljs's streaming reader reads the entries' local
 * headers one after another, which a crafted file can make differ (an entry the directory does not list). So
 * what exceljs parses is counted here too, against the guard's limits.
 */
export class Utf8WorkbookReader extends WorkbookReader {
  path = '';
  inflated = 0;

  count(part: string, bytes: number, inPart: number): void {
    this.inflated += bytes;
    if (inPart > DEFAULT_ZIP_LIMITS.entryBytes)
      throw asCchcError(inflatedTooLarge(this.path, null, `phần ${part}`, DEFAULT_ZIP_LIMITS.entryBytes));
    if (this.inflated > DEFAULT_ZIP_LIMITS.totalBytes)
      throw asCchcError(inflatedTooLarge(this.path, null, 'tổng các phần', DEFAULT_ZIP_LIMITS.totalBytes));
  }
}
type PartReader = (this: Utf8WorkbookReader, part: AsyncIterable<Buffer | string>, ...rest: unknown[]) => unknown;
for (const name of PART_READERS) {
  const readers = Utf8WorkbookReader.prototype as unknown as Record<string, PartReader | undefined>;
  const original = readers[name];
  if (typeof original !== 'function') throw new Error(`exceljs WorkbookReader has no ${name}: see stream-reader.ts`);
  readers[name] = function (this: Utf8WorkbookReader, part, ...rest) {
    let inPart = 0;
    const count = (bytes: number) => this.count(name.replace('_parse', ''), bytes, (inPart += bytes));
    return original.call(this, Readable.from(utf8Chunks(part, count)), ...rest);
  };
}

// openpyxl points the workbook at its sheets by absolute part names ("/xl/worksheets/sheet1.xml"), which exceljs's
// streaming reader matches only as written relative to xl/: the sheet lost its name ("Sheet1" for "Phụ lục").
{
  const readers = Utf8WorkbookReader.prototype as unknown as Record<string, PartReader>;
  const parseRels = readers['_parseRels']!;
  readers['_parseRels'] = async function (this: Utf8WorkbookReader, part, ...rest) {
    await parseRels.call(this, part, ...rest);
    const rels = (this as unknown as { workbookRels?: { Target: string }[] }).workbookRels ?? [];
    for (const rel of rels) rel.Target = rel.Target.replace(/^\/xl\//, '');
  };
}
