/**
 * How validation marks a cell in the shared sheet, and how a mark is read back.
 * The mark lives in the cell itself (its note, and its colour when the official
 * had none), so it moves with the row when officials sort, insert rows or rename
 * the tab, and "Xóa đánh dấu" needs no record of where marks were. An official's
 * own note is kept under ours; an official's own colour is never painted over.
 */
import type { IssueCode } from '../model/codes';
import { issueLabel } from './labels';
import type { ValidationIssue } from '../model/issue';

export const MARK_COLOURS = { error: '#f4cccc', warning: '#fff2cc' } as const;
/** A cell with no colour of its own, as Sheets reports it. */
export const NO_COLOUR = '#ffffff';
/** Notes the menu writes start with this, so officials (and the next run) can tell them from their own. */
const OURS = '[CCHC] ';
export const MARK_PREFIX = `${OURS}Kiểm tra dữ liệu:`;
const SEPARATOR = '———';
const BULLET = '• ';

/**
 * Rules that compare a row with other rows (duplicates, a plan's missing output
 * column): a check of a few edited rows cannot decide them, so it keeps their lines.
 */
export const ROW_SPANNING_CODES: ReadonlySet<IssueCode> = new Set<IssueCode>(['STT_DUPLICATE', 'TASK_DUPLICATE', 'PRODUCT_MISSING']);

const ourColour = (bg: string): boolean => bg === MARK_COLOURS.error || bg === MARK_COLOURS.warning;
const blankColour = (bg: string): boolean => bg === '' || bg.toLowerCase() === NO_COLOUR;

export interface CellLook {
  bg: string;
  note: string;
}

interface MarkLine {
  label: string;
  text: string;
  error: boolean;
}

interface ReadMark {
  lines: MarkLine[];
  /** The official's own note, kept under ours. */
  own: string;
}

const SPANNING_LABELS = new Set([...ROW_SPANNING_CODES].map(issueLabel));

/** A note as validation wrote it (an older version's too: its lines are simply not kept), or null for an official's own note. */
function readMark(note: string): ReadMark | null {
  if (!note.startsWith(OURS)) return null;
  const split = note.indexOf(`\n${SEPARATOR}\n`);
  const ours = split < 0 ? note : note.slice(0, split);
  const own = split < 0 ? '' : note.slice(split + SEPARATOR.length + 2);
  const lines = ours
    .split('\n')
    .filter((l) => l.startsWith(BULLET))
    .map((l) => {
      const body = l.slice(BULLET.length);
      const at = body.indexOf(': ');
      const error = body.endsWith(' (lỗi)');
      return { label: at < 0 ? '' : body.slice(0, at), text: at < 0 ? body : body.slice(at + 2), error };
    });
  return { lines, own };
}

function writeMark(lines: readonly MarkLine[], own: string): string {
  return MARK_PREFIX + lines.map((l) => `\n${BULLET}${l.label}: ${l.text}`).join('') + (own ? `\n${SEPARATOR}\n${own}` : '');
}

const lineOf = (issue: ValidationIssue): MarkLine => ({
  label: issueLabel(issue.code),
  text: issue.severity === 'error' ? `${issue.message} (lỗi)` : issue.message,
  error: issue.severity === 'error',
});

/**
 * What a cell should look like given the issues found in it now. `partial`: the
 * check saw only some rows, so lines of row-spanning rules already there are kept.
 * The official's note and colour are theirs: kept as they are.
 */
export function markedLook(current: CellLook, issues: readonly ValidationIssue[], partial = false): CellLook {
  const mark = readMark(current.note);
  const own = mark ? mark.own : current.note;
  const kept = partial && mark ? mark.lines.filter((l) => SPANNING_LABELS.has(l.label)) : [];
  const lines = [...kept, ...issues.filter((i) => !(partial && ROW_SPANNING_CODES.has(i.code))).map(lineOf)];
  // The colour is ours to set only where the cell had none, or had ours.
  const colourIsOurs = blankColour(current.bg) || ourColour(current.bg);
  if (lines.length === 0) return { note: own, bg: colourIsOurs && ourColour(current.bg) ? NO_COLOUR : current.bg };
  const bg = lines.some((l) => l.error) ? MARK_COLOURS.error : MARK_COLOURS.warning;
  return { note: writeMark(lines, own), bg: colourIsOurs ? bg : current.bg };
}

/** The cell without our mark: the official's note alone, and no colour where the colour was ours. */
export function unmarkedLook(current: CellLook): CellLook {
  return markedLook(current, []);
}

/** True when the cell carries a mark of ours. */
export function isMarked(current: CellLook): boolean {
  return readMark(current.note) !== null;
}
