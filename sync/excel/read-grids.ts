/**
 * Any table file an official hands us, as the plain grids the core importer reads:
 * an .xlsx (every sheet), a .csv, or a Word plan (.docx: every table, see word/docx-reader). CSV goes through exceljs' CSV reader (fast-csv)
 * with every cell kept as text, so "10/06/2026" stays a Vietnamese date and "1,5"
 * a Vietnamese decimal for the core's parsers. Excel on a Vietnamese system saves
 * CSV with ";" between fields and sometimes as UTF-16 ("Unicode text"); both read.
 */
import { extname } from 'node:path';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { ImportSheet } from '../../core/index';
import { CchcError } from '../errors';
import { MAX_INPUT_ROWS, readInputFile, tooManyRows } from '../files/input-file';
import { readWorkbookGrids } from './read-workbook';
import { worksheetGrid } from './worksheet-grid';

function decodeText(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le');
  const text = new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '');
  // Not UTF-8: an old Vietnamese code page.
  return text.includes('\uFFFD') ? new TextDecoder('windows-1258').decode(bytes) : text;
}

/**
 * The separator, counted outside quotes over the first lines: ";", "," or a tab. Not the first line's alone: a title
 * line above the header ("PHỤ LỤC …") has none.
 */
function delimiterOf(text: string): string {
  const lines = text
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '')
    .slice(0, 20);
  const counts = new Map<string, number>([
    [';', 0],
    [',', 0],
    ['\t', 0],
  ]);
  for (const line of lines) {
    let quoted = false;
    for (const ch of line) {
      if (ch === '"') quoted = !quoted;
      else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
    }
  }
  return [...counts].sort((a, b) => b[1] - a[1])[0]![0];
}

async function readCsv(path: string): Promise<ImportSheet[]> {
  const text = decodeText(await readInputFile(path, 'csv'));
  const workbook = new ExcelJS.Workbook();
  try {
    const ws = await workbook.csv.read(Readable.from([text]), {
      sheetName: 'CSV',
      parserOptions: { delimiter: delimiterOf(text) },
      map: (datum: string) => (datum === '' ? null : datum),
    } as Parameters<typeof workbook.csv.read>[1]);
    return [{ sheet: ws.name, grid: worksheetGrid(ws) }];
  } catch {
    throw new CchcError(
      'FILE_NOT_CSV',
      `Tệp "${path}" không đọc được dạng CSV (dấu ngoặc kép không đóng?). Mở bằng Excel và lưu lại dạng "CSV UTF-8".`,
    );
  }
}

/** `stream` forces the streaming reader for an .xlsx either way (by default only large workbooks stream). */
export async function readGrids(path: string, options: { stream?: boolean } = {}): Promise<ImportSheet[]> {
  const extension = extname(path).toLowerCase();
  // Loaded on use: the Word reader's parsers would otherwise slow every command's start.
  const sheets =
    extension === '.csv'
      ? await readCsv(path)
      : extension === '.docx' || extension === '.doc'
        ? await (await import('../word/docx-reader')).readDocxGrids(path)
        : (await readWorkbookGrids(path, options)).map(({ name, grid }) => ({ sheet: name, grid }));
  // The streaming reader stops at the limit; a file small enough to load (20 MB, 24 MB of sheets) is checked whole.
  const over = sheets.find((s) => s.grid.length > MAX_INPUT_ROWS);
  if (over)
    throw tooManyRows(path, extension === '.csv' ? 'CSV' : extension === '.docx' ? over.sheet.toLowerCase() : `trang "${over.sheet}"`);
  return sheets;
}
