/**
 * Simple onEdit trigger: journals the edit for the sync and re-checks the edited
 * task rows (edit-check.ts), under the document lock. A simple trigger has 30 s
 * and may use no service needing authorisation. When a menu run holds the lock
 * past the wait, the edit is queued (edit-queue.ts) and checked by the next run.
 */
import { checkEdit, type Edit } from './edit-check';
import { drainEdits, queueEdit } from './edit-queue';
import { withDocumentLock } from './lock';

/** How long an edit waits for a menu run to finish before it is queued: well inside the 30 s. */
const LOCK_WAIT_MS = 20_000;

export function onEdit(e: GoogleAppsScript.Events.SheetsOnEdit): void {
  const range = e.range;
  const sheet = range.getSheet();
  const edit: Edit = {
    sheetId: sheet.getSheetId(),
    first: range.getRow(),
    last: range.getLastRow(),
    from: range.getColumn(),
    to: range.getLastColumn(),
    at: Date.now(),
  };
  withDocumentLock(
    () => {
      drainEdits(e.source);
      checkEdit(e.source, edit, sheet);
    },
    () => queueEdit(edit),
    LOCK_WAIT_MS,
  );
}
