/**
 * Row heights for wrapped text. Neither Excel nor LibreOffice grows a row whose
 * height the file does not give, so every writer calls `fitRowHeights` before
 * saving: each cell's text is wrapped word by word at its column width with the
 * measured Times New Roman widths (`times-widths.json`, see measure-times.ts).
 */
import type ExcelJS from 'exceljs';
import WIDTHS from './times-widths.json' with { type: 'json' };

export interface TextFont {
  size: number;
  bold?: boolean;
}

/** Excel's tallest row, in points. */
export const MAX_ROW_HEIGHT = 409;
/** exceljs writes no default column width; Excel's is 8.43 characters. */
const DEFAULT_COLUMN_WIDTH = 8.43;
/** Width of "0" in the workbook's default font (Calibri 11), in pixels: the unit of column widths. */
const DIGIT_PX = 7;
/** What a cell keeps free left and right of its text, and the grid line, in pixels. */
const CELL_PADDING_PX = 7;
const PX_PER_PT = 4 / 3;

function charWidth(ch: string, bold: boolean): number {
  // A character outside the table counts as a full em: too wide rather than overprinted.
  return (bold ? WIDTHS.bold : WIDTHS.regular)[ch as keyof typeof WIDTHS.regular] ?? WIDTHS.unitsPerEm;
}

/** Printed width of one line of text, in points. */
export function textWidthPt(text: string, font: TextFont): number {
  let units = 0;
  for (const ch of text.normalize('NFC')) units += charWidth(ch, font.bold ?? false);
  return (units / WIDTHS.unitsPerEm) * font.size;
}

/**
 * Height of one line of text, in points, as Excel lays it out: the font's line
 * (ascent, descent and gap) rounded up to whole pixels, plus two pixels.
 */
export function lineHeightPt(size: number): number {
  const px = Math.ceil((WIDTHS.lineHeight / WIDTHS.unitsPerEm) * size * PX_PER_PT) + 2;
  return px / PX_PER_PT;
}

/** Room for text in a column `width` characters wide (Excel units), in points. */
export function columnTextWidthPt(width: number): number {
  return (Math.floor(width * DIGIT_PX + 0.5) - CELL_PADDING_PX) / PX_PER_PT;
}

/** Lines the text takes when wrapped at `widthPt`: greedy by words, a word longer than a line broken by characters. */
export function wrappedLines(text: string, font: TextFont, widthPt: number): number {
  const space = textWidthPt(' ', font);
  let lines = 0;
  for (const paragraph of text.split('\n')) {
    lines++;
    let used = 0;
    for (const word of paragraph.split(' ').filter((w) => w !== '')) {
      let w = textWidthPt(word, font);
      const needed = used === 0 ? w : used + space + w;
      if (needed <= widthPt) {
        used = needed;
        continue;
      }
      if (used > 0) lines++;
      // A word wider than the column wraps inside itself, as Excel does.
      while (w > widthPt) {
        lines++;
        w -= widthPt;
      }
      used = w;
    }
  }
  return lines;
}

interface Merge {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

function merges(ws: ExcelJS.Worksheet): Map<string, Merge> {
  const byMaster = new Map<string, Merge>();
  for (const range of (ws.model as { merges?: string[] }).merges ?? []) {
    const [from, to] = range.split(':') as [string, string];
    const a = ws.getCell(from);
    const b = ws.getCell(to);
    byMaster.set(a.address, { top: Number(a.row), left: Number(a.col), bottom: Number(b.row), right: Number(b.col) });
  }
  return byMaster;
}

/** Sets every row's height to fit its tallest cell; cells merged over several rows share out their height. */
export function fitRowHeights(ws: ExcelJS.Worksheet): void {
  const merged = merges(ws);
  const width = (from: number, to: number): number => {
    let w = 0;
    for (let c = from; c <= to; c++) w += ws.getColumn(c).width ?? DEFAULT_COLUMN_WIDTH;
    return w;
  };
  const tall: { merge: Merge; height: number }[] = [];
  ws.eachRow({ includeEmpty: false }, (row) => {
    let height = 0;
    row.eachCell({ includeEmpty: false }, (cell) => {
      if (cell.isMerged && cell.master.address !== cell.address) return;
      const font: TextFont = { size: cell.font?.size ?? 11, bold: cell.font?.bold ?? false };
      const merge = merged.get(cell.address);
      const wrap = cell.alignment?.wrapText === true;
      const lines = wrap ? wrappedLines(cell.text, font, columnTextWidthPt(width(Number(cell.col), merge?.right ?? Number(cell.col)))) : 1;
      const needed = lines * lineHeightPt(font.size);
      if (merge && merge.bottom > merge.top) tall.push({ merge, height: needed });
      else height = Math.max(height, needed);
    });
    row.height = Math.min(MAX_ROW_HEIGHT, Math.max(height, lineHeightPt(11)));
  });
  for (const { merge, height } of tall) {
    let sum = 0;
    for (let r = merge.top; r <= merge.bottom; r++) sum += ws.getRow(r).height ?? lineHeightPt(11);
    const last = ws.getRow(merge.bottom);
    if (sum < height) last.height = Math.min(MAX_ROW_HEIGHT, (last.height ?? 0) + height - sum);
  }
}
