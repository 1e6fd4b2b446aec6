/**
 * Turns merged changes into write requests.
 * - Changed cells of a tagged row (row developer metadata naming its identity) are
 *   written by values.batchUpdateByDataFilter aimed at the tag, so they land on
 *   that row wherever officials have moved it since the read.
 * - Changed cells of an untagged row go by grid position in spreadsheets.batchUpdate,
 *   one run of adjacent cells at a time (the store checks where they landed), and
 *   the row gets its tag in the same batch, budget permitting.
 * - New rows are inserted after the last filled row (never written over
 *   blank-looking rows an official may be typing into) and tagged.
 * Requests are packed into as few batches as the API's 2 MB body limit allows,
 * usually one of each kind; a batch is atomic and holds whole rows, so a failure
 * never leaves half a row. The store sends them one at a time, re-reading and
 * re-planning, so what landed is never written twice.
 */
import type { sheets_v4 } from '@googleapis/sheets';
import {
  creationOrder,
  indexRows,
  LAYOUT_ROWS,
  placedSource,
  ROW_KEY,
  TABS,
  type Row,
  type TabMerge,
  type TabSpec,
} from '../../core/index';
import { cellFromPlain, DATE_FORMAT, rawFromPlain } from './grid-values';
import { addTabRequests } from './init-sheet';
import { COLUMN_METADATA_KEY, ROW_METADATA_KEY, rowsTagged, rowTagValue, type SheetState, type TabState } from './sheet-reader';

type Request = sheets_v4.Schema$Request;
type FilterWrite = sheets_v4.Schema$DataFilterValueRange;

/** Google rejects bodies over 2 MB; keep room for the envelope. */
export const MAX_BATCH_BYTES = 1_900_000;
/**
 * Google caps the developer metadata each sheet holds (30,000 characters of keys
 * and values, as we read its guide): a tab's row and column tags stop at this
 * budget. Rows past it are still found by their id cell; their changed cells go
 * by position, checked after landing.
 */
export const ROW_TAG_BUDGET = 25_000;

/** A group of requests (changed cells, or new rows) stays well under a batch. */
const GROUP_BYTES = 600_000;

export interface WritePlan {
  /** Each inner list is one atomic batchUpdate. */
  batches: Request[][];
  /** Each inner list is one values.batchUpdateByDataFilter (RAW): cells of tagged rows. */
  filterBatches: FilterWrite[][];
  updatedCells: number;
  insertedRows: number;
  createdTabs: string[];
  /** Tab key → sheet id of each tab the plan creates. */
  createdSheetIds: Map<string, number>;
}

const bytes = (value: unknown): number => Buffer.byteLength(JSON.stringify(value));

/** Items in order, cut into chunks of at most `limit` bytes (an item larger than that gets a chunk of its own). */
function chunkBySize<T>(items: readonly T[], limit: number): T[][] {
  const chunks: T[][] = [];
  let size = 0;
  for (const item of items) {
    const itemSize = bytes(item);
    const last = chunks[chunks.length - 1];
    if (last && size + itemSize <= limit) {
      last.push(item);
      size += itemSize;
    } else {
      chunks.push([item]);
      size = itemSize;
    }
  }
  return chunks;
}

/** A tab the batch creates: laid out in spec order, empty below the header. */
function newTabState(spec: TabSpec, sheetId: number): TabState {
  return {
    spec,
    sheetId,
    title: spec.name,
    rowCount: spec.frozenRows + LAYOUT_ROWS,
    columnCount: spec.columns.length,
    columns: new Map(spec.columns.map((c, i) => [c.key, i])),
    taggedColumns: new Set(),
    headerMatched: spec.columns.length,
    displacedTags: false,
    rows: [],
    rowIndex: new Map(),
    rowTags: new Map(),
    strayTags: [],
    metadataChars: 0,
    dataEnd: spec.frozenRows,
    headerWidth: spec.columns.length,
  };
}

/** Header cells for layout columns an official's copy of the tab lacks, added after the last header cell. */
function missingColumns(tab: TabState): Request[] {
  const missing = tab.spec.columns.filter((c) => !tab.columns.has(c.key));
  if (missing.length === 0) return [];
  const start = tab.headerWidth;
  const requests: Request[] = [];
  const needed = start + missing.length - tab.columnCount;
  if (needed > 0) requests.push({ appendDimension: { sheetId: tab.sheetId, dimension: 'COLUMNS', length: needed } });
  requests.push({
    updateCells: {
      start: { sheetId: tab.sheetId, rowIndex: 0, columnIndex: start },
      rows: [
        {
          values: missing.map((c) => ({ userEnteredValue: { stringValue: c.header }, userEnteredFormat: { textFormat: { bold: true } } })),
        },
      ],
      fields: 'userEnteredValue,userEnteredFormat.textFormat',
    },
  });
  missing.forEach((c, i) => tab.columns.set(c.key, start + i));
  tab.headerWidth = start + missing.length;
  return requests;
}

/** Tags each layout column not yet tagged with its key, so it is still found if an official renames its header. */
function columnTags(tab: TabState, budget: { left: number }): Request[] {
  const requests: Request[] = [];
  for (const [key, index] of tab.columns) {
    const chars = COLUMN_METADATA_KEY.length + key.length;
    if (tab.taggedColumns.has(key) || chars > budget.left) continue;
    budget.left -= chars;
    tab.taggedColumns.add(key);
    requests.push({
      createDeveloperMetadata: {
        developerMetadata: {
          metadataKey: COLUMN_METADATA_KEY,
          metadataValue: key,
          visibility: 'DOCUMENT',
          location: { dimensionRange: { sheetId: tab.sheetId, dimension: 'COLUMNS', startIndex: index, endIndex: index + 1 } },
        },
      },
    });
  }
  return requests;
}

function cellFields(hasDate: boolean): string {
  return hasDate ? 'userEnteredValue,userEnteredFormat.numberFormat' : 'userEnteredValue';
}

/** Cells of tagged rows: one filter write per row, aimed at the row's tag, from column A (null skips a cell). */
function filterWrites(tab: TabState, merge: TabMerge): FilterWrite[] {
  const specOf = new Map(tab.spec.columns.map((c) => [c.key, c]));
  const byRow = new Map<number, Map<number, ReturnType<typeof rawFromPlain>>>();
  for (const u of merge.updates) {
    const tag = tab.rowTags.get(u.key);
    if (tag === undefined) continue;
    const cells = byRow.get(tag) ?? new Map();
    cells.set(tab.columns.get(u.column)!, rawFromPlain(u.value, specOf.get(u.column)!));
    byRow.set(tag, cells);
  }
  return [...byRow].map(([metadataId, cells]) => ({
    dataFilter: { developerMetadataLookup: { metadataId } },
    majorDimension: 'ROWS',
    values: [Array.from({ length: Math.max(...cells.keys()) + 1 }, (_, i) => (cells.has(i) ? cells.get(i)! : null))],
  }));
}

/** Changed cells of untagged rows, one updateCells per run of adjacent columns of the same kind, in groups by size. */
function updateGroups(tab: TabState, merge: TabMerge): Request[][] {
  const byRow = new Map<number, { index: number; key: string; value: Row[string] }[]>();
  for (const u of merge.updates) {
    const row = tab.rowIndex.get(u.key);
    if (row === undefined || tab.rowTags.has(u.key)) continue;
    const list = byRow.get(row) ?? [];
    list.push({ index: tab.columns.get(u.column)!, key: u.column, value: u.value });
    byRow.set(row, list);
  }
  const specOf = new Map(tab.spec.columns.map((c) => [c.key, c]));
  const requests: Request[] = [];
  for (const [rowIndex, cells] of byRow) {
    cells.sort((a, b) => a.index - b.index);
    let run: typeof cells = [];
    const flush = () => {
      if (run.length === 0) return;
      const isDate = specOf.get(run[0]!.key)!.type === 'date';
      requests.push({
        updateCells: {
          start: { sheetId: tab.sheetId, rowIndex, columnIndex: run[0]!.index },
          rows: [{ values: run.map((c) => cellFromPlain(c.value, specOf.get(c.key)!)) }],
          fields: cellFields(isDate),
        },
      });
      run = [];
    };
    for (const cell of cells) {
      const last = run[run.length - 1];
      const sameKind = last && (specOf.get(last.key)!.type === 'date') === (specOf.get(cell.key)!.type === 'date');
      if (last && (last.index + 1 !== cell.index || !sameKind)) flush();
      run.push(cell);
    }
    flush();
  }
  return chunkBySize(requests, GROUP_BYTES);
}

/** A tag naming a row's identity, on the row at `rowIndex`, if the tab's budget still has room. */
function rowTag(tab: TabState, rowIndex: number, key: string, budget: { left: number }): Request[] {
  const value = rowTagValue(tab.spec, key);
  const chars = ROW_METADATA_KEY.length + value.length;
  if (chars > budget.left) return [];
  budget.left -= chars;
  return [
    {
      createDeveloperMetadata: {
        developerMetadata: {
          metadataKey: ROW_METADATA_KEY,
          metadataValue: value,
          visibility: 'DOCUMENT',
          location: { dimensionRange: { sheetId: tab.sheetId, dimension: 'ROWS', startIndex: rowIndex, endIndex: rowIndex + 1 } },
        },
      },
    },
  ];
}

/**
 * Tags for rows the sheet has without one (typed in by officials, or past an
 * earlier budget), and deletion of tags on the wrong row. A tag placed by
 * position lands on another row if rows move meanwhile: the next read sees it
 * naming another row and the next write deletes it, so tags only ever aim true.
 */
function retag(tab: TabState, budget: { left: number }): Request[] {
  const requests: Request[] = tab.strayTags.map((metadataId) => ({
    deleteDeveloperMetadata: { dataFilter: { developerMetadataLookup: { metadataId } } },
  }));
  if (!rowsTagged(tab.spec)) return requests;
  // The rows read, not every key of rowIndex: a repair may add a key for a row with no identity.
  for (const key of indexRows(tab.spec, tab.rows).keys()) {
    const rowIndex = tab.rowIndex.get(key);
    if (rowIndex !== undefined && !tab.rowTags.has(key)) requests.push(...rowTag(tab, rowIndex, key, budget));
  }
  return requests;
}

/** New rows in groups: insert the rows, fill them, tag each with its identity. */
function insertGroups(tab: TabState, rows: readonly Row[], budget: { left: number }): Request[][] {
  const width = Math.max(...tab.columns.values()) + 1;
  const at = new Map([...tab.columns].map(([key, index]) => [index, tab.spec.columns.find((c) => c.key === key)!]));
  const tagged = rowsTagged(tab.spec);
  const dateColumns = [...at].filter(([, column]) => column.type === 'date').map(([index]) => index);
  const newRows = rows.map((row) => ({
    cells: {
      values: Array.from({ length: width }, (_, i) => {
        const column = at.get(i);
        return column ? { userEnteredValue: cellFromPlain(row[column.key], column).userEnteredValue } : {};
      }),
    } as sheets_v4.Schema$RowData,
    key: String(row[ROW_KEY] ?? ''),
  }));
  return chunkBySize(newRows, GROUP_BYTES).map((pending) => {
    const start = tab.dataEnd;
    const range = { sheetId: tab.sheetId, dimension: 'ROWS', startIndex: start, endIndex: start + pending.length };
    // Below the grid's last row there is nothing to push down: grow the grid instead.
    const room: Request =
      start >= tab.rowCount
        ? { appendDimension: { sheetId: tab.sheetId, dimension: 'ROWS', length: pending.length } }
        : { insertDimension: { range, inheritFromBefore: start > tab.spec.frozenRows } };
    tab.rowCount += pending.length;
    tab.dataEnd += pending.length;
    const group: Request[] = [
      room,
      // Values only, so the new rows keep the formats they inherit; date columns get their date format below.
      {
        updateCells: {
          start: { sheetId: tab.sheetId, rowIndex: start, columnIndex: 0 },
          rows: pending.map((p) => p.cells),
          fields: cellFields(false),
        },
      },
      ...dateColumns.map((index) => ({
        repeatCell: {
          range: {
            sheetId: tab.sheetId,
            startRowIndex: start,
            endRowIndex: start + pending.length,
            startColumnIndex: index,
            endColumnIndex: index + 1,
          },
          cell: { userEnteredFormat: { numberFormat: DATE_FORMAT } },
          fields: 'userEnteredFormat.numberFormat',
        },
      })),
    ];
    if (tagged) pending.forEach((p, i) => group.push(...rowTag(tab, start + i, p.key, budget)));
    return group;
  });
}

/**
 * `layout`: tabs to create even without rows (init). Tabs the merges write to
 * and the sheet lacks are created too.
 */
export function planWrite(state: SheetState, merges: ReadonlyMap<string, TabMerge>, layout: readonly TabSpec[] = []): WritePlan {
  const plan: WritePlan = {
    batches: [],
    filterBatches: [],
    updatedCells: 0,
    insertedRows: 0,
    createdTabs: [],
    createdSheetIds: new Map(),
  };
  const structure: Request[] = [];
  const groups: Request[][] = [];
  const filters: FilterWrite[] = [];
  let nextSheetId = Math.max(0, ...state.sheetIds) + 1;
  // Each sheet has its own metadata budget.
  const budgets = new Map<string, { left: number }>();
  const budget = (tab: TabState) =>
    budgets.get(tab.spec.key) ?? budgets.set(tab.spec.key, { left: ROW_TAG_BUDGET - tab.metadataChars }).get(tab.spec.key)!;
  const writes = (key: string) => {
    const m = merges.get(key);
    return m !== undefined && (m.updates.length > 0 || m.inserts.length > 0);
  };
  const tabs = new Map<string, TabState>();
  // A new tab's dropdowns point at the tab holding their values where it is (its name and column there).
  const sourceOf = placedSource((tabKey) => {
    const tab = tabs.get(tabKey);
    return tab && { name: tab.title, columns: tab.columns };
  });
  const order = creationOrder(TABS);
  for (const spec of order) {
    const existing = state.tabs.get(spec.key);
    if (existing) {
      if (writes(spec.key))
        structure.push(...missingColumns(existing), ...columnTags(existing, budget(existing)), ...retag(existing, budget(existing)));
      tabs.set(spec.key, existing);
    } else if (writes(spec.key) || layout.some((t) => t.key === spec.key)) {
      const created = newTabState(spec, nextSheetId++);
      structure.push(...addTabRequests(spec, created.sheetId, TABS.indexOf(spec), sourceOf), ...columnTags(created, budget(created)));
      plan.createdTabs.push(spec.name);
      plan.createdSheetIds.set(spec.key, created.sheetId);
      tabs.set(spec.key, created);
    }
  }
  for (const spec of TABS) {
    const merge = merges.get(spec.key);
    const tab = tabs.get(spec.key);
    if (!merge || !tab) continue;
    filters.push(...filterWrites(tab, merge));
    groups.push(...updateGroups(tab, merge));
    groups.push(...insertGroups(tab, merge.inserts, budget(tab)));
    plan.updatedCells += merge.updates.length;
    plan.insertedRows += merge.inserts.length;
  }
  // Whole groups into as few batches as the body limit allows.
  plan.batches = chunkBySize(structure.length > 0 ? [structure, ...groups] : groups, MAX_BATCH_BYTES).map((chunk) => chunk.flat());
  plan.filterBatches = chunkBySize(filters, MAX_BATCH_BYTES);
  return plan;
}
