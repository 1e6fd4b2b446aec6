/**
 * "Khởi tạo bảng tính": creates the tabs a shared sheet is missing, laid out from
 * the same tab specs and rules as `cchc init --sheet` (core/layout/sheet-rules):
 * headers, frozen header, date formats, dropdowns, computed columns protected with
 * a warning, overdue due dates coloured. Tabs that exist, found as the command line
 * finds them (a loose name, or a renamed tab's header), are adopted as they are and
 * never written; dropdowns point at the units tab where it really is. All or
 * nothing: a failure removes the tabs this run created. The rules of a tab the
 * script made follow its grid as it grows (growLayout).
 */
import {
  columnsByHeader,
  creationOrder,
  placedSource,
  TABS,
  tabByKey,
  tabLayout,
  type SourceOf,
  type TabLayout,
  type TabSpec,
} from '../../core/index';
import { menuLocked } from './lock';
import { ensureGrid, headerOf, sheetsByKey } from './sheet-io';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** Document property per tab the script laid out: `cchc.layout.<sheet id>` = "<tab key> <last row its rules reach>". */
const LAYOUT_KEY = 'cchc.layout.';

/** The column rules of a tab over rows firstRow…lastRow (`layout` made for firstRow): formats, dropdowns, protection, the overdue colour. */
function applyRules(spreadsheet: Spreadsheet, sheet: Sheet, layout: TabLayout, firstRow: number, lastRow: number): void {
  const rows = lastRow - firstRow + 1;
  const dataRange = (column: number) => sheet.getRange(firstRow, column, rows, 1);
  layout.columns.forEach(({ datePattern, dropdown }, i) => {
    if (datePattern) dataRange(i + 1).setNumberFormat(datePattern);
    if (!dropdown) return;
    const rule =
      dropdown.kind === 'list'
        ? SpreadsheetApp.newDataValidation()
            .requireValueInList([...dropdown.values], true)
            .setAllowInvalid(false)
        : SpreadsheetApp.newDataValidation().requireValueInRange(spreadsheet.getRange(dropdown.a1), true).setAllowInvalid(true);
    dataRange(i + 1).setDataValidation(rule.build());
  });
  for (const p of layout.protectedSpans)
    sheet
      .getRange(firstRow, p.start + 1, rows, p.end - p.start)
      .protect()
      .setDescription(p.description)
      .setWarningOnly(true);
  const { overdue } = layout;
  if (overdue) {
    const rule = SpreadsheetApp.newConditionalFormatRule()
      .whenFormulaSatisfied(overdue.formula)
      .setBackground(overdue.background)
      .setRanges([dataRange(overdue.column + 1)])
      .build();
    // An official's own rules stay.
    sheet.setConditionalFormatRules([...sheet.getConditionalFormatRules(), rule]);
  }
}

function layOut(spreadsheet: Spreadsheet, tab: TabSpec, sourceOf: SourceOf): Sheet {
  const layout = tabLayout(tab, sourceOf);
  const sheet = spreadsheet.insertSheet(tab.name);
  const width = layout.columns.length;
  ensureGrid(sheet, layout.rows, width);
  const header = sheet.getRange(1, 1, 1, width);
  header.setValues([layout.header.titles]);
  header.setFontWeight('bold');
  header.setBackground(layout.header.background);
  sheet.setFrozenRows(layout.frozenRows);
  layout.columns.forEach((c, i) => {
    if (c.hidden) sheet.hideColumns(i + 1);
  });
  // Every row of the grid: a tab laid out bigger than the default keeps its rules to the end.
  const lastRow = sheet.getMaxRows();
  applyRules(spreadsheet, sheet, layout, layout.frozenRows + 1, lastRow);
  PropertiesService.getDocumentProperties().setProperty(`${LAYOUT_KEY}${sheet.getSheetId()}`, `${tab.key} ${lastRow}`);
  return sheet;
}

/** Where a column of a tab is: the sheet as it is (its name, the column under its header). */
function locator(existing: ReadonlyMap<string, Sheet>): SourceOf {
  return placedSource((tabKey) => {
    const sheet = existing.get(tabKey);
    return sheet && { name: sheet.getName(), columns: columnsByHeader(tabByKey(tabKey), headerOf(sheet)) };
  });
}

/**
 * Extends the rules of each tab the script laid out over rows its grid has gained
 * since (a paste past the end, rows an official added): dropdowns, formats and the
 * overdue colour never stop at a fixed row. One property read and one size read per
 * such tab when nothing grew.
 */
export function growLayout(spreadsheet: Spreadsheet): void {
  const props = PropertiesService.getDocumentProperties();
  const laid = Object.entries(props.getProperties()).filter(([key]) => key.startsWith(LAYOUT_KEY));
  if (laid.length === 0) return;
  const sheets = spreadsheet.getSheets();
  let sourceOf: SourceOf | undefined;
  for (const [key, value] of laid) {
    const sheet = sheets.find((s) => `${LAYOUT_KEY}${s.getSheetId()}` === key);
    const [tabKey, last] = value.split(' ');
    const tab = TABS.find((t) => t.key === tabKey);
    if (!sheet || !tab) {
      props.deleteProperty(key);
      continue;
    }
    const maxRows = sheet.getMaxRows();
    if (maxRows <= Number(last)) continue;
    sourceOf ??= locator(sheetsByKey(spreadsheet));
    applyRules(spreadsheet, sheet, tabLayout(tab, sourceOf, Number(last) + 1), Number(last) + 1, maxRows);
    props.setProperty(key, `${tab.key} ${maxRows}`);
  }
}

export const cchcSetup = menuLocked(() => {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const ui = SpreadsheetApp.getUi();
  const existing = sheetsByKey(spreadsheet);
  const missing = creationOrder(TABS.filter((tab) => !existing.has(tab.key)));
  if (missing.length === 0) {
    growLayout(spreadsheet);
    ui.alert('Bảng tính đã có đủ các trang; không thay đổi gì.');
    return;
  }
  const sourceOf = locator(existing);
  const active = spreadsheet.getActiveSheet();
  const created: Sheet[] = [];
  try {
    for (const tab of missing) created.push(layOut(spreadsheet, tab, sourceOf));
  } catch (error) {
    // Nothing half-built is left: the tabs this run added go, the official's stay as they were.
    const props = PropertiesService.getDocumentProperties();
    for (const sheet of created.reverse()) {
      props.deleteProperty(`${LAYOUT_KEY}${sheet.getSheetId()}`);
      spreadsheet.deleteSheet(sheet);
    }
    active.activate();
    ui.alert(
      `Không khởi tạo được bảng tính: ${String((error as { message?: unknown } | null)?.message ?? error)}. Bảng tính được giữ nguyên như trước; thử lại sau ít phút.`,
    );
    return;
  }
  const adopted = [...existing].filter(([key, sheet]) => sheet.getName() !== TABS.find((t) => t.key === key)!.name);
  ui.alert(
    `Đã tạo ${missing.length} trang: ${missing.map((t) => t.name).join(', ')}. Các trang đã có được giữ nguyên.` +
      (adopted.length
        ? ` Dùng các trang đã có: ${adopted.map(([key, s]) => `"${s.getName()}" làm trang "${TABS.find((t) => t.key === key)!.name}"`).join(', ')}.`
        : ''),
  );
});
