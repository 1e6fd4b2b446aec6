/**
 * The store backed by the shared Google Sheet. One request reads everything;
 * a write re-reads just before writing (Sheets has no conditional write), merges
 * three ways against what this process last read (or, for `cchc sync push`, what
 * was last synced) and sends only the changed cells and new rows, in one
 * batchUpdate unless the 2 MB limit forces more.
 */
import { applyMerge, describeConflict, describeUnidentified, indexRows, mergeTab, tabByKey, TABS, type MergeConflict, type Row, type TabMerge, type TabSpec } from '../../core/index';
import type { Store, Tables, WriteOutcome } from '../store/store';
import { CchcError } from '../errors';
import { sheetsError } from './api-errors';
import { defaultSleep, delayFor, giveUp, isRetryable, type BackoffOptions } from './backoff';
import type { SheetsApi } from './client';
import { readSheet, type SheetState } from './sheet-reader';
import { planWrite, type WritePlan } from './sheet-writer';
import type { SyncBase } from './sync-state';

export interface ApplyResult {
  /** The first plan: everything the command set out to write. */
  plan: WritePlan;
  /** Requests sent to the API, reads and writes. */
  requests: number;
  conflicts: MergeConflict[];
  /** Conflicts in Vietnamese, one line each. */
  conflictText: string[];
  /** Rows not synced because they lack an id, in Vietnamese. */
  skipped: string[];
  /** The sheet's rows after the write, per tab written. */
  sheetAfter: Tables;
}

export function tablesOf(state: SheetState): Tables {
  return Object.fromEntries(TABS.map((t) => [t.key, state.tabs.get(t.key)?.rows ?? []]));
}

/** Tables as a merge base: rows by identity, holding only the layout's columns (no sheet row numbers). */
export function baseOf(tables: Tables): SyncBase {
  return new Map(
    TABS.map((t) => [t.key, new Map([...indexRows(t, tables[t.key] ?? [])].map(([key, row]) => [key, Object.fromEntries(t.columns.map((c) => [c.key, row[c.key] ?? null]))]))]),
  );
}

export class SheetsStore implements Store {
  readonly removesRows = false;
  readonly location: string;
  /** What read() returned: the base when this process writes back. */
  private seen: SyncBase = new Map();
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

  async state(): Promise<SheetState> {
    return readSheet(await this.api(), this.spreadsheetId, this.backoff);
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
    const tables = tablesOf(await this.state());
    this.seen = baseOf(tables);
    return tables;
  }

  async write(tables: Tables): Promise<WriteOutcome> {
    const result = await this.apply(tables, this.seen);
    return { conflicts: result.conflictText, skipped: result.skipped };
  }

  /** Merges `tables` into the sheet as it is now, against `base`, and writes the result. */
  async apply(tables: Tables, base: SyncBase): Promise<ApplyResult> {
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
      const merged = mergeAll(state, tables, base);
      const plan = planWrite(state, merged.merges, layout);
      first ??= plan;
      const done = (): ApplyResult => ({ plan: first!, requests, ...merged });
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

function mergeAll(state: SheetState, tables: Tables, base: SyncBase): Pick<ApplyResult, 'conflicts' | 'conflictText' | 'skipped' | 'sheetAfter'> & { merges: Map<string, TabMerge> } {
  const merges = new Map<string, TabMerge>();
  const sheetAfter: Tables = {};
  for (const tab of TABS) {
    const source = tables[tab.key];
    if (!source) continue;
    const target: Row[] = state.tabs.get(tab.key)?.rows ?? [];
    const merge = mergeTab(tab, { base: base.get(tab.key) ?? new Map(), target, source });
    merges.set(tab.key, merge);
    sheetAfter[tab.key] = applyMerge(tab, target, merge);
  }
  const conflicts = [...merges.values()].flatMap((m) => m.conflicts);
  const conflictText = conflicts.map((c) => describeConflict(tabByKey(c.tab), c, 'trên bảng tính', 'bản ghi lên'));
  const skipped = [...merges].filter(([, m]) => m.unidentified.length > 0).map(([key, m]) => describeUnidentified(tabByKey(key), m.unidentified, 'trong bản ghi lên'));
  return { merges, conflicts, conflictText, skipped, sheetAfter };
}
