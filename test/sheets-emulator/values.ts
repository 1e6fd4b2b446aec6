// spreadsheets.values.*: reading (ragged, trimmed, normalised ranges) and writing (RAW /
// USER_ENTERED, grid limits, append's table detection) on the model.

import { columnLetter } from '../../core/layout/columns';
import { type Area, formatRange } from './a1';
import {
  applyInput,
  type DateTimeRenderOption,
  parseInput,
  renderCell,
  type RenderedValue,
  type ValueInputOption,
  type ValueRenderOption,
} from './cells';
import { insertDimension } from './dimensions';
import { invalidArgument } from './errors';
import type { FormulaEvaluator } from './formula';
import { cellAt, clipToGrid, exceedsGrid, getCell, resolveRange, type SheetModel, type SpreadsheetModel } from './model';

export type MajorDimension = 'ROWS' | 'COLUMNS';

export interface ValueRange {
  range: string;
  majorDimension: MajorDimension;
  values?: RenderedValue[][];
}

export interface ReadOptions {
  majorDimension?: MajorDimension;
  valueRenderOption?: ValueRenderOption;
  dateTimeRenderOption?: DateTimeRenderOption;
}

const enumOf = <T extends string>(name: string, allowed: readonly T[], value: string | undefined, fallback: T): T => {
  if (value === undefined || value === '') return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw invalidArgument(`Invalid value at '${name}' (${allowed.join(' | ')}), "${value}"`);
};

export const majorDimensionOf = (v: string | undefined): MajorDimension =>
  enumOf('major_dimension', ['ROWS', 'COLUMNS'], v === 'DIMENSION_UNSPECIFIED' ? undefined : v, 'ROWS');

export function readRange(model: SpreadsheetModel, rangeText: string, opts: ReadOptions, evaluate: FormulaEvaluator): ValueRange {
  const { sheet, area } = resolveRange(model, rangeText);
  const bounded = clipToGrid(sheet, area);
  const majorDimension = majorDimensionOf(opts.majorDimension);
  const render = {
    valueRenderOption: enumOf(
      'value_render_option',
      ['FORMATTED_VALUE', 'UNFORMATTED_VALUE', 'FORMULA'],
      opts.valueRenderOption,
      'FORMATTED_VALUE',
    ),
    dateTimeRenderOption: enumOf(
      'date_time_render_option',
      ['SERIAL_NUMBER', 'FORMATTED_STRING'],
      opts.dateTimeRenderOption,
      'SERIAL_NUMBER',
    ),
    evaluate,
  };
  const outer = majorDimension === 'ROWS' ? [bounded.startRow, bounded.endRow] : [bounded.startCol, bounded.endCol];
  const inner = majorDimension === 'ROWS' ? [bounded.startCol, bounded.endCol] : [bounded.startRow, bounded.endRow];
  // Stop at the last stored row: everything past it is empty and would be trimmed anyway.
  const lastStored = majorDimension === 'ROWS' ? Math.min(outer[1]!, sheet.rows.length) : outer[1]!;
  const values: RenderedValue[][] = [];
  for (let o = outer[0]!; o < lastStored; o++) {
    const line: RenderedValue[] = [];
    for (let i = inner[0]!; i < inner[1]!; i++) {
      const cell = majorDimension === 'ROWS' ? getCell(sheet, o, i) : getCell(sheet, i, o);
      line.push(renderCell(cell, render));
    }
    // The API omits trailing empty cells in a row and trailing empty rows.
    while (line.length && line[line.length - 1] === '') line.pop();
    values.push(line);
  }
  while (values.length && values[values.length - 1]!.length === 0) values.pop();
  return { range: formatRange(sheet.properties.title, bounded), majorDimension, ...(values.length ? { values } : {}) };
}

export interface WriteBody {
  range?: string | null;
  majorDimension?: string | null;
  values?: unknown[][] | null;
}

export interface UpdateValuesResponse {
  spreadsheetId: string;
  updatedRange: string;
  updatedRows?: number;
  updatedColumns?: number;
  updatedCells?: number;
  updatedData?: ValueRange;
}

export const valueInputOptionOf = (v: string | undefined | null): ValueInputOption => {
  if (!v || v === 'INPUT_VALUE_OPTION_UNSPECIFIED') throw invalidArgument("'valueInputOption' is required but not specified");
  return enumOf('value_input_option', ['RAW', 'USER_ENTERED'], v, 'RAW');
};

/** Rows of input in row-major order, whatever majorDimension the client used. */
function rowMajor(body: WriteBody): unknown[][] {
  const values = body.values ?? [];
  if (!Array.isArray(values) || values.some((r) => !Array.isArray(r)))
    throw invalidArgument("Invalid value at 'data.values': expected a list of lists");
  if (majorDimensionOf(body.majorDimension ?? undefined) === 'ROWS') return values;
  const width = Math.max(0, ...values.map((c) => c.length));
  return [...Array(width).keys()].map((r) => values.map((col) => col[r] ?? null));
}

/** Writes values at `start`; returns the update counts. Caller has already checked the grid. */
function writeAt(
  model: SpreadsheetModel,
  sheet: SheetModel,
  start: { row: number; col: number },
  rows: unknown[][],
  option: ValueInputOption,
): UpdateValuesResponse {
  const rowsTouched = new Set<number>();
  const colsTouched = new Set<number>();
  let cells = 0;
  rows.forEach((row, r) =>
    row.forEach((raw, c) => {
      const input = parseInput(raw, option, model.properties.locale, `[${r}][${c}]`);
      if (input === null) return;
      applyInput(cellAt(sheet, start.row + r, start.col + c), input);
      rowsTouched.add(r);
      colsTouched.add(c);
      cells++;
    }),
  );
  const width = Math.max(1, ...rows.map((r) => r.length));
  const area = { startRow: start.row, startCol: start.col, endRow: start.row + Math.max(1, rows.length), endCol: start.col + width };
  return {
    spreadsheetId: model.spreadsheetId,
    updatedRange: formatRange(sheet.properties.title, area),
    // Zero counts are omitted, as proto3 JSON does.
    ...(rowsTouched.size ? { updatedRows: rowsTouched.size, updatedColumns: colsTouched.size, updatedCells: cells } : {}),
  };
}

function checkFits(sheet: SheetModel, rangeText: string, area: Area, rows: unknown[][]): void {
  const width = Math.max(0, ...rows.map((r) => r.length));
  const limit = area.anchor ? { ...area, endRow: undefined, endCol: undefined } : area;
  if (limit.endRow !== undefined && area.startRow + rows.length > limit.endRow) {
    throw invalidArgument(`Requested writing within range [${rangeText}], but tried writing to row [${area.startRow + rows.length}]`);
  }
  if (limit.endCol !== undefined && area.startCol + width > limit.endCol) {
    throw invalidArgument(
      `Requested writing within range [${rangeText}], but tried writing to column [${columnLetter(area.startCol + width - 1)}]`,
    );
  }
  const { rowCount, columnCount } = sheet.properties.gridProperties;
  const endRow = area.startRow + Math.max(1, rows.length);
  const endCol = area.startCol + Math.max(1, width);
  if (endRow > rowCount || endCol > columnCount)
    throw exceedsGrid(sheet, { startRow: area.startRow, startCol: area.startCol, endRow, endCol });
}

export function updateRange(model: SpreadsheetModel, rangeText: string, body: WriteBody, option: ValueInputOption): UpdateValuesResponse {
  if (body.range && body.range !== rangeText) {
    throw invalidArgument(`Invalid data[0]: Requested range [${rangeText}] and range in request body [${body.range}] do not match`);
  }
  const { sheet, area } = resolveRange(model, rangeText);
  const rows = rowMajor(body);
  checkFits(sheet, rangeText, area, rows);
  return writeAt(model, sheet, { row: area.startRow, col: area.startCol }, rows, option);
}

export function clearRange(model: SpreadsheetModel, rangeText: string): string {
  const { sheet, area } = resolveRange(model, rangeText);
  const bounded = clipToGrid(sheet, area);
  for (let r = bounded.startRow; r < Math.min(bounded.endRow, sheet.rows.length); r++) {
    for (let c = bounded.startCol; c < bounded.endCol; c++) {
      if (getCell(sheet, r, c)) delete cellAt(sheet, r, c).userEnteredValue;
    }
  }
  return formatRange(sheet.properties.title, bounded);
}

export interface AppendResponse {
  spreadsheetId: string;
  tableRange?: string;
  updates: UpdateValuesResponse;
}

/**
 * values.append: finds the first "table" (block of consecutive non-empty rows) inside the range,
 * then writes after its last row, starting at its first column; grows the grid when needed.
 */
export function appendRange(
  model: SpreadsheetModel,
  rangeText: string,
  body: WriteBody,
  option: ValueInputOption,
  insertDataOption: string | undefined,
): AppendResponse {
  const insert = enumOf('insert_data_option', ['OVERWRITE', 'INSERT_ROWS'], insertDataOption, 'OVERWRITE') === 'INSERT_ROWS';
  const { sheet, area } = resolveRange(model, rangeText);
  // A single-cell range ("Tab!A1") means "the table starting here", so the search is open-ended.
  const bounded = clipToGrid(sheet, area.anchor ? { startRow: area.startRow, startCol: area.startCol } : area);
  const rows = rowMajor(body);
  const nonEmpty = (r: number): number[] => {
    const cols: number[] = [];
    for (let c = bounded.startCol; c < bounded.endCol; c++) if (getCell(sheet, r, c)?.userEnteredValue) cols.push(c);
    return cols;
  };
  let tableStart = -1;
  let tableEnd = bounded.startRow;
  let firstCol = bounded.startCol;
  let lastCol = bounded.startCol;
  for (let r = bounded.startRow; r < Math.min(bounded.endRow, sheet.rows.length); r++) {
    const cols = nonEmpty(r);
    if (cols.length === 0) {
      if (tableStart >= 0) break;
      continue;
    }
    if (tableStart < 0) {
      tableStart = r;
      firstCol = cols[0]!;
      lastCol = cols[cols.length - 1]!;
    }
    firstCol = Math.min(firstCol, cols[0]!);
    lastCol = Math.max(lastCol, cols[cols.length - 1]!);
    tableEnd = r + 1;
  }
  const start = { row: tableStart >= 0 ? tableEnd : bounded.startRow, col: tableStart >= 0 ? firstCol : bounded.startCol };
  const width = Math.max(0, ...rows.map((r) => r.length));
  if (insert && rows.length) insertDimension(model, sheet, 'ROWS', start.row, start.row + rows.length);
  const grid = sheet.properties.gridProperties;
  grid.rowCount = Math.max(grid.rowCount, start.row + rows.length);
  grid.columnCount = Math.max(grid.columnCount, start.col + width);
  const updates = writeAt(model, sheet, start, rows, option);
  const tableRange =
    tableStart >= 0
      ? formatRange(sheet.properties.title, { startRow: tableStart, endRow: tableEnd, startCol: firstCol, endCol: lastCol + 1 })
      : undefined;
  return { spreadsheetId: model.spreadsheetId, ...(tableRange ? { tableRange } : {}), updates };
}
