/**
 * Some tabs of the local store, read without loading the workbook: each wanted sheet's XML is scanned a row at a time
 * as it inflates (sheet-xml.ts), and only the cells of the tab's columns become values; the other sheets are never
 * inflated. A loaded workbook keeps every cell as an object (metrics over 100,000 meetings peaked at 660 MB, loading
 * the whole store to read it), and exceljs's own streaming reader spent most of a push's time on its parse and its
 * garbage.
 *
 * What is read is exactly what loading the workbook reads, value for value: each cell follows exceljs's loading rules
 * (lib/xlsx/xform/sheet/cell-xform.js, shared-string-xform.js), as the values exceljs would hold, then the same
 * conversion to plain values (tab-rows.ts). Where this is not sure to read the same, it says so (null) and the store
 * loads the workbook instead: a wanted tab not found under its own name (renamed by an official, or missing), a sheet
 * part named in another way, link cells or merged cells in a wanted sheet (loading resolves them), and any XML in a form
 * the store's writers and Excel do not write (prefixed tags, comments, CDATA, unknown entities, cells or rows without
 * their address or out of order, a shared string that is not there).
 */
import type ExcelJS from 'exceljs';
import utils from 'exceljs/lib/utils/utils.js';
import { tabForName, unescapeX, type Row, type TablesShape, type TabSpec, type ZipArchive } from '../../core/index';
import { dateStyleIds } from './sheet-patch';
import { attr, cellAddress, scanSheet, xmlText } from './sheet-xml';
import { headerColumns, plainRow, rowTexts } from './tab-rows';

export interface StreamedTabs {
  tables: Record<string, Row[]>;
  /** Each tab's sheet: its part in the package and its header's columns (for a write patching that part, sheet-patch.ts). */
  sheets: Record<string, { part: string; columns: Map<string, number> }>;
  /** Which layout columns each tab has (its header row), under the sheet's own name: the sync's structure check. */
  shape: TablesShape;
}

/** Thrown where loading might read otherwise: the whole read answers null. */
class NotExact extends Error {}
function notExact(): never {
  throw new NotExact();
}

/** A cell's value as exceljs holds it once loaded (a shared string item with no text is an empty object); undefined for a cell without one. */
type Value = ExcelJS.CellValue | undefined;

const SHEET_PART = /^worksheets\/sheet(\d+)\.xml$/;

/** A tag or a run of text, at the position the scan stands (sticky): anything else (comments, CDATA) is not followed. */
const TOKEN = /<(\/?)([A-Za-z][\w.:-]*)((?:\s[^>]*?)?)(\/?)>|([^<]+)/y;

interface Token {
  close: boolean;
  name: string;
  attrs: string;
  selfClosing: boolean;
  text: string | undefined;
}

/** The tags and texts of `xml`, in order (a self-closing tag twice: opened, then closed). */
function* tokens(xml: string): Generator<Token> {
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < xml.length) {
    const match = TOKEN.exec(xml) ?? notExact();
    if (match[5] !== undefined) {
      yield { close: false, name: '', attrs: '', selfClosing: false, text: xmlText(match[5]) ?? notExact() };
      continue;
    }
    const [, close, name, attrs, selfClosing] = match as unknown as [string, string, string, string, string];
    const token = { close: close === '/', name, attrs, selfClosing: selfClosing === '/', text: undefined };
    if (token.close && (attrs || token.selfClosing)) notExact();
    const at = TOKEN.lastIndex;
    yield token;
    if (token.selfClosing) yield { ...token, close: true };
    TOKEN.lastIndex = at;
  }
}

/** Skips the tokens up to the one closing `name` (nested tags of any name inside). */
function skipTo(parts: Iterator<Token>, name: string): void {
  let depth = 0;
  for (let next = parts.next(); !next.done; next = parts.next()) {
    const token = next.value;
    if (token.text !== undefined) continue;
    if (!token.close) depth++;
    else if (depth > 0) depth--;
    else if (token.name === name) return;
    else notExact();
  }
  notExact();
}

/** One rich text run (`<r>`, its `<r>` read): its text, as exceljs's RichTextXform reads it; its format is not read. */
function richRun(parts: Iterator<Token>): { text: string | undefined } {
  const run: { text: string | undefined } = { text: undefined };
  let text: string[] | null = null;
  for (let next = parts.next(); !next.done; next = parts.next()) {
    const token = next.value;
    if (token.text !== undefined) {
      if (text) text.push(token.text);
    } else if (!token.close && token.name === 'rPr' && !text) skipTo(parts, 'rPr');
    else if (!token.close && token.name === 't' && !text) text = [];
    else if (token.close && token.name === 't' && text) {
      run.text = unescapeX(text.join(''));
      text = null;
    } else if (token.close && token.name === 'r' && !text) return run;
    else notExact();
  }
  return notExact();
}

/** One shared string item (`<si>…</si>`, whole) as exceljs loads it (shared-string-xform.js). */
function sharedItem(xml: string): Value {
  const parts = tokens(xml);
  let next = parts.next();
  if (next.done || next.value.close || next.value.name !== 'si') notExact();
  let value: string | { richText: { text: string | undefined }[] } | Record<string, never> = {};
  for (next = parts.next(); !next.done; next = parts.next()) {
    const inner = next.value;
    if (inner.text !== undefined) continue;
    if (inner.close && inner.name === 'si') return value as unknown as Value;
    if (inner.close) notExact();
    if (inner.name === 't') {
      const text: string[] = [];
      for (next = parts.next(); !next.done && next.value.text !== undefined; next = parts.next()) text.push(next.value.text);
      if (next.done || !next.value.close || next.value.name !== 't') notExact();
      value = unescapeX(text.join(''));
    } else if (inner.name === 'r') {
      // A run after a plain text: exceljs fails on it (it sets runs on a string).
      if (typeof value === 'string') notExact();
      const runs = ('richText' in value ? value.richText : []) as { text: string | undefined }[];
      runs.push(richRun(parts));
      value = { richText: runs };
    } else if (inner.name === 'rPh' || inner.name === 'phoneticPr') skipTo(parts, inner.name);
    else notExact();
  }
  return notExact();
}

/** A shared string item holding one plain text, as Excel and exceljs write most (sticky). */
const PLAIN_ITEM = /\s*<si><t(?: xml:space="preserve")?>([^<]*)<\/t><\/si>/y;

/**
 * The shared strings part's strings as exceljs loads them: a plain text (`<t>`, Excel's _xHHHH_ escapes decoded), rich
 * text runs, or an empty object for an item holding neither; phonetic runs not read.
 */
function sharedStrings(xml: string | null): Value[] {
  if (xml === null) return [];
  const open = /<sst\b[^>]*?(\/?)>/.exec(xml) ?? notExact();
  if (open[1]) return [];
  const end = xml.lastIndexOf('</sst>');
  if (end < open.index) notExact();
  const strings: Value[] = [];
  let at = open.index + open[0].length;
  while (at < end) {
    PLAIN_ITEM.lastIndex = at;
    const plain = PLAIN_ITEM.exec(xml);
    if (plain && PLAIN_ITEM.lastIndex <= end) {
      strings.push(unescapeX(xmlText(plain[1]!) ?? notExact()));
      at = PLAIN_ITEM.lastIndex;
      continue;
    }
    while (at < end && /\s/.test(xml[at]!)) at++;
    if (at >= end) break;
    const close = xml.indexOf('>', at);
    const itemEnd = close >= 0 && xml[close - 1] === '/' ? close + 1 : xml.indexOf('</si>', at) + '</si>'.length;
    if (itemEnd <= at || itemEnd > end) notExact();
    strings.push(sharedItem(xml.slice(at, itemEnd)));
    at = itemEnd;
  }
  return strings;
}

const INLINE_TEXT = /^<is><t(?: xml:space="preserve")?>([^<]*)<\/t><\/is>$/;

/**
 * A cell's value as exceljs loads it (cell-xform.js: parseOpen/parseText/parseClose, then reconcile, then the value
 * Cell gives: a formula's with only its truthy parts, FormulaValue._copyModel). `formulae`: the groups of shared
 * formulas whose first cell the sheet has shown so far.
 */
function cellValue(
  type: string | undefined,
  body: string,
  isDate: boolean,
  context: { strings: readonly Value[]; date1904: boolean; formulae: Set<string | undefined> },
): Value {
  let raw: string | undefined;
  /** The formula's text is not empty; its `<f>`'s attributes. */
  let formulaText = false;
  let formula: { t?: string; ref?: string; si?: string } | undefined;
  let rich: { text: string | undefined }[] | undefined;
  // The common forms first: a value alone, an inline string as the store's patched writes write it.
  const inline = body.startsWith('<v>') ? null : INLINE_TEXT.exec(body);
  if (body.startsWith('<v>') && body.endsWith('</v>') && body.indexOf('<', 3) === body.length - 4) {
    raw = body.length > 7 ? (xmlText(body.slice(3, -4)) ?? notExact()) : undefined;
  } else if (inline) {
    raw = inline[1] === '' ? undefined : (xmlText(inline[1]!) ?? notExact());
  } else {
    let into: 'f' | 'v' | 't' | undefined;
    const parts = tokens(body);
    for (let next = parts.next(); !next.done; next = parts.next()) {
      const token = next.value;
      if (token.text !== undefined) {
        if (into === 'f') formulaText = true;
        else if (into) {
          if (rich) notExact();
          raw = (raw ?? '') + token.text;
        }
      } else if (token.close) {
        if (token.name === 'f' || token.name === 'v' || token.name === 't' || token.name === 'is') into = undefined;
        else notExact();
      } else if (token.name === 'f') {
        into = 'f';
        if (ODD_ATTRS.test(token.attrs)) notExact();
        formula = { t: attr(token.attrs, 't'), ref: attr(token.attrs, 'ref'), si: attr(token.attrs, 'si') };
      } else if (token.name === 'v' || token.name === 't') into = token.name;
      else if (token.name === 'is' && !into) continue;
      else if (token.name === 'r' && !into) {
        if (raw !== undefined) notExact();
        (rich ??= []).push(richRun(parts));
      } else notExact();
    }
  }
  // A formula: its text, or the group of a shared formula (t="shared"; its other cells carry no text).
  if (formula && (formulaText || formula.t)) {
    if (rich) notExact();
    let result: Value;
    if (raw) {
      if (type === 'str') result = utils.xmlDecode(raw);
      else if (type === 'b') result = parseInt(raw, 10) !== 0;
      else if (type === 'e') result = { error: raw as ExcelJS.CellErrorValue['error'] };
      else result = parseFloat(raw);
      if (isDate) result = utils.excelToDate(result as number, context.date1904);
    }
    // A group's first cell names its range; another cell of it reads as a formula once that first cell was seen.
    let isFormula = formulaText;
    if (formula.t === 'shared') {
      if (formula.ref) context.formulae.add(formula.si);
      else isFormula ||= context.formulae.has(formula.si);
    }
    // Neither a formula nor a shared one: a value with no formula, which reads as empty.
    if (!isFormula) return {} as ExcelJS.CellValue;
    // A result that is 0, false or NaN is dropped, as exceljs drops it.
    return { formula: '', result: result || undefined } as ExcelJS.CellValue;
  }
  if (rich) return type === 'inlineStr' ? { richText: rich as ExcelJS.RichText[] } : notExact();
  if (raw === undefined) return undefined;
  switch (type) {
    case 's': {
      const value = context.strings[parseInt(raw, 10)];
      // A string the part does not hold: loading fails on it.
      return value === undefined ? notExact() : value;
    }
    case 'str':
      return utils.xmlDecode(raw);
    case 'inlineStr':
      return raw;
    case 'b':
      return parseInt(raw, 10) !== 0;
    case 'e':
      return { error: raw as ExcelJS.CellErrorValue['error'] };
    default:
      return isDate ? utils.excelToDate(parseFloat(raw), context.date1904) : parseFloat(raw);
  }
}

/** A cell and its content, at the position the scan of a row stands (sticky); whitespace between cells allowed. */
const CELL = /\s*<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/y;
/** Attributes in a form `attr` does not read (single quotes, spaces around "=", entities). */
const ODD_ATTRS = /['&]|\s=|=\s/;

interface SheetContext {
  strings: readonly Value[];
  date1904: boolean;
  dateStyles: ReadonlySet<number>;
  formulae: Set<string | undefined>;
}

/** One tab's rows and header columns from its sheet, read as it inflates; throws NotExact. */
function readSheet(zip: ZipArchive, part: string, tab: TabSpec, context: SheetContext): { rows: Row[]; columns: Map<string, number> } {
  const rows: Row[] = [];
  let columns = new Map<string, number>();
  /** The columns whose values are read (1-based), once the header is known. */
  let wanted: boolean[] = [];
  let previous = 0;
  let tail = '';
  const values: Value[] = [];
  const valueAt = (colNumber: number): ExcelJS.CellValue => values[colNumber] ?? null;

  const row = (_xml: string, attrs: string, body: string | undefined): void => {
    const ref = attr(attrs, 'r');
    const rowNumber = ref !== undefined && /^[1-9]\d*$/.test(ref) && !ODD_ATTRS.test(attrs) ? Number(ref) : notExact();
    if (rowNumber <= previous) notExact();
    previous = rowNumber;
    const header = rowNumber === 1;
    const frozen = !header && rowNumber <= tab.frozenRows;
    values.length = 0;
    let lastCol = 0;
    if (body !== undefined) {
      CELL.lastIndex = 0;
      let end = 0;
      for (let match = CELL.exec(body); match; match = CELL.exec(body)) {
        end = CELL.lastIndex;
        const cellAttrs = match[1]!;
        if (ODD_ATTRS.test(cellAttrs)) notExact();
        const address = cellAddress(attr(cellAttrs, 'r') ?? '');
        if (!address || address[0] !== rowNumber || address[1] <= lastCol) notExact();
        const col = address![1];
        lastCol = col;
        const cellBody = match[2];
        if (cellBody === undefined || cellBody === '') continue;
        const read = header || (!frozen && wanted[col] === true);
        // A cell not read still counts where it opens a group of shared formulas that cells read may belong to.
        if (!read && !cellBody.includes('<f')) continue;
        const s = attr(cellAttrs, 's');
        const styleId = s ? parseInt(s, 10) : 0;
        const isDate = styleId > 0 && context.dateStyles.has(styleId);
        const value = cellValue(attr(cellAttrs, 't'), cellBody, isDate, context);
        if (read) values[col] = value;
      }
      if (body.slice(end).trim() !== '') notExact();
    }
    if (frozen) return;
    if (header) {
      columns = headerColumns(
        tab,
        rowTexts((visit) =>
          values.forEach((value, col) => {
            if (value !== undefined && value !== null) visit(value as ExcelJS.CellValue, col);
          }),
        ),
      );
      wanted = [];
      for (const col of columns.values()) wanted[col] = true;
      if (rowNumber <= tab.frozenRows) return;
    }
    const plain = plainRow(tab, columns, valueAt, rowNumber);
    if (plain) rows.push(plain);
  };

  scanSheet(
    (onText) => zip.streamText(part, onText),
    {
      head: (head) => {
        if (!/<worksheet[\s>]/.test(head)) notExact();
      },
      row,
      rowsEnd: () => undefined,
      tail: (text) => (tail += text),
    },
    notExact,
  );
  // Links and merged cells: loading gives a link cell its address or text, a merged range its first cell's value.
  if (/<(?:hyperlink|mergeCell)[\s/>]/.test(tail)) notExact();
  return { rows, columns };
}

/** A part's relationships: id → target, as exceljs resolves a workbook's (openpyxl's absolute "/xl/…" made relative). */
function relationships(xml: string | null): Map<string, string> {
  const rels = new Map<string, string>();
  for (const match of (xml ?? '').matchAll(/<Relationship\b([^>]*?)\/?>/g)) {
    const target = xmlText(attr(match[1]!, 'Target') ?? '') ?? notExact();
    rels.set(attr(match[1]!, 'Id') ?? '', target.replace(/^\/xl\//, ''));
  }
  return rels;
}

/**
 * The tabs `wanted` read from the store's package (its parts inflated and checked as they are read); null where only
 * loading the workbook reads them exactly.
 */
export function streamTabs(zip: ZipArchive, wanted: readonly TabSpec[]): StreamedTabs | null {
  try {
    return readTabs(zip, wanted);
  } catch (error) {
    if (error instanceof NotExact) return null;
    throw error;
  }
}

function readTabs(zip: ZipArchive, wanted: readonly TabSpec[]): StreamedTabs | null {
  const workbook = zip.textOf('xl/workbook.xml');
  const rels = zip.textOf('xl/_rels/workbook.xml.rels');
  if (workbook === null || rels === null) return null;
  const targets = relationships(rels);
  const workbookPr = /<workbookPr\b([^>]*?)\/?>/.exec(workbook);
  const date1904 = workbookPr ? attr(workbookPr[1]!, 'date1904') === '1' : false;
  // Each wanted tab's sheet: the first named after it, as the loading path takes it.
  const sheetOf = new Map<string, { part: string; name: string }>();
  for (const match of workbook.matchAll(/<sheet\b([^>]*?)\/?>/g)) {
    const name = xmlText(attr(match[1]!, 'name') ?? '') ?? notExact();
    const tab = tabForName(name);
    if (!tab || sheetOf.has(tab.key) || !wanted.includes(tab)) continue;
    const number = SHEET_PART.exec(targets.get(attr(match[1]!, 'r:id') ?? '') ?? '')?.[1];
    if (!number) return null;
    sheetOf.set(tab.key, { part: `xl/worksheets/sheet${number}.xml`, name });
  }
  if (wanted.some((tab) => !sheetOf.has(tab.key) || !zip.has(sheetOf.get(tab.key)!.part))) return null;
  const context = {
    strings: sharedStrings(zip.textOf('xl/sharedStrings.xml')),
    date1904,
    dateStyles: dateStyleIds(zip.textOf('xl/styles.xml') ?? ''),
  };
  const tables: Record<string, Row[]> = {};
  const sheets: StreamedTabs['sheets'] = {};
  const shape = new Map<string, { name: string; columns: Set<string> }>();
  for (const tab of wanted) {
    const { part, name } = sheetOf.get(tab.key)!;
    const { rows, columns } = readSheet(zip, part, tab, { ...context, formulae: new Set() });
    tables[tab.key] = rows;
    sheets[tab.key] = { part, columns };
    shape.set(tab.key, { name, columns: new Set(columns.keys()) });
  }
  return { tables, sheets, shape };
}
