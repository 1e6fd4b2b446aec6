/**
 * Simple onEdit trigger: re-checks only the edited task row, with no service that
 * needs authorisation. It marks cells the same way "Kiểm tra dữ liệu" does (colour
 * and a "[CCHC] " note) and clears its own marks on that row once fixed; cells an
 * official coloured or noted are left alone.
 */
import { catalogFromTables, matchKey, TASKS_TAB, UNITS_TAB, validateTasksTab, type Row } from '../../core/index';
import { COLOURS, loadMarks, NOTE_PREFIX } from './handlers';
import { readTab } from './sheet-io';

export function onEdit(e: GoogleAppsScript.Events.SheetsOnEdit): void {
  const sheet = e.range.getSheet();
  const row = e.range.getRow();
  if (sheet.getName() !== TASKS_TAB.name || row <= TASKS_TAB.frozenRows) return;
  const width = sheet.getLastColumn();
  const header = sheet.getRange(1, 1, 1, width).getValues()[0]!.map((h) => matchKey(String(h)));
  const range = sheet.getRange(row, 1, 1, width);
  const values = range.getValues()[0]!;
  const task: Row = { _row: row };
  const columns = new Map<string, number>();
  for (const c of TASKS_TAB.columns) {
    const i = header.indexOf(matchKey(c.header));
    if (i < 0) continue;
    columns.set(c.key, i);
    const v = values[i];
    task[c.key] = v instanceof Date ? `${v.getFullYear()}-${String(v.getMonth() + 1).padStart(2, '0')}-${String(v.getDate()).padStart(2, '0')}` : v === '' ? null : (v as string | number);
  }
  // The ward's own units, so its names are not flagged as unknown.
  const units = readTab(e.source, UNITS_TAB)?.rows ?? [];
  const issues = validateTasksTab(catalogFromTables({ tasks: [task], units }));
  const bgs = range.getBackgrounds();
  const notes = range.getNotes();
  // Drop this row's earlier marks (restoring what "Kiểm tra dữ liệu" recorded), then mark what is still wrong.
  const recorded = new Map((loadMarks(PropertiesService.getDocumentProperties())?.cells ?? []).filter(([name, r]) => name === TASKS_TAB.name && r === row).map(([, , c, bg, note]) => [c - 1, [bg, note]] as const));
  notes[0]!.forEach((note, i) => {
    if (!note.startsWith(NOTE_PREFIX)) return;
    const [bg, previous] = recorded.get(i) ?? [null, ''];
    notes[0]![i] = previous;
    if (bgs[0]![i] === COLOURS.error || bgs[0]![i] === COLOURS.warning) bgs[0]![i] = bg ?? '#ffffff';
  });
  for (const issue of issues) {
    const i = columns.get(issue.column);
    if (i === undefined || (notes[0]![i] !== '' && !notes[0]![i]!.startsWith(NOTE_PREFIX))) continue;
    bgs[0]![i] = issue.severity === 'error' ? COLOURS.error : COLOURS.warning;
    notes[0]![i] = (notes[0]![i] ? `${notes[0]![i]}\n` : NOTE_PREFIX) + `${issue.message} (${issue.code})`;
  }
  range.setBackgrounds(bgs);
  range.setNotes(notes);
}
