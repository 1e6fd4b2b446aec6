/**
 * What kind of table an appendix file holds, so each import takes only its own:
 * a plan's task appendix (deadlines, outputs) for `cchc import`, a CCHC-index
 * criteria set or assignment table (points, "tiêu chí" in its title) for
 * `cchc index-import`, or a plan carrying out the criteria (a criteria table
 * with deadlines and lead units), which is both. And cells that are formula errors (#REF!, #N/A …) in the
 * columns that identify a row, which must be reported, never read as empty.
 */
import { foldAccents } from '../text/fold';
import type { AppendixField } from './headers';
import { FORMULA_ERROR, type GridRow, type ParsedAppendix } from './parse-appendix';

/** 'both': criteria whose rows are also the plan's tasks (a PAR plan: requirement, latest time, lead per criterion). */
export type AppendixKind = 'tasks' | 'criteria' | 'both';

const CRITERIA_TITLE = /tieu chi|chi so cchc|chi so cai cach hanh chinh/;

/** Columns of a table that scores the criteria (the province set, the self-scoring form): never a plan's tasks. */
const SCORING: readonly AppendixField[] = ['points', 'scoreH1', 'scoreYear', 'explanation', 'appraised'];

/**
 * A header naming "tiêu chí" (or a points column) makes a criteria table whatever else it has; one that gives each
 * criterion a deadline and a lead unit and scores nothing assigns work with dates, so its rows are tasks as well
 * ('both'). Otherwise the title and the columns decide, a task appendix when they disagree. `grid`, when given, lets
 * the header row speak.
 */
export function appendixKind(parsed: ParsedAppendix, grid: readonly GridRow[] = []): AppendixKind {
  const header = foldAccents((grid.find((r) => r.row === parsed.headerRow)?.cells ?? []).join(' '));
  if (parsed.columns.has('points') || /tieu chi/.test(header)) {
    const plan = parsed.columns.has('deadline') && parsed.columns.has('lead') && !SCORING.some((f) => parsed.columns.has(f));
    return plan ? 'both' : 'criteria';
  }
  const title = foldAccents(parsed.titleLines.join(' '));
  const criteria = parsed.columns.has('evidence') || CRITERIA_TITLE.test(title);
  const tasks = parsed.columns.has('deadline') || parsed.columns.has('product');
  return criteria && !tasks ? 'criteria' : 'tasks';
}

export interface ErrorCell {
  row: number;
  /** The column as an official reads it ("STT", "nội dung", a log's header). */
  column: string;
  text: string;
}

const KEY_FIELDS: readonly [AppendixField, string][] = [
  ['stt', 'STT'],
  ['title', 'nội dung'],
];

/** Formula errors below the header in the number and title columns: such a row cannot be identified. */
export function keyErrorCells(grid: readonly GridRow[], parsed: ParsedAppendix): ErrorCell[] {
  const found: ErrorCell[] = [];
  for (const row of grid) {
    if (row.row <= parsed.headerRow) continue;
    for (const [field, column] of KEY_FIELDS) {
      const index = parsed.columns.get(field);
      const text = index === undefined ? '' : (row.cells[index] ?? '').trim();
      if (FORMULA_ERROR.test(text)) found.push({ row: row.row, column, text });
    }
  }
  return found;
}
