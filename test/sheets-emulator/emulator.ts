// startSheetsEmulator(): starts the HTTP emulator and hands tests the controls they need — seeding
// spreadsheets, editing them "as an official would" without going through HTTP, inspecting the
// model, counting requests, injecting failures and throttling.

import type { AddressInfo } from 'node:net';
import { runBatchUpdate } from './batch-update';
import type { RenderedValue, ValueInputOption } from './cells';
import { notFound } from './errors';
import { evaluateArithmetic, type FormulaEvaluator } from './formula';
import { draftOf, type Json, newSpreadsheet, newSpreadsheetId, type NewSheet, type SpreadsheetModel } from './model';
import { createSheetsServer, landHeld, type FailureRule, type QuotaOptions, type RequestLogEntry, type ServerState } from './server';
import { readRange, type ReadOptions, updateRange } from './values';

export interface SheetsEmulatorOptions {
  /** Accept only these bearer tokens (default: any token; a missing token is always 401). */
  acceptedTokens?: string[];
  /** Request bodies above this size get 413 (default 2 MB). */
  maxBodyBytes?: number;
  /** Per-minute quota simulation; off unless given (e.g. `{}` for Google's 60 reads / 60 writes). */
  quota?: QuotaOptions;
  /** Clock used for the request log and quota windows (default Date.now). */
  clock?: () => number;
  /** Formula evaluator; the default only computes arithmetic on number literals. */
  evaluateFormula?: FormulaEvaluator;
  /** Port to listen on (default 0: an ephemeral port). */
  port?: number;
}

export interface RequestCounts {
  reads: number;
  writes: number;
  total: number;
  /** Bytes of request bodies sent to the emulator, and of responses it sent back. */
  bytesSent: number;
  bytesReceived: number;
  /** Per API method id, e.g. { "spreadsheets.values.batchGet": 1 }. */
  byOperation: Record<string, number>;
}

export interface SheetsEmulator {
  /** Base URL without a trailing slash, e.g. http://127.0.0.1:41234; pass `url + '/'` as rootUrl. */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
  /** Creates a spreadsheet directly (not counted as a request); tabs default to ["Sheet1"]. */
  createSpreadsheet(title: string, tabs?: (string | NewSheet)[], properties?: Partial<SpreadsheetModel['properties']>): string;
  /** The live in-memory model, for assertions. */
  getSpreadsheet(id: string): SpreadsheetModel;
  /** Simulates an official typing into the sheet (USER_ENTERED by default); not counted. */
  setValues(id: string, a1: string, rows: unknown[][], valueInputOption?: ValueInputOption): void;
  /** Reads values as values.get would (FORMATTED_VALUE by default); not counted. */
  getValues(id: string, a1: string, opts?: ReadOptions): RenderedValue[][];
  /** Applies batchUpdate requests directly, e.g. an official inserting rows; returns the replies. */
  batchUpdate(id: string, requests: Json[]): Json[];
  /** Every HTTP request received, in order (live array, emptied by resetCounts). */
  readonly requestLog: RequestLogEntry[];
  counts(): RequestCounts;
  /** Clears the request log and the quota windows. */
  resetCounts(): void;
  /** Makes matching requests fail with the given status (and Retry-After) a number of times. */
  injectFailures(rules: FailureRule[]): void;
  clearFailures(): void;
  /** Turns the per-minute quota simulation on (with limits) or off (undefined). */
  setQuota(quota: QuotaOptions | undefined): void;
  /**
   * Carries out now every request whose answer was lost and that has not landed yet (injectFailures with
   * lateApplyMs): Google doing it at a moment the test chooses, before its deadline. Returns how many landed.
   */
  landHeld(): number;
}

export async function startSheetsEmulator(opts: SheetsEmulatorOptions = {}): Promise<SheetsEmulator> {
  const state: ServerState = {
    store: { spreadsheets: new Map(), evaluate: opts.evaluateFormula ?? evaluateArithmetic },
    held: [],
    log: [],
    failures: [],
    quota: opts.quota,
    quotaWindow: { read: [], write: [] },
    acceptedTokens: opts.acceptedTokens ? new Set(opts.acceptedTokens) : undefined,
    maxBodyBytes: opts.maxBodyBytes ?? 2 * 1024 * 1024,
    clock: opts.clock ?? Date.now,
  };
  const server = createSheetsServer(state);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const model = (id: string): SpreadsheetModel => {
    const found = state.store.spreadsheets.get(id);
    if (!found) throw notFound(`No spreadsheet with id ${id}`);
    return found;
  };

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
    createSpreadsheet(title, tabs, properties) {
      const id = newSpreadsheetId();
      const sheets = tabs?.map((t) => (typeof t === 'string' ? { title: t } : t));
      state.store.spreadsheets.set(id, newSpreadsheet(id, { ...properties, title }, sheets));
      return id;
    },
    getSpreadsheet: model,
    setValues(id, a1, rows, valueInputOption = 'USER_ENTERED') {
      const target = model(id);
      const draft = draftOf(target);
      updateRange(draft, a1, { values: rows }, valueInputOption);
      Object.assign(target, draft);
    },
    getValues: (id, a1, readOpts = {}) => readRange(model(id), a1, readOpts, state.store.evaluate).values ?? [],
    batchUpdate: (id, requests) => runBatchUpdate(model(id), { requests }),
    requestLog: state.log,
    counts() {
      const byOperation: Record<string, number> = {};
      for (const e of state.log) byOperation[e.operation] = (byOperation[e.operation] ?? 0) + 1;
      const reads = state.log.filter((e) => e.kind === 'read').length;
      const bytesSent = state.log.reduce((n, e) => n + e.bodyBytes, 0);
      const bytesReceived = state.log.reduce((n, e) => n + e.responseBytes, 0);
      return { reads, writes: state.log.length - reads, total: state.log.length, bytesSent, bytesReceived, byOperation };
    },
    resetCounts() {
      state.log.length = 0;
      state.quotaWindow = { read: [], write: [] };
    },
    injectFailures(rules) {
      state.failures.push(...rules.map((r) => ({ ...r, remaining: r.times })));
    },
    clearFailures() {
      state.failures.length = 0;
    },
    setQuota(quota) {
      state.quota = quota;
      state.quotaWindow = { read: [], write: [] };
    },
    landHeld() {
      const count = state.held.filter((h) => !h.done).length;
      landHeld(state);
      return count;
    },
  };
}
