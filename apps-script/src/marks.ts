/**
 * Validation marks: the background and note put on a cell with a problem, and what
 * the cell had before, so "Xóa đánh dấu" restores exactly that. Records live in the
 * script's hidden tab (script-store.ts); a mark the official has since changed (their
 * note or colour over ours) is theirs, and is left alone.
 */
import type { ValidationIssue } from '../../core/index';
import type { ScriptStore } from './script-store';

export const COLOURS = { error: '#f4cccc', warning: '#fff2cc', overdue: '#ea9999', soon: '#ffe599' } as const;
/** Notes validation writes start with this, so officials can tell them from their own. */
export const NOTE_PREFIX = '[CCHC] ';
const KIND = 'mark';

export interface Mark {
  sheet: string;
  row: number;
  col: number;
  /** What we wrote. */
  bg: string;
  note: string;
  /** What the cell had before. */
  previousBg: string;
  previousNote: string;
}

export function loadMarks(store: ScriptStore): Mark[] {
  return store.get(KIND).map(([sheet, row, col, bg, note, previousBg, previousNote]) => ({
    sheet: String(sheet),
    row: Number(row),
    col: Number(col),
    bg: String(bg ?? ''),
    note: String(note ?? ''),
    previousBg: String(previousBg ?? ''),
    previousNote: String(previousNote ?? ''),
  }));
}

export function saveMarks(store: ScriptStore, marks: readonly Mark[]): void {
  store.set(
    KIND,
    marks.map((m) => [m.sheet, m.row, m.col, m.bg, m.note, m.previousBg, m.previousNote]),
  );
}

/** A block of one sheet's cells read in one go: rows firstRow… and columns 1…width. */
export interface Block {
  sheet: string;
  firstRow: number;
  bgs: string[][];
  notes: string[][];
}

const inBlock = (m: Mark, b: Block): boolean =>
  m.sheet === b.sheet && m.row >= b.firstRow && m.row < b.firstRow + b.bgs.length && m.col >= 1 && m.col <= (b.bgs[0]?.length ?? 0);

/**
 * Restores, in the block's arrays, every recorded mark inside it that still shows
 * what we wrote; returns the marks outside the block (kept) and how many were restored.
 */
export function undoMarks(marks: readonly Mark[], block: Block): { kept: Mark[]; restored: number } {
  const kept: Mark[] = [];
  let restored = 0;
  for (const m of marks) {
    if (!inBlock(m, block)) {
      kept.push(m);
      continue;
    }
    const r = m.row - block.firstRow;
    const c = m.col - 1;
    if (block.notes[r]![c] === m.note) {
      block.notes[r]![c] = m.previousNote;
      // Our colour only: an official who recoloured the cell keeps their colour.
      if (block.bgs[r]![c] === m.bg) block.bgs[r]![c] = m.previousBg;
      restored++;
    }
  }
  return { kept, restored };
}

/** Marks the block's cells for the issues (row, column number), recording what each cell had. */
export function markIssues(block: Block, issues: readonly { issue: ValidationIssue; col: number }[]): Mark[] {
  const byCell = new Map<string, ValidationIssue[]>();
  for (const { issue, col } of issues) {
    const key = `${issue.row}:${col}`;
    byCell.set(key, [...(byCell.get(key) ?? []), issue]);
  }
  const marks: Mark[] = [];
  for (const [key, list] of byCell) {
    const [row, col] = key.split(':').map(Number) as [number, number];
    const r = row - block.firstRow;
    if (!block.bgs[r] || block.bgs[r]![col - 1] === undefined) continue;
    const previousNote = block.notes[r]![col - 1]!;
    const mark: Mark = {
      sheet: block.sheet,
      row,
      col,
      bg: list.some((i) => i.severity === 'error') ? COLOURS.error : COLOURS.warning,
      // The official's own note stays visible under ours, so editing the marked note never loses it.
      note: NOTE_PREFIX + list.map((i) => `${i.message} (${i.code})`).join('\n') + (previousNote ? `\n———\n${previousNote}` : ''),
      previousBg: block.bgs[r]![col - 1]!,
      previousNote,
    };
    block.bgs[r]![col - 1] = mark.bg;
    block.notes[r]![col - 1] = mark.note;
    marks.push(mark);
  }
  return marks;
}
