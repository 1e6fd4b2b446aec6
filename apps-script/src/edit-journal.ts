/**
 * Journals officials' edits for the sync (core/merge/edit-journal): one line per
 * edited cell of a layout column, appended to a hidden tab in one setValues. The
 * sync, which cannot write conditionally, reads it to find a cell typed while its
 * write was in flight. Runs inside the simple onEdit trigger: only the bound
 * spreadsheet is touched, with two reads and one write.
 */
import {
  JOURNAL_HEADER,
  JOURNAL_MAX_CELLS_PER_EDIT,
  JOURNAL_MAX_LINES,
  JOURNAL_TAB,
  journalEdits,
  journalLine,
  tabForName,
} from '../../core/index';
import { asCells, cellReader, ensureGrid, tabData } from './sheet-io';

export function journalEdit(e: GoogleAppsScript.Events.SheetsOnEdit): void {
  const edited = e.range;
  const sheet = edited.getSheet();
  const tab = tabForName(sheet.getName());
  if (!tab) return;
  const first = Math.max(edited.getRow(), tab.frozenRows + 1);
  const from = edited.getColumn();
  const to = edited.getLastColumn();
  // Only the rows whose cells the journal can take are read.
  const rows = Math.ceil(JOURNAL_MAX_CELLS_PER_EDIT / (to - from + 1));
  const last = Math.min(edited.getLastRow(), sheet.getLastRow(), first + rows - 1);
  const width = sheet.getLastColumn();
  if (last < first || width === 0) return;
  const header = sheet.getRange(1, 1, tab.frozenRows, width).getValues();
  const values = sheet.getRange(first, 1, last - first + 1, width).getValues();
  const data = tabData(sheet, tab, [...header, ...values], cellReader(e.source.getSpreadsheetTimeZone()));
  const columns = [...data.columns].filter(([, index]) => index >= from && index <= to).map(([key]) => key);
  const edits = journalEdits(tab, data.rows, columns, Date.now());
  if (edits.length === 0) return;
  const lines = edits.map((edit) => asCells(journalLine(edit)));
  let journal = e.source.getSheetByName(JOURNAL_TAB);
  if (!journal) {
    journal = e.source.insertSheet(JOURNAL_TAB);
    journal.getRange(1, 1, 1, JOURNAL_HEADER.length).setValues([[...JOURNAL_HEADER]]);
    journal.hideSheet();
  }
  // Oldest lines go first, so the tab stays small; the header stays.
  const kept = journal.getLastRow();
  const excess = kept - 1 + lines.length - JOURNAL_MAX_LINES;
  if (excess > 0) journal.deleteRows(2, Math.min(excess, kept - 1));
  const next = journal.getLastRow() + 1;
  ensureGrid(journal, next + lines.length - 1, JOURNAL_HEADER.length);
  journal.getRange(next, 1, lines.length, JOURNAL_HEADER.length).setValues(lines);
}
