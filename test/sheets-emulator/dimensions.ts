// Inserting, deleting and moving rows or columns. Everything anchored to a row or column moves with
// it (cells, row heights, merges, protected and conditional-format ranges, developer metadata), so
// a sync job that finds rows by developer metadata keeps finding them after officials edit the sheet.

import type { Dimension, GridRange, SheetModel, SpreadsheetModel } from './model';

type Shift = (index: number, isEnd: boolean) => number;

function insertShift(at: number, count: number): Shift {
  return (index, isEnd) => (index > at || (!isEnd && index === at) ? index + count : index);
}

function deleteShift(start: number, end: number): Shift {
  const count = end - start;
  return (index) => (index <= start ? index : Math.max(start, index - count));
}

function rangeKeys(dimension: Dimension): [keyof GridRange, keyof GridRange] {
  return dimension === 'ROWS' ? ['startRowIndex', 'endRowIndex'] : ['startColumnIndex', 'endColumnIndex'];
}

/** Shifts a GridRange in place; returns false when the range vanished (all its rows/columns deleted). */
function shiftGridRange(range: GridRange, dimension: Dimension, shift: Shift): boolean {
  const [startKey, endKey] = rangeKeys(dimension);
  const start = range[startKey];
  const end = range[endKey];
  if (start !== undefined) range[startKey] = shift(start, false);
  if (end !== undefined) range[endKey] = shift(end, true);
  return range[startKey] === undefined || range[endKey] === undefined || range[startKey]! < range[endKey]!;
}

function shiftAnchored(model: SpreadsheetModel, sheet: SheetModel, dimension: Dimension, shift: Shift): void {
  const sheetId = sheet.properties.sheetId;
  sheet.merges = sheet.merges.filter((r) => shiftGridRange(r, dimension, shift));
  sheet.protectedRanges = sheet.protectedRanges.filter((p) => !p.range || shiftGridRange(p.range, dimension, shift));
  sheet.conditionalFormats = sheet.conditionalFormats.filter((rule) => {
    rule.ranges = (rule.ranges ?? []).filter((r) => shiftGridRange(r, dimension, shift));
    return rule.ranges.length > 0;
  });
  model.developerMetadata = model.developerMetadata.filter((m) => {
    const range = m.location.dimensionRange;
    if (!range || range.sheetId !== sheetId || range.dimension !== dimension) return true;
    range.startIndex = shift(range.startIndex, false);
    range.endIndex = shift(range.endIndex, true);
    return range.startIndex < range.endIndex;
  });
}

function gridCountKey(dimension: Dimension): 'rowCount' | 'columnCount' {
  return dimension === 'ROWS' ? 'rowCount' : 'columnCount';
}

export function insertDimension(
  model: SpreadsheetModel,
  sheet: SheetModel,
  dimension: Dimension,
  start: number,
  end: number,
  inheritFromBefore = false,
): void {
  const count = end - start;
  const blank = (): undefined[] => new Array<undefined>(count).fill(undefined);
  if (dimension === 'ROWS') {
    sheet.rows.splice(start, 0, ...blank().map(() => []));
    sheet.rowMetadata.splice(start, 0, ...blank());
  } else {
    for (const row of sheet.rows) if (row && row.length > start) row.splice(start, 0, ...blank());
    sheet.columnMetadata.splice(start, 0, ...blank());
  }
  inheritFormats(sheet, dimension, start, end, inheritFromBefore ? start - 1 : end);
  sheet.properties.gridProperties[gridCountKey(dimension)] += count;
  shiftAnchored(model, sheet, dimension, insertShift(start, count));
}

/** New rows/columns take the formatting (not values) of their neighbour, as Sheets does. */
function inheritFormats(sheet: SheetModel, dimension: Dimension, start: number, end: number, from: number): void {
  if (from < 0) return;
  for (let i = start; i < end; i++) {
    if (dimension === 'ROWS') {
      (sheet.rows[from] ?? []).forEach((cell, col) => {
        if (cell?.userEnteredFormat) (sheet.rows[i] ??= [])[col] = { userEnteredFormat: structuredClone(cell.userEnteredFormat) };
      });
    } else {
      for (const row of sheet.rows) {
        const cell = row?.[from];
        if (cell?.userEnteredFormat) row[i] = { userEnteredFormat: structuredClone(cell.userEnteredFormat) };
      }
    }
  }
}

export function deleteDimension(model: SpreadsheetModel, sheet: SheetModel, dimension: Dimension, start: number, end: number): void {
  if (dimension === 'ROWS') {
    sheet.rows.splice(start, end - start);
    sheet.rowMetadata.splice(start, end - start);
  } else {
    for (const row of sheet.rows) row?.splice(start, end - start);
    sheet.columnMetadata.splice(start, end - start);
  }
  sheet.properties.gridProperties[gridCountKey(dimension)] -= end - start;
  shiftAnchored(model, sheet, dimension, deleteShift(start, end));
}

export function appendDimension(sheet: SheetModel, dimension: Dimension, length: number): void {
  sheet.properties.gridProperties[gridCountKey(dimension)] += length;
}

/**
 * moveDimension: [start, end) moves so that it lands before `destination` (an index in the sheet
 * before the move, as the API defines it). Implemented as an index permutation applied to everything.
 */
export function moveDimension(
  model: SpreadsheetModel,
  sheet: SheetModel,
  dimension: Dimension,
  start: number,
  end: number,
  destination: number,
): void {
  const total = sheet.properties.gridProperties[gridCountKey(dimension)];
  const order = [...Array(total).keys()];
  const moved = order.splice(start, end - start);
  const insertAt = destination > start ? destination - moved.length : destination;
  order.splice(insertAt, 0, ...moved);
  const newIndex = new Map(order.map((old, i) => [old, i]));
  const permute = <T>(items: T[]): T[] => order.map((old) => items[old]) as T[];
  if (dimension === 'ROWS') {
    sheet.rows = permute(sheet.rows).map((r) => r ?? []);
    sheet.rowMetadata = permute(sheet.rowMetadata);
  } else {
    sheet.rows = sheet.rows.map((row) => (row ? permute(row) : row));
    sheet.columnMetadata = permute(sheet.columnMetadata);
  }
  const sheetId = sheet.properties.sheetId;
  for (const m of model.developerMetadata) {
    const range = m.location.dimensionRange;
    if (!range || range.sheetId !== sheetId || range.dimension !== dimension) continue;
    // Metadata sits on a single row/column, so it simply follows that index.
    range.startIndex = newIndex.get(range.startIndex) ?? range.startIndex;
    range.endIndex = range.startIndex + 1;
  }
}
