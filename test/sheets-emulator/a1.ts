// A1 notation: parsing what clients send ('Tab name'!A1:D, Tab!A:Z, Tab, 2:5, A1) and formatting
// ranges back the way Sheets API v4 echoes them ('Nhiệm vụ'!A1:Z1000). Pure string work, no model.

import { columnLetter } from '../../core/layout/columns';

/** A parsed area, 0-based, end-exclusive like a GridRange; a missing end means "to the edge of the grid". */
export interface Area {
  startRow: number;
  startCol: number;
  endRow?: number;
  endCol?: number;
  /** Written as one cell ("B2"): writes may spill past it, reads return just that cell. */
  anchor?: true;
}

/** An area with every edge known (after clipping to a grid). */
export type Bounds = Required<Omit<Area, 'anchor'>>;

export interface ParsedRange {
  /** Sheet title when the range names one (quotes removed, '' unescaped). */
  title?: string;
  /** Cell area; undefined means the whole sheet. */
  area?: Area;
  /** A bare string without "!" may be a sheet title or a cell range; the resolver decides. */
  bare?: string;
}

export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

// Sheets' largest column is ZZZ; anything longer cannot be a cell reference.
const REF = /^\$?([A-Za-z]{0,3})\$?(\d*)$/;

interface Ref {
  col?: number;
  row?: number;
}

function parseRef(text: string): Ref | undefined {
  const m = REF.exec(text.trim());
  if (!m || (!m[1] && !m[2])) return undefined;
  const row = m[2] ? Number(m[2]) : undefined;
  if (row === 0) return undefined;
  return { col: m[1] ? columnIndex(m[1]) : undefined, row: row === undefined ? undefined : row - 1 };
}

/** Parses the part after "!" (or a bare range); undefined when it is not A1 notation. */
export function parseArea(text: string): Area | undefined {
  const parts = text.split(':');
  if (parts.length > 2) return undefined;
  const a = parseRef(parts[0]!);
  if (!a) return undefined;
  if (parts.length === 1) {
    // A single reference must be a full cell (A1); "A" or "1" alone are not ranges.
    if (a.col === undefined || a.row === undefined) return undefined;
    return { startRow: a.row, startCol: a.col, endRow: a.row + 1, endCol: a.col + 1, anchor: true };
  }
  const b = parseRef(parts[1]!);
  if (!b) return undefined;
  // Whole rows (2:5) or whole columns (A:C) must be consistent on both sides.
  if ((a.col === undefined) !== (b.col === undefined) && a.row === undefined) return undefined;
  const rows = order(a.row, b.row);
  const cols = order(a.col, b.col);
  return {
    startRow: rows[0] ?? 0,
    startCol: cols[0] ?? 0,
    ...(rows[1] === undefined ? {} : { endRow: rows[1] + 1 }),
    ...(cols[1] === undefined ? {} : { endCol: cols[1] + 1 }),
  };
}

/** [start, endInclusive]: a missing start begins at 0, a missing end stays open. */
function order(a: number | undefined, b: number | undefined): [number | undefined, number | undefined] {
  if (a !== undefined && b !== undefined) return [Math.min(a, b), Math.max(a, b)];
  if (a === undefined && b === undefined) return [undefined, undefined];
  return [a ?? 0, b];
}

/** Splits "'O''Brien'!A1:B" / "Tab!A:Z" / "Tab" / "A1:B2"; undefined when unparseable. */
export function parseRange(text: string): ParsedRange | undefined {
  const s = text.trim();
  if (s.startsWith("'")) {
    let i = 1;
    let title = '';
    for (;;) {
      if (i >= s.length) return undefined;
      const ch = s[i]!;
      if (ch === "'") {
        if (s[i + 1] === "'") {
          title += "'";
          i += 2;
          continue;
        }
        i++;
        break;
      }
      title += ch;
      i++;
    }
    if (i === s.length) return { title };
    if (s[i] !== '!') return undefined;
    const area = parseArea(s.slice(i + 1));
    return area ? { title, area } : undefined;
  }
  const bang = s.lastIndexOf('!');
  if (bang >= 0) {
    const area = parseArea(s.slice(bang + 1));
    return area ? { title: s.slice(0, bang), area } : undefined;
  }
  const area = parseArea(s);
  return area ? { area, bare: s } : { title: s };
}

/** Quotes a title the way the API echoes it: plain identifiers bare, anything else in single quotes. */
export function quoteTitle(title: string): string {
  const plain = /^[A-Za-z_][A-Za-z0-9_]*$/.test(title) && !/^[A-Za-z]{1,3}\d+$/.test(title);
  return plain ? title : `'${title.replace(/'/g, "''")}'`;
}

/** Formats a bounded area: "A1" for one cell, "A1:Z1000" otherwise. */
export function formatArea(area: Bounds): string {
  const start = `${columnLetter(area.startCol)}${area.startRow + 1}`;
  const end = `${columnLetter(area.endCol - 1)}${area.endRow}`;
  return area.endRow - area.startRow === 1 && area.endCol - area.startCol === 1 ? start : `${start}:${end}`;
}

export function formatRange(title: string, area: Bounds): string {
  return `${quoteTitle(title)}!${formatArea(area)}`;
}
