/**
 * Journals officials' edits for the sync (core/merge/edit-journal): one line per
 * edited cell of a layout column, appended to a hidden tab in one setValues, under
 * the document lock so two officials' lines never land on the same row. The sync,
 * which cannot write conditionally, reads it to find a cell typed while its write
 * was in flight.
 */
import { JOURNAL_HEADER, JOURNAL_MAX_LINES, JOURNAL_TAB, journalEdits, journalLine, type TabSpec } from '../../core/index';
import { asCells, ensureGrid, hiddenTab, ownTab, type TabData } from './sheet-io';

ownTab(JOURNAL_TAB);

/** Journals the layout columns `from`…`to` (1-based) of the edited rows read in `data`. */
export function journalEdit(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  tab: TabSpec,
  data: TabData,
  from: number,
  to: number,
  at: number,
): void {
  const columns = [...data.columns].filter(([, index]) => index >= from && index <= to).map(([key]) => key);
  const edits = journalEdits(tab, data.rows, columns, at);
  if (edits.length === 0) return;
  const lines = edits.map((edit) => asCells(journalLine(edit)));
  const journal = hiddenTab(spreadsheet, JOURNAL_TAB, JOURNAL_HEADER);
  // Oldest lines go first, so the tab stays small; the header stays.
  const kept = journal.getLastRow();
  const excess = kept - 1 + lines.length - JOURNAL_MAX_LINES;
  if (excess > 0) journal.deleteRows(2, Math.min(excess, kept - 1));
  const next = journal.getLastRow() + 1;
  ensureGrid(journal, next + lines.length - 1, JOURNAL_HEADER.length);
  journal.getRange(next, 1, lines.length, JOURNAL_HEADER.length).setValues(lines);
}
