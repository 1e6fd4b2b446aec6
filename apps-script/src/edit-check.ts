/**
 * What one edit costs: the edited rows (values, then their colours and notes), the
 * tab's header, and the small tabs their rules need (plans, units, settings) —
 * never the whole catalog. The rows are journaled for the sync and, in the tasks
 * tab, checked with the rules of one row (core validateTasksTab, rowsOnly); marks
 * of rules comparing rows (duplicates) stay until "Kiểm tra dữ liệu" runs again.
 */
import { catalogFromTables, tabForName, validateTasksTab } from '../../core/index';
import { journalEdit } from './edit-journal';
import { issuesByCell, markBlock, readBlock } from './marks';
import { cellReader, headerOf, readTables, sheetById, tabData, tabOfHeader } from './sheet-io';

/** An edit as onEdit saw it: which cells, and when. */
export interface Edit {
  sheetId: number;
  first: number;
  last: number;
  from: number;
  to: number;
  at: number;
}

/** The small tabs a task row's rules read. */
const CONTEXT_TABS = ['plans', 'units', 'settings', 'targets'];

export function checkEdit(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  edit: Edit,
  sheet = sheetById(spreadsheet, edit.sheetId),
): void {
  if (!sheet) return;
  const header = headerOf(sheet);
  const width = header.length;
  const tab = tabForName(sheet.getName()) ?? tabOfHeader(header);
  if (!tab) return;
  const first = Math.max(edit.first, tab.frozenRows + 1);
  const last = Math.min(edit.last, sheet.getLastRow());
  if (last < first) return;
  const values = sheet.getRange(first, 1, last - first + 1, width).getValues();
  const data = tabData(sheet, tab, [header, ...values], cellReader(spreadsheet.getSpreadsheetTimeZone()), first);
  journalEdit(spreadsheet, tab, data, edit.from, edit.to, edit.at);
  if (tab.key !== 'tasks') return;
  const { tables } = readTables(spreadsheet, CONTEXT_TABS);
  const issues = validateTasksTab(catalogFromTables({ ...tables, tasks: data.rows }), true);
  const block = readBlock(sheet, first, last - first + 1, width);
  markBlock(
    block,
    issuesByCell(issues, (column) => data.columns.get(column)),
    true,
  );
}
