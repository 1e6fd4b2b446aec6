/**
 * Reading the shared sheet's tabs into the core's rows: one getValues() per tab,
 * whatever the number of rows. Headers are matched by name, so officials may
 * reorder columns.
 */
import { headerKeys, matchKey, ROW_NUMBER, TABS, type CellValue, type Row, type TabSpec } from '../../core/index';

export type Tables = Record<string, Row[]>;

const pad = (n: number): string => (n < 10 ? `0${n}` : String(n));

function cellValue(value: unknown): CellValue {
  if (value === '' || value === null || value === undefined) return null;
  // Sheets hands dates over as Date objects at midnight in the spreadsheet's time zone.
  if (value instanceof Date) return `${value.getFullYear()}-${pad(value.getMonth() + 1)}-${pad(value.getDate())}`;
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  return String(value);
}

export interface TabData {
  sheet: GoogleAppsScript.Spreadsheet.Sheet;
  /** Column number (1-based) of each column key found in the header. */
  columns: Map<string, number>;
  rows: Row[];
  width: number;
}

export function readTab(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, tab: TabSpec): TabData | null {
  const sheet = spreadsheet.getSheetByName(tab.name);
  if (!sheet) return null;
  const values = sheet.getDataRange().getValues();
  const header = (values[0] ?? []).map((h) => matchKey(String(h)));
  const columns = new Map<string, number>();
  for (const c of tab.columns) {
    const index = headerKeys(c, matchKey).map((k) => header.indexOf(k)).find((i) => i >= 0) ?? -1;
    if (index >= 0) columns.set(c.key, index + 1);
  }
  const rows = values.slice(tab.frozenRows).map((line, i) => {
    const row: Row = { [ROW_NUMBER]: i + tab.frozenRows + 1 };
    for (const [key, col] of columns) row[key] = cellValue(line[col - 1]);
    return row;
  });
  return { sheet, columns, rows, width: values[0]?.length ?? 0 };
}

export function readTables(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): { tables: Tables; tabs: Map<string, TabData> } {
  const tables: Tables = {};
  const tabs = new Map<string, TabData>();
  for (const tab of TABS) {
    const data = readTab(spreadsheet, tab);
    tables[tab.key] = data?.rows ?? [];
    if (data) tabs.set(tab.key, data);
  }
  return { tables, tabs };
}

export function todayIso(): string {
  return Utilities.formatDate(new Date(), 'Asia/Ho_Chi_Minh', 'yyyy-MM-dd');
}
