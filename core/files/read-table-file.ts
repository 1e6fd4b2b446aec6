/**
 * The one reader of the table files officials hand us (an Excel appendix, a CSV, a Word plan), for the CLI and the
 * sheet's menu alike: synchronous and pure JavaScript (fflate inflates, saxes parses XML), so Apps Script's V8 runs
 * it as Node does and both read every file identically. Chooses by the file's extension, checks what the bytes
 * really are (an old .xls/.doc, a password-protected file, an RTF, another zip), bounds what it inflates and parses
 * (files/zip, MAX_INPUT_ROWS, MAX_XML_DEPTH), and says in one Vietnamese line, with a stable code, why a file cannot
 * be read.
 */
import type { ImportSheet } from '../import/plan-import';
import type { StopCode } from '../model/codes';
import { csvSheets } from './csv-grid';
import { docxSheets } from './docx-grids';
import {
  DOCX_SAVE_AS,
  emptyFile,
  fileTooLarge,
  MAX_IMPORT_BYTES,
  MAX_INPUT_ROWS,
  notDocx,
  OLE_MAGIC,
  oleError,
  RTF_MAGIC,
  startsWith,
  TableFileError,
  tooManyRows,
  unparsedInput,
  XLSX_SAVE_AS,
  ZIP_MAGIC,
  type InputKind,
} from './file-errors';
import { MAX_XML_DEPTH, XmlTooDeepError } from './xml-tree';
import { xlsxSheets } from './xlsx-grids';
import { ZipArchive } from './zip';

export type TableFileRead = { ok: true; sheets: ImportSheet[] } | { ok: false; code: StopCode; message: string }; // message: one Vietnamese line naming the file

/** The kind of reading a file's name asks for: .csv, .docx (and .doc, to say what it is), else a workbook. */
export function inputKindOf(fileName: string): InputKind {
  const dot = fileName.lastIndexOf('.');
  const extension = dot > fileName.lastIndexOf('/') && dot > fileName.lastIndexOf('\\') ? fileName.slice(dot).toLowerCase() : '';
  return extension === '.csv' ? 'csv' : extension === '.docx' || extension === '.doc' ? 'docx' : 'xlsx';
}

const utf8Includes = (bytes: Uint8Array, text: string): boolean => {
  const codes = Array.from(text, (c) => c.charCodeAt(0));
  outer: for (let i = 0; i + codes.length <= bytes.length; i++) {
    for (let k = 0; k < codes.length; k++) if (bytes[i + k] !== codes[k]) continue outer;
    return true;
  }
  return false;
};

/** FILE_TOO_DEEP for an .xlsx or .docx nested past MAX_XML_DEPTH. */
function tooDeep(name: string, kind: InputKind): TableFileError {
  const advice =
    kind === 'docx'
      ? `Mở bằng Word, chép bảng phụ lục sang một tài liệu mới, lưu dạng ${DOCX_SAVE_AS} rồi nhập lại.`
      : `Mở bằng Excel, chép bảng phụ lục sang một sổ mới, lưu dạng ${XLSX_SAVE_AS} rồi nhập lại.`;
  return new TableFileError(
    'FILE_TOO_DEEP',
    `Tệp "${name}" có cấu trúc lồng nhau quá sâu (hơn ${MAX_XML_DEPTH} cấp${kind === 'docx' ? ', ví dụ bảng lồng trong bảng nhiều lần' : ''}), không phải một ${kind === 'docx' ? 'kế hoạch' : 'bảng tính'} bình thường; không đọc. ${advice}`,
  );
}

function workbook(name: string, bytes: Uint8Array): ImportSheet[] {
  if (startsWith(bytes, OLE_MAGIC)) throw oleError(bytes, name, 'Excel');
  if (startsWith(bytes, RTF_MAGIC)) {
    throw new TableFileError(
      'FILE_NOT_XLSX',
      `Tệp "${name}" là văn bản RTF, không phải bảng tính. Mở bằng Word, lưu dạng ${DOCX_SAVE_AS} rồi nhập tệp .docx.`,
    );
  }
  if (!startsWith(bytes, ZIP_MAGIC)) {
    throw new TableFileError('FILE_NOT_XLSX', `Tệp "${name}" không phải tệp Excel .xlsx. Mở bằng Excel và lưu dạng ${XLSX_SAVE_AS}.`);
  }
  const zip = new ZipArchive(bytes, name, 'Excel');
  if (!zip.has('xl/workbook.xml')) {
    // An OpenDocument file names its kind in its first, stored entry ("mimetype").
    if (zip.has('content.xml') && utf8Includes(zip.head(200), 'application/vnd.oasis.opendocument.text')) {
      throw new TableFileError(
        'FILE_NOT_XLSX',
        `Tệp "${name}" là văn bản OpenDocument (.odt), không phải bảng tính. Mở bằng Word (hoặc LibreOffice Writer), lưu dạng ${DOCX_SAVE_AS} rồi nhập tệp .docx.`,
      );
    }
    if (zip.has('word/document.xml')) {
      throw new TableFileError(
        'FILE_NOT_XLSX',
        `Tệp "${name}" là văn bản Word, không phải bảng tính. Đổi phần đuôi tên tệp thành .docx rồi nhập lại.`,
      );
    }
    const what = zip.has('content.xml')
      ? `là bảng tính OpenDocument (.ods)${name.toLowerCase().endsWith('.ods') ? '' : ' đổi tên'}`
      : 'không phải sổ Excel';
    throw new TableFileError('FILE_NOT_XLSX', `Tệp "${name}" ${what}. Mở bằng Excel (hoặc LibreOffice) và lưu dạng ${XLSX_SAVE_AS}.`);
  }
  return xlsxSheets(zip);
}

function wordDocument(name: string, bytes: Uint8Array): ImportSheet[] {
  if (startsWith(bytes, OLE_MAGIC)) throw oleError(bytes, name, 'Word');
  if (!startsWith(bytes, ZIP_MAGIC)) {
    throw notDocx(name);
  }
  return docxSheets(new ZipArchive(bytes, name, 'Word'));
}

/** Reads a table file's bytes; `fileName` chooses the reader and names the file in messages. Never throws. */
export function readTableFile(fileName: string, bytes: Uint8Array): TableFileRead {
  const kind = inputKindOf(fileName);
  try {
    if (bytes.length === 0) throw emptyFile(fileName, kind);
    if (bytes.length > MAX_IMPORT_BYTES) throw fileTooLarge(fileName, bytes.length, kind);
    const sheets =
      kind === 'csv' ? csvSheets(fileName, bytes) : kind === 'docx' ? wordDocument(fileName, bytes) : workbook(fileName, bytes);
    // Readers that stream stop at the limit as they read; a Word table is counted here.
    const over = sheets.find((s) => s.grid.length > MAX_INPUT_ROWS);
    if (over) throw tooManyRows(fileName, kind === 'csv' ? 'CSV' : kind === 'docx' ? over.sheet.toLowerCase() : `trang "${over.sheet}"`);
    return { ok: true, sheets };
  } catch (error) {
    const refused =
      error instanceof TableFileError
        ? error
        : error instanceof XmlTooDeepError
          ? tooDeep(fileName, kind)
          : // Malformed XML, a part that is not what its name says, a stack overflow: the file, not the program.
            unparsedInput(fileName, kind === 'docx' ? 'Word' : 'Excel');
    return { ok: false, code: refused.code, message: refused.message };
  }
}
