/**
 * Reading the shared sheet's tabs into the core's rows: one getValues() per tab,
 * whatever the number of rows. Tabs are found by the same key as the command line
 * (tabForName) and headers matched by name, so officials may rename loosely and
 * reorder columns. Dates are read and written in the spreadsheet's own time zone.
 */
import {
  dateCellValue,
  headerKeys,
  matchKey,
  ROW_NUMBER,
  tabForName,
  TABS,
  tabsForHeaders,
  type CellValue,
  type ColumnSpec,
  type Row,
  type TabSpec,
} from '../../core/index';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
export type Tables = Record<string, Row[]>;

export interface TabData {
  sheet: Sheet;
  /** Column number (1-based) of each column key found in the header. */
  columns: Map<string, number>;
  rows: Row[];
  width: number;
  /** The lines as read, header first (line i is sheet row i + 1); kept by readTables, for a writer that rewrites a block. */
  values?: readonly unknown[][];
}

/** A sheet's header row as text, in one read; empty for an empty tab. */
export function headerOf(sheet: Sheet): string[] {
  const width = sheet.getLastColumn();
  return width === 0 ? [] : sheet.getRange(1, 1, 1, width).getValues()[0]!.map(String);
}

/** The layout tab a header row stands for (among `keys`), when the sheet's name says none (a tab an official renamed). */
export function tabOfHeader(header: readonly string[], keys?: ReadonlySet<string>): TabSpec | undefined {
  if (header.length === 0) return undefined;
  const found = tabsForHeaders(header, keys ? TABS.filter((t) => keys.has(t.key)) : TABS);
  return found.length === 1 ? found[0] : undefined;
}

/** The sheet with this id (ids survive a rename), if it is still there. */
export function sheetById(spreadsheet: Spreadsheet, id: number): Sheet | undefined {
  return spreadsheet.getSheets().find((s) => s.getSheetId() === id);
}

/**
 * Each tab's sheet by tab key, found as the command line finds it: by a loose
 * match of its name ("Đơn Vị ", NFD text), else, for a tab an official renamed, by
 * its header row (one read per sheet whose name matches none). The first wins.
 */
export function sheetsByKey(spreadsheet: Spreadsheet): Map<string, Sheet> {
  const found = new Map<string, Sheet>();
  const unnamed: Sheet[] = [];
  for (const sheet of spreadsheet.getSheets()) {
    const name = sheet.getName();
    const tab = tabForName(name);
    if (tab && !found.has(tab.key)) found.set(tab.key, sheet);
    else if (!tab && !OWN_TABS.has(name)) unnamed.push(sheet);
  }
  for (const sheet of unnamed) {
    const missing = new Set(TABS.filter((t) => !found.has(t.key)).map((t) => t.key));
    if (missing.size === 0) break;
    const tab = tabOfHeader(headerOf(sheet), missing);
    if (tab) found.set(tab.key, sheet);
  }
  return found;
}

/** The tabs the script keeps for itself: never taken for an official's tab. */
const OWN_TABS = new Set<string>();
export function ownTab(name: string): string {
  OWN_TABS.add(name);
  return name;
}

/**
 * A hidden tab the script keeps, created when missing. Sheets shows a tab it has
 * just inserted: the official is put back on theirs.
 */
export function hiddenTab(spreadsheet: Spreadsheet, name: string, header?: readonly string[]): Sheet {
  const existing = spreadsheet.getSheetByName(name);
  if (existing) return existing;
  const active = spreadsheet.getActiveSheet();
  const sheet = spreadsheet.insertSheet(name);
  if (header) sheet.getRange(1, 1, 1, header.length).setValues([[...header]]);
  sheet.hideSheet();
  active.activate();
  return sheet;
}

/** Cell values as the core reads them; a Date is the day it shows in the sheet's zone (one formatDate per distinct Date). */
export function cellReader(timeZone: string): (value: unknown, column: ColumnSpec | undefined) => CellValue {
  const days = new Map<number, string>();
  return (value, column) => {
    if (value === '' || value === null || value === undefined) return null;
    if (value instanceof Date) {
      let day = days.get(value.getTime());
      if (day === undefined) {
        day = Utilities.formatDate(value, timeZone, 'yyyy-MM-dd');
        days.set(value.getTime(), day);
      }
      return dateCellValue(day, column);
    }
    if (typeof value === 'number' || typeof value === 'boolean') return value;
    return String(value);
  };
}

/**
 * A tab's header and rows, from its header line then the lines of its data rows;
 * `firstRow`: the sheet row of the first data line (a few edited rows).
 */
export function tabData(
  sheet: Sheet,
  tab: TabSpec,
  values: readonly unknown[][],
  read: ReturnType<typeof cellReader>,
  firstRow = tab.frozenRows + 1,
): TabData {
  const header = (values[0] ?? []).map((h) => matchKey(String(h)));
  const columns = new Map<string, number>();
  for (const c of tab.columns) {
    const index =
      headerKeys(c, matchKey)
        .map((k) => header.indexOf(k))
        .find((i) => i >= 0) ?? -1;
    if (index >= 0) columns.set(c.key, index + 1);
  }
  const specs = tab.columns.filter((c) => columns.has(c.key));
  const rows = values.slice(tab.frozenRows).map((line, i) => {
    const row: Row = { [ROW_NUMBER]: i + firstRow };
    for (const c of specs) row[c.key] = read(line[columns.get(c.key)! - 1], c);
    return row;
  });
  return { sheet, columns, rows, width: values[0]?.length ?? 0 };
}

export interface SheetContext {
  tables: Tables;
  tabs: Map<string, TabData>;
  timeZone: string;
}

/** The tabs' rows, one getValues() each; `keys`: only those tabs (the others read as empty). */
export function readTables(spreadsheet: Spreadsheet, keys?: readonly string[]): SheetContext {
  const timeZone = spreadsheet.getSpreadsheetTimeZone();
  const read = cellReader(timeZone);
  const sheets = sheetsByKey(spreadsheet);
  const tables: Tables = {};
  const tabs = new Map<string, TabData>();
  for (const tab of TABS) {
    const sheet = !keys || keys.includes(tab.key) ? sheets.get(tab.key) : undefined;
    const values = sheet ? sheet.getDataRange().getValues() : null;
    const data = sheet && values ? { ...tabData(sheet, tab, values, read), values } : null;
    tables[tab.key] = data?.rows ?? [];
    if (data) tabs.set(tab.key, data);
  }
  return { tables, tabs, timeZone };
}

export function todayIso(timeZone: string, now = new Date()): string {
  return Utilities.formatDate(now, timeZone, 'yyyy-MM-dd');
}

/** The ISO day `days` after an ISO day (calendar arithmetic, no time zone involved). */
export function addDays(iso: string, days: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/**
 * Date cells for ISO days: midnight of that day in the sheet's zone, as Sheets stores
 * a typed date. One parseDate (a service call) per distinct day, not per row.
 */
export function dateWriter(timeZone: string): (iso: string) => Date {
  const dates = new Map<string, Date>();
  return (iso) => {
    let date = dates.get(iso);
    if (!date) {
      date = Utilities.parseDate(iso, timeZone, 'yyyy-MM-dd');
      dates.set(iso, date);
    }
    return date;
  };
}

/** Text written with setValues stays text: Sheets would otherwise read "=…" as a formula and "30/6/2026" as a date. */
export function asText(value: string): string {
  return value === '' ? '' : `'${value}`;
}

/** A record's fields as cells: numbers as numbers, text kept text (asText). */
export function asCells(fields: readonly (string | number)[]): (string | number)[] {
  return fields.map((f) => (typeof f === 'number' ? f : asText(f)));
}

/** Grows a sheet to at least rows × columns: Sheets throws on ranges outside the grid. */
export function ensureGrid(sheet: Sheet, rows: number, columns: number): void {
  const maxRows = sheet.getMaxRows();
  if (maxRows < rows) sheet.insertRowsAfter(maxRows, rows - maxRows);
  const maxColumns = sheet.getMaxColumns();
  if (maxColumns < columns) sheet.insertColumnsAfter(maxColumns, columns - maxColumns);
}
