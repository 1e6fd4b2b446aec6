// Maps Sheets API v4 REST paths to operations on the model. Routing is separate from running so the
// server can log, count, throttle or fail a request by its operation before touching any data.

import { type BatchUpdateBody, runBatchUpdate } from './batch-update';
import { type DataFilter, matchesFilter, searchMetadata } from './developer-metadata';
import { invalidArgument, notFound } from './errors';
import type { FormulaEvaluator } from './formula';
import { draftOf, type Json, newSpreadsheet, newSpreadsheetId, type SpreadsheetModel } from './model';
import { toResource } from './spreadsheet';
import {
  appendRange,
  clearRange,
  readRange,
  type ReadOptions,
  updateRange,
  type UpdateValuesResponse,
  valueInputOptionOf,
  type WriteBody,
} from './values';
import { formatRange, quoteTitle } from './a1';

export type RequestKind = 'read' | 'write';

export interface ApiRequest {
  method: string;
  /** Raw (still percent-encoded) path, e.g. /v4/spreadsheets/abc/values/Tab%21A1. */
  path: string;
  query: URLSearchParams;
  body: Json | undefined;
}

export interface Route {
  /** The API method id, e.g. "spreadsheets.values.batchGet". */
  operation: string;
  kind: RequestKind;
  spreadsheetId?: string;
  run(): Json;
}

export interface Store {
  spreadsheets: Map<string, SpreadsheetModel>;
  evaluate: FormulaEvaluator;
}

const ID = '([A-Za-z0-9_-]+)';

function readOptions(q: URLSearchParams): ReadOptions {
  return {
    majorDimension: q.get('majorDimension') ?? undefined,
    valueRenderOption: q.get('valueRenderOption') ?? undefined,
    dateTimeRenderOption: q.get('dateTimeRenderOption') ?? undefined,
  } as ReadOptions;
}

const bool = (v: string | null | undefined): boolean => v === 'true';

export function route(req: ApiRequest, store: Store): Route {
  const { method, path, query: q } = req;
  const body = (req.body ?? {}) as Json;
  const sheetOf = (id: string): SpreadsheetModel => {
    const model = store.spreadsheets.get(id);
    if (!model) throw notFound();
    return model;
  };
  const make = (operation: string, kind: RequestKind, spreadsheetId: string | undefined, run: () => Json): Route => ({
    operation,
    kind,
    spreadsheetId,
    run,
  });
  let m: RegExpExecArray | null;

  if (method === 'POST' && path === '/v4/spreadsheets') {
    return make('spreadsheets.create', 'write', undefined, () => createFromResource(store, body));
  }
  if ((m = new RegExp(`^/v4/spreadsheets/${ID}$`).exec(path)) && method === 'GET') {
    const id = m[1]!;
    return make('spreadsheets.get', 'read', id, () =>
      toResource(sheetOf(id), { includeGridData: bool(q.get('includeGridData')), ranges: q.getAll('ranges'), evaluate: store.evaluate }),
    );
  }
  if ((m = new RegExp(`^/v4/spreadsheets/${ID}:(batchUpdate|getByDataFilter)$`).exec(path)) && method === 'POST') {
    const id = m[1]!;
    if (m[2] === 'getByDataFilter') {
      return make('spreadsheets.getByDataFilter', 'read', id, () => {
        const model = sheetOf(id);
        const ranges = rangesForFilters(model, (body.dataFilters ?? []) as DataFilter[]);
        return toResource(model, { includeGridData: Boolean(body.includeGridData), ranges, evaluate: store.evaluate });
      });
    }
    return make('spreadsheets.batchUpdate', 'write', id, () => {
      const model = sheetOf(id);
      const b = body as BatchUpdateBody;
      const replies = runBatchUpdate(model, b);
      const updated = b.includeSpreadsheetInResponse
        ? {
            updatedSpreadsheet: toResource(model, {
              includeGridData: Boolean(b.responseIncludeGridData),
              ranges: b.responseRanges ?? [],
              evaluate: store.evaluate,
            }),
          }
        : {};
      return { spreadsheetId: id, replies, ...updated };
    });
  }
  if ((m = new RegExp(`^/v4/spreadsheets/${ID}/values:(\\w+)$`).exec(path))) {
    const [, id, action] = m as unknown as [string, string, string];
    if (action === 'batchGet' && method === 'GET') {
      return make('spreadsheets.values.batchGet', 'read', id, () => {
        const model = sheetOf(id);
        const valueRanges = q.getAll('ranges').map((r) => readRange(model, r, readOptions(q), store.evaluate));
        return { spreadsheetId: id, ...(valueRanges.length ? { valueRanges } : {}) };
      });
    }
    if (action === 'batchGetByDataFilter' && method === 'POST') {
      return make('spreadsheets.values.batchGetByDataFilter', 'read', id, () => {
        const model = sheetOf(id);
        const filters = (body.dataFilters ?? []) as DataFilter[];
        const opts = readOptions(new URLSearchParams(Object.entries(body).filter(([, v]) => typeof v === 'string') as [string, string][]));
        const valueRanges = filters.flatMap((filter) =>
          rangesForFilters(model, [filter]).map((range) => ({
            valueRange: readRange(model, range, opts, store.evaluate),
            dataFilters: [filter],
          })),
        );
        return { spreadsheetId: id, ...(valueRanges.length ? { valueRanges } : {}) };
      });
    }
    if (action === 'batchUpdate' && method === 'POST') {
      return make('spreadsheets.values.batchUpdate', 'write', id, () => valuesBatchUpdate(sheetOf(id), body, store.evaluate));
    }
    if (action === 'batchUpdateByDataFilter' && method === 'POST') {
      return make('spreadsheets.values.batchUpdateByDataFilter', 'write', id, () => valuesBatchUpdateByFilter(sheetOf(id), body));
    }
    if (action === 'batchClear' && method === 'POST') {
      return make('spreadsheets.values.batchClear', 'write', id, () => {
        const model = sheetOf(id);
        const ranges = (body.ranges ?? []) as string[];
        const draft = draftOf(model);
        const clearedRanges = ranges.map((r) => clearRange(draft, r));
        Object.assign(model, draft);
        return { spreadsheetId: id, ...(clearedRanges.length ? { clearedRanges } : {}) };
      });
    }
  }
  if ((m = new RegExp(`^/v4/spreadsheets/${ID}/values/([^/:]+)(?::(append|clear))?$`).exec(path))) {
    const [, id, encoded, action] = m as unknown as [string, string, string, string | undefined];
    const range = decodeURIComponent(encoded);
    if (!action && method === 'GET') {
      return make(
        'spreadsheets.values.get',
        'read',
        id,
        () => readRange(sheetOf(id), range, readOptions(q), store.evaluate) as unknown as Json,
      );
    }
    if (!action && method === 'PUT') {
      return make('spreadsheets.values.update', 'write', id, () => {
        const model = sheetOf(id);
        const option = valueInputOptionOf(q.get('valueInputOption'));
        const result = atomically(model, (draft) => updateRange(draft, range, body as WriteBody, option));
        return withUpdatedData(model, result, q, store.evaluate) as unknown as Json;
      });
    }
    if (action === 'append' && method === 'POST') {
      return make('spreadsheets.values.append', 'write', id, () => {
        const model = sheetOf(id);
        const option = valueInputOptionOf(q.get('valueInputOption'));
        const result = atomically(model, (draft) =>
          appendRange(draft, range, body as WriteBody, option, q.get('insertDataOption') ?? undefined),
        );
        return { ...result, updates: withUpdatedData(model, result.updates, q, store.evaluate) };
      });
    }
    if (action === 'clear' && method === 'POST') {
      return make('spreadsheets.values.clear', 'write', id, () => {
        const model = sheetOf(id);
        return { spreadsheetId: id, clearedRange: atomically(model, (draft) => clearRange(draft, range)) };
      });
    }
  }
  if ((m = new RegExp(`^/v4/spreadsheets/${ID}/developerMetadata:search$`).exec(path)) && method === 'POST') {
    const id = m[1]!;
    return make('spreadsheets.developerMetadata.search', 'read', id, () => {
      const matched = searchMetadata(sheetOf(id), (body.dataFilters ?? []) as DataFilter[]);
      return matched.length ? { matchedDeveloperMetadata: matched } : {};
    });
  }
  if ((m = new RegExp(`^/v4/spreadsheets/${ID}/developerMetadata/(\\d+)$`).exec(path)) && method === 'GET') {
    const [, id, metadataId] = m as unknown as [string, string, string];
    return make('spreadsheets.developerMetadata.get', 'read', id, () => {
      const found = sheetOf(id).developerMetadata.find((d) => d.metadataId === Number(metadataId));
      if (!found) throw notFound(`No developer metadata with ID ${metadataId}`);
      return structuredClone(found) as unknown as Json;
    });
  }
  throw notFound(`Method not found: ${method} ${path}`);
}

/** Runs a write on a copy and commits it only on success (a failed write changes nothing). */
function atomically<T>(model: SpreadsheetModel, write: (draft: SpreadsheetModel) => T): T {
  const draft = draftOf(model);
  const result = write(draft);
  Object.assign(model, draft);
  return result;
}

function withUpdatedData(
  model: SpreadsheetModel,
  result: UpdateValuesResponse,
  q: URLSearchParams,
  evaluate: FormulaEvaluator,
): UpdateValuesResponse {
  if (!bool(q.get('includeValuesInResponse'))) return result;
  const opts = {
    valueRenderOption: q.get('responseValueRenderOption') ?? undefined,
    dateTimeRenderOption: q.get('responseDateTimeRenderOption') ?? undefined,
  } as ReadOptions;
  return { ...result, updatedData: readRange(model, result.updatedRange, opts, evaluate) };
}

function valuesBatchUpdate(model: SpreadsheetModel, body: Json, evaluate: FormulaEvaluator): Json {
  const option = valueInputOptionOf(body.valueInputOption as string | undefined);
  const data = (body.data ?? []) as WriteBody[];
  const responses = atomically(model, (draft) =>
    data.map((d, i) => {
      if (!d.range) throw invalidArgument(`Invalid data[${i}]: range is required`);
      return updateRange(draft, d.range, { ...d, range: undefined }, option);
    }),
  );
  const totals = batchTotals(responses);
  const q = new URLSearchParams(
    Object.entries(body)
      .filter(([, v]) => typeof v === 'string' || typeof v === 'boolean')
      .map(([k, v]): [string, string] => [k, String(v)]),
  );
  return { spreadsheetId: model.spreadsheetId, ...totals, responses: responses.map((r) => withUpdatedData(model, r, q, evaluate)) };
}

/**
 * Values written where data filters point (the rows or columns their metadata
 * sits on now), each entry to every range its filter matches; a filter matching
 * nothing writes nothing. Values past a matched range fail the whole request.
 */
function valuesBatchUpdateByFilter(model: SpreadsheetModel, body: Json): Json {
  const option = valueInputOptionOf(body.valueInputOption as string | undefined);
  const data = (body.data ?? []) as (WriteBody & { dataFilter?: DataFilter })[];
  const responses = atomically(model, (draft) =>
    data.flatMap((d, i) => {
      if (!d.dataFilter) throw invalidArgument(`Invalid data[${i}]: dataFilter is required`);
      return rangesForFilters(draft, [d.dataFilter])
        .filter(Boolean)
        .map((range) => ({
          ...updateRange(draft, range, { values: d.values, majorDimension: d.majorDimension }, option),
          dataFilter: d.dataFilter,
        }));
    }),
  );
  return {
    spreadsheetId: model.spreadsheetId,
    ...batchTotals(responses),
    responses: responses as unknown as Json[],
  };
}

/** A batch's totals over its responses, omitted when nothing was written (as proto3 JSON omits zeros). */
function batchTotals(responses: readonly UpdateValuesResponse[]): Json {
  const sum = (key: 'updatedRows' | 'updatedColumns' | 'updatedCells'): number =>
    responses.reduce((n, r) => n + (r.updatedCells ? (r[key] ?? 0) : 0), 0);
  if (!sum('updatedCells')) return {};
  const sheets = new Set(responses.filter((r) => r.updatedCells).map((r) => r.updatedRange.replace(/![^!]*$/, '')));
  return {
    totalUpdatedRows: sum('updatedRows'),
    totalUpdatedColumns: sum('updatedColumns'),
    totalUpdatedCells: sum('updatedCells'),
    totalUpdatedSheets: sheets.size,
  };
}

/** A1 ranges selected by data filters (a1Range, gridRange, or the rows/columns metadata sits on). */
function rangesForFilters(model: SpreadsheetModel, filters: DataFilter[]): string[] {
  return filters.flatMap((filter) => {
    if (filter.a1Range) return [filter.a1Range];
    if (filter.gridRange) {
      const sheet = model.sheets.find((s) => s.properties.sheetId === (filter.gridRange!.sheetId ?? 0));
      if (!sheet) return [];
      const g = filter.gridRange;
      const { rowCount, columnCount } = sheet.properties.gridProperties;
      return [
        formatRange(sheet.properties.title, {
          startRow: g.startRowIndex ?? 0,
          endRow: g.endRowIndex ?? rowCount,
          startCol: g.startColumnIndex ?? 0,
          endCol: g.endColumnIndex ?? columnCount,
        }),
      ];
    }
    return model.developerMetadata
      .filter((md) => matchesFilter(model, md, filter))
      .map((md) => {
        const loc = md.location;
        if (loc.locationType === 'SPREADSHEET') return '';
        const title = model.sheets.find((s) => s.properties.sheetId === loc.sheetId)?.properties.title;
        if (!loc.dimensionRange) return title === undefined ? '' : quoteTitle(title);
        const d = loc.dimensionRange;
        const sheet = model.sheets.find((s) => s.properties.sheetId === d.sheetId)!;
        const { rowCount, columnCount } = sheet.properties.gridProperties;
        return d.dimension === 'ROWS'
          ? formatRange(sheet.properties.title, { startRow: d.startIndex, endRow: d.endIndex, startCol: 0, endCol: columnCount })
          : formatRange(sheet.properties.title, { startRow: 0, endRow: rowCount, startCol: d.startIndex, endCol: d.endIndex });
      })
      .filter(Boolean);
  });
}

/** spreadsheets.create: properties.title and sheets[].properties from the request body. */
function createFromResource(store: Store, body: Json): Json {
  const props = (body.properties ?? {}) as SpreadsheetModel['properties'];
  const sheets = ((body.sheets ?? []) as { properties?: Json }[]).map((s) => s.properties ?? {});
  const id = newSpreadsheetId();
  const model = newSpreadsheet(
    id,
    props,
    sheets.length
      ? sheets.map((p, i) => ({ title: (p.title as string | undefined) ?? `Sheet${i + 1}`, ...(p.gridProperties as Json) }))
      : undefined,
  );
  store.spreadsheets.set(id, model);
  if (body.developerMetadata) {
    runBatchUpdate(model, {
      requests: (body.developerMetadata as Json[]).map((d) => ({ createDeveloperMetadata: { developerMetadata: d } })),
    });
  }
  return toResource(model, { evaluate: store.evaluate });
}
