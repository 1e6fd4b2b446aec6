/**
 * "Khởi tạo bảng tính": creates the tabs a new shared sheet is missing, laid out from
 * the same tab specs as the local workbook (headers, frozen header, dropdowns,
 * computed columns protected with a warning, overdue tasks coloured). Tabs that
 * already exist are left exactly as they are.
 */
import { columnLetter, TABS, TASKS_TAB, tabByKey, type TabSpec } from '../../core/index';

const ROWS = 2000;

function layOut(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, tab: TabSpec): void {
  const sheet = spreadsheet.insertSheet(tab.name);
  const width = tab.columns.length;
  const header = sheet.getRange(1, 1, 1, width);
  header.setValues([tab.columns.map((c) => c.header)]);
  header.setFontWeight('bold');
  header.setBackground('#ddebf7');
  sheet.setFrozenRows(tab.frozenRows);
  tab.columns.forEach((c, i) => {
    const column = sheet.getRange(2, i + 1, ROWS, 1);
    if (c.choices) {
      column.setDataValidation(SpreadsheetApp.newDataValidation().requireValueInList([...c.choices], true).setAllowInvalid(false).build());
    } else if (c.choicesFrom) {
      const source = tabByKey(c.choicesFrom.tab);
      const letter = columnLetter(source.columns.findIndex((s) => s.key === c.choicesFrom!.column));
      // Several units may share a cell: the list helps, it does not forbid.
      column.setDataValidation(
        SpreadsheetApp.newDataValidation()
          .requireValueInRange(spreadsheet.getRange(`'${source.name}'!${letter}2:${letter}${ROWS}`), true)
          .setAllowInvalid(true)
          .build(),
      );
    }
    if (c.owner === 'computed' && tab.key === TASKS_TAB.key) {
      column.protect().setDescription(`Cột "${c.header}" do hệ thống tự tính`).setWarningOnly(true);
    }
  });
  if (tab.key === TASKS_TAB.key) {
    const due = columnLetter(tab.columns.findIndex((c) => c.key === 'due'));
    const status = columnLetter(tab.columns.findIndex((c) => c.key === 'status'));
    const rule = SpreadsheetApp.newConditionalFormatRule()
      .whenFormulaSatisfied(`=AND($${due}2<>"", $${due}2<TODAY(), LEFT($${status}2, 10)<>"Hoàn thành", $${status}2<>"Không thực hiện")`)
      .setBackground('#ea9999')
      .setRanges([sheet.getRange(2, 1, ROWS, tab.columns.length)])
      .build();
    sheet.setConditionalFormatRules([rule]);
  }
}

export function cchcSetup(): void {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const created = TABS.filter((tab) => !spreadsheet.getSheetByName(tab.name));
  // Units first: other tabs' dropdowns point at it.
  for (const tab of [...created].sort((a, b) => Number(b.key === 'units') - Number(a.key === 'units'))) layOut(spreadsheet, tab);
  SpreadsheetApp.getUi().alert(
    created.length === 0
      ? 'Bảng tính đã có đủ các trang; không thay đổi gì.'
      : `Đã tạo ${created.length} trang: ${created.map((t) => t.name).join(', ')}. Các trang đã có được giữ nguyên.`,
  );
}
