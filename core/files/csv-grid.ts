/**
 * A CSV file as the plain grid the core importer reads, every cell kept as text, so "10/06/2026" stays a Vietnamese
 * date and "1,5" a Vietnamese decimal for the core's parsers. Excel on a Vietnamese system saves CSV with ";" between
 * fields, sometimes as UTF-16 ("Unicode text"), and old files in the Vietnamese Windows code page (1258); all read.
 * Fields are split as RFC 4180 says and as fast-csv (the CLI's reader before) did: quoted fields may hold separators,
 * line breaks and doubled quotes; spaces around a quoted field are dropped, around a plain one kept; a quote left
 * open, or text after a closing quote, makes the file unreadable.
 */
import type { GridRow } from '../appendix/parse-appendix';
import type { ImportSheet } from '../import/plan-import';
import { nfcMultiline } from '../text/vietnamese';
import { MAX_INPUT_ROWS, TableFileError, tooManyRows } from './file-errors';

/** Windows-1258 (Vietnamese) bytes 0x80–0xFF, as the WHATWG encoding standard maps them: Apps Script has no TextDecoder for it. */
const WINDOWS_1258 =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u008a\u2039\u0152\u008d\u008e\u008f\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u009a\u203a\u0153\u009d\u009e\u0178\u00a0\u00a1\u00a2\u00a3\u00a4\u00a5\u00a6\u00a7\u00a8\u00a9\u00aa\u00ab\u00ac\u00ad\u00ae\u00af\u00b0\u00b1\u00b2\u00b3\u00b4\u00b5\u00b6\u00b7\u00b8\u00b9\u00ba\u00bb\u00bc\u00bd\u00be\u00bf\u00c0\u00c1\u00c2\u0102\u00c4\u00c5\u00c6\u00c7\u00c8\u00c9\u00ca\u00cb\u0300\u00cd\u00ce\u00cf\u0110\u00d1\u0309\u00d3\u00d4\u01a0\u00d6\u00d7\u00d8\u00d9\u00da\u00db\u00dc\u01af\u0303\u00df\u00e0\u00e1\u00e2\u0103\u00e4\u00e5\u00e6\u00e7\u00e8\u00e9\u00ea\u00eb\u0301\u00ed\u00ee\u00ef\u0111\u00f1\u0323\u00f3\u00f4\u01a1\u00f6\u00f7\u00f8\u00f9\u00fa\u00fb\u00fc\u01b0\u20ab\u00ff';

/** UTF-8 as text; U+FFFD for each malformed sequence (as TextDecoder does), which then tells the file is not UTF-8. */
function utf8(bytes: Uint8Array): string {
  const out: string[] = [];
  let chunk: number[] = [];
  const flush = (): void => {
    out.push(String.fromCharCode(...chunk));
    chunk = [];
  };
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i]!;
    let code = -1;
    let length = 1;
    if (b < 0x80) code = b;
    else {
      const need = b >= 0xf0 && b <= 0xf4 ? 3 : b >= 0xe0 ? 2 : b >= 0xc2 && b < 0xe0 ? 1 : 0;
      if (need > 0 && i + need < bytes.length) {
        let c = b & (need === 1 ? 0x1f : need === 2 ? 0x0f : 0x07);
        let ok = true;
        for (let k = 1; k <= need; k++) {
          const next = bytes[i + k];
          if (next === undefined || (next & 0xc0) !== 0x80) {
            ok = false;
            break;
          }
          c = (c << 6) | (next & 0x3f);
        }
        const min = need === 1 ? 0x80 : need === 2 ? 0x800 : 0x10000;
        if (ok && c >= min && c <= 0x10ffff && !(c >= 0xd800 && c <= 0xdfff)) {
          code = c;
          length = need + 1;
        }
      }
    }
    if (code < 0) chunk.push(0xfffd);
    else if (code > 0xffff) chunk.push(0xd800 + ((code - 0x10000) >> 10), 0xdc00 + ((code - 0x10000) & 0x3ff));
    else chunk.push(code);
    i += length;
    if (chunk.length >= 8192) flush();
  }
  flush();
  return out.join('');
}

function singleByte(bytes: Uint8Array, high: string): string {
  const out: string[] = [];
  for (let i = 0; i < bytes.length; i += 8192) {
    const part = bytes.subarray(i, i + 8192);
    out.push(Array.from(part, (b) => (b < 0x80 ? String.fromCharCode(b) : high[b - 0x80]!)).join(''));
  }
  return out.join('');
}

function utf16le(bytes: Uint8Array): string {
  const out: string[] = [];
  for (let i = 0; i + 1 < bytes.length; i += 16384) {
    const codes: number[] = [];
    for (let k = i; k + 1 < Math.min(bytes.length, i + 16384); k += 2) codes.push(bytes[k]! | (bytes[k + 1]! << 8));
    out.push(String.fromCharCode(...codes));
  }
  return out.join('');
}

/** The file's text: UTF-16 when it starts with its byte-order mark, else UTF-8, else (not valid UTF-8) Windows-1258. */
export function decodeCsv(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return utf16le(bytes.subarray(2));
  const text = utf8(bytes);
  return text.includes('\uFFFD') ? singleByte(bytes, WINDOWS_1258) : text;
}

/**
 * The separator, counted outside quotes over the first lines: ";", "," or a tab. Not the first line's alone: a title
 * line above the header ("PHỤ LỤC …") has none.
 */
export function delimiterOf(text: string): string {
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

const SPACE = /\s/;

/** Thrown for a quote left open or text after a closing quote; readTableFile says so in Vietnamese. */
export class CsvSyntaxError extends Error {}

/**
 * The records of `text`, fields as written. `onRecord` sees each as it is split (and may stop the reading by
 * throwing). Blank lines are records without fields.
 */
export function splitCsv(text: string, delimiter: string, onRecord: (fields: string[]) => void): void {
  const length = text.length;
  const isSpace = (ch: string): boolean => ch !== '\r' && ch !== '\n' && ch !== delimiter && SPACE.test(ch);
  const nextToken = (from: number): number => {
    let i = from;
    while (i < length && isSpace(text[i]!)) i++;
    return i;
  };
  const isRowEnd = (ch: string | undefined): boolean => ch === '\r' || ch === '\n';
  let pos = 0;
  for (;;) {
    let cur = nextToken(pos);
    if (cur >= length) return;
    const fields: string[] = [];
    if (text[cur] === delimiter) fields.push('');
    for (;;) {
      if (cur >= length) {
        onRecord(fields);
        return;
      }
      const ch = text[cur]!;
      if (isRowEnd(ch)) {
        pos = ch === '\r' && text[cur + 1] === '\n' ? cur + 2 : cur + 1;
        onRecord(fields);
        break;
      }
      let skip = false;
      if (ch === delimiter) {
        pos = cur + 1;
        if (pos >= length || isRowEnd(text[pos]) || text[pos] === delimiter) {
          fields.push('');
          skip = true;
        }
      }
      if (!skip) {
        const start = nextToken(pos);
        if (start < length && text[start] === '"') {
          let i = start + 1;
          let field = '';
          let closed = false;
          while (i < length) {
            const c = text[i]!;
            if (c === '"') {
              if (text[i + 1] === '"') {
                field += '"';
                i += 2;
                continue;
              }
              closed = true;
              i++;
              break;
            }
            field += c;
            i++;
          }
          if (!closed) throw new CsvSyntaxError('missing closing quote');
          const after = nextToken(i);
          if (after < length && text[after] !== delimiter && !isRowEnd(text[after])) throw new CsvSyntaxError('text after a closing quote');
          pos = after;
          fields.push(field);
        } else {
          let end = pos;
          while (end < length && text[end] !== delimiter && !isRowEnd(text[end])) end++;
          fields.push(text.slice(pos, end));
          pos = end;
        }
      }
      cur = nextToken(pos);
    }
  }
}

/** A CSV file's one sheet ("CSV"): records numbered from 1 as rows, those with no text left out. */
export function csvSheets(fileName: string, bytes: Uint8Array): ImportSheet[] {
  const text = decodeCsv(bytes).replace(/^\uFEFF+/, '');
  const records: { row: number; fields: string[] }[] = [];
  let row = 0;
  try {
    splitCsv(text, delimiterOf(text), (fields) => {
      row++;
      if (!fields.some((f) => f !== '')) return;
      // Counted as split: a file past the limit stops here.
      if (records.length >= MAX_INPUT_ROWS) throw tooManyRows(fileName, 'CSV');
      records.push({ row, fields });
    });
  } catch (error) {
    if (error instanceof CsvSyntaxError) {
      throw new TableFileError(
        'FILE_NOT_CSV',
        `Tệp "${fileName}" không đọc được dạng CSV (dấu ngoặc kép không đóng?). Mở bằng Excel và lưu lại dạng "CSV UTF-8".`,
      );
    }
    throw error;
  }
  const width = records.reduce((n, r) => Math.max(n, r.fields.length), 0);
  const grid: GridRow[] = records.map(({ row: number, fields }) => {
    const cells = fields.map((f) => (f === '' ? '' : nfcMultiline(f)));
    while (cells.length < width) cells.push('');
    return { row: number, cells, bold: false };
  });
  return [{ sheet: 'CSV', grid }];
}
