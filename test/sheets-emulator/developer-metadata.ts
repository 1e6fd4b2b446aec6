// Developer metadata: creation with the API's validation, DataFilter matching (used by
// developerMetadata:search, update/deleteDeveloperMetadata and batchGetByDataFilter).

import { invalidArgument } from './errors';
import {
  type DeveloperMetadata,
  type DimensionRange,
  type GridRange,
  nextId,
  resolveRange,
  sheetById,
  type SpreadsheetModel,
} from './model';

export interface MetadataLocationInput {
  spreadsheet?: boolean | null;
  sheetId?: number | null;
  dimensionRange?: Partial<DimensionRange> | null;
  locationType?: string | null;
}

export interface DeveloperMetadataInput {
  metadataId?: number | null;
  metadataKey?: string | null;
  metadataValue?: string | null;
  location?: MetadataLocationInput | null;
  visibility?: string | null;
}

export interface DataFilter {
  developerMetadataLookup?:
    | (Omit<DeveloperMetadataInput, 'location'> & {
        locationType?: string | null;
        metadataLocation?: MetadataLocationInput | null;
        locationMatchingStrategy?: string | null;
      })
    | null;
  a1Range?: string | null;
  gridRange?: GridRange | null;
}

/** Validates a location and returns it in the shape the API echoes (with locationType). */
export function normaliseLocation(model: SpreadsheetModel, input: MetadataLocationInput | null | undefined): DeveloperMetadata['location'] {
  const set = [
    input?.spreadsheet ? 'spreadsheet' : '',
    input?.sheetId != null ? 'sheetId' : '',
    input?.dimensionRange ? 'dimensionRange' : '',
  ].filter(Boolean);
  if (set.length !== 1)
    throw invalidArgument('Exactly one of spreadsheet, sheetId or dimensionRange must be set in the metadata location.');
  if (input!.spreadsheet) return { locationType: 'SPREADSHEET', spreadsheet: true };
  if (input!.sheetId != null) {
    if (!sheetById(model, input!.sheetId)) throw invalidArgument(`No grid with id: ${input!.sheetId}`);
    return { locationType: 'SHEET', sheetId: input!.sheetId };
  }
  const range = input!.dimensionRange!;
  const sheet = sheetById(model, range.sheetId);
  if (!sheet) throw invalidArgument(`No grid with id: ${range.sheetId ?? 0}`);
  if (range.dimension !== 'ROWS' && range.dimension !== 'COLUMNS') throw invalidArgument('Dimension must be ROWS or COLUMNS.');
  const start = range.startIndex ?? 0;
  const end = range.endIndex;
  if (end === undefined || end - start !== 1) {
    throw invalidArgument(
      'Developer metadata may only be associated with a single row or column (startIndex and endIndex must be exactly one apart).',
    );
  }
  const limit = range.dimension === 'ROWS' ? sheet.properties.gridProperties.rowCount : sheet.properties.gridProperties.columnCount;
  if (end > limit) throw invalidArgument(`Dimension range end index ${end} exceeds the grid limit of ${limit}.`);
  return {
    locationType: range.dimension === 'ROWS' ? 'ROW' : 'COLUMN',
    dimensionRange: { sheetId: sheet.properties.sheetId, dimension: range.dimension, startIndex: start, endIndex: end },
  };
}

// Ids in use per metadata list, so creating thousands of row tags in one batch stays linear.
// A list replaced by a filter (deletions) is a new array and gets a fresh set.
const idSets = new WeakMap<DeveloperMetadata[], Set<number>>();
function takenIds(list: DeveloperMetadata[]): Set<number> {
  let ids = idSets.get(list);
  if (!ids) {
    ids = new Set(list.map((m) => m.metadataId));
    idSets.set(list, ids);
  }
  return ids;
}

/**
 * Google caps the developer metadata a spreadsheet holds: its metadata keys and
 * values may total at most 30,000 characters at the spreadsheet level, and as
 * much per sheet (the sheet, its rows and its columns), as we read Google's
 * metadata guide. A create or update past it fails and changes nothing.
 */
export const METADATA_CHARS_PER_LOCATION = 30_000;

const charsOf = (m: Pick<DeveloperMetadata, 'metadataKey' | 'metadataValue'>): number =>
  m.metadataKey.length + (m.metadataValue ?? '').length;
/** 'spreadsheet', or the sheet id a metadata's location belongs to. */
const scopeOf = (m: Pick<DeveloperMetadata, 'location'>): string =>
  m.location.locationType === 'SPREADSHEET' ? 'spreadsheet' : String(m.location.sheetId ?? m.location.dimensionRange?.sheetId);

// Characters in use per scope, per metadata list (kept like the id sets, so thousands of creates stay linear).
const scopeChars = new WeakMap<DeveloperMetadata[], Map<string, number>>();
function usedChars(list: DeveloperMetadata[]): Map<string, number> {
  let used = scopeChars.get(list);
  if (!used) {
    used = new Map();
    for (const m of list) used.set(scopeOf(m), (used.get(scopeOf(m)) ?? 0) + charsOf(m));
    scopeChars.set(list, used);
  }
  return used;
}

function capExceeded(scope: string) {
  return invalidArgument(
    `Developer metadata size limit exceeded: ${scope === 'spreadsheet' ? 'the spreadsheet' : `sheet ${scope}`} may hold at most ${METADATA_CHARS_PER_LOCATION} characters of metadata keys and values.`,
  );
}

/** Takes `delta` characters in the metadata's scope, or throws as Google does when the cap would be passed. */
function chargeMetadata(model: SpreadsheetModel, m: Pick<DeveloperMetadata, 'location'>, delta: number): void {
  const used = usedChars(model.developerMetadata);
  const scope = scopeOf(m);
  const total = (used.get(scope) ?? 0) + delta;
  if (total > METADATA_CHARS_PER_LOCATION) throw capExceeded(scope);
  used.set(scope, total);
}

/** After metadata changed in place (an update): counts afresh, and throws if a scope is past the cap. */
export function recountMetadata(model: SpreadsheetModel): void {
  scopeChars.delete(model.developerMetadata);
  for (const [scope, chars] of usedChars(model.developerMetadata)) if (chars > METADATA_CHARS_PER_LOCATION) throw capExceeded(scope);
}

export function createMetadata(model: SpreadsheetModel, input: DeveloperMetadataInput | null | undefined): DeveloperMetadata {
  if (!input?.metadataKey) throw invalidArgument('Developer metadata must have a key.');
  if (input.visibility !== 'DOCUMENT' && input.visibility !== 'PROJECT')
    throw invalidArgument('Developer metadata visibility must be DOCUMENT or PROJECT.');
  const taken = takenIds(model.developerMetadata);
  if (input.metadataId != null) {
    if (!Number.isInteger(input.metadataId) || input.metadataId <= 0) throw invalidArgument('Developer metadata ID must be positive.');
    if (taken.has(input.metadataId)) throw invalidArgument(`Developer metadata with ID ${input.metadataId} already exists.`);
  }
  let metadataId = input.metadataId ?? nextId(model);
  while (taken.has(metadataId)) metadataId = nextId(model);
  const metadata: DeveloperMetadata = {
    metadataId,
    metadataKey: input.metadataKey,
    ...(input.metadataValue != null ? { metadataValue: input.metadataValue } : {}),
    location: normaliseLocation(model, input.location),
    visibility: input.visibility,
  };
  chargeMetadata(model, metadata, charsOf(metadata));
  taken.add(metadataId);
  model.developerMetadata.push(metadata);
  return metadata;
}

function sameLocation(a: DeveloperMetadata['location'], b: DeveloperMetadata['location'], intersecting: boolean): boolean {
  if (a.locationType === 'SPREADSHEET' || b.locationType === 'SPREADSHEET') return intersecting || a.locationType === b.locationType;
  const sheetOf = (l: DeveloperMetadata['location']): number | undefined => l.sheetId ?? l.dimensionRange?.sheetId;
  if (sheetOf(a) !== sheetOf(b)) return false;
  if (a.dimensionRange && b.dimensionRange) {
    const [x, y] = [a.dimensionRange, b.dimensionRange];
    if (x.dimension !== y.dimension) return intersecting;
    return intersecting
      ? x.startIndex < y.endIndex && y.startIndex < x.endIndex
      : x.startIndex === y.startIndex && x.endIndex === y.endIndex;
  }
  return intersecting || a.locationType === b.locationType;
}

/** Whether metadata sits on a location intersecting a grid range (a1Range / gridRange filters). */
function inGridRange(m: DeveloperMetadata, range: Required<Pick<GridRange, 'sheetId'>> & GridRange): boolean {
  const loc = m.location;
  const sheetId = loc.sheetId ?? loc.dimensionRange?.sheetId;
  if (sheetId !== range.sheetId) return false;
  const d = loc.dimensionRange;
  if (!d) return true;
  const [start, end] = d.dimension === 'ROWS' ? [range.startRowIndex, range.endRowIndex] : [range.startColumnIndex, range.endColumnIndex];
  return d.startIndex < (end ?? Infinity) && (start ?? 0) < d.endIndex;
}

export function matchesFilter(model: SpreadsheetModel, m: DeveloperMetadata, filter: DataFilter): boolean {
  if (filter.a1Range) {
    const { sheet, area } = resolveRange(model, filter.a1Range);
    return inGridRange(m, {
      sheetId: sheet.properties.sheetId,
      startRowIndex: area.startRow,
      endRowIndex: area.endRow,
      startColumnIndex: area.startCol,
      endColumnIndex: area.endCol,
    });
  }
  if (filter.gridRange) return inGridRange(m, { ...filter.gridRange, sheetId: filter.gridRange.sheetId ?? 0 });
  const lookup = filter.developerMetadataLookup;
  if (!lookup) throw invalidArgument('Data filter must specify developerMetadataLookup, a1Range or gridRange.');
  if (lookup.metadataId != null && lookup.metadataId !== m.metadataId) return false;
  if (lookup.metadataKey != null && lookup.metadataKey !== m.metadataKey) return false;
  if (lookup.metadataValue != null && lookup.metadataValue !== (m.metadataValue ?? '')) return false;
  if (lookup.visibility != null && lookup.visibility !== 'DEVELOPER_METADATA_VISIBILITY_UNSPECIFIED' && lookup.visibility !== m.visibility)
    return false;
  if (
    lookup.locationType != null &&
    lookup.locationType !== 'DEVELOPER_METADATA_LOCATION_TYPE_UNSPECIFIED' &&
    lookup.locationType !== m.location.locationType
  )
    return false;
  if (lookup.metadataLocation) {
    const intersecting = lookup.locationMatchingStrategy === 'INTERSECTING_LOCATION';
    if (!sameLocation(normaliseLookupLocation(lookup.metadataLocation), m.location, intersecting)) return false;
  }
  return true;
}

/** Lookup locations may be multi-row ranges (for intersection), so they skip creation's checks. */
function normaliseLookupLocation(input: MetadataLocationInput): DeveloperMetadata['location'] {
  if (input.spreadsheet) return { locationType: 'SPREADSHEET', spreadsheet: true };
  if (input.sheetId != null) return { locationType: 'SHEET', sheetId: input.sheetId };
  const d = input.dimensionRange;
  if (!d) throw invalidArgument('metadataLocation must set spreadsheet, sheetId or dimensionRange.');
  return {
    locationType: d.dimension === 'COLUMNS' ? 'COLUMN' : 'ROW',
    dimensionRange: {
      sheetId: d.sheetId ?? 0,
      dimension: d.dimension === 'COLUMNS' ? 'COLUMNS' : 'ROWS',
      startIndex: d.startIndex ?? 0,
      endIndex: d.endIndex ?? Infinity,
    },
  };
}

export interface MatchedDeveloperMetadata {
  developerMetadata: DeveloperMetadata;
  dataFilters: DataFilter[];
}

/** developerMetadata:search semantics: metadata matching any filter, with the filters it matched. */
export function searchMetadata(model: SpreadsheetModel, filters: DataFilter[] | null | undefined): MatchedDeveloperMetadata[] {
  if (!filters?.length) throw invalidArgument('At least one data filter must be specified.');
  const out: MatchedDeveloperMetadata[] = [];
  for (const m of model.developerMetadata) {
    const matched = filters.filter((f) => matchesFilter(model, m, f));
    if (matched.length) out.push({ developerMetadata: structuredClone(m), dataFilters: matched });
  }
  return out;
}
