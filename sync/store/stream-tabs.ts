/**
 * Some tabs of the local store, read without loading the workbook: exceljs's streaming reader parses each wanted
 * sheet a row at a time into plain rows, and the other sheets are never inflated. A loaded workbook keeps every cell
 * as an object (metrics over 100,000 meetings peaked at 660 MB, loading the whole store to read it); streamed, only
 * the rows the command asked for are kept.
 *
 * The parts are handed to the reader in the order it needs them (relationships, workbook, shared strings, styles,
 * then the sheets), each inflated as a stream from the file's bytes: the reader's own walk of the zip would park
 * every sheet in the temp folder, since exceljs writes the workbook part last. Where the streaming reader would not
 * read exactly what loading the workbook reads, this says so (null) and the store loads the workbook instead: a
 * wanted tab not found under its own name (renamed by an official, or missing), a sheet part named in another way,
 * or link cells (Excel's hyperlinks, which only the loading reader resolves) in a tab whose links are kept.
 */
import { PassThrough, Readable } from 'node:stream';
import type ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { tabForName, type Row, type TablesShape, type TabSpec } from '../../core/index';
import utils from 'exceljs/lib/utils/utils.js';
import { Utf8WorkbookReader } from '../excel/stream-reader';
import { headerColumns, plainRow, rowTexts } from './tab-rows';

type PartReader = (part: AsyncIterable<Buffer | string>) => Promise<void>;
type SheetReader = (part: AsyncIterable<Buffer | string>, sheetNo: string) => Iterable<{ value: AsyncIterable<ExcelJS.Row> }>;

/** The reader's part parsers (stream-reader checks that exceljs still has them). */
interface Parsers {
  _parseRels: PartReader;
  _parseWorkbook: PartReader;
  _parseSharedStrings: (part: AsyncIterable<Buffer | string>) => AsyncIterable<unknown>;
  _parseStyles: PartReader;
  _parseWorksheet: SheetReader;
  workbookRels?: { Id: string; Target: string; Type: string }[];
  model?: { sheets?: { name: string; rId: string }[] };
  properties?: { model?: { date1904?: boolean } };
}

const SHEET_PART = /^worksheets\/sheet(\d+)\.xml$/;

/**
 * A formula's cached result as loading the workbook gives it: the streaming reader leaves a date result a serial
 * number (loading gives a Date where the cell has a date format) and an error result NaN (loading gives the error,
 * which reads as empty).
 */
function asLoaded(row: ExcelJS.Row, date1904: boolean): void {
  row.eachCell((cell) => {
    const value = cell.value;
    if (!value || typeof value !== 'object' || !('formula' in value || 'sharedFormula' in value)) return;
    const result = (value as { result?: unknown }).result;
    if (typeof result !== 'number') return;
    if (Number.isNaN(result)) cell.value = { ...value, result: undefined } as ExcelJS.CellValue;
    else if (utils.isDateFmt(cell.numFmt)) cell.value = { ...value, result: utils.excelToDate(result, date1904) } as ExcelJS.CellValue;
  });
}

export interface StreamedTabs {
  tables: Record<string, Row[]>;
  /** Each tab's sheet: its part in the package and its header's columns (for a write patching that part, sheet-patch.ts). */
  sheets: Record<string, { part: string; columns: Map<string, number> }>;
  /** Which layout columns each tab has (its header row), under the sheet's own name: the sync's structure check. */
  shape: TablesShape;
}

/** The tabs `wanted`, streamed from the store's bytes; null where only loading the workbook reads them exactly. */
export async function streamTabs(path: string, bytes: Buffer, wanted: readonly TabSpec[]): Promise<StreamedTabs | null> {
  const zip = await JSZip.loadAsync(bytes);
  const part = (name: string): AsyncIterable<Buffer> | null => {
    const file = zip.file(name);
    // JSZip's stream is an older Readable, not async-iterable: piped through Node's own.
    return file ? (file.nodeStream('nodebuffer') as unknown as NodeJS.ReadableStream).pipe(new PassThrough()) : null;
  };
  const rels = part('xl/_rels/workbook.xml.rels');
  const workbookPart = part('xl/workbook.xml');
  if (!rels || !workbookPart) return null;
  const reader = new Utf8WorkbookReader(Readable.from([]), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  reader.path = path;
  const parsers = reader as unknown as Parsers;
  await parsers._parseRels(rels);
  await parsers._parseWorkbook(workbookPart);
  // Each wanted tab's sheet: the first named after it, as the loading path takes it.
  const sheetOf = new Map<string, string>();
  for (const sheet of parsers.model?.sheets ?? []) {
    const tab = tabForName(sheet.name);
    if (!tab || sheetOf.has(tab.key) || !wanted.includes(tab)) continue;
    const target = parsers.workbookRels?.find((r) => r.Id === sheet.rId)?.Target ?? '';
    const number = SHEET_PART.exec(target)?.[1];
    if (!number) return null;
    sheetOf.set(tab.key, number);
  }
  if (wanted.some((tab) => !sheetOf.has(tab.key) || !zip.file(`xl/worksheets/sheet${sheetOf.get(tab.key)}.xml`))) return null;
  for (const tab of wanted) {
    if (!tab.columns.some((c) => c.key === 'evidence')) continue;
    const sheetRels = zip.file(`xl/worksheets/_rels/sheet${sheetOf.get(tab.key)}.xml.rels`);
    if (sheetRels && (await sheetRels.async('string')).includes('/relationships/hyperlink"')) return null;
  }
  const strings = part('xl/sharedStrings.xml');
  // A generator: run to its end, it caches every shared string on the reader.
  if (strings) {
    const parsing = parsers._parseSharedStrings(strings)[Symbol.asyncIterator]();
    while (!(await parsing.next()).done);
  }
  const styles = part('xl/styles.xml');
  if (styles) await parsers._parseStyles(styles);

  const tables: Record<string, Row[]> = {};
  const sheets: StreamedTabs['sheets'] = {};
  const shape = new Map<string, { name: string; columns: Set<string> }>();
  for (const tab of wanted) {
    const sheetNo = sheetOf.get(tab.key)!;
    const rows: Row[] = [];
    let columns = new Map<string, number>();
    const name = `xl/worksheets/sheet${sheetNo}.xml`;
    for (const { value: worksheet } of parsers._parseWorksheet(part(name)!, sheetNo)) {
      for await (const row of worksheet) {
        asLoaded(row, parsers.properties?.model?.date1904 === true);
        if (row.number === 1) columns = headerColumns(tab, rowTexts(row));
        if (row.number <= tab.frozenRows) continue;
        const plain = plainRow(tab, columns, row, row.number);
        if (plain) rows.push(plain);
      }
    }
    tables[tab.key] = rows;
    sheets[tab.key] = { part: name, columns };
    const sheetName = parsers.model?.sheets?.find((sheet) => tabForName(sheet.name) === tab)?.name ?? tab.name;
    shape.set(tab.key, { name: sheetName, columns: new Set(columns.keys()) });
  }
  return { tables, sheets, shape };
}
