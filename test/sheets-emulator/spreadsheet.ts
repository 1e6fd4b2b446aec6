// The Spreadsheet resource as spreadsheets.get / create return it: a projection of the model in the
// API's shape (empty lists omitted, sheets in tab order, row metadata only inside grid data).

import { effectiveValue, formattedValue } from './cells';
import type { FormulaEvaluator } from './formula';
import { clipToGrid, type DeveloperMetadata, type Json, resolveRange, type SheetModel, sortedSheets, type SpreadsheetModel } from './model';
import type { Bounds } from './a1';

const DEFAULT_ROW_PX = 21;
const DEFAULT_COLUMN_PX = 100;

export interface GetOptions {
  includeGridData?: boolean;
  ranges?: string[];
  evaluate: FormulaEvaluator;
}

const nonEmpty = <T>(key: string, list: T[]): Record<string, T[]> => (list.length ? { [key]: structuredClone(list) } : {});

/** Sheet properties as the API returns them: false flags and zero frozen counts are left out. */
export function sheetProperties(sheet: SheetModel): Json {
  const props = structuredClone(sheet.properties) as Json & SheetModel['properties'];
  if (!props.hidden) delete props.hidden;
  if (!props.gridProperties.frozenRowCount) delete props.gridProperties.frozenRowCount;
  if (!props.gridProperties.frozenColumnCount) delete props.gridProperties.frozenColumnCount;
  return props;
}

export function spreadsheetUrl(id: string): string {
  return `https://docs.google.com/spreadsheets/d/${id}/edit`;
}

export function toResource(model: SpreadsheetModel, opts: GetOptions): Json {
  const rangesBySheet = new Map<SheetModel, Bounds[]>();
  for (const text of opts.ranges ?? []) {
    const { sheet, area } = resolveRange(model, text);
    rangesBySheet.set(sheet, [...(rangesBySheet.get(sheet) ?? []), clipToGrid(sheet, area)]);
  }
  // With `ranges`, only the sheets those ranges touch are returned.
  const sheets = sortedSheets(model).filter((s) => !opts.ranges?.length || rangesBySheet.has(s));
  const located = (type: DeveloperMetadata['location']['locationType'], sheetId?: number): DeveloperMetadata[] =>
    model.developerMetadata.filter((m) => m.location.locationType === type && (sheetId === undefined || m.location.sheetId === sheetId));
  return {
    spreadsheetId: model.spreadsheetId,
    properties: structuredClone(model.properties),
    sheets: sheets.map((sheet) => ({
      properties: sheetProperties(sheet),
      ...(opts.includeGridData
        ? { data: gridData(model, sheet, rangesBySheet.get(sheet) ?? [clipToGrid(sheet, { startRow: 0, startCol: 0 })], opts.evaluate) }
        : {}),
      ...nonEmpty('merges', sheet.merges),
      ...nonEmpty('conditionalFormats', sheet.conditionalFormats),
      ...nonEmpty('protectedRanges', sheet.protectedRanges),
      ...nonEmpty('developerMetadata', located('SHEET', sheet.properties.sheetId)),
    })),
    ...nonEmpty('developerMetadata', located('SPREADSHEET')),
    spreadsheetUrl: spreadsheetUrl(model.spreadsheetId),
  };
}

function gridData(model: SpreadsheetModel, sheet: SheetModel, areas: Bounds[], evaluate: FormulaEvaluator): Json[] {
  const sheetId = sheet.properties.sheetId;
  // Indexed once: a sheet may hold thousands of rows, each with its metadata.
  const located = new Map<string, DeveloperMetadata[]>();
  for (const m of model.developerMetadata) {
    const d = m.location.dimensionRange;
    if (d?.sheetId !== sheetId) continue;
    const key = `${d.dimension}:${d.startIndex}`;
    located.set(key, [...(located.get(key) ?? []), m]);
  }
  const dimensionMetadata = (dimension: 'ROWS' | 'COLUMNS', index: number): Json => {
    const list = located.get(`${dimension}:${index}`);
    return list ? { developerMetadata: structuredClone(list) } : {};
  };
  return areas.map((area) => {
    const rowData: Json[] = [];
    for (let r = area.startRow; r < Math.min(area.endRow, sheet.rows.length); r++) {
      const values: Json[] = [];
      for (let c = area.startCol; c < area.endCol; c++) values.push(cellData(sheet.rows[r]?.[c], evaluate));
      while (values.length && Object.keys(values[values.length - 1]!).length === 0) values.pop();
      rowData.push(values.length ? { values } : {});
    }
    while (rowData.length && Object.keys(rowData[rowData.length - 1]!).length === 0) rowData.pop();
    const rowMetadata = [...Array(area.endRow - area.startRow).keys()].map((i) => ({
      pixelSize: DEFAULT_ROW_PX,
      ...sheet.rowMetadata[area.startRow + i],
      ...dimensionMetadata('ROWS', area.startRow + i),
    }));
    const columnMetadata = [...Array(area.endCol - area.startCol).keys()].map((i) => ({
      pixelSize: DEFAULT_COLUMN_PX,
      ...sheet.columnMetadata[area.startCol + i],
      ...dimensionMetadata('COLUMNS', area.startCol + i),
    }));
    return {
      ...(area.startRow ? { startRow: area.startRow } : {}),
      ...(area.startCol ? { startColumn: area.startCol } : {}),
      ...(rowData.length ? { rowData } : {}),
      rowMetadata,
      columnMetadata,
    };
  });
}

function cellData(cell: SheetModel['rows'][number][number], evaluate: FormulaEvaluator): Json {
  if (!cell) return {};
  // A response is serialised as soon as it is made and never changed: a shallow copy keeps the model out of reach.
  const out: Json = { ...cell };
  const effective = effectiveValue(cell, evaluate);
  if (effective) {
    out.effectiveValue = effective;
    out.formattedValue = formattedValue(cell, evaluate);
  }
  return out;
}
