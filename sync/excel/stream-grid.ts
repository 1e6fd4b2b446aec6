/**
 * Large workbooks read as grids without loading the workbook: exceljs's
 * streaming reader gives one row at a time, so a 100,000-row appendix never
 * exists as 1.2 million cell objects. The streaming reader ignores merged
 * cells, so their ranges are read from the sheet's XML in a second, flat pass,
 * and vertically merged cells repeat in each row as worksheet-grid does.
 * exceljs is handed each part as text already decoded (Utf8WorkbookReader).
 */
import { Readable } from 'node:stream';
import type ExcelJS from 'exceljs';
// The class itself, not through the package's index: the built CLI loads it (and unzipper) only for a large file.
import WorkbookReader from 'exceljs/lib/stream/xlsx/workbook-reader.js';
import { type GridRow } from '../../core/index';
import { MAX_INPUT_ROWS, tooManyRows } from '../files/input-file';
import { DEFAULT_ZIP_LIMITS, streamEntry, tooLarge, type ZipEntry } from '../files/zip-guard';
import { gridRow } from './worksheet-grid';

export interface SheetGrid {
  name: string;
  grid: GridRow[];
}

const MERGE = /<mergeCell\s+ref="([A-Z]+)(\d+):([A-Z]+)(\d+)"/g;

function columnNumber(letters: string): number {
  return [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
}

/** Merged ranges of one sheet entry, scanned from its XML (they follow the cell data). */
async function mergeRanges(
  bytes: Buffer,
  path: string,
  entry: ZipEntry,
): Promise<{ top: number; bottom: number; left: number; right: number }[]> {
  const ranges: { top: number; bottom: number; left: number; right: number }[] = [];
  let carry = '';
  await streamEntry(bytes, path, entry, (chunk) => {
    const text = carry + chunk.toString('latin1');
    for (const m of text.matchAll(MERGE)) {
      ranges.push({ left: columnNumber(m[1]!), top: Number(m[2]), right: columnNumber(m[3]!), bottom: Number(m[4]) });
    }
    // A tag cut at the chunk's end is seen whole with the next chunk.
    const cut = text.lastIndexOf('<');
    carry = cut >= 0 && text.length - cut < 100 ? text.slice(cut) : '';
  });
  return ranges;
}

/** Copies a merged range's text down its rows and notes its width, as worksheet-grid does for a loaded sheet. */
function applyMerges(grid: GridRow[], ranges: readonly { top: number; bottom: number; left: number; right: number }[]): void {
  const byRow = new Map(grid.map((r) => [r.row, r]));
  for (const range of ranges) {
    const top = byRow.get(range.top);
    if (top && range.right > range.left) (top.spans ??= [])[range.left - 1] = range.right - range.left + 1;
    if (range.bottom === range.top) continue;
    const text = top?.cells[range.left - 1] ?? '';
    if (text === '') continue;
    for (let r = range.top + 1; r <= range.bottom; r++) {
      const row = byRow.get(r);
      if (!row) continue;
      for (let c = range.left; c <= range.right; c++) {
        while (row.cells.length < c) row.cells.push('');
        row.cells[c - 1] = text;
      }
    }
  }
}

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
    if (inPart > DEFAULT_ZIP_LIMITS.entryBytes) throw tooLarge(this.path, null, `phần ${part}`, DEFAULT_ZIP_LIMITS.entryBytes);
    if (this.inflated > DEFAULT_ZIP_LIMITS.totalBytes) throw tooLarge(this.path, null, 'tổng các phần', DEFAULT_ZIP_LIMITS.totalBytes);
  }
}
type PartReader = (this: Utf8WorkbookReader, part: AsyncIterable<Buffer | string>, ...rest: unknown[]) => unknown;
for (const name of PART_READERS) {
  const readers = Utf8WorkbookReader.prototype as unknown as Record<string, PartReader | undefined>;
  const original = readers[name];
  if (typeof original !== 'function') throw new Error(`exceljs WorkbookReader has no ${name}: see stream-grid.ts`);
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

/** `bytes`: the file as guarded (read once), `path` names it. */
export async function streamedGrids(path: string, bytes: Buffer, entries: readonly ZipEntry[]): Promise<SheetGrid[]> {
  const reader = new Utf8WorkbookReader(Readable.from([bytes]), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'cache',
    entries: 'emit',
  });
  reader.path = path;
  let sheetNo = '';
  // The reader is an EventEmitter (its typings omit it): 'entry' names each worksheet part just before it is read.
  (reader as unknown as NodeJS.EventEmitter).on('entry', (entry: { type: string; id?: string }) => {
    if (entry.type === 'worksheet' && entry.id) sheetNo = entry.id;
  });
  const sheets: SheetGrid[] = [];
  for await (const worksheet of reader) {
    const file = `xl/worksheets/sheet${sheetNo}.xml`;
    const grid: GridRow[] = [];
    for await (const row of worksheet) {
      const r = row as ExcelJS.Row;
      if (!r.hasValues) continue;
      // Counted as streamed: a sheet past the limit stops here, its other rows never parsed.
      if (grid.length >= MAX_INPUT_ROWS) throw tooManyRows(path, `trang "${(worksheet as unknown as { name: string }).name}"`);
      grid.push(gridRow(r, r.number, r.cellCount));
    }
    const entry = entries.find((e) => e.name === file);
    if (entry) applyMerges(grid, await mergeRanges(bytes, path, entry));
    sheets.push({ name: (worksheet as unknown as { name: string }).name, grid });
  }
  return sheets;
}
