/**
 * The store backed by the shared Google Sheet. One request reads everything;
 * a write re-reads just before writing (Sheets has no conditional write), merges
 * three ways against what this process last read (or, for `cchc sync push`, what
 * was last synced) and sends only the changed cells and new rows, in one
 * batchUpdate unless the 2 MB limit forces more.
 */
import {
  baseOf,
  describeConflict,
  describeGaps,
  describeUnidentified,
  mergeTables,
  structureGaps,
  tabByKey,
  tablesOf,
  TABS,
  type MergeConflict,
  type SyncBase,
  type TablesMerge,
  type TablesShape,
  type TabSpec,
} from '../../core/index';
import type { Store, Tables, WriteOutcome } from '../store/store';
import { CchcError } from '../errors';
import { sheetsError } from './api-errors';
import { defaultSleep, delayFor, giveUp, isRetryable, type BackoffOptions } from './backoff';
import type { SheetsApi } from './client';
import { readSheet, shapeOf, sheetIdsOf, type SheetState } from './sheet-reader';
import { planWrite, type WritePlan } from './sheet-writer';

export interface ApplyResult {
  /** The first plan: everything the command set out to write. */
  plan: WritePlan;
  /** Requests sent to the API, reads and writes, retries included. */
  requests: number;
  conflicts: MergeConflict[];
  /** Conflicts in Vietnamese, one line each. */
  conflictText: string[];
  /** Rows not synced because they lack an id, in Vietnamese. */
  skipped: string[];
  /** The sheet's rows after the write, per tab written. */
  sheetAfter: Tables;
  /** Tab key → sheet id after the write (tabs created included). */
  sheetIds: Map<string, number>;
}

/**
 * Stops when a tab or column the base filled is gone from a side (`where`: "trên
 * bảng tính", "trong sổ cục bộ"): merging would read it as emptied and delete or
 * blank what officials entered.
 */
export function checkStructure(base: SyncBase, shape: TablesShape, where: string): void {
  const gaps = structureGaps(base, shape);
  if (gaps.length === 0) return;
  throw new CchcError(gaps.some((g) => g.column === null) ? 'TAB_MISSING' : 'COLUMN_MISSING', describeGaps(gaps, where));
}

export class SheetsStore implements Store {
  readonly removesRows = false;
  readonly location: string;
  /** What read() returned: the base when this process writes back. */
  private seen: SyncBase = new Map();
  private seenSheetIds: ReadonlyMap<string, number> = new Map();
  private apiPromise: Promise<SheetsApi> | undefined;

  constructor(
    readonly spreadsheetId: string,
    private readonly connect: () => Promise<SheetsApi>,
    private readonly backoff?: BackoffOptions,
  ) {
    this.location = `bảng tính Google ${spreadsheetId}`;
  }

  private api(): Promise<SheetsApi> {
    return (this.apiPromise ??= this.connect());
  }

  /** `sheetIds`: where the tabs were when last seen, so a renamed tab is still found. */
  async state(sheetIds: ReadonlyMap<string, number> = this.seenSheetIds): Promise<SheetState> {
    return readSheet(await this.api(), this.spreadsheetId, { backoff: this.backoff, sheetIds });
  }

  async exists(): Promise<boolean> {
    return (await this.state()).tabs.has('tasks');
  }

  /** Lays out the tabs the sheet lacks; starting rows go only into tabs that are new or empty. */
  async create(initial: Tables): Promise<string[]> {
    const state = await this.state();
    const empty = Object.fromEntries(Object.entries(initial).filter(([key]) => (state.tabs.get(key)?.rows.length ?? 0) === 0));
    const result = await this.applyTo(state, empty, new Map(), TABS);
    return result.plan.createdTabs;
  }

  async read(): Promise<Tables> {
    const state = await this.state();
    const tables = tablesOf(state.tabs);
    this.seen = baseOf(tables);
    this.seenSheetIds = sheetIdsOf(state);
    return tables;
  }

  async write(tables: Tables): Promise<WriteOutcome> {
    const result = await this.apply(tables, this.seen);
    return { conflicts: result.conflictText, skipped: result.skipped };
  }

  /** Merges `tables` into the sheet as it is now, against `base`, and writes the result. */
  async apply(tables: Tables, base: SyncBase, sheetIds: ReadonlyMap<string, number> = this.seenSheetIds): Promise<ApplyResult> {
    this.seenSheetIds = sheetIds;
    return this.applyTo(await this.state(), tables, base, []);
  }

  /**
   * Sends one batch at a time. Before a retry, and before each further batch,
   * the sheet is re-read and the write re-planned against the same base: a batch
   * Google applied before its answer was lost is then seen as done, not repeated,
   * and rows an official moved meanwhile are found where they now are.
   */
  private async applyTo(state: SheetState, tables: Tables, base: SyncBase, layout: readonly TabSpec[]): Promise<ApplyResult> {
    const api = await this.api();
    const attempts = this.backoff?.attempts ?? 6;
    let first: WritePlan | undefined;
    let requests = 1;
    let written = 0;
    let failures = 0;
    for (;;) {
      checkStructure(base, shapeOf(state), 'trên bảng tính');
      const merged = mergeAll(state, tables, base);
      const plan = planWrite(state, merged.merges, layout);
      first ??= plan;
      const sheetIds = new Map([...sheetIdsOf(state), ...plan.createdSheetIds]);
      this.seenSheetIds = sheetIds;
      const done = (): ApplyResult => ({ plan: first!, requests, sheetIds, ...merged });
      if (plan.batches.length === 0) return done();
      try {
        requests++;
        await api.spreadsheets.batchUpdate({ spreadsheetId: this.spreadsheetId, requestBody: { requests: plan.batches[0] } });
        written++;
        if (plan.batches.length === 1) return done();
      } catch (error) {
        if (!isRetryable(error)) throw this.stopped(sheetsError(error, this.spreadsheetId, 'ghi vào bảng tính'), written);
        if (++failures >= attempts) throw this.stopped(giveUp('ghi vào bảng tính', error, attempts), written);
        await (this.backoff?.sleep ?? defaultSleep)(delayFor(failures - 1, error, this.backoff));
      }
      requests++;
      state = await this.state();
    }
  }

  private stopped(error: CchcError, written: number): CchcError {
    if (written === 0) return error;
    return new CchcError(
      'SHEETS_PARTIAL_WRITE',
      `${error.messageVi} Đã ghi trọn ${written} phần (mỗi phần gồm các dòng đầy đủ, không có dòng ghi dở). Chạy lại lệnh để ghi tiếp; phần đã ghi không bị ghi lặp.`,
      error.exitCode,
    );
  }
}

function mergeAll(state: SheetState, tables: Tables, base: SyncBase): Pick<ApplyResult, 'conflicts' | 'conflictText' | 'skipped' | 'sheetAfter'> & Pick<TablesMerge, 'merges'> {
  const merged = mergeTables(tables, tablesOf(state.tabs), base);
  const conflictText = merged.conflicts.map((c) => describeConflict(tabByKey(c.tab), c, 'trên bảng tính', 'bản ghi lên'));
  const skipped = [...merged.merges].filter(([, m]) => m.unidentified.length > 0).map(([key, m]) => describeUnidentified(tabByKey(key), m.unidentified, 'trong bản ghi lên'));
  return { merges: merged.merges, conflicts: merged.conflicts, conflictText, skipped, sheetAfter: merged.after };
}
