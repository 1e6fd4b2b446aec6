/**
 * Reads the whole shared sheet in one request: spreadsheets.get with grid data
 * and a narrow field mask gives, at once, every tab's values, the sheet ids the
 * atomic batchUpdate needs, and the rows' developer metadata (their stable ids).
 * values.batchGet would need a second request for the last two. A write of a
 * few columns reads less (readNarrow); a write's landing, less still (readLanding).
 */
import { createHash } from 'node:crypto';
import type { sheets_v4 } from '@googleapis/sheets';
import {
  carriesIdentity,
  columnLetter,
  headerKeys,
  identityColumns,
  indexRows,
  JOURNAL_TAB,
  matchKey,
  parseJournal,
  ROW_KEY,
  ROW_NUMBER,
  rowIdentity,
  tabForName,
  TABS,
  type JournalEdit,
  type Replaced,
  type Row,
  type TabSpec,
} from '../../core/index';
import { callSheets } from './api-errors';
import type { BackoffOptions } from './backoff';
import type { SheetsApi } from './client';
import { plainFromCell } from './grid-values';

/** Row developer metadata key holding the row's identity, so a row keeps it even if its id cell is cleared. */
export const ROW_METADATA_KEY = 'cchc.key';
/** Column developer metadata key holding the column's layout key, so a column renamed by an official is still found. */
export const COLUMN_METADATA_KEY = 'cchc.column';
/** Spreadsheet developer metadata naming the last batch written: a batch whose answer was lost is recognised by it. */
export const WRITE_METADATA_KEY = 'cchc.write';

export interface TabState {
  spec: TabSpec;
  sheetId: number;
  title: string;
  rowCount: number;
  columnCount: number;
  /** Column key → 0-based column index, from the header row, else the column's metadata (officials may reorder or rename columns). */
  columns: Map<string, number>;
  /** Column keys whose column already carries its metadata tag. */
  taggedColumns: Set<string>;
  /** Layout columns found by their header text in row 1 (none while tags name columns: the header row is gone). */
  headerMatched: number;
  /** Some row tag sits beside another typed identity than its own: cells moved without their rows (a sort). */
  displacedTags: boolean;
  /** Data rows with their sheet row number (ROW_NUMBER) and, from metadata, identity (ROW_KEY). */
  rows: Row[];
  /** Row identity → 0-based grid row index. */
  rowIndex: Map<string, number>;
  /**
   * Row identity → the id of the row's tag (row developer metadata naming that
   * identity): a write aimed by it lands on the row wherever it has moved.
   */
  rowTags: Map<string, number>;
  /** Tags naming another row than the one they sit on (placed while rows moved, or the id was retyped): to delete. */
  strayTags: number[];
  /** Characters of developer metadata on this tab, its rows and columns (Google caps them per sheet). */
  metadataChars: number;
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
  /** The id of the last batch this tool wrote, if any. */
  lastWriteId: string | null;
  /** Officials' edits, from the journal tab the Apps Script keeps (empty without it). */
  edits: JournalEdit[];
  /** Whether the sheet has that journal tab. */
  journal: boolean;
  /** Tabs whose rows were not read (readNarrow): only their header row was. */
  unreadRows?: ReadonlySet<string>;
}

export const READ_FIELDS =
  'properties(title),developerMetadata(metadataKey,metadataValue),sheets(properties(sheetId,title,gridProperties(rowCount,columnCount)),' +
  `data(rowData(values(effectiveValue,effectiveFormat(numberFormat(type)),userEnteredFormat(numberFormat(type)))),rowMetadata(developerMetadata(metadataId,metadataKey,metadataValue)),columnMetadata(developerMetadata(metadataKey,metadataValue))))`;

/** Wraps each request sent, retries included (e.g. a per-minute rate limit). */
export type RequestGate = <T>(send: () => Promise<T>) => Promise<T>;

export interface ReadOptions {
  backoff?: BackoffOptions;
  gate?: RequestGate;
  /** Tab key → the sheet id it had when last seen: a renamed tab is still that tab. */
  sheetIds?: ReadonlyMap<string, number>;
}

export async function readSheet(api: SheetsApi, spreadsheetId: string, options: ReadOptions = {}): Promise<SheetState> {
  const gate = options.gate ?? ((send) => send());
  const response = await callSheets(
    spreadsheetId,
    'đọc bảng tính',
    () => gate(() => api.spreadsheets.get({ spreadsheetId, includeGridData: true, fields: READ_FIELDS, prettyPrint: false })),
    options.backoff,
  );
  return sheetState(spreadsheetId, response.data, options.sheetIds);
}

/** The tabs, their sheet ids and grid sizes, the last write id: no cells. */
const OUTLINE_FIELDS =
  'properties(title),developerMetadata(metadataKey,metadataValue),sheets(properties(sheetId,title,gridProperties(rowCount,columnCount)))';

/**
 * The sheet as far as a write of a few columns needs it, in two small requests
 * instead of the whole grid: the tabs' outline, then each layout tab's header
 * row (with the columns' tags), the journal, and the identity columns (with the
 * rows' tags) of the tabs `columns` names (tab key → the columns to read too)
 * and of every tab whose rows carry ids the system issued (their identity
 * checks see every id). A tab read holds every row, with those cells only, so
 * the checks and the merge see every row's identity and every cell the write
 * may touch or be compared against; of other tabs only the header is read
 * (`unreadRows`). The columns are looked for where the layout puts them; null
 * when a column read is not the one wanted there (an official moved or added
 * columns), or when a row's tag sits on a row whose identity cells are blank
 * (only its other cells, unread, could say which row it is): then the whole
 * sheet is read.
 */
export async function readNarrow(
  api: SheetsApi,
  spreadsheetId: string,
  columns: ReadonlyMap<string, ReadonlySet<string>>,
  options: ReadOptions = {},
): Promise<SheetState | null> {
  const gate = options.gate ?? ((send) => send());
  const get = (params: sheets_v4.Params$Resource$Spreadsheets$Get) =>
    callSheets(
      spreadsheetId,
      'đọc bảng tính',
      () => gate(() => api.spreadsheets.get({ spreadsheetId, prettyPrint: false, ...params })),
      options.backoff,
    );
  const outline = (await get({ fields: OUTLINE_FIELDS })).data;
  const sheets = outline.sheets ?? [];
  const found = layoutSheets(sheets, options.sheetIds ?? new Map());
  const journal = sheets.some((sheet) => sheet.properties?.title === JOURNAL_TAB);
  const ranges: string[] = [];
  const wanted = new Map<TabSpec, number[]>();
  const unreadRows = new Set<string>();
  for (const [spec, sheet] of found) {
    const title = sheet.properties?.title ?? '';
    const read = columns.has(spec.key) || spec.identity === undefined;
    if (!read) unreadRows.add(spec.key);
    const keys = new Set(read ? [...identityColumns(spec), ...(columns.get(spec.key) ?? [])] : []);
    const indexes = [...keys].map((key) => spec.columns.findIndex((c) => c.key === key));
    if (indexes.some((index) => index >= (sheet.properties?.gridProperties?.columnCount ?? 0))) return null;
    wanted.set(spec, indexes);
    ranges.push(a1(title, '1:1'), ...indexes.map((index) => a1(title, `${columnLetter(index)}:${columnLetter(index)}`)));
  }
  if (journal) ranges.push(a1(JOURNAL_TAB, 'A:E'));
  const data = new Map<number, sheets_v4.Schema$GridData[]>();
  let edits: JournalEdit[] = [];
  if (ranges.length > 0) {
    const fields =
      `sheets(properties(sheetId,title),data(startRow,startColumn,rowData(${CELL_FIELDS}),` +
      'rowMetadata(developerMetadata(metadataId,metadataKey,metadataValue)),columnMetadata(developerMetadata(metadataKey,metadataValue))))';
    for (const sheet of (await get({ ranges, includeGridData: true, fields })).data.sheets ?? []) {
      if (sheet.properties?.title === JOURNAL_TAB) edits = parseJournal(gridValues(sheet.data?.[0]));
      else data.set(sheet.properties?.sheetId ?? 0, sheet.data ?? []);
    }
  }
  const state: SheetState = {
    spreadsheetId,
    title: outline.properties?.title ?? '',
    tabs: new Map(),
    sheetIds: new Set(sheets.map((sheet) => sheet.properties?.sheetId ?? 0)),
    lastWriteId: outline.developerMetadata?.find((m) => m.metadataKey === WRITE_METADATA_KEY)?.metadataValue ?? null,
    edits,
    journal,
    unreadRows,
  };
  for (const [spec, sheet] of found) {
    const [header, ...read] = data.get(sheet.properties?.sheetId ?? 0) ?? [];
    const indexes = wanted.get(spec)!;
    if (read.length !== indexes.length || read.some((grid, i) => (grid.startColumn ?? 0) !== indexes[i])) return null;
    // One grid as the whole read gives it, holding only the cells read.
    const rowData: sheets_v4.Schema$RowData[] = [{ values: header?.rowData?.[0]?.values ?? [] }];
    read.forEach((grid, i) =>
      (grid.rowData ?? []).forEach((row, r) => {
        if (r === 0) return;
        const values = (rowData[r] ??= { values: [] }).values!;
        values[indexes[i]!] = row.values?.[0] ?? {};
      }),
    );
    const grid: sheets_v4.Schema$GridData = {
      rowData,
      rowMetadata: read[0]?.rowMetadata ?? [],
      columnMetadata: header?.columnMetadata ?? [],
    };
    const tab = tabState(spec, sheet.properties ?? {}, grid);
    if (indexes.some((index) => tab.columns.get(spec.columns[index]!.key) !== index)) return null;
    if (rowsTagged(spec) && tagOnBlankIdentity(spec, tab, grid)) return null;
    state.tabs.set(spec.key, tab);
  }
  return state;
}

/** Whether a row tag sits on a row whose identity cells are blank. */
function tagOnBlankIdentity(spec: TabSpec, tab: TabState, grid: sheets_v4.Schema$GridData): boolean {
  const identity = identityColumns(spec).map((key) => tab.columns.get(key));
  return (grid.rowMetadata ?? []).some(
    (dim, r) =>
      r >= spec.frozenRows &&
      (dim.developerMetadata ?? []).some((m) => m.metadataKey === ROW_METADATA_KEY) &&
      identity.every(
        (index) => index === undefined || [null, ''].includes(plainFromCell(grid.rowData?.[r]?.values?.[index], undefined) as null),
      ),
  );
}

/** A grid's cells as plain values, row by row. */
function gridValues(grid: sheets_v4.Schema$GridData | undefined): unknown[][] {
  return (grid?.rowData ?? []).map((r) => (r.values ?? []).map((c) => plainFromCell(c, undefined)));
}

const metadataChars = (dims: sheets_v4.Schema$DimensionProperties[] | undefined): number =>
  (dims ?? []).reduce(
    (n, d) => n + (d.developerMetadata ?? []).reduce((m, x) => m + (x.metadataKey ?? '').length + (x.metadataValue ?? '').length, 0),
    0,
  );

/** Tabs are found by the sheet id they had when last seen, else by name. */
export function sheetState(
  spreadsheetId: string,
  data: sheets_v4.Schema$Spreadsheet,
  sheetIds: ReadonlyMap<string, number> = new Map(),
): SheetState {
  const lastWriteId = data.developerMetadata?.find((m) => m.metadataKey === WRITE_METADATA_KEY)?.metadataValue ?? null;
  const state: SheetState = {
    spreadsheetId,
    title: data.properties?.title ?? '',
    tabs: new Map(),
    sheetIds: new Set(),
    lastWriteId,
    edits: [],
    journal: false,
  };
  const sheets = data.sheets ?? [];
  for (const sheet of sheets) {
    state.sheetIds.add(sheet.properties?.sheetId ?? 0);
    if (sheet.properties?.title === JOURNAL_TAB) {
      state.journal = true;
      state.edits = parseJournal(gridValues(sheet.data?.[0]));
    }
  }
  for (const [spec, sheet] of layoutSheets(sheets, sheetIds))
    state.tabs.set(spec.key, tabState(spec, sheet.properties ?? {}, sheet.data?.[0]));
  return state;
}

/** Each layout tab's sheet: the one with the sheet id it had when last seen, else the one of its name. */
function layoutSheets(
  sheets: readonly sheets_v4.Schema$Sheet[],
  sheetIds: ReadonlyMap<string, number>,
): Map<TabSpec, sheets_v4.Schema$Sheet> {
  const found = new Map<TabSpec, sheets_v4.Schema$Sheet>();
  const claimed = new Set<sheets_v4.Schema$Sheet>();
  for (const spec of TABS) {
    const id = sheetIds.get(spec.key);
    const sheet = id === undefined ? undefined : sheets.find((s) => (s.properties?.sheetId ?? 0) === id);
    if (!sheet) continue;
    claimed.add(sheet);
    found.set(spec, sheet);
  }
  for (const sheet of sheets) {
    const spec = tabForName(sheet.properties?.title ?? '');
    if (!spec || claimed.has(sheet) || found.has(spec)) continue;
    found.set(spec, sheet);
  }
  // In TABS order, as the tabs are read.
  return new Map(TABS.filter((spec) => found.has(spec)).map((spec) => [spec, found.get(spec)!]));
}

/** Tab key → sheet id, to find the tabs again after a rename. */
export function sheetIdsOf(state: SheetState): Map<string, number> {
  return new Map([...state.tabs].map(([key, tab]) => [key, tab.sheetId]));
}

/**
 * What officials made again since the last sync: a tab whose sheet id is not the
 * one recorded (deleted, then a new tab of that name), and a layout column found
 * by its header but without the tag every column the tool wrote carries, in a tab
 * whose other columns have theirs (deleted, then a header typed in again).
 */
export function replacedParts(state: SheetState, recorded: ReadonlyMap<string, number>): Replaced[] {
  const replaced: Replaced[] = [];
  for (const [key, tab] of state.tabs) {
    const id = recorded.get(key);
    if (id !== undefined && id !== tab.sheetId) {
      replaced.push({ tab: key, column: null });
      continue;
    }
    if (tab.taggedColumns.size === 0) continue;
    for (const column of tab.columns.keys()) if (!tab.taggedColumns.has(column)) replaced.push({ tab: key, column });
  }
  return replaced;
}

/** Which tabs and layout columns the sheet holds, for the structure check before a merge. */
export function shapeOf(state: SheetState): Map<string, { name: string; columns: Set<string> }> {
  return new Map([...state.tabs].map(([key, tab]) => [key, { name: tab.title, columns: new Set(tab.columns.keys()) }]));
}

/** Tabs whose rows the writer tags: those with identity columns (every data tab). */
export function rowsTagged(spec: TabSpec): boolean {
  return identityColumns(spec).length > 0;
}

/**
 * A row tag's value. A task's id is short and is the value itself, so the tag also
 * rescues a row whose id an official cleared. A log line's identity (date, unit,
 * title …) is long: its tag holds a 12-character digest, checked against the row,
 * so the per-sheet metadata budget still tags most rows.
 */
export function rowTagValue(spec: TabSpec, key: string): string {
  return spec.identity === undefined ? key : `#${createHash('sha256').update(key).digest('base64url').slice(0, 12)}`;
}

function tabState(spec: TabSpec, props: sheets_v4.Schema$SheetProperties, grid: sheets_v4.Schema$GridData | undefined): TabState {
  const rowData = grid?.rowData ?? [];
  const byHeader = new Map(spec.columns.flatMap((c) => headerKeys(c, matchKey).map((k) => [k, c] as const)));
  const columns = new Map<string, number>();
  (rowData[0]?.values ?? []).forEach((cell, index) => {
    const column = byHeader.get(matchKey(String(plainFromCell(cell, undefined) ?? '')));
    if (column && !columns.has(column.key)) columns.set(column.key, index);
  });
  const headerMatched = columns.size;
  // A header an official renamed: the column's tag still names it (unless another column now has its header).
  const taggedColumns = new Set<string>();
  const taken = new Set(columns.values());
  (grid?.columnMetadata ?? []).forEach((dim, index) => {
    const key = dim.developerMetadata?.find((m) => m.metadataKey === COLUMN_METADATA_KEY)?.metadataValue;
    if (!key || !spec.columns.some((c) => c.key === key)) return;
    if (columns.get(key) === index) taggedColumns.add(key);
    else if (!columns.has(key) && !taken.has(index)) {
      columns.set(key, index);
      taken.add(index);
      taggedColumns.add(key);
    }
  });
  const specAt = new Map([...columns].map(([key, index]) => [index, spec.columns.find((c) => c.key === key)!]));
  const rows: Row[] = [];
  const rowTags = new Map<string, number>();
  const tagsOf = new Map<Row, sheets_v4.Schema$DeveloperMetadata[]>();
  const tagged = rowsTagged(spec);
  const strayTags: number[] = [];
  let displacedTags = false;
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
    const tags = (grid?.rowMetadata?.[r]?.developerMetadata ?? []).filter((m) => m.metadataKey === ROW_METADATA_KEY);
    rows.push(row);
    if (tags.length > 0) tagsOf.set(row, tags);
  }
  // The tag's identity matters only when a row's identity cells were cleared, and only if no row's cells hold it:
  // a tag placed while rows moved may sit on a row an official just inserted.
  const typed = new Set(rows.map((row) => rowIdentity(spec, row)));
  if (tagged && spec.identity === undefined) {
    for (const [row, tags] of tagsOf) {
      const carried = tags[0]?.metadataValue;
      if (carried && !typed.has(carried) && rowIdentity(spec, row) === null) row[ROW_KEY] = carried;
    }
  }
  const indexed = indexRows(spec, rows);
  const rowIndex = new Map([...indexed].map(([key, row]) => [key, (row[ROW_NUMBER] as number) - 1]));
  // A tag counts only on the row it names; on a row with no identity it names none.
  if (tagged) {
    const keyOf = new Map([...indexed].map(([key, row]) => [row, key]));
    for (const [row, tags] of tagsOf) {
      const key = keyOf.get(row);
      for (const tag of tags) {
        if (tag.metadataId == null) continue;
        if (key !== undefined && tag.metadataValue === rowTagValue(spec, key) && !rowTags.has(key)) rowTags.set(key, tag.metadataId);
        else {
          strayTags.push(tag.metadataId);
          if (key !== undefined && !carriesIdentity(spec, row)) displacedTags = true;
        }
      }
    }
  }
  return {
    spec,
    sheetId: props.sheetId ?? 0,
    title: props.title ?? spec.name,
    rowCount: props.gridProperties?.rowCount ?? 0,
    columnCount: props.gridProperties?.columnCount ?? 0,
    columns,
    taggedColumns,
    headerMatched,
    displacedTags,
    rows,
    rowIndex,
    rowTags,
    strayTags,
    metadataChars: metadataChars(grid?.rowMetadata) + metadataChars(grid?.columnMetadata),
    dataEnd,
    headerWidth: rowData[0]?.values?.length ?? 0,
  };
}

const CELL_FIELDS = 'values(effectiveValue,effectiveFormat(numberFormat(type)),userEnteredFormat(numberFormat(type)))';

/** An A1 range on a tab, its title quoted. */
export const a1 = (title: string, range: string): string => `'${title.replace(/'/g, "''")}'!${range}`;

/**
 * A narrow look after a write: the identity cells of the rows written by
 * position (`rows`: tab key → 0-based row indexes), and the journal tab if the
 * sheet has it (`journal`; null when not known: a look at the tabs' names first
 * says whether it has come). Returns tab key → row index → the identity found
 * there (null: none), and the journal's edits (null when not asked).
 */
export async function readLanding(
  api: SheetsApi,
  state: SheetState,
  rows: ReadonlyMap<string, readonly number[]>,
  journal: boolean | null,
  options: ReadOptions = {},
): Promise<{ identities: Map<string, Map<number, string | null>>; edits: JournalEdit[] | null }> {
  const ranges: string[] = [];
  for (const [key, indexes] of rows) {
    const tab = state.tabs.get(key)!;
    for (const column of identityColumns(tab.spec)) {
      const index = tab.columns.get(column);
      if (index !== undefined) for (const r of indexes) ranges.push(a1(tab.title, `${columnLetter(index)}${r + 1}`));
    }
  }
  const gate = options.gate ?? ((send) => send());
  // The Apps Script makes its journal tab at an official's first edit, which may fall in the write window.
  if (journal === null) {
    const titles = await callSheets(
      state.spreadsheetId,
      'đọc bảng tính',
      () => gate(() => api.spreadsheets.get({ spreadsheetId: state.spreadsheetId, fields: 'sheets.properties.title', prettyPrint: false })),
      options.backoff,
    );
    journal = (titles.data.sheets ?? []).some((sheet) => sheet.properties?.title === JOURNAL_TAB);
  }
  if (journal) ranges.push(a1(JOURNAL_TAB, 'A:E'));
  if (ranges.length === 0) return { identities: new Map(), edits: null };
  const response = await callSheets(
    state.spreadsheetId,
    'đọc bảng tính',
    () =>
      gate(() =>
        api.spreadsheets.get({
          spreadsheetId: state.spreadsheetId,
          ranges,
          includeGridData: true,
          fields: `sheets(properties(sheetId,title),data(startRow,startColumn,rowData(${CELL_FIELDS})))`,
          prettyPrint: false,
        }),
      ),
    options.backoff,
  );
  const identities = new Map<string, Map<number, string | null>>();
  let edits: JournalEdit[] | null = null;
  const cells = new Map<string, sheets_v4.Schema$CellData>();
  for (const sheet of response.data.sheets ?? []) {
    if (sheet.properties?.title === JOURNAL_TAB) {
      edits = parseJournal((sheet.data ?? []).flatMap(gridValues));
      continue;
    }
    for (const grid of sheet.data ?? []) {
      (grid.rowData ?? []).forEach((r, i) =>
        (r.values ?? []).forEach((c, j) =>
          cells.set(`${sheet.properties?.sheetId}:${(grid.startRow ?? 0) + i}:${(grid.startColumn ?? 0) + j}`, c),
        ),
      );
    }
  }
  if (journal && edits === null) edits = [];
  for (const [key, indexes] of rows) {
    const tab = state.tabs.get(key)!;
    const found = new Map<number, string | null>();
    for (const r of indexes) {
      const row: Row = {};
      for (const column of identityColumns(tab.spec)) {
        const index = tab.columns.get(column);
        const cell = index === undefined ? undefined : cells.get(`${tab.sheetId}:${r}:${index}`);
        row[column] = plainFromCell(
          cell,
          tab.spec.columns.find((c) => c.key === column),
        );
      }
      found.set(r, rowIdentity(tab.spec, row));
    }
    identities.set(key, found);
  }
  return { identities, edits };
}
