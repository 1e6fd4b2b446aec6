/**
 * An .xlsx workbook's sheets as the plain grids the core importer reads, straight from the package's XML: the
 * workbook (sheet names and order, the 1904 date system), shared strings, styles (date formats, bold fonts), each
 * sheet's cells, merged ranges and hyperlinks. The rules are those the CLI followed when it read through exceljs, so
 * a plan reads the same as it always did:
 * - a cell shows its value as text (a formula its cached value, none if it has none; an error value as written,
 *   "#REF!"); a number in a date format shows the day (dd/mm/yyyy); rich text runs are joined, phonetic runs not read;
 * - a horizontally merged range keeps its text in its first cell and notes its width (`spans`); a vertically merged
 *   cell (one unit leading several tasks) repeats in each row;
 * - a hyperlink cell shows its text (its address when it has none), its address travels in `links`;
 * - a row is bold when one of its first three cells is (a bold font, or a bold run of rich text);
 * - rows without a value are left out; every row is as wide as the widest.
 * Sheets stream: a sheet's XML is parsed while it inflates, and given up at the first row past MAX_INPUT_ROWS.
 */
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import type { GridRow } from '../appendix/parse-appendix';
import type { ImportSheet } from '../import/plan-import';
import { dateCellValue, isoFromUtcDate } from '../layout/date-cell';
import { nfcMultiline } from '../text/vietnamese';
import { MAX_INPUT_ROWS, tooManyRows } from './file-errors';
import { MAX_XML_DEPTH, XmlTooDeepError } from './xml-tree';
import type { ZipArchive } from './zip';

/** Excel's built-in number formats that are dates or times (the ids exceljs knew without a locale). */
export const BUILT_IN_FORMATS: Record<number, string> = {
  14: 'mm-dd-yy',
  15: 'd-mmm-yy',
  16: 'd-mmm',
  17: 'mmm-yy',
  18: 'h:mm AM/PM',
  19: 'h:mm:ss AM/PM',
  20: 'h:mm',
  21: 'h:mm:ss',
  22: 'm/d/yy "h":mm',
  45: 'mm:ss',
  46: '[h]:mm:ss',
  47: 'mmss.0',
};

/** A format that shows a date or time: a date part outside quotes and brackets (exceljs's rule, kept as officials' files read). */
export function isDateFormat(format: string | undefined): boolean {
  if (!format) return false;
  return /[ymdhMsb]+/.test(format.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}

/** Excel's _xHHHH_ escapes (a line feed saved as _x000A_ by some writers) as the characters they stand for. */
export const unescapeX = (text: string): string =>
  text.replace(/_x([0-9A-F]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));

interface Style {
  date: boolean;
  bold: boolean;
}

/** Tags are matched by local name: Strict OOXML and some writers prefix the SpreadsheetML namespace. */
const local = (name: string): string => {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
};

const attr = (tag: SaxesTagPlain, name: string): string | undefined => (tag.attributes as Record<string, string>)[name];

/** The relationship id attribute (r:id), whatever its prefix. */
function relId(tag: SaxesTagPlain): string | undefined {
  const attrs = tag.attributes as Record<string, string>;
  for (const key in attrs) if (key.endsWith(':id')) return attrs[key];
  return undefined;
}

/**
 * Runs one SAX pass over the text `feed` writes (a part whole, or in pieces as it inflates), with the depth bounded.
 */
function sax(
  feed: (write: (text: string) => void) => void,
  on: { open?: (tag: SaxesTagPlain, depth: number) => void; close?: (name: string) => void; text?: (text: string) => void },
): void {
  const parser = new SaxesParser({ xmlns: false, position: false });
  let depth = 0;
  parser.on('opentag', (tag) => {
    if (!tag.isSelfClosing && ++depth > MAX_XML_DEPTH) throw new XmlTooDeepError();
    // A self-closing tag sits one level below its parent, as an open one does.
    on.open?.(tag as SaxesTagPlain, tag.isSelfClosing ? depth + 1 : depth);
    if (tag.isSelfClosing) on.close?.(local(tag.name));
  });
  parser.on('closetag', (tag) => {
    if (tag.isSelfClosing) return;
    depth--;
    on.close?.(local(tag.name));
  });
  if (on.text) {
    parser.on('text', on.text);
    parser.on('cdata', on.text);
  }
  parser.on('error', (error) => {
    throw error;
  });
  feed((text) => parser.write(text));
  parser.close();
}

function parsePart(zip: ZipArchive, name: string, on: Parameters<typeof sax>[1]): boolean {
  const text = zip.textOf(name);
  if (text === null) return false;
  sax((write) => write(text), on);
  return true;
}

/** A package relationships part: id → target part name (external targets as written). */
function relationships(zip: ZipArchive, relsName: string, baseFolder: string): Map<string, { target: string; external: boolean }> {
  const rels = new Map<string, { target: string; external: boolean }>();
  parsePart(zip, relsName, {
    open: (tag) => {
      if (local(tag.name) !== 'Relationship') return;
      const target = attr(tag, 'Target') ?? '';
      const external = attr(tag, 'TargetMode') === 'External';
      rels.set(attr(tag, 'Id') ?? '', {
        target: external ? target : resolvePart(baseFolder, target),
        external,
      });
    },
  });
  return rels;
}

/** A part name from a relationship's target: absolute ("/xl/worksheets/sheet1.xml", openpyxl) or relative to the folder. */
function resolvePart(folder: string, target: string): string {
  const parts = target.startsWith('/') ? [] : folder.split('/').filter((p) => p !== '');
  for (const piece of target.split('/')) {
    if (piece === '' || piece === '.') continue;
    if (piece === '..') parts.pop();
    else parts.push(piece);
  }
  return parts.join('/');
}

interface SharedString {
  text: string;
  /** A run of it is bold. */
  bold: boolean;
  rich: boolean;
}

function sharedStrings(zip: ZipArchive): SharedString[] {
  const strings: SharedString[] = [];
  let current: SharedString | null = null;
  let inPhonetic = 0;
  let inText = false;
  let runText: string[] = [];
  let plainText: string[] | null = null;
  let inRunProps = false;
  parsePart(zip, 'xl/sharedStrings.xml', {
    open: (tag) => {
      const name = local(tag.name);
      if (name === 'si') {
        current = { text: '', bold: false, rich: false };
        plainText = null;
      } else if (name === 'rPh') inPhonetic++;
      else if (inPhonetic === 0 && current) {
        if (name === 't') {
          inText = true;
          runText = [];
        } else if (name === 'r') current.rich = true;
        else if (name === 'rPr') inRunProps = true;
        else if (name === 'b' && inRunProps) current.bold = true;
      }
    },
    close: (name) => {
      if (name === 'rPh') inPhonetic--;
      else if (inPhonetic > 0) return;
      else if (name === 't' && current && inText) {
        inText = false;
        const text = unescapeX(runText.join(''));
        if (current.rich) current.text += text;
        else plainText = [text];
      } else if (name === 'rPr') inRunProps = false;
      else if (name === 'si' && current) {
        if (!current.rich) current.text = plainText?.[0] ?? '';
        strings.push(current);
        current = null;
      }
    },
    text: (text) => {
      if (inText && inPhonetic === 0) runText.push(text);
    },
  });
  return strings;
}

/** Cell formats (cellXfs) by index: whether each shows a date, whether its font is bold. */
function styles(zip: ZipArchive): Style[] {
  const formats = new Map<number, string>();
  const boldFonts: boolean[] = [];
  const xfs: { numFmtId: number; fontId: number }[] = [];
  let section = '';
  let font = -1;
  parsePart(zip, 'xl/styles.xml', {
    open: (tag, depth) => {
      const name = local(tag.name);
      if (depth === 2) section = name;
      if (name === 'numFmt' && section === 'numFmts') formats.set(Number(attr(tag, 'numFmtId')), attr(tag, 'formatCode') ?? '');
      else if (name === 'font' && section === 'fonts' && depth === 3) boldFonts[(font = boldFonts.length)] = false;
      // <b val="0"/> still counted bold, as exceljs read it: Excel writes no such thing.
      else if (name === 'b' && section === 'fonts' && font >= 0) boldFonts[font] = true;
      else if (name === 'xf' && section === 'cellXfs' && depth === 3) {
        xfs.push({ numFmtId: Number(attr(tag, 'numFmtId') ?? 0), fontId: Number(attr(tag, 'fontId') ?? -1) });
      }
    },
  });
  return xfs.map(({ numFmtId, fontId }) => ({
    date: numFmtId ? isDateFormat(formats.get(numFmtId) ?? BUILT_IN_FORMATS[numFmtId]) : false,
    bold: boldFonts[fontId] ?? false,
  }));
}

/** What a cell holds, as read. */
interface Cell {
  col: number;
  /** Index 0 is no style (as Excel means it). */
  style: number;
  kind: 'null' | 'string' | 'number' | 'boolean' | 'error' | 'formula';
  /** Text for strings and errors, the raw number or boolean text otherwise; a formula's cached value. */
  value: string | undefined;
  /** A formula's cached value's type (t attribute). */
  resultType?: string;
  /** A run of the cell's rich text is bold. */
  richBold: boolean;
}

interface RawRow {
  row: number;
  style: number;
  cells: Cell[];
}

const columnOf = (ref: string): number => {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    n = n * 26 + c - 64;
  }
  return n;
};

interface Range {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

function parseRange(ref: string): Range | null {
  const m = /^\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/.exec(ref);
  if (!m) return null;
  const a = { col: columnOf(m[1]!), row: Number(m[2]) };
  const b = m[3] ? { col: columnOf(m[3]), row: Number(m[4]) } : a;
  return { top: Math.min(a.row, b.row), bottom: Math.max(a.row, b.row), left: Math.min(a.col, b.col), right: Math.max(a.col, b.col) };
}

interface SheetData {
  rows: RawRow[];
  cols: { min: number; max: number; style: number }[];
  merges: Range[];
  /** Cell address → relationship id. */
  links: Map<string, string>;
}

/** A sheet's cells, merges and links; stops with FILE_TOO_MANY_ROWS past MAX_INPUT_ROWS rows holding a value. */
function sheetData(zip: ZipArchive, part: string, tooMany: () => Error): SheetData {
  const data: SheetData = { rows: [], cols: [], merges: [], links: new Map() };
  let row: RawRow | null = null;
  let cell: Cell | null = null;
  let type: string | undefined;
  /** Where text goes: the formula, the value, an inline string's text, a rich run's text. */
  let into: 'f' | 'v' | 't' | null = null;
  let hasFormula = false;
  let value: string | undefined;
  let inRun = false;
  let inRunProps = false;
  /** Inside a phonetic run (rPh): its text is a reading aid, not the cell's. */
  let phonetic = 0;
  let lastRow = 0;
  let lastCol = 0;
  let valued = 0;
  let section = '';
  sax((write) => zip.streamText(part, write), {
    open: (tag, depth) => {
      const name = local(tag.name);
      if (depth === 2) section = name;
      if (section === 'sheetData') {
        if (name === 'row') {
          const r = attr(tag, 'r');
          lastRow = r ? Number(r) : lastRow + 1;
          lastCol = 0;
          row = { row: lastRow, style: Number(attr(tag, 's') ?? 0), cells: [] };
        } else if (name === 'c' && row) {
          const ref = attr(tag, 'r');
          lastCol = ref ? columnOf(ref) : lastCol + 1;
          type = attr(tag, 't');
          cell = { col: lastCol, style: Number(attr(tag, 's') ?? 0), kind: 'null', value: undefined, richBold: false };
          hasFormula = false;
          value = undefined;
        } else if (cell) {
          if (name === 'f') {
            into = 'f';
            // A shared formula's other cells carry no text, only their group (t="shared").
            if (attr(tag, 't')) hasFormula = true;
          } else if (name === 'v') into = 'v';
          else if (name === 'r') inRun = true;
          else if (name === 'rPr') inRunProps = true;
          else if (name === 'b' && inRun && inRunProps) cell.richBold = true;
          else if (name === 't') into = phonetic > 0 ? null : 't';
          else if (name === 'rPh') phonetic++;
        }
      } else if (name === 'col' && section === 'cols') {
        const style = Number(attr(tag, 'style') ?? 0);
        if (style) data.cols.push({ min: Number(attr(tag, 'min')), max: Number(attr(tag, 'max')), style });
      } else if (name === 'mergeCell') {
        const range = parseRange(attr(tag, 'ref') ?? '');
        if (range) data.merges.push(range);
      } else if (name === 'hyperlink') {
        const id = relId(tag);
        const ref = attr(tag, 'ref');
        if (id && ref) data.links.set(ref, id);
      }
    },
    text: (text) => {
      if (!cell || into === null) return;
      if (into === 'f') {
        if (text !== '') hasFormula = true;
      } else value = value === undefined ? text : value + text;
    },
    close: (name) => {
      if (section !== 'sheetData') return;
      if (name === 'c' && cell && row) {
        if (hasFormula) {
          cell.kind = 'formula';
          cell.resultType = type;
          // exceljs kept no cached value that was empty.
          cell.value = value ? value : undefined;
        } else if (value !== undefined) {
          cell.kind =
            type === 's' || type === 'str' || type === 'inlineStr'
              ? 'string'
              : type === 'b'
                ? 'boolean'
                : type === 'e'
                  ? 'error'
                  : 'number';
          cell.value = value;
          if (type === 's') cell.resultType = 's';
        }
        row.cells.push(cell);
        cell = null;
        inRun = false;
      } else if (name === 'f' || name === 'v' || name === 't') into = null;
      else if (name === 'rPh') phonetic--;
      else if (name === 'rPr') inRunProps = false;
      else if (name === 'row' && row) {
        if (row.cells.some((c) => c.kind !== 'null')) {
          // Counted as read: a sheet past the limit stops here, its other rows never parsed.
          if (++valued > MAX_INPUT_ROWS) throw tooMany();
        }
        data.rows.push(row);
        row = null;
      }
    },
  });
  return data;
}

/** What a cell shows, and a link it holds. */
interface Shown {
  text: string;
  link?: string;
  /** Rich text with a bold run (a cell's own, or a shared string's). */
  richBold: boolean;
  /** Holds a value (a row of such cells is a row of the grid). */
  valued: boolean;
}

interface WorkbookContext {
  strings: SharedString[];
  styles: Style[];
  date1904: boolean;
}

/** The day a serial number in a date format shows (dd/mm/yyyy, the core's date-cell rule); '' when it is no day. */
function dayText(serial: number, date1904: boolean): string {
  const date = new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000));
  return Number.isNaN(date.getTime()) ? '' : String(dateCellValue(isoFromUtcDate(date), undefined));
}

function shownCell(cell: Cell, ctx: WorkbookContext, link: string | undefined): Shown {
  const style = cell.style ? ctx.styles[cell.style] : undefined;
  const number = (raw: string): string => {
    const n = parseFloat(raw);
    return style?.date ? dayText(n, ctx.date1904) : String(n);
  };
  let text = '';
  let richBold = cell.richBold;
  let error = false;
  switch (cell.kind) {
    case 'string':
      if (cell.resultType === 's') {
        const shared = ctx.strings[parseInt(cell.value!, 10)];
        text = shared?.text ?? '';
        richBold = shared?.rich === true && shared.bold;
      } else text = cell.value!;
      break;
    case 'number':
      text = number(cell.value!);
      break;
    case 'boolean':
      text = String(parseInt(cell.value!, 10) !== 0);
      break;
    case 'error':
      text = cell.value!;
      error = true;
      break;
    case 'formula':
      if (cell.value === undefined) break;
      if (cell.resultType === 'str') text = cell.value;
      else if (cell.resultType === 'b') text = String(parseInt(cell.value, 10) !== 0);
      else if (cell.resultType === 'e') {
        text = cell.value;
        error = true;
      } else text = number(cell.value);
      break;
  }
  // A link cell shows its text, or its address when it shows nothing (an error is no text to show).
  if (link !== undefined) text = (error ? '' : text) || link;
  return { text: text === '' ? '' : nfcMultiline(text), link, richBold, valued: cell.kind !== 'null' || link !== undefined };
}

/** The style of a cell the sheet never wrote, made by a merged range over it: its row's, else its column's. */
const NOT_WRITTEN = -1;

/** The grid of one sheet, built as exceljs's loaded workbook showed it (see the file's comment). */
function sheetGrid(data: SheetData, ctx: WorkbookContext, targets: Map<string, { target: string; external: boolean }>): GridRow[] {
  const links = new Map<string, string>();
  for (const [ref, id] of data.links) {
    const rel = targets.get(id);
    if (rel) links.set(ref, rel.target);
  }
  interface Place {
    shown: Shown;
    style: number;
    /** The merged range's first cell, for a cell it covers. */
    master?: { row: number; col: number };
    /** Columns this cell's merged range covers, from this cell. */
    span?: number;
  }
  const rows = new Map<number, { style: number; cells: Map<number, Place> }>();
  const letters = (col: number): string => {
    let s = '';
    for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
    return s;
  };
  for (const raw of data.rows) {
    const cells = new Map<number, Place>();
    for (const c of raw.cells) {
      const link = links.get(`${letters(c.col)}${raw.row}`);
      // A cell written with neither value nor format (<c r="B2"/>) is no cell, as exceljs read it: it widens nothing.
      if (c.kind === 'null' && !c.style && link === undefined) continue;
      cells.set(c.col, { shown: shownCell(c, ctx, link), style: c.style });
    }
    const existing = rows.get(raw.row);
    if (existing) for (const [col, place] of cells) existing.cells.set(col, place);
    else rows.set(raw.row, { style: raw.style, cells });
  }
  const empty: Shown = { text: '', richBold: false, valued: false };
  for (const range of data.merges) {
    for (let r = range.top; r <= range.bottom; r++) {
      let target = rows.get(r);
      if (!target) rows.set(r, (target = { style: 0, cells: new Map() }));
      for (let c = range.left; c <= range.right; c++) {
        const place = target.cells.get(c);
        if (r === range.top && c === range.left) {
          if (!place) target.cells.set(c, { shown: empty, style: NOT_WRITTEN });
          if (range.right > range.left) target.cells.get(c)!.span = range.right - range.left + 1;
          continue;
        }
        target.cells.set(c, {
          shown: { text: '', richBold: false, valued: true },
          style: place ? place.style : NOT_WRITTEN,
          master: { row: range.top, col: range.left },
        });
      }
    }
  }
  const valuedRows = [...rows.entries()]
    .filter(([, r]) => [...r.cells.values()].some((p) => p.shown.valued || p.master))
    .sort((a, b) => a[0] - b[0]);
  let width = 0;
  for (const [, r] of valuedRows) for (const col of r.cells.keys()) width = Math.max(width, col);
  const columnStyle = (col: number): number => data.cols.find((c) => col >= c.min && col <= c.max)?.style ?? 0;
  const grid: GridRow[] = [];
  for (const [number, r] of valuedRows) {
    const cells: string[] = [];
    let links: (string | undefined)[] | undefined;
    let spans: (number | undefined)[] | undefined;
    let bold = false;
    for (let c = 1; c <= width; c++) {
      const place = r.cells.get(c);
      let shown = place?.shown ?? empty;
      if (place?.master) {
        const master = rows.get(place.master.row)?.cells.get(place.master.col);
        shown = master?.shown ?? empty;
        // Across a row a merged range shows its text once; down a column it repeats.
        cells.push(place.master.row === number ? '' : shown.text);
      } else cells.push(shown.text);
      if (shown.link && cells[c - 1] !== '') (links ??= [])[c - 1] = shown.link;
      if (place?.span && !place.master) {
        const end = Math.min(width, c + place.span - 1);
        if (end > c) (spans ??= [])[c - 1] = end - c + 1;
      }
      if (c <= 3) {
        // A cell's own format; a cell never written takes its row's, else its column's.
        const style = place && place.style !== NOT_WRITTEN ? place.style : r.style || columnStyle(c);
        if ((style && ctx.styles[style]?.bold) || shown.richBold) bold = true;
      }
    }
    grid.push({ row: number, cells, bold, ...(links ? { links } : {}), ...(spans ? { spans } : {}) });
  }
  return grid;
}

/**
 * Every worksheet of a checked package, in the workbook's order, as a grid (chart sheets and other parts are not
 * read). `tooMany` names a sheet past MAX_INPUT_ROWS.
 */
export function xlsxSheets(zip: ZipArchive): ImportSheet[] {
  const workbookRels = relationships(zip, 'xl/_rels/workbook.xml.rels', 'xl');
  const sheets: { name: string; part: string }[] = [];
  let date1904 = false;
  parsePart(zip, 'xl/workbook.xml', {
    open: (tag) => {
      const name = local(tag.name);
      if (name === 'workbookPr') date1904 = attr(tag, 'date1904') === '1';
      else if (name === 'sheet') {
        const rel = workbookRels.get(relId(tag) ?? '');
        if (rel && !rel.external && /^xl\/worksheets\/[^/]+\.xml$/.test(rel.target))
          sheets.push({ name: attr(tag, 'name') ?? '', part: rel.target });
      }
    },
  });
  const ctx: WorkbookContext = { strings: sharedStrings(zip), styles: styles(zip), date1904 };
  return sheets.flatMap(({ name, part }) => {
    if (!zip.has(part)) return [];
    const data = sheetData(zip, part, () => tooManyRows(zip.fileName, `trang "${name}"`));
    const slash = part.lastIndexOf('/');
    const targets =
      data.links.size > 0
        ? relationships(zip, `${part.slice(0, slash)}/_rels/${part.slice(slash + 1)}.rels`, part.slice(0, slash))
        : new Map();
    return [{ sheet: name, grid: sheetGrid(data, ctx, targets) }];
  });
}
