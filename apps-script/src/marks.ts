/**
 * Writing validation marks (core/validation/cell-marks) into a block of cells.
 * Only the cells whose look changes are written, grouped by value into one
 * RangeList call per colour and per note, so a colour or a note an official puts
 * on another cell meanwhile is never overwritten with what was read before.
 */
import { columnLetter, isMarked, markedLook, type CellLook, type ValidationIssue } from '../../core/index';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** A block of one sheet's cells read in one go: rows firstRow… and columns 1…width. */
export interface Block {
  sheet: Sheet;
  firstRow: number;
  bgs: string[][];
  notes: string[][];
}

/** The data rows' backgrounds and notes of a tab, as one block (two reads). */
export function readBlock(sheet: Sheet, firstRow: number, rows: number, width: number): Block {
  const range = sheet.getRange(firstRow, 1, rows, Math.max(1, width));
  return { sheet, firstRow, bgs: range.getBackgrounds(), notes: range.getNotes() };
}

/** Issues by cell ("row:col"), from each issue's row and its column's number in the tab. */
export function issuesByCell(
  issues: readonly ValidationIssue[],
  columnOf: (key: string) => number | undefined,
): Map<string, ValidationIssue[]> {
  const byCell = new Map<string, ValidationIssue[]>();
  for (const issue of issues) {
    const key = `${issue.row}:${columnOf(issue.column) ?? 1}`;
    const list = byCell.get(key);
    if (list) list.push(issue);
    else byCell.set(key, [issue]);
  }
  return byCell;
}

/**
 * Gives every cell of the block the look `lookOf` wants (null: leave it), writing
 * the changed cells only. Returns how many cells changed.
 */
export function restyle(block: Block, lookOf: (current: CellLook, row: number, col: number) => CellLook | null): number {
  const bgWrites = new Map<string, string[]>();
  const noteWrites = new Map<string, string[]>();
  let changed = 0;
  block.bgs.forEach((line, r) => {
    const row = block.firstRow + r;
    line.forEach((bg, c) => {
      const current = { bg, note: block.notes[r]![c]! };
      const next = lookOf(current, row, c + 1);
      if (!next || (next.bg === current.bg && next.note === current.note)) return;
      const a1 = `${columnLetter(c)}${row}`;
      if (next.bg !== current.bg) (bgWrites.get(next.bg) ?? bgWrites.set(next.bg, []).get(next.bg)!).push(a1);
      if (next.note !== current.note) (noteWrites.get(next.note) ?? noteWrites.set(next.note, []).get(next.note)!).push(a1);
      changed++;
    });
  });
  for (const [bg, cells] of bgWrites) block.sheet.getRangeList(cells).setBackground(bg);
  for (const [note, cells] of noteWrites) block.sheet.getRangeList(cells).setNote(note === '' ? null : note);
  return changed;
}

/** Marks the block's cells for the issues; `partial`: see markedLook. Returns how many cells changed. */
export function markBlock(block: Block, byCell: ReadonlyMap<string, readonly ValidationIssue[]>, partial = false): number {
  return restyle(block, (current, row, col) => {
    const issues = byCell.get(`${row}:${col}`) ?? [];
    // Most cells have no issue and no mark: nothing to compute.
    if (issues.length === 0 && !isMarked(current)) return null;
    return markedLook(current, issues, partial);
  });
}
