// The in-memory spreadsheet model. It mirrors the API's own resources (Spreadsheet, Sheet, CellData,
// DeveloperMetadata) so responses are mostly projections of it, and tests can assert on it directly.

import { randomBytes } from 'node:crypto';
import { type Area, type Bounds, formatArea, parseRange } from './a1';
import { ApiError, invalidArgument } from './errors';

/** Any JSON object stored opaquely (formats, validation rules, borders...). */
export type Json = Record<string, unknown>;

export interface ExtendedValue {
  stringValue?: string;
  numberValue?: number;
  boolValue?: boolean;
  formulaValue?: string;
  errorValue?: { type: string; message: string };
}

export interface Cell {
  userEnteredValue?: ExtendedValue;
  userEnteredFormat?: Json;
  note?: string;
  dataValidation?: Json;
  /** Anything else a client sets through updateCells (hyperlink, textFormatRuns...), kept as sent. */
  [field: string]: unknown;
}

export interface GridRange {
  sheetId?: number;
  startRowIndex?: number;
  endRowIndex?: number;
  startColumnIndex?: number;
  endColumnIndex?: number;
}

export type Dimension = 'ROWS' | 'COLUMNS';

export interface DimensionRange {
  sheetId: number;
  dimension: Dimension;
  startIndex: number;
  endIndex: number;
}

export interface DeveloperMetadata {
  metadataId: number;
  metadataKey: string;
  metadataValue?: string;
  location: {
    locationType: 'SPREADSHEET' | 'SHEET' | 'ROW' | 'COLUMN';
    spreadsheet?: boolean;
    sheetId?: number;
    dimensionRange?: DimensionRange;
  };
  visibility: 'DOCUMENT' | 'PROJECT';
}

export interface SheetProperties {
  sheetId: number;
  title: string;
  index: number;
  sheetType: 'GRID';
  gridProperties: { rowCount: number; columnCount: number; frozenRowCount?: number; frozenColumnCount?: number; [k: string]: unknown };
  hidden?: boolean;
  [field: string]: unknown;
}

export interface SheetModel {
  properties: SheetProperties;
  /** rows[r][c]; sparse, undefined means an empty cell with no format. */
  rows: (Cell | undefined)[][];
  /** Per-row / per-column properties (pixelSize, hiddenByUser), sparse. */
  rowMetadata: (Json | undefined)[];
  columnMetadata: (Json | undefined)[];
  merges: GridRange[];
  protectedRanges: (Json & { protectedRangeId: number; range?: GridRange })[];
  conditionalFormats: (Json & { ranges?: GridRange[] })[];
  /** Every request that is accepted but only recorded (updateBorders, autoResizeDimensions...). */
  recorded: Json[];
}

export interface SpreadsheetModel {
  spreadsheetId: string;
  properties: { title: string; locale: string; timeZone: string; autoRecalc: string; [field: string]: unknown };
  sheets: SheetModel[];
  /** All developer metadata, whatever its location (spreadsheet, sheet, row or column). */
  developerMetadata: DeveloperMetadata[];
  /** Deterministic id source so sheet ids and metadata ids are reproducible between runs. */
  seed: number;
}

export const DEFAULT_ROWS = 1000;
export const DEFAULT_COLUMNS = 26;

export function newSpreadsheetId(): string {
  return randomBytes(33).toString('base64url');
}

/** Next pseudo-random positive 31-bit id (LCG), like the large ids Sheets hands out. */
export function nextId(model: SpreadsheetModel): number {
  model.seed = (Math.imul(model.seed, 1103515245) + 12345) & 0x7fffffff;
  return model.seed || 1;
}

export interface NewSheet {
  title: string;
  rowCount?: number;
  columnCount?: number;
  frozenRowCount?: number;
}

export function newSheet(properties: Partial<SheetProperties> & { sheetId: number; title: string; index: number }): SheetModel {
  const grid = properties.gridProperties ?? { rowCount: DEFAULT_ROWS, columnCount: DEFAULT_COLUMNS };
  return {
    properties: {
      ...properties,
      sheetType: 'GRID',
      gridProperties: { ...grid, rowCount: grid.rowCount ?? DEFAULT_ROWS, columnCount: grid.columnCount ?? DEFAULT_COLUMNS },
    },
    rows: [],
    rowMetadata: [],
    columnMetadata: [],
    merges: [],
    protectedRanges: [],
    conditionalFormats: [],
    recorded: [],
  };
}

export function newSpreadsheet(
  id: string,
  properties: Partial<SpreadsheetModel['properties']> = {},
  tabs: NewSheet[] = [{ title: 'Sheet1' }],
): SpreadsheetModel {
  const model: SpreadsheetModel = {
    spreadsheetId: id,
    properties: {
      locale: 'en_US',
      timeZone: 'Etc/GMT',
      autoRecalc: 'ON_CHANGE',
      ...properties,
      title: properties.title ?? 'Untitled spreadsheet',
    },
    sheets: [],
    developerMetadata: [],
    seed: [...id].reduce((h, ch) => (Math.imul(h, 31) + ch.charCodeAt(0)) | 0, 7) & 0x7fffffff,
  };
  tabs.forEach((tab, index) => {
    const gridProperties = {
      rowCount: tab.rowCount ?? DEFAULT_ROWS,
      columnCount: tab.columnCount ?? DEFAULT_COLUMNS,
      ...(tab.frozenRowCount ? { frozenRowCount: tab.frozenRowCount } : {}),
    };
    // The first sheet of a new spreadsheet has id 0, as in Sheets.
    model.sheets.push(newSheet({ sheetId: index === 0 ? 0 : nextId(model), title: tab.title, index, gridProperties }));
  });
  return model;
}

export function sheetById(model: SpreadsheetModel, sheetId: number | null | undefined): SheetModel | undefined {
  return model.sheets.find((s) => s.properties.sheetId === (sheetId ?? 0));
}

export function sheetByTitle(model: SpreadsheetModel, title: string): SheetModel | undefined {
  return model.sheets.find((s) => s.properties.title === title);
}

export function sortedSheets(model: SpreadsheetModel): SheetModel[] {
  return [...model.sheets].sort((a, b) => a.properties.index - b.properties.index);
}

export interface ResolvedRange {
  sheet: SheetModel;
  /** The requested area, open ends still open. */
  area: Area;
}

/** Resolves an A1 range against the model, or throws Google's "Unable to parse range" error. */
export function resolveRange(model: SpreadsheetModel, text: string): ResolvedRange {
  const parsed = parseRange(text);
  const fail = (): ApiError => invalidArgument(`Unable to parse range: ${text}`);
  if (!parsed) throw fail();
  if (parsed.bare !== undefined) {
    const named = sheetByTitle(model, parsed.bare);
    if (named) return { sheet: named, area: { startRow: 0, startCol: 0 } };
    const first = sortedSheets(model)[0];
    if (!first) throw fail();
    return { sheet: first, area: parsed.area! };
  }
  const sheet = sheetByTitle(model, parsed.title!);
  if (!sheet) throw fail();
  return { sheet, area: parsed.area ?? { startRow: 0, startCol: 0 } };
}

/** Closes open ends at the grid edge and clips to it; a range starting outside the grid is an error. */
export function clipToGrid(sheet: SheetModel, area: Area): Bounds {
  const { rowCount, columnCount } = sheet.properties.gridProperties;
  if (area.startRow >= rowCount || area.startCol >= columnCount) throw exceedsGrid(sheet, area);
  return {
    startRow: area.startRow,
    startCol: area.startCol,
    endRow: Math.min(area.endRow ?? rowCount, rowCount),
    endCol: Math.min(area.endCol ?? columnCount, columnCount),
  };
}

export function exceedsGrid(sheet: SheetModel, area: Area): ApiError {
  const { rowCount, columnCount } = sheet.properties.gridProperties;
  const bounded = { ...area, endRow: area.endRow ?? area.startRow + 1, endCol: area.endCol ?? area.startCol + 1 };
  const quoted = `'${sheet.properties.title.replace(/'/g, "''")}'!${formatArea(bounded)}`;
  return invalidArgument(`Range (${quoted}) exceeds grid limits. Max rows: ${rowCount}, max columns: ${columnCount}`);
}

export function getCell(sheet: SheetModel, row: number, col: number): Cell | undefined {
  return sheet.rows[row]?.[col];
}

/**
 * The cell at (row, col) to write on, creating it (and its row) when missing. A draft shares its cells with the model
 * (draftOf), so an existing cell is copied before it is handed out: what the draft changes, the model never sees.
 */
export function cellAt(sheet: SheetModel, row: number, col: number): Cell {
  const cells = (sheet.rows[row] ??= []);
  const cell = cells[col];
  return (cells[col] = cell ? cloneJson(cell) : {});
}

export function gridRangeToArea(sheet: SheetModel, range: GridRange): Bounds {
  const { rowCount, columnCount } = sheet.properties.gridProperties;
  return {
    startRow: range.startRowIndex ?? 0,
    startCol: range.startColumnIndex ?? 0,
    endRow: range.endRowIndex ?? rowCount,
    endCol: range.endColumnIndex ?? columnCount,
  };
}

/**
 * A copy of the model for a write to work on, committed with `Object.assign(model, draft)` only if the write
 * succeeds. Everything is copied but the cells: the rows are new arrays holding the model's cell objects, and
 * `cellAt` copies a cell before it changes. Copying every cell of a laid-out sheet (thousands of rows carrying
 * dropdown rules) on every write made the emulator most of the sheets tests' time, and its garbage most of the rest.
 */
export function draftOf(model: SpreadsheetModel): SpreadsheetModel {
  const { sheets, ...rest } = model;
  return {
    ...cloneJson(rest),
    sheets: sheets.map(({ rows, ...sheet }) => ({ ...cloneJson(sheet), rows: rows.map((cells) => cells.slice()) })),
  };
}

/**
 * A deep copy of the model's plain JSON data (objects, arrays with their holes, primitives): the emulator copies
 * whole spreadsheets per batch and every cell it returns, where structuredClone costs several times as much.
 */
export function cloneJson<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const out: unknown[] = new Array(value.length);
    value.forEach((v, i) => (out[i] = cloneJson(v)));
    return out as T;
  }
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) out[key] = cloneJson((value as Record<string, unknown>)[key]);
  return out as T;
}
