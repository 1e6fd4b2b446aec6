// TEMPORARY stand-in for branch i26-readers; replaced at merge.
/**
 * A table file's bytes as the grids the importer reads. This stand-in reads CSV only (UTF-8, ";" or "," between
 * fields, quotes), as sync/excel/read-grids.ts does for the command line; Word and Excel come with the real reader.
 */
import type { GridRow } from '../appendix/parse-appendix';
import type { ImportSheet } from '../import/plan-import';
import { nfcMultiline } from '../text/vietnamese';

export type TableFileRead = { ok: true; sheets: ImportSheet[] } | { ok: false; code: string; message: string };

function fields(text: string, delimiter: string): string[][] | null {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === delimiter) {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (quoted) return null;
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** Strict UTF-8 (ES2020 has no TextDecoder in Apps Script): null on a malformed sequence. */
function utf8(bytes: Uint8Array): string | null {
  const out: string[] = [];
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i]!;
    const n = b < 0x80 ? 0 : b >= 0xc2 && b < 0xe0 ? 1 : b >= 0xe0 && b < 0xf0 ? 2 : b >= 0xf0 && b < 0xf5 ? 3 : -1;
    if (n < 0 || i + n >= bytes.length + (n === 0 ? 1 : 0)) return null;
    let cp = n === 0 ? b : b & (0x3f >> n);
    for (let k = 1; k <= n; k++) {
      const c = bytes[i + k]!;
      if ((c & 0xc0) !== 0x80) return null;
      cp = (cp << 6) | (c & 0x3f);
    }
    out.push(String.fromCodePoint(cp));
    i += n + 1;
  }
  return out.join('');
}

export function readTableFile(fileName: string, bytes: Uint8Array): TableFileRead {
  if (!/\.csv$/i.test(fileName)) {
    return { ok: false, code: 'FILE_UNSUPPORTED', message: `Chưa đọc được tệp "${fileName}": chỉ nhận tệp .csv.` };
  }
  const decoded = utf8(bytes);
  if (decoded === null) {
    return {
      ok: false,
      code: 'FILE_NOT_CSV',
      message: `Tệp "${fileName}" không phải văn bản UTF-8. Mở bằng Excel và lưu lại dạng "CSV UTF-8".`,
    };
  }
  const text = decoded.replace(/^\uFEFF/, '');
  const head = text.split(/\r?\n/).slice(0, 20).join('\n');
  const delimiter = (head.match(/;/g)?.length ?? 0) > (head.match(/,/g)?.length ?? 0) ? ';' : ',';
  const rows = fields(text, delimiter);
  if (!rows) {
    return {
      ok: false,
      code: 'FILE_NOT_CSV',
      message: `Tệp "${fileName}" không đọc được dạng CSV (dấu ngoặc kép không đóng?). Mở bằng Excel và lưu lại dạng "CSV UTF-8".`,
    };
  }
  const width = Math.max(0, ...rows.map((r) => r.length));
  const grid: GridRow[] = [];
  rows.forEach((r, i) => {
    if (r.every((c) => c.trim() === '')) return;
    grid.push({ row: i + 1, cells: Array.from({ length: width }, (_, c) => nfcMultiline(r[c] ?? '')), bold: false });
  });
  return { ok: true, sheets: [{ sheet: 'CSV', grid }] };
}
