/**
 * A store tab written into its worksheet's XML as it stands, instead of into a loaded workbook: only the cells whose
 * value changes are rewritten, every other byte of the sheet stays as it was (an official's styles, row heights,
 * extra columns, validations, merged cells). The rules are the loading write's (xlsx-store's writeTab): a cell already
 * holding the value is left alone, the rows the new data no longer fills are emptied, their styles kept. A changed
 * text is written as an inline string (the shared strings part stays as it is; Excel reads both and turns inline
 * strings into shared ones when it saves), a date as its serial number under the cell's date style.
 *
 * Where this cannot do exactly what the loading write does, it says so (Unpatchable) and the store loads the workbook
 * instead: a sheet in another form (prefixed tags, rows or cells without their address, rows out of order), a
 * formula cell to change or empty, a cell under a merge or a link to change or empty (exceljs moves the value to the
 * merge's first cell, drops the link), a date for a cell whose style shows no date.
 */
import { BUILT_IN_FORMATS, columnLetter, isDateFormat, sameCell, type CellValue, type Row, type TabSpec } from '../../core/index';
import utils from 'exceljs/lib/utils/utils.js';
import { attr, cellAddress, scanSheet } from './sheet-xml';

export interface SheetEdit {
  tab: TabSpec;
  /** Column keys → 1-based column numbers, as the sheet's header row has them (every column of the tab). */
  columns: ReadonlyMap<string, number>;
  /** The tab's new rows, from the first row under the header. */
  rows: readonly Row[];
  /** The rows the sheet holds now as the store reads them, by row number. */
  old: ReadonlyMap<number, Row>;
  /** Cell style ids (`s`) whose number format shows a date. */
  dateStyles: ReadonlySet<number>;
}

const CELL = /<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g;
const COL = /<col\b([^>]*?)\/?>/g;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Thrown where only the loading write writes the sheet exactly (see above). */
export class Unpatchable extends Error {}
const unpatchable = (): never => {
  throw new Unpatchable();
};

/** One cell's XML for a new value (null: no cell at all), under style `style`. */
function cellXml(
  ref: string,
  style: string | undefined,
  value: CellValue,
  isDate: boolean,
  dateStyles: ReadonlySet<number>,
): string | null {
  const s = style === undefined ? '' : ` s="${style}"`;
  if (value === null || value === '') return style === undefined ? null : `<c r="${ref}"${s}/>`;
  if (typeof value === 'boolean') return `<c r="${ref}"${s} t="b"><v>${value ? 1 : 0}</v></c>`;
  if (typeof value === 'number') return Number.isFinite(value) ? `<c r="${ref}"${s}><v>${value}</v></c>` : unpatchable();
  if (isDate && ISO_DATE.test(value)) {
    if (style === undefined || !dateStyles.has(Number(style))) return unpatchable();
    return `<c r="${ref}"${s}><v>${utils.dateToExcel(new Date(`${value}T00:00:00Z`))}</v></c>`;
  }
  // Spaces at either end are kept only where the text says so, as Excel writes it.
  const space = /^\s|\s$/.test(value) ? ' xml:space="preserve"' : '';
  return `<c r="${ref}"${s} t="inlineStr"><is><t${space}>${utils.xmlEncode(value)}</t></is></c>`;
}

interface Cell {
  col: number;
  xml: string;
  attrs: string;
  body: string | undefined;
}

function parseCells(body: string | undefined, rowNumber: number): Cell[] {
  const cells: Cell[] = [];
  for (const match of (body ?? '').matchAll(CELL)) {
    const address = cellAddress(attr(match[1]!, 'r') ?? '');
    if (!address || address[0] !== rowNumber) unpatchable();
    cells.push({ col: address![1], xml: match[0], attrs: match[1]!, body: match[2] });
  }
  return cells;
}

/** A row's attributes without its address and `spans` (an optional hint of its first and last cell, which may move). */
const withoutAddress = (attrs: string): string => attrs.replace(/\s(?:r|spans)="[^"]*"/g, '');

/** A cell's key in the sets below: row and column in one number. */
const key = (row: number, col: number): number => row * 20_000 + col;

/**
 * The cells under a link or a merge (keys), from the part of the sheet after its rows: a value written there through
 * exceljs moves to the merge's first cell or drops the link, which a patch would not do; null when they are too many
 * to list (then any change falls back).
 */
function linkedOrMerged(tail: string): Set<number> | null {
  const cells = new Set<number>();
  for (const match of tail.matchAll(/<(?:hyperlink|mergeCell)\b[^>]*?\sref="([^"]*)"/g)) {
    const [from, to = from] = match[1]!.split(':') as [string, string?];
    const a = cellAddress(from);
    const b = cellAddress(to!);
    if (!a || !b) return null;
    if ((b[0] - a[0] + 1) * (b[1] - a[1] + 1) + cells.size > 1_000_000) return null;
    for (let r = a[0]; r <= b[0]; r++) for (let c = a[1]; c <= b[1]; c++) cells.add(key(r, c));
  }
  return cells;
}

const hasValue = (cell: Cell): boolean => /<(?:v|is|f)[\s>/]/.test(cell.body ?? '');
const hasFormula = (cell: Cell): boolean => /<f[\s>/]/.test(cell.body ?? '');

/**
 * Patches a sheet read as text in pieces (`read` hands each to its callback, in order) into `write`, a row at a time,
 * so neither the sheet nor its patched form is ever whole in memory. Returns how many cells changed; throws
 * Unpatchable where only the loading write writes it exactly (what was written is then to be dropped).
 */
export function patchSheet(edit: SheetEdit, read: (onText: (text: string) => void) => void, write: (text: string) => void): number {
  const { tab, columns, rows, old, dateStyles } = edit;
  const first = tab.frozenRows + 1;
  const last = first + rows.length - 1;
  const lastColumn = Math.max(...columns.values());
  let changed = 0;
  /** Keys of the cells changed, checked against the links and merges listed after the rows. */
  const touched: number[] = [];
  const colStyles = new Map<number, string>();

  // A new cell takes its row's style where the row has one, else its column's, as Excel shows an empty cell.
  const takeHead = (head: string): string => {
    if (!/<worksheet[\s>]/.test(head)) unpatchable();
    for (const match of head.matchAll(COL)) {
      const style = attr(match[1]!, 'style');
      if (style === undefined) continue;
      for (let c = Number(attr(match[1]!, 'min')); c <= Number(attr(match[1]!, 'max')); c++) colStyles.set(c, style);
    }
    // The sheet's extent, a hint Excel reads: grown to the new rows and the tab's columns (it comes before the rows).
    return head.replace(/<dimension\s+ref="([^"]*)"\s*\/>/, (whole, ref: string) => {
      const [from, to = from] = ref.split(':') as [string, string?];
      const end = cellAddress(to!);
      if (!end || (end[0] >= last && end[1] >= lastColumn)) return whole;
      return `<dimension ref="${from}:${columnLetter(Math.max(end[1], lastColumn) - 1)}${Math.max(end[0], last)}"/>`;
    });
  };

  const editRow = (rowNumber: number, attrs: string, body: string | undefined, original: string | null): void => {
    const cells = parseCells(body, rowNumber);
    const rowStyle = attr(attrs, 'customFormat') === '1' ? attr(attrs, 's') : undefined;
    const next = rows[rowNumber - first]!;
    const before = old.get(rowNumber);
    let rowChanged = false;
    for (const c of tab.columns) {
      const value = next[c.key] ?? null;
      if (sameCell(c, before?.[c.key] ?? null, value)) continue;
      const col = columns.get(c.key)!;
      const at = cells.findIndex((cell) => cell.col === col);
      const existing = at < 0 ? undefined : cells[at]!;
      if (existing && hasFormula(existing)) unpatchable();
      const style = existing ? attr(existing.attrs, 's') : (rowStyle ?? colStyles.get(col));
      const xml = cellXml(`${columnLetter(col - 1)}${rowNumber}`, style, value, c.type === 'date', dateStyles);
      const cell: Cell | null = xml === null ? null : { col, xml, attrs: '', body: undefined };
      if (existing) cells.splice(at, 1, ...(cell ? [cell] : []));
      else if (cell) cells.push(cell);
      touched.push(key(rowNumber, col));
      changed++;
      rowChanged = true;
    }
    if (!rowChanged) {
      if (original !== null) write(original);
      return;
    }
    cells.sort((a, b) => a.col - b.col);
    write(`<row r="${rowNumber}"${withoutAddress(attrs)}>${cells.map((cell) => cell.xml).join('')}</row>`);
  };

  const emptyRow = (rowNumber: number, attrs: string, body: string | undefined, original: string): void => {
    const cells = parseCells(body, rowNumber);
    if (!cells.some(hasValue)) {
      write(original);
      return;
    }
    const emptied = cells.map((cell) => {
      if (!hasValue(cell)) return cell.xml;
      if (hasFormula(cell)) unpatchable();
      touched.push(key(rowNumber, cell.col));
      changed++;
      const style = attr(cell.attrs, 's');
      return style === undefined ? '' : `<c r="${columnLetter(cell.col - 1)}${rowNumber}" s="${style}"/>`;
    });
    write(`<row r="${rowNumber}"${withoutAddress(attrs)}>${emptied.join('')}</row>`);
  };

  let nextNew = first;
  let previous = 0;
  let tail = '';
  scanSheet(
    read,
    {
      head: (head) => write(`${takeHead(head)}<sheetData>`),
      row: (row, attrs, body) => {
        const rowNumber = Number(attr(attrs, 'r') ?? Number.NaN);
        if (!Number.isInteger(rowNumber) || rowNumber <= previous) unpatchable();
        previous = rowNumber;
        for (; nextNew < rowNumber && nextNew <= last; nextNew++) editRow(nextNew, '', undefined, null);
        if (rowNumber < first) write(row);
        else if (rowNumber <= last) {
          editRow(rowNumber, attrs, body, row);
          nextNew = rowNumber + 1;
        } else emptyRow(rowNumber, attrs, body, row);
      },
      rowsEnd: () => {
        for (; nextNew <= last; nextNew++) editRow(nextNew, '', undefined, null);
        write('</sheetData>');
      },
      tail: (text) => {
        write(text);
        tail += text;
      },
    },
    unpatchable,
  );
  const special = linkedOrMerged(tail);
  if (touched.length > 0 && (special === null || touched.some((cell) => special.has(cell)))) unpatchable();
  return changed;
}

/**
 * The cell style ids (`s`, the index into cellXfs) of a styles part whose number format shows a date, as exceljs
 * reads them: a format of the part's own (its backslashes dropped), else Excel's built-in one of that id.
 */
export function dateStyleIds(stylesXml: string): Set<number> {
  const formats = new Map<number, string>();
  for (const match of stylesXml.matchAll(/<numFmt\b([^>]*?)\/?>/g)) {
    const code = attr(match[1]!, 'formatCode');
    if (code !== undefined) formats.set(parseInt(attr(match[1]!, 'numFmtId') ?? '', 10), utils.xmlDecode(code).replace(/\\(.)/g, '$1'));
  }
  const ids = new Set<number>();
  const cellXfs = /<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(stylesXml)?.[1] ?? '';
  let index = 0;
  for (const match of cellXfs.matchAll(/<xf\b([^>]*?)\/?>/g)) {
    const id = parseInt(attr(match[1]!, 'numFmtId') ?? '', 10);
    if (id && isDateFormat(formats.get(id) || BUILT_IN_FORMATS[id])) ids.add(index);
    index++;
  }
  return ids;
}
