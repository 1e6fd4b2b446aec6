/**
 * Reads the whole shared sheet in one request: spreadsheets.get with grid data
 * and a narrow field mask gives, at once, every tab's values, the sheet ids the
 * atomic batchUpdate needs, and the rows' developer metadata (their stable ids).
 * values.batchGet would need a second request for the last two.
 */
import type { sheets_v4 } from '@googleapis/sheets';
import { headerKeys, identityColumns, indexRows, matchKey, ROW_KEY, ROW_NUMBER, rowIdentity, TABS, type Row, type TabSpec } from '../../core/index';
import { callSheets } from './api-errors';
import type { BackoffOptions } from './backoff';
import type { SheetsApi } from './client';
import { plainFromCell } from './grid-values';

/** Row developer metadata key holding the row's identity, so a row keeps it even if its id cell is cleared. */
export const ROW_METADATA_KEY = 'cchc.key';

export interface TabState {
  spec: TabSpec;
  sheetId: number;
  title: string;
  rowCount: number;
  columnCount: number;
  /** Column key → 0-based column index, from the header row (officials may reorder columns). */
  columns: Map<string, number>;
  /** Data rows with their sheet row number (ROW_NUMBER) and, from metadata, identity (ROW_KEY). */
  rows: Row[];
  /** Row identity → 0-based grid row index. */
  rowIndex: Map<string, number>;
  /** 0-based index just past the last non-empty row (at least the header). */
  dataEnd: number;
  /** Cells in the header row, so added columns go after officials' own. */
  headerWidth: number;
}

export interface SheetState {
  spreadsheetId: string;
  title: string;
  /** By tab key; tabs the sheet does not have are absent. */
  tabs: Map<string, TabState>;
  sheetIds: Set<number>;
  /** Characters of row developer metadata already in the spreadsheet (Google caps the total). */
  rowMetadataChars: number;
}

export const READ_FIELDS =
  'properties(title),sheets(properties(sheetId,title,gridProperties(rowCount,columnCount)),' +
  `data(rowData(values(effectiveValue)),rowMetadata(developerMetadata(metadataKey,metadataValue))))`;

/** Wraps each request sent, retries included (e.g. a per-minute rate limit). */
export type RequestGate = <T>(send: () => Promise<T>) => Promise<T>;

export async function readSheet(api: SheetsApi, spreadsheetId: string, backoff?: BackoffOptions, gate: RequestGate = (send) => send()): Promise<SheetState> {
  const response = await callSheets(
    spreadsheetId,
    'đọc bảng tính',
    () => gate(() => api.spreadsheets.get({ spreadsheetId, includeGridData: true, fields: READ_FIELDS })),
    backoff,
  );
  return sheetState(spreadsheetId, response.data);
}

export function sheetState(spreadsheetId: string, data: sheets_v4.Schema$Spreadsheet): SheetState {
  const state: SheetState = { spreadsheetId, title: data.properties?.title ?? '', tabs: new Map(), sheetIds: new Set(), rowMetadataChars: 0 };
  const byName = new Map(TABS.map((t) => [matchKey(t.name), t]));
  for (const sheet of data.sheets ?? []) {
    const props = sheet.properties ?? {};
    state.sheetIds.add(props.sheetId ?? 0);
    for (const row of sheet.data?.[0]?.rowMetadata ?? []) {
      for (const m of row.developerMetadata ?? []) state.rowMetadataChars += (m.metadataKey ?? '').length + (m.metadataValue ?? '').length;
    }
    const spec = byName.get(matchKey(props.title ?? ''));
    if (!spec || state.tabs.has(spec.key)) continue;
    state.tabs.set(spec.key, tabState(spec, props, sheet.data?.[0]));
  }
  return state;
}

function tabState(spec: TabSpec, props: sheets_v4.Schema$SheetProperties, grid: sheets_v4.Schema$GridData | undefined): TabState {
  const rowData = grid?.rowData ?? [];
  const byHeader = new Map(spec.columns.flatMap((c) => headerKeys(c, matchKey).map((k) => [k, c] as const)));
  const columns = new Map<string, number>();
  (rowData[0]?.values ?? []).forEach((cell, index) => {
    const column = byHeader.get(matchKey(String(plainFromCell(cell, undefined) ?? '')));
    if (column && !columns.has(column.key)) columns.set(column.key, index);
  });
  const specAt = new Map([...columns].map(([key, index]) => [index, spec.columns.find((c) => c.key === key)!]));
  const keyed = identityColumns(spec).length > 0;
  const rows: Row[] = [];
  let dataEnd = spec.frozenRows;
  for (let r = spec.frozenRows; r < rowData.length; r++) {
    const cells = rowData[r]?.values ?? [];
    if (cells.some((cell) => plainFromCell(cell, undefined) !== null)) dataEnd = r + 1;
    const row: Row = { [ROW_NUMBER]: r + 1 };
    let any = false;
    for (const column of spec.columns) {
      const index = columns.get(column.key);
      const value = index === undefined ? null : plainFromCell(cells[index], specAt.get(index));
      if (value !== null && value !== '') any = true;
      row[column.key] = value;
    }
    if (!any) continue;
    // The metadata identity matters only when the identity cells were cleared.
    const carried = grid?.rowMetadata?.[r]?.developerMetadata?.find((m) => m.metadataKey === ROW_METADATA_KEY)?.metadataValue;
    if (keyed && carried && rowIdentity(spec, row) === null) row[ROW_KEY] = carried;
    rows.push(row);
  }
  const rowIndex = new Map([...indexRows(spec, rows)].map(([key, row]) => [key, (row[ROW_NUMBER] as number) - 1]));
  return {
    spec,
    sheetId: props.sheetId ?? 0,
    title: props.title ?? spec.name,
    rowCount: props.gridProperties?.rowCount ?? 0,
    columnCount: props.gridProperties?.columnCount ?? 0,
    columns,
    rows,
    rowIndex,
    dataEnd,
    headerWidth: rowData[0]?.values?.length ?? 0,
  };
}
