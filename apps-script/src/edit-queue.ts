/**
 * Edits that came while another run held the document lock: each is kept in a
 * document property of its own (a new key per edit, so two editors never
 * overwrite each other's), and checked and journaled by the next run that holds
 * the lock — an edit is never dropped.
 */
import { checkEdit, type Edit } from './edit-check';

const PREFIX = 'cchc.edit.';

export function queueEdit(edit: Edit): void {
  const key = `${PREFIX}${edit.at}.${Math.random().toString(36).slice(2, 10)}`;
  PropertiesService.getDocumentProperties().setProperty(key, JSON.stringify(edit));
}

/** Checks the queued edits, oldest first; call holding the lock. */
export function drainEdits(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): void {
  const props = PropertiesService.getDocumentProperties();
  const queued = Object.entries(props.getProperties())
    .filter(([key]) => key.startsWith(PREFIX))
    .sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }));
  for (const [key, value] of queued) {
    props.deleteProperty(key);
    let edit: Edit;
    try {
      edit = JSON.parse(value) as Edit;
    } catch {
      continue;
    }
    checkEdit(spreadsheet, edit);
  }
}
