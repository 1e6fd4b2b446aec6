/**
 * Simple onEdit trigger: journals the edit for the sync (edit-journal.ts), then re-checks the edited task rows (every row of a paste) with
 * the same context the menu reads (plans, settings, units, all tasks), marks them
 * the way "Kiểm tra dữ liệu" does and records the marks, so "Xóa đánh dấu" restores
 * them too. A simple trigger may use no service needing authorisation and has 30 s:
 * it reads each tab once and writes the edited rows once.
 */
import { catalogFromTables, tabForName, validateTasksTab } from '../../core/index';
import { journalEdit } from './edit-journal';
import { issueColumns, readBlock } from './handlers';
import { withDocumentLock } from './lock';
import { loadMarks, markIssues, saveMarks, undoMarks } from './marks';
import { openStore } from './script-store';
import { readTables } from './sheet-io';

export function onEdit(e: GoogleAppsScript.Events.SheetsOnEdit): void {
  journalEdit(e);
  const edited = e.range;
  const tab = tabForName(edited.getSheet().getName());
  if (tab?.key !== 'tasks') return;
  const first = Math.max(edited.getRow(), tab.frozenRows + 1);
  const last = edited.getLastRow();
  if (last < first) return;
  // A menu run holding the lock rewrites the marks itself; this edit is checked by the next run.
  withDocumentLock(
    () => {
      const { tables, tabs } = readTables(e.source);
      const data = tabs.get('tasks');
      if (!data || data.sheet.getName() !== edited.getSheet().getName()) return;
      const lastData = Math.min(last, data.rows.length + tab.frozenRows);
      if (lastData < first) return;
      const issues = validateTasksTab(catalogFromTables(tables)).filter(
        (i) => (i.tab ?? 'tasks') === 'tasks' && i.row >= first && i.row <= lastData,
      );
      const store = openStore(e.source);
      const { block, range } = readBlock(data, first, lastData - first + 1);
      const recorded = loadMarks(store);
      const { kept, restored } = undoMarks(recorded, block);
      const marks = markIssues(block, issueColumns(issues, data));
      // An edit that changes no mark writes nothing: a large clean paste keeps well inside the 30 s.
      if (restored > 0 || marks.length > 0) {
        range.setBackgrounds(block.bgs);
        range.setNotes(block.notes);
      }
      if (kept.length < recorded.length || marks.length > 0) {
        saveMarks(store, [...kept, ...marks]);
        store.save();
      }
    },
    () => undefined,
    1_000,
  );
}
