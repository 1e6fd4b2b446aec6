/**
 * "Khởi tạo bảng tính": creates the tabs a new shared sheet is missing, laid out from
 * the same tab specs as the local workbook (headers, frozen header, dropdowns,
 * computed columns protected with a warning, overdue tasks coloured). Tabs that
 * already exist (found by key, as the command line finds them) are left exactly as
 * they are. A new tab is 1,000 × 26: it is grown to the layout before anything is
 * written, since Sheets throws on ranges outside the grid.
 */
import {
  dropdownFor,
  HEADER_BACKGROUND,
  LAYOUT_ROWS,
  OVERDUE_BACKGROUND,
  overdueFormula,
  protectedSpans,
  TABS,
  type TabSpec,
} from '../../core/index';
import { menuLocked } from './lock';
import { ensureGrid, sheetsByKey } from './sheet-io';

function layOut(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, tab: TabSpec): void {
  const sheet = spreadsheet.insertSheet(tab.name);
  const width = tab.columns.length;
  ensureGrid(sheet, tab.frozenRows + LAYOUT_ROWS, width);
  const header = sheet.getRange(1, 1, 1, width);
  header.setValues([tab.columns.map((c) => c.header)]);
  header.setFontWeight('bold');
  header.setBackground(HEADER_BACKGROUND);
  sheet.setFrozenRows(tab.frozenRows);
  tab.columns.forEach((c, i) => {
    if (c.hidden) sheet.hideColumns(i + 1);
  });
  const dataRange = (column: number, columns = 1) => sheet.getRange(tab.frozenRows + 1, column, LAYOUT_ROWS, columns);
  tab.columns.forEach((c, i) => {
    const dropdown = dropdownFor(c);
    if (!dropdown) return;
    const rule =
      dropdown.kind === 'list'
        ? SpreadsheetApp.newDataValidation()
            .requireValueInList([...dropdown.values], true)
            .setAllowInvalid(false)
        : SpreadsheetApp.newDataValidation().requireValueInRange(spreadsheet.getRange(dropdown.a1), true).setAllowInvalid(true);
    dataRange(i + 1).setDataValidation(rule.build());
  });
  for (const p of protectedSpans(tab))
    dataRange(p.start + 1, p.end - p.start)
      .protect()
      .setDescription(p.description)
      .setWarningOnly(true);
  const formula = overdueFormula(tab);
  if (formula) {
    const rule = SpreadsheetApp.newConditionalFormatRule()
      .whenFormulaSatisfied(formula)
      .setBackground(OVERDUE_BACKGROUND)
      .setRanges([sheet.getRange(tab.frozenRows + 1, 1, LAYOUT_ROWS, width)])
      .build();
    sheet.setConditionalFormatRules([rule]);
  }
}

export const cchcSetup = menuLocked(() => {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const existing = sheetsByKey(spreadsheet);
  const created = TABS.filter((tab) => !existing.has(tab.key));
  // Units first: other tabs' dropdowns point at it.
  for (const tab of [...created].sort((a, b) => Number(b.key === 'units') - Number(a.key === 'units'))) layOut(spreadsheet, tab);
  SpreadsheetApp.getUi().alert(
    created.length === 0
      ? 'Bảng tính đã có đủ các trang; không thay đổi gì.'
      : `Đã tạo ${created.length} trang: ${created.map((t) => t.name).join(', ')}. Các trang đã có được giữ nguyên.`,
  );
});
