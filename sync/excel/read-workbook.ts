/**
 * Opens an .xlsx an official hands us, and says in Vietnamese what is wrong when it
 * cannot be read: not a file, too big (on disk or once inflated: files/zip-guard),
 * empty, an old .xls or a password-protected file (both OLE containers), not a
 * zip, a zip that is not a workbook (an .ods renamed, a .docx), a truncated zip
 * (files/zip-guard), or a whole zip the Excel reader cannot parse. The file is
 * read once: what was checked is what is parsed.
 */
import ExcelJS from 'exceljs';
import { CchcError } from '../errors';
import { loadPackage } from './exceljs-package';
import {
  DOCX_SAVE_AS,
  OLE_MAGIC,
  oleError,
  readInputFile,
  RTF_MAGIC,
  startsWith,
  unparsedInput,
  XLSX_SAVE_AS,
  ZIP_MAGIC,
} from '../files/input-file';
import { guardZip, type ZipEntry } from '../files/zip-guard';
import type { SheetGrid } from './stream-grid';
import { worksheetGrid } from './worksheet-grid';

/** Worksheet XML past this size (in all) is read with the streaming reader. */
export const STREAM_SHEET_BYTES = 24 * 1024 * 1024;

/** Every sheet as a plain grid; large workbooks are streamed (`stream` forces either way). */
export async function readWorkbookGrids(path: string, options: { stream?: boolean } = {}): Promise<SheetGrid[]> {
  const { bytes, entries } = await checkWorkbookFile(path);
  const sheetBytes = entries.filter((e) => e.name.startsWith('xl/worksheets/')).reduce((n, e) => n + e.size, 0);
  if (options.stream ?? sheetBytes > STREAM_SHEET_BYTES) {
    try {
      // Loaded on use: exceljs's streaming reader (unzipper and its promises library) serves only large files.
      return await (await import('./stream-grid')).streamedGrids(path, bytes, entries);
    } catch (error) {
      if (error instanceof CchcError) throw error;
      throw unparsedInput(path, 'Excel');
    }
  }
  return (await loadWorkbook(path, bytes)).worksheets.map((ws) => ({ name: ws.name, grid: worksheetGrid(ws) }));
}

export async function readWorkbook(path: string): Promise<ExcelJS.Workbook> {
  return loadWorkbook(path, (await checkWorkbookFile(path)).bytes);
}

async function loadWorkbook(path: string, bytes: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  try {
    // An appendix saved by openpyxl names its parts its own way: given to exceljs under exceljs's names.
    await loadPackage(workbook, bytes);
  } catch {
    throw unparsedInput(path, 'Excel');
  }
  return workbook;
}

/** The checks before any parser runs on a workbook; the file's bytes, and the zip's entries in them. */
async function checkWorkbookFile(path: string): Promise<{ bytes: Buffer; entries: ZipEntry[] }> {
  const bytes = await readInputFile(path, 'xlsx');
  if (startsWith(bytes, OLE_MAGIC)) throw oleError(bytes, path, 'Excel');
  if (startsWith(bytes, RTF_MAGIC)) {
    throw new CchcError(
      'FILE_NOT_XLSX',
      `Tệp "${path}" là văn bản RTF, không phải bảng tính. Mở bằng Word, lưu dạng ${DOCX_SAVE_AS} rồi nhập tệp .docx.`,
    );
  }
  if (!startsWith(bytes, ZIP_MAGIC)) {
    throw new CchcError('FILE_NOT_XLSX', `Tệp "${path}" không phải tệp Excel .xlsx. Mở bằng Excel và lưu dạng ${XLSX_SAVE_AS}.`);
  }
  const entries = await guardZip(bytes, path);
  const names = new Set(entries.map((e) => e.name));
  if (!names.has('xl/workbook.xml')) {
    // An OpenDocument file names its kind in its first, stored entry ("mimetype").
    if (names.has('content.xml') && bytes.subarray(0, 200).includes('application/vnd.oasis.opendocument.text')) {
      throw new CchcError(
        'FILE_NOT_XLSX',
        `Tệp "${path}" là văn bản OpenDocument (.odt), không phải bảng tính. Mở bằng Word (hoặc LibreOffice Writer), lưu dạng ${DOCX_SAVE_AS} rồi nhập tệp .docx.`,
      );
    }
    if (names.has('word/document.xml')) {
      throw new CchcError(
        'FILE_NOT_XLSX',
        `Tệp "${path}" là văn bản Word, không phải bảng tính. Đổi phần đuôi tên tệp thành .docx rồi nhập lại.`,
      );
    }
    const what = names.has('content.xml')
      ? `là bảng tính OpenDocument (.ods)${path.toLowerCase().endsWith('.ods') ? '' : ' đổi tên'}`
      : 'không phải sổ Excel';
    throw new CchcError('FILE_NOT_XLSX', `Tệp "${path}" ${what}. Mở bằng Excel (hoặc LibreOffice) và lưu dạng ${XLSX_SAVE_AS}.`);
  }
  return { bytes, entries };
}
