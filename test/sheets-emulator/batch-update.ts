// spreadsheets:batchUpdate. Requests run in order against a copy of the model, and the copy is only
// committed when every request succeeded: the real API is atomic, and sync code relies on that.

import { ApiError, invalidArgument } from './errors';
import { applyMask, requireFields } from './fields';
import {
  createMetadata,
  type DataFilter,
  type DeveloperMetadataInput,
  normaliseLocation,
  recountMetadata,
  searchMetadata,
} from './developer-metadata';
import { appendDimension, deleteDimension, insertDimension, moveDimension } from './dimensions';
import {
  type Cell,
  cellAt,
  cloneJson,
  draftOf,
  type Dimension,
  type DimensionRange,
  exceedsGrid,
  type GridRange,
  gridRangeToArea,
  type Json,
  newSheet,
  nextId,
  type SheetModel,
  sheetById,
  sortedSheets,
  type SpreadsheetModel,
} from './model';
import { sheetProperties } from './spreadsheet';

type Handler = (model: SpreadsheetModel, request: Json) => Json | undefined;

/** Every request kind of Sheets API v4 (Schema$Request), to tell "unknown" from "not emulated". */
const API_REQUEST_KINDS = new Set(
  (
    'addBanding addChart addConditionalFormatRule addDataSource addDimensionGroup addFilterView addNamedRange addProtectedRange addSheet ' +
    'addSlicer addTable appendCells appendDimension autoFill autoResizeDimensions cancelDataSourceRefresh clearBasicFilter copyPaste ' +
    'createDeveloperMetadata cutPaste deleteBanding deleteConditionalFormatRule deleteDataSource deleteDeveloperMetadata deleteDimension ' +
    'deleteDimensionGroup deleteDuplicates deleteEmbeddedObject deleteFilterView deleteNamedRange deleteProtectedRange deleteRange deleteSheet ' +
    'deleteTable duplicateFilterView duplicateSheet findReplace insertDimension insertRange mergeCells moveDimension pasteData randomizeRange ' +
    'refreshDataSource repeatCell setBasicFilter setDataValidation sortRange textToColumns trimWhitespace unmergeCells updateBanding ' +
    'updateBorders updateCells updateChartSpec updateConditionalFormatRule updateDataSource updateDeveloperMetadata updateDimensionGroup ' +
    'updateDimensionProperties updateEmbeddedObjectBorder updateEmbeddedObjectPosition updateFilterView updateNamedRange updateProtectedRange ' +
    'updateSheetProperties updateSlicerSpec updateSpreadsheetProperties updateTable'
  ).split(' '),
);

function sheetOrFail(model: SpreadsheetModel, sheetId: unknown): SheetModel {
  const sheet = sheetById(model, (sheetId as number | undefined) ?? 0);
  if (!sheet) throw invalidArgument(`No grid with id: ${(sheetId as number | undefined) ?? 0}`);
  return sheet;
}

/** Resolves a GridRange to its sheet and a bounded area inside the grid. */
function gridArea(model: SpreadsheetModel, range: unknown): { sheet: SheetModel; area: ReturnType<typeof gridRangeToArea> } {
  const r = (range ?? {}) as GridRange;
  const sheet = sheetOrFail(model, r.sheetId);
  const area = gridRangeToArea(sheet, r);
  const { rowCount, columnCount } = sheet.properties.gridProperties;
  if (area.endRow > rowCount || area.endCol > columnCount || area.startRow < 0 || area.startCol < 0) throw exceedsGrid(sheet, area);
  return { sheet, area };
}

function dimensionRange(model: SpreadsheetModel, input: unknown, allowEnd = true): { sheet: SheetModel; range: DimensionRange } {
  const r = (input ?? {}) as Partial<DimensionRange>;
  const sheet = sheetOrFail(model, r.sheetId);
  if (r.dimension !== 'ROWS' && r.dimension !== 'COLUMNS') throw invalidArgument('range.dimension must be ROWS or COLUMNS.');
  const count = r.dimension === 'ROWS' ? sheet.properties.gridProperties.rowCount : sheet.properties.gridProperties.columnCount;
  const startIndex = r.startIndex ?? 0;
  const endIndex = r.endIndex ?? count;
  if (startIndex < 0 || endIndex <= startIndex)
    throw invalidArgument(`Invalid dimension range: startIndex ${startIndex}, endIndex ${endIndex}.`);
  if (startIndex > count || (allowEnd && endIndex > count)) {
    throw invalidArgument(`Range exceeds grid limits: ${r.dimension} ${startIndex}..${endIndex}, grid has ${count}.`);
  }
  return { sheet, range: { sheetId: sheet.properties.sheetId, dimension: r.dimension, startIndex, endIndex } };
}

function reindex(model: SpreadsheetModel, moved?: SheetModel, index?: number): void {
  const order = sortedSheets(model).filter((s) => s !== moved);
  if (moved) order.splice(Math.min(index ?? order.length, order.length), 0, moved);
  order.forEach((s, i) => (s.properties.index = i));
}

function checkTitle(model: SpreadsheetModel, title: unknown, self?: SheetModel): string {
  if (typeof title !== 'string' || title.trim() === '') throw invalidArgument('Sheet title must not be empty.');
  if (model.sheets.some((s) => s !== self && s.properties.title.toLowerCase() === title.toLowerCase())) {
    throw invalidArgument(`A sheet with the name "${title}" already exists. Please enter another name.`);
  }
  return title;
}

const record = (model: SpreadsheetModel, sheetId: unknown, kind: string, request: Json): undefined => {
  sheetOrFail(model, sheetId).recorded.push({ [kind]: structuredClone(request) });
  return undefined;
};

/** Writes CellData rows into a grid area using a field mask (updateCells / repeatCell semantics). */
function writeCells(sheet: SheetModel, startRow: number, startCol: number, rows: (Cell | undefined)[][], fields: string): void {
  rows.forEach((row, r) =>
    row.forEach((data, c) => {
      const cell = cellAt(sheet, startRow + r, startCol + c);
      applyMask(cell, (data ?? {}) as Json, fields);
    }),
  );
}

const handlers: Record<string, Handler> = {
  addSheet(model, req) {
    const props = { ...((req.properties as Json | undefined) ?? {}) };
    let title = props.title as string | undefined;
    for (let n = model.sheets.length + 1; !title; n++)
      if (!model.sheets.some((s) => s.properties.title === `Sheet${n}`)) title = `Sheet${n}`;
    checkTitle(model, title);
    const sheetId = (props.sheetId as number | undefined) ?? nextId(model);
    if (sheetById(model, sheetId)) throw invalidArgument(`Sheet with id ${sheetId} already exists.`);
    const grid = (props.gridProperties as Json | undefined) ?? {};
    const sheet = newSheet({
      ...props,
      sheetId,
      title,
      index: model.sheets.length,
      gridProperties: { rowCount: 1000, columnCount: 26, ...grid } as SheetModel['properties']['gridProperties'],
    });
    model.sheets.push(sheet);
    reindex(model, sheet, (props.index as number | undefined) ?? model.sheets.length);
    return { addSheet: { properties: sheetProperties(sheet) } };
  },

  deleteSheet(model, req) {
    const sheet = sheetOrFail(model, req.sheetId);
    if (model.sheets.length === 1) throw invalidArgument("You can't remove all the sheets in a document.");
    model.sheets = model.sheets.filter((s) => s !== sheet);
    const id = sheet.properties.sheetId;
    model.developerMetadata = model.developerMetadata.filter((m) => (m.location.sheetId ?? m.location.dimensionRange?.sheetId) !== id);
    reindex(model);
    return undefined;
  },

  updateSheetProperties(model, req) {
    const props = (req.properties ?? {}) as Json;
    const sheet = sheetOrFail(model, props.sheetId);
    const fields = requireFields(req.fields);
    const next = structuredClone(sheet.properties) as Json;
    applyMask(next, props, fields);
    const before = sheet.properties;
    const grid = (next.gridProperties ?? {}) as SheetModel['properties']['gridProperties'];
    const after = { ...next, sheetId: before.sheetId, sheetType: 'GRID', gridProperties: grid } as SheetModel['properties'];
    after.title = checkTitle(model, after.title, sheet);
    if (!(grid.rowCount > 0) || !(grid.columnCount > 0)) throw invalidArgument('The grid must have at least one row and one column.');
    if ((grid.frozenRowCount ?? 0) > grid.rowCount || (grid.frozenColumnCount ?? 0) > grid.columnCount) {
      throw invalidArgument('Frozen rows/columns must be within the grid.');
    }
    // Shrinking the grid deletes the rows/columns beyond it (and their metadata).
    if (grid.rowCount < before.gridProperties.rowCount)
      deleteDimension(model, sheet, 'ROWS', grid.rowCount, before.gridProperties.rowCount);
    if (grid.columnCount < before.gridProperties.columnCount)
      deleteDimension(model, sheet, 'COLUMNS', grid.columnCount, before.gridProperties.columnCount);
    const index = after.index;
    sheet.properties = { ...after, index: before.index };
    if (index !== before.index) reindex(model, sheet, index);
    return undefined;
  },

  updateSpreadsheetProperties(model, req) {
    applyMask(model.properties, (req.properties ?? {}) as Json, requireFields(req.fields));
    return undefined;
  },

  insertDimension(model, req) {
    const { sheet, range } = dimensionRange(model, req.range, false);
    if (req.inheritFromBefore && range.startIndex === 0) throw invalidArgument('Cannot inherit from before when inserting at index 0.');
    insertDimension(model, sheet, range.dimension, range.startIndex, range.endIndex, Boolean(req.inheritFromBefore));
    return undefined;
  },

  appendDimension(model, req) {
    const sheet = sheetOrFail(model, req.sheetId);
    const length = req.length as number;
    if (!(length > 0)) throw invalidArgument('length must be positive.');
    if (req.dimension !== 'ROWS' && req.dimension !== 'COLUMNS') throw invalidArgument('dimension must be ROWS or COLUMNS.');
    appendDimension(sheet, req.dimension as Dimension, length);
    return undefined;
  },

  deleteDimension(model, req) {
    const { sheet, range } = dimensionRange(model, req.range);
    const count = range.dimension === 'ROWS' ? sheet.properties.gridProperties.rowCount : sheet.properties.gridProperties.columnCount;
    if (range.endIndex - range.startIndex >= count) {
      throw invalidArgument(`You can't delete all the ${range.dimension === 'ROWS' ? 'rows' : 'columns'} on the sheet.`);
    }
    deleteDimension(model, sheet, range.dimension, range.startIndex, range.endIndex);
    return undefined;
  },

  moveDimension(model, req) {
    const { sheet, range } = dimensionRange(model, req.source);
    const destination = req.destinationIndex as number;
    const count = range.dimension === 'ROWS' ? sheet.properties.gridProperties.rowCount : sheet.properties.gridProperties.columnCount;
    if (!(destination >= 0 && destination <= count)) throw invalidArgument(`destinationIndex ${destination} is outside the grid.`);
    moveDimension(model, sheet, range.dimension, range.startIndex, range.endIndex, destination);
    return undefined;
  },

  updateDimensionProperties(model, req) {
    const { sheet, range } = dimensionRange(model, req.range);
    const fields = requireFields(req.fields);
    const list = range.dimension === 'ROWS' ? sheet.rowMetadata : sheet.columnMetadata;
    for (let i = range.startIndex; i < range.endIndex; i++) applyMask((list[i] ??= {}), (req.properties ?? {}) as Json, fields);
    return undefined;
  },

  autoResizeDimensions(model, req) {
    const { sheet } = dimensionRange(model, req.dimensions);
    return record(model, sheet.properties.sheetId, 'autoResizeDimensions', req);
  },

  updateCells(model, req) {
    const fields = requireFields(req.fields);
    const rows = ((req.rows ?? []) as { values?: Cell[] }[]).map((r) => r.values ?? []);
    if (req.start && req.range) throw invalidArgument('Only one of start or range may be set.');
    if (req.range) {
      const { sheet, area } = gridArea(model, req.range);
      // With a range, cells not covered by `rows` get the masked fields cleared.
      const full = [...Array(area.endRow - area.startRow).keys()].map((r) =>
        [...Array(area.endCol - area.startCol).keys()].map((c) => rows[r]?.[c] ?? {}),
      );
      if (rows.length > full.length || rows.some((r) => r.length > area.endCol - area.startCol))
        throw invalidArgument('Data does not fit in the range.');
      writeCells(sheet, area.startRow, area.startCol, full, fields);
      return undefined;
    }
    const start = (req.start ?? {}) as { sheetId?: number; rowIndex?: number; columnIndex?: number };
    const sheet = sheetOrFail(model, start.sheetId);
    const startRow = start.rowIndex ?? 0;
    const startCol = start.columnIndex ?? 0;
    const area = {
      startRow,
      startCol,
      endRow: startRow + Math.max(1, rows.length),
      endCol: startCol + Math.max(1, ...rows.map((r) => r.length)),
    };
    const { rowCount, columnCount } = sheet.properties.gridProperties;
    if (area.endRow > rowCount || area.endCol > columnCount) throw exceedsGrid(sheet, area);
    writeCells(sheet, startRow, startCol, rows, fields);
    return undefined;
  },

  repeatCell(model, req) {
    const fields = requireFields(req.fields);
    const { sheet, area } = gridArea(model, req.range);
    const row = Array<Cell>(area.endCol - area.startCol).fill((req.cell ?? {}) as Cell);
    writeCells(sheet, area.startRow, area.startCol, Array<Cell[]>(area.endRow - area.startRow).fill(row), fields);
    return undefined;
  },

  setDataValidation(model, req) {
    const { sheet, area } = gridArea(model, req.range);
    // One copy of the rule for the whole range: cells are copied before they change (cellAt), never the rule in place.
    const rule = req.rule ? cloneJson(req.rule as Json) : undefined;
    for (let r = area.startRow; r < area.endRow; r++) {
      for (let c = area.startCol; c < area.endCol; c++) {
        const cell = cellAt(sheet, r, c);
        if (rule) cell.dataValidation = rule;
        else delete cell.dataValidation;
      }
    }
    return undefined;
  },

  addConditionalFormatRule(model, req) {
    const rule = structuredClone((req.rule ?? {}) as Json & { ranges?: GridRange[] });
    if (!rule.ranges?.length) throw invalidArgument('Conditional format rule must have at least one range.');
    const { sheet } = gridArea(model, rule.ranges[0]);
    for (const r of rule.ranges) r.sheetId = sheet.properties.sheetId;
    sheet.conditionalFormats.splice((req.index as number | undefined) ?? sheet.conditionalFormats.length, 0, rule);
    return undefined;
  },

  deleteConditionalFormatRule(model, req) {
    const sheet = sheetOrFail(model, req.sheetId);
    const index = (req.index as number | undefined) ?? 0;
    if (!sheet.conditionalFormats[index])
      throw invalidArgument(`No conditional format on sheet ${sheet.properties.sheetId} at index ${index}`);
    const [rule] = sheet.conditionalFormats.splice(index, 1);
    return { deleteConditionalFormatRule: { rule } };
  },

  addProtectedRange(model, req) {
    const input = structuredClone((req.protectedRange ?? {}) as Json & { range?: GridRange; protectedRangeId?: number });
    const { sheet } = gridArea(model, input.range);
    const protectedRangeId = input.protectedRangeId ?? nextId(model);
    const protectedRange = {
      ...input,
      protectedRangeId,
      range: { ...input.range, sheetId: sheet.properties.sheetId },
      requestingUserCanEdit: true,
    };
    sheet.protectedRanges.push(protectedRange);
    return { addProtectedRange: { protectedRange: structuredClone(protectedRange) } };
  },

  deleteProtectedRange(model, req) {
    const owner = model.sheets.find((s) => s.protectedRanges.some((p) => p.protectedRangeId === req.protectedRangeId));
    if (!owner) throw invalidArgument(`No protected range with id: ${String(req.protectedRangeId)}`);
    owner.protectedRanges = owner.protectedRanges.filter((p) => p.protectedRangeId !== req.protectedRangeId);
    return undefined;
  },

  createDeveloperMetadata(model, req) {
    const developerMetadata = createMetadata(model, req.developerMetadata as DeveloperMetadataInput);
    return { createDeveloperMetadata: { developerMetadata: structuredClone(developerMetadata) } };
  },

  updateDeveloperMetadata(model, req) {
    const fields = requireFields(req.fields);
    const source = (req.developerMetadata ?? {}) as Json;
    const matched = searchMetadata(model, req.dataFilters as DataFilter[]);
    const updated = matched.map(({ developerMetadata }) => {
      const target = model.developerMetadata.find((m) => m.metadataId === developerMetadata.metadataId)!;
      applyMask(target as unknown as Json, source, fields);
      if (/\blocation\b/.test(fields)) target.location = normaliseLocation(model, source.location as Json);
      return structuredClone(target);
    });
    recountMetadata(model);
    return { updateDeveloperMetadata: { developerMetadata: updated } };
  },

  deleteDeveloperMetadata(model, req) {
    const matched = searchMetadata(model, [req.dataFilter as DataFilter]);
    const ids = new Set(matched.map((m) => m.developerMetadata.metadataId));
    model.developerMetadata = model.developerMetadata.filter((m) => !ids.has(m.metadataId));
    return { deleteDeveloperMetadata: { deletedDeveloperMetadata: matched.map((m) => m.developerMetadata) } };
  },

  mergeCells(model, req) {
    const { sheet, area } = gridArea(model, req.range);
    sheet.merges.push({
      sheetId: sheet.properties.sheetId,
      startRowIndex: area.startRow,
      endRowIndex: area.endRow,
      startColumnIndex: area.startCol,
      endColumnIndex: area.endCol,
    });
    return record(model, sheet.properties.sheetId, 'mergeCells', req);
  },

  unmergeCells(model, req) {
    const { sheet, area } = gridArea(model, req.range);
    sheet.merges = sheet.merges.filter(
      (m) =>
        !(
          (m.startRowIndex ?? 0) < area.endRow &&
          area.startRow < (m.endRowIndex ?? Infinity) &&
          (m.startColumnIndex ?? 0) < area.endCol &&
          area.startCol < (m.endColumnIndex ?? Infinity)
        ),
    );
    return undefined;
  },

  updateBorders(model, req) {
    const { sheet } = gridArea(model, req.range);
    return record(model, sheet.properties.sheetId, 'updateBorders', req);
  },
};

export interface BatchUpdateBody {
  requests?: Json[] | null;
  includeSpreadsheetInResponse?: boolean | null;
  responseIncludeGridData?: boolean | null;
  responseRanges?: string[] | null;
}

/** Runs all requests on a copy; commits into `model` (same object identity) only if all succeed. */
export function runBatchUpdate(model: SpreadsheetModel, body: BatchUpdateBody): Json[] {
  const requests = body.requests ?? [];
  if (!Array.isArray(requests)) throw invalidArgument("Invalid JSON payload received. 'requests' must be a list.");
  const draft = draftOf(model);
  const replies = requests.map((request, i) => {
    const kinds = Object.keys(request ?? {});
    const where = `requests[${i}]`;
    const unknown = kinds.find((k) => !API_REQUEST_KINDS.has(k));
    if (unknown) throw invalidArgument(`Invalid JSON payload received. Unknown name "${unknown}" at '${where}': Cannot find field.`);
    if (kinds.length !== 1)
      throw invalidArgument(`Invalid ${where}: ${kinds.length ? 'only one kind of request may be set' : 'No request set.'}`);
    const kind = kinds[0]!;
    const handler = handlers[kind];
    if (!handler) throw invalidArgument(`Invalid ${where}.${kind}: sheets-emulator does not implement this request kind.`);
    try {
      return handler(draft, (request[kind] ?? {}) as Json) ?? {};
    } catch (e) {
      if (e instanceof ApiError && e.code === 400) throw invalidArgument(`Invalid ${where}.${kind}: ${e.message}`);
      throw e;
    }
  });
  Object.assign(model, draft);
  return replies;
}
