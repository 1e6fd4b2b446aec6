/**
 * The store backed by the shared Google Sheet. One request reads everything;
 * a write re-reads just before writing (Sheets has no conditional write; a write
 * of a few changed columns reads only those, with the headers and ids: see
 * narrowState), merges three ways against what this process last read (or, for
 * `cchc sync push`, what was last synced) and sends only the changed cells and
 * new rows, in one batchUpdate unless the 2 MB limit forces more, then reads the
 * sheet once more to check what landed (see applyTo).
 */
import {
  applyMerge,
  baseOf,
  changedColumns,
  describeConflict,
  describeGaps,
  describeIdentityProblems,
  identityProblems,
  describeUnidentified,
  emptiedColumns,
  forgetReplaced,
  mergeTables,
  overwrittenEdits,
  structureGaps,
  tabByKey,
  tablesOf,
  JOURNAL_TAB,
  ROW_NUMBER,
  rowIdentity,
  TABS,
  type CellUpdate,
  type Row,
  type MergeConflict,
  type TabMerge,
  type Side,
  type SyncBase,
  type Tables as CoreTables,
  type TablesMerge,
  type TablesShape,
  type TabSpec,
} from '../../core/index';
import { randomUUID } from 'node:crypto';
import type { sheets_v4 } from '@googleapis/sheets';
import type { Store, Tables, WriteOutcome } from '../store/store';
import { environment } from '../environment';
import { CchcError } from '../errors';
import { sheetsError } from './api-errors';
import { defaultSleep, delayFor, giveUp, isRetryable, type BackoffOptions } from './backoff';
import type { SheetsApi } from './client';
import {
  readLanding,
  readNarrow,
  readSheet,
  replacedParts,
  shapeOf,
  sheetIdsOf,
  WRITE_METADATA_KEY,
  type RequestGate,
  type SheetState,
} from './sheet-reader';
import { clearPending, pendingSince, recordPending } from './pending-write';
import { planWrite, type WritePlan } from './sheet-writer';

/**
 * Changed columns a tab may have for a push to read only them (with the rows'
 * identities) instead of the whole sheet: each costs a column of the sheet's height.
 */
export const NARROW_MAX_COLUMNS = 4;

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
 * Stops when a tab or column the base filled is gone from a side: merging would
 * read it as emptied and delete or blank what officials entered. `source`: the
 * side's tables when they are what gets written to the other side, to stop also
 * on a column blanked in every synced row (unless the official said --yes).
 */
export function checkStructure(base: SyncBase, side: Side, shape: TablesShape, source?: CoreTables): void {
  const gaps = [...structureGaps(base, shape), ...(source ? emptiedColumns(base, source) : [])];
  if (gaps.length === 0) return;
  const code = gaps.some((g) => g.column === null) ? 'TAB_MISSING' : gaps.every((g) => g.emptied) ? 'COLUMN_EMPTIED' : 'COLUMN_MISSING';
  throw new CchcError(code, describeGaps(gaps, side));
}

/**
 * Stops when the sheet's rows cannot be told apart for sure (see the core's
 * identityProblems), or when a tab's header row is gone: its first data row
 * would be taken for the header and read as deleted. `base`: what was last
 * synced, to check rows found only by their tags against; none for a command's
 * first read.
 */
export function checkSheetRows(state: SheetState, base: SyncBase | undefined): void {
  for (const tab of state.tabs.values()) {
    if (tab.headerMatched === 0 && tab.columns.size > 0) {
      throw new CchcError(
        'HEADER_ROW_MISSING',
        `Trang "${tab.title}" trên bảng tính: dòng 1 không còn là dòng tiêu đề cột (dòng tiêu đề có thể đã bị xóa, hoặc có dòng được chèn lên trên nó): khôi phục dòng tiêu đề về dòng 1 (hoàn tác, hoặc Tệp → Nhật ký phiên bản). Chưa đồng bộ gì để không mất dữ liệu; sửa lại rồi chạy lại lệnh.`,
      );
    }
  }
  checkIdentities(
    [...state.tabs.values()].map((tab) => [tab.spec, tab.rows, base?.get(tab.spec.key), tab.displacedTags] as const),
    'trên bảng tính',
  );
}

/** Stops when the local workbook has an id typed on two rows of a tab (a row copied with its id). */
export function checkLocalRows(tables: CoreTables): void {
  checkIdentities(
    TABS.map((tab) => [tab, tables[tab.key] ?? [], undefined, false] as const),
    'trong sổ cục bộ',
  );
}

function checkIdentities(
  sides: readonly (readonly [TabSpec, readonly Row[], ReadonlyMap<string, Row> | undefined, boolean])[],
  where: string,
): void {
  const found = sides
    .map(([tab, rows, base, displaced]) => [tab, identityProblems(tab, rows, base, displaced)] as const)
    .filter(([, problems]) => problems.length > 0);
  if (found.length === 0) return;
  const code = found.some(([, problems]) => problems.some((p) => p.kind === 'duplicate')) ? 'DUPLICATE_ROW_ID' : 'ROW_IDENTITY_LOST';
  throw new CchcError(code, found.map(([tab, problems]) => describeIdentityProblems(tab, problems, where)).join(' '));
}

/**
 * The base to merge against the sheet as read: what officials made again there
 * (a tab, a column) is not the one synced, so it is filled, not read as emptied;
 * then the sheet's structure is checked against it (`source`: see checkStructure).
 */
export function sheetBase(base: SyncBase, state: SheetState, recorded: ReadonlyMap<string, number>, source?: CoreTables): SyncBase {
  const synced = forgetReplaced(base, replacedParts(state, recorded));
  checkSheetRows(state, synced);
  checkStructure(synced, 'sheet', shapeOf(state), source);
  return synced;
}

export class SheetsStore implements Store {
  readonly removesRows = false;
  readonly location: string;
  /** What read() returned: the base when this process writes back. */
  private seen: SyncBase = new Map();
  private seenSheetIds: ReadonlyMap<string, number> = new Map();
  /** Requests sent, retries included (the counts shown to officials). */
  private sent = 0;
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
    return readSheet(await this.api(), this.spreadsheetId, { backoff: this.backoff, sheetIds, gate: this.gate });
  }

  /** Counts each request sent. */
  private readonly gate: RequestGate = (send) => {
    this.sent++;
    return send();
  };

  /**
   * The sheet as a write of a few changed columns needs it (see readNarrow), or
   * null when the whole sheet is read instead: a row new to `base`, more than
   * NARROW_MAX_COLUMNS columns changed in a tab, a synced tab gone, or a synced
   * row's id missing from the sheet (cleared there: only the row's other cells,
   * unread, could say which row it is).
   */
  private async narrowState(tables: Tables, base: SyncBase): Promise<SheetState | null> {
    const changed = changedColumns(tables, base);
    if (!changed || [...changed.values()].some((columns) => columns.size > NARROW_MAX_COLUMNS)) return null;
    const options = { backoff: this.backoff, gate: this.gate, sheetIds: this.seenSheetIds };
    const state = await readNarrow(await this.api(), this.spreadsheetId, changed, options);
    if (!state) return null;
    for (const [key, rows] of base) {
      if (rows.size === 0) continue;
      const tab = state.tabs.get(key);
      if (!tab || (tab.spec.identity === undefined && [...rows.keys()].some((k) => !tab.rowIndex.has(k)))) return null;
    }
    return state;
  }

  async exists(): Promise<boolean> {
    return (await this.state()).tabs.has('tasks');
  }

  /** Lays out the tabs the sheet lacks; starting rows go only into tabs that are new or empty. */
  async create(initial: Tables): Promise<string[]> {
    const before = this.sent;
    const state = await this.state();
    const empty = Object.fromEntries(Object.entries(initial).filter(([key]) => (state.tabs.get(key)?.rows.length ?? 0) === 0));
    const result = await this.applyTo(state, empty, new Map(), TABS, before);
    return result.plan.createdTabs;
  }

  async read(): Promise<Tables> {
    const state = await this.state();
    checkSheetRows(state, undefined);
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
    const before = this.sent;
    return this.applyTo((await this.narrowState(tables, base)) ?? (await this.state()), tables, base, [], before);
  }

  /**
   * Sends one write at a time: an atomic batch tagged with a write id
   * (spreadsheet developer metadata), or the cells of tagged rows aimed by their
   * tags. After every write the sheet is re-read and the write re-planned
   * against the same base, until nothing is left to write:
   * - a write whose answer was lost (no response: a timeout, a dropped
   *   connection) may still land until Google's deadline, so it is never re-sent
   *   blind: the store waits past that deadline, re-reads, and sees by the write
   *   id (or, for cells, by their values) whether it landed;
   * - the re-read after a batch checks cells written by position: a row that
   *   moved while the batch was in flight (an official inserted or sorted rows)
   *   got cells meant for another row; those are put back (when the row's value
   *   before is known) and written again where the row now is;
   * - a cell an official changed after the write is a conflict, left as they typed it.
   */
  private async applyTo(
    state: SheetState,
    tables: Tables,
    base: SyncBase,
    layout: readonly TabSpec[],
    sentBefore: number,
  ): Promise<ApplyResult> {
    const api = await this.api();
    const attempts = this.backoff?.attempts ?? 6;
    let first: WritePlan | undefined;
    let written = 0;
    let failures = 0;
    const misplaced: string[] = [];
    let repairs = new Map<string, CellUpdate[]>();
    const recorded = new Map(this.seenSheetIds);
    const pending = await pendingSince(this.spreadsheetId);
    if (pending !== null) {
      // A command before this one was stopped while its write had no answer: that write may still land.
      if (await this.waitOut(pending, 'Lần ghi trước từ máy này vào bảng tính chưa có trả lời (lệnh bị ngắt giữa chừng)')) {
        state = await this.state();
      }
      await clearPending(this.spreadsheetId);
    }
    for (let round = 0; ; round++) {
      const synced = sheetBase(base, state, recorded);
      const merged = mergeAll(state, tables, synced, repairs);
      // Cells put back this round (an official's value restored): the next merge sees them against the workbook's.
      const repairing = repairs.size > 0;
      const plan = planWrite(state, merged.merges, layout);
      first ??= plan;
      const sheetIds = new Map([...sheetIdsOf(state), ...plan.createdSheetIds]);
      this.seenSheetIds = sheetIds;
      const done = (): ApplyResult => ({
        plan: first!,
        requests: this.sent - sentBefore,
        sheetIds,
        ...merged,
        conflictText: [...misplaced, ...merged.conflictText],
      });
      if (plan.batches.length === 0 && plan.filterBatches.length === 0) return done();
      if (round > first.batches.length + first.filterBatches.length + attempts) {
        throw this.stopped(
          new CchcError(
            'SHEETS_NOT_SETTLED',
            'Bảng tính liên tục thay đổi trong lúc ghi nên chưa ghi trọn. Chờ cán bộ sửa xong rồi chạy lại lệnh; phần đã ghi không bị ghi lặp.',
          ),
          written,
        );
      }
      // One write a round: the next atomic batch (new tabs, rows, tags, untagged rows), else cells of tagged rows.
      const byFilter = plan.batches.length === 0;
      const writeId = randomUUID();
      const targets = targetRows(state, merged.merges);
      const sentAt = Date.now();
      // Whether every cell of this write is known to have landed where meant without reading the sheet again.
      let filtersLanded = false;
      // Whether the sheet has the Apps Script's journal just after the write (null: not known).
      let journal: boolean | null = state.journal || null;
      let answered = false;
      try {
        this.sent++;
        await recordPending(this.spreadsheetId, sentAt);
        if (byFilter) {
          const answer = await api.spreadsheets.values.batchUpdateByDataFilter({
            spreadsheetId: this.spreadsheetId,
            requestBody: { valueInputOption: 'RAW', data: plan.filterBatches[0]! },
          });
          // Each write aims at one row's tag: it landed on that row, or on none if the row was deleted meanwhile.
          filtersLanded = (answer.data.responses ?? []).filter((r) => (r.updatedCells ?? 0) > 0).length === plan.filterBatches[0]!.length;
        } else {
          // The answer names the tabs as they are after the write: the journal may have come meanwhile.
          const answer = await api.spreadsheets.batchUpdate({
            spreadsheetId: this.spreadsheetId,
            fields: 'updatedSpreadsheet(sheets(properties(title)))',
            requestBody: {
              requests: [...writeTag(writeId), ...plan.batches[0]!],
              includeSpreadsheetInResponse: true,
              responseIncludeGridData: false,
            },
          });
          journal = (answer.data.updatedSpreadsheet?.sheets ?? []).some((sheet) => sheet.properties?.title === JOURNAL_TAB);
        }
        written++;
        answered = true;
        await clearPending(this.spreadsheetId);
      } catch (error) {
        const lost = unanswered(error);
        // An answer, even a failure, means nothing is left in flight, and a refused connection sent nothing;
        // a lost answer stays recorded until waited out.
        if (!lost || !isRetryable(error)) await clearPending(this.spreadsheetId);
        if (!isRetryable(error)) throw this.stopped(sheetsError(error, this.spreadsheetId, 'ghi vào bảng tính'), written);
        // An answered failure wrote nothing; the last one ends the command at once.
        if (!lost && ++failures >= attempts) throw this.stopped(giveUp('ghi vào bảng tính', error, attempts), written);
        if (lost) {
          // The write may still land: wait past Google's deadline for it, then look.
          await this.waitOut(sentAt, 'Google chưa trả lời lần ghi');
          await clearPending(this.spreadsheetId);
        } else {
          await (this.backoff?.sleep ?? defaultSleep)(delayFor(failures - 1, error, this.backoff));
        }
        state = await this.state();
        // A batch is known by its write id. Cells written by filter carry none, but writing them twice is harmless:
        // the re-plan sees what landed and writes only the rest.
        if (!byFilter && state.lastWriteId === writeId) {
          written++;
        } else {
          if (lost && ++failures >= attempts) throw this.stopped(giveUp('ghi vào bảng tính', error, attempts), written);
          continue;
        }
      }
      const narrow =
        answered && plan.batches.length + plan.filterBatches.length === 1 && (byFilter ? filtersLanded : cellsOnly(plan.batches[0]!));
      const landed = narrow
        ? await this.landedState(state, merged.merges, targets.targets, byFilter ? state.lastWriteId : writeId, journal)
        : null;
      if (landed) state = landed;
      else if (state.lastWriteId !== writeId) state = await this.state();
      repairs = checkLanded(targets, state, misplaced);
      for (const [tab, updates] of restoredEdits(targets.before, state, merged.merges)) {
        repairs.set(tab, [...(repairs.get(tab) ?? []), ...updates]);
      }
      // Landed whole where meant, nothing put back now or to put back: the sheet is this round's merge applied, so
      // merging it again would find nothing left to write and the same conflicts.
      if (landed && !repairing && repairs.size === 0) return done();
    }
  }

  /**
   * The sheet after a single answered write of changed cells, without reading it
   * all again: the state as read with the written cells applied, once a narrow
   * read shows each row written by position still holds the row it was meant for
   * (and brings the journal of officials' edits, if the sheet keeps one). Null
   * when a row moved meanwhile: then the whole sheet is read and repaired.
   */
  private async landedState(
    state: SheetState,
    merges: ReadonlyMap<string, TabMerge>,
    targets: readonly Target[],
    lastWriteId: string | null,
    journal: boolean | null,
  ): Promise<SheetState | null> {
    const rows = new Map<string, number[]>();
    for (const t of targets) rows.set(t.tab, [...(rows.get(t.tab) ?? []), t.rowIndex]);
    const look = await readLanding(await this.api(), state, rows, journal, { backoff: this.backoff, gate: this.gate });
    const moved = targets.some((t) => {
      const now = look.identities.get(t.tab)?.get(t.rowIndex);
      return now !== t.key && !(now && t.key.startsWith(`${now}#`));
    });
    if (moved) return null;
    const tabs = new Map(state.tabs);
    for (const [key, merge] of merges) {
      const tab = state.tabs.get(key);
      if (!tab || merge.updates.length === 0) continue;
      tabs.set(key, { ...tab, rows: applyMerge(tab.spec, tab.rows, { ...merge, inserts: [], deletes: [] }) });
    }
    return { ...state, tabs, lastWriteId, edits: look.edits ?? state.edits };
  }

  /** Waits until a write sent at `sentAt` can no longer land; true if it had to wait. */
  private async waitOut(sentAt: number, why: string): Promise<boolean> {
    const wait = sentAt + writeDeadlineMs() - Date.now();
    if (wait <= 0) return false;
    console.error(
      `${why}; chờ ${Math.ceil(wait / 1000)} giây cho chắc lần ghi đó không đến muộn, rồi đọc lại bảng tính… ` +
        '(Nếu ngắt lệnh lúc này, lần chạy sau sẽ chờ tiếp phần còn lại.)',
    );
    await (this.backoff?.sleep ?? defaultSleep)(wait);
    return true;
  }

  private stopped(error: CchcError, written: number): CchcError {
    if (written === 0) return error;
    return new CchcError(
      'SHEETS_PARTIAL_WRITE',
      `${error.messageVi} Đã ghi trọn ${written} phần (mỗi phần gồm các dòng đầy đủ, không có dòng ghi dở). Chạy lại lệnh để ghi tiếp; phần đã ghi không bị ghi lặp.`,
    );
  }
}

function mergeAll(
  state: SheetState,
  tables: Tables,
  base: SyncBase,
  repairs: ReadonlyMap<string, CellUpdate[]>,
): Pick<ApplyResult, 'conflicts' | 'conflictText' | 'skipped' | 'sheetAfter'> & Pick<TablesMerge, 'merges'> {
  // Tabs whose rows were not read have nothing to write (see readNarrow).
  const source = state.unreadRows ? Object.fromEntries(Object.entries(tables).filter(([key]) => !state.unreadRows!.has(key))) : tables;
  const merged = mergeTables(source, tablesOf(state.tabs), base);
  for (const [tab, updates] of repairs) {
    const merge = merged.merges.get(tab);
    if (merge) merge.updates.push(...updates.filter((u) => !merge.updates.some((m) => m.key === u.key && m.column === u.column)));
  }
  const conflictText = merged.conflicts.map((c) => describeConflict(tabByKey(c.tab), c, 'trên bảng tính', 'bản ghi lên'));
  const skipped = [...merged.merges]
    .filter(([, m]) => m.unidentified.length > 0)
    .map(([key, m]) => describeUnidentified(tabByKey(key), m.unidentified, 'trong bản ghi lên'));
  return { merges: merged.merges, conflicts: merged.conflicts, conflictText, skipped, sheetAfter: merged.after };
}

/** A batch of changed cells only (and the write id): nothing in it moves, adds or tags a row. */
function cellsOnly(batch: readonly sheets_v4.Schema$Request[]): boolean {
  return batch.every((r) => r.updateCells !== undefined);
}

/** Google carries out a request for up to 180 s; a little more is waited (environment.ts). */
function writeDeadlineMs(): number {
  return environment().sheetsWriteDeadlineMs;
}

/** No answer at all (timeout, reset): the request may have been carried out, or may still be. */
function unanswered(error: unknown): boolean {
  const e = error as { status?: number; response?: { status?: number } };
  return e?.status === undefined && e?.response?.status === undefined;
}

/** The batch's first requests: forget the previous write id, record this one. */
function writeTag(writeId: string): sheets_v4.Schema$Request[] {
  return [
    {
      deleteDeveloperMetadata: {
        dataFilter: { developerMetadataLookup: { metadataKey: WRITE_METADATA_KEY, locationType: 'SPREADSHEET' } },
      },
    },
    {
      createDeveloperMetadata: {
        developerMetadata: {
          metadataKey: WRITE_METADATA_KEY,
          metadataValue: writeId,
          visibility: 'DOCUMENT',
          location: { spreadsheet: true },
        },
      },
    },
  ];
}

interface Target {
  tab: string;
  rowIndex: number;
  key: string;
  /** The columns written in that row. */
  columns: string[];
}

/** Where each cell written by position goes: the row index the plan uses and the identity it is meant for. */
function targetRows(state: SheetState, merges: ReadonlyMap<string, TabMerge>): { targets: Target[]; before: SheetState } {
  const targets: Target[] = [];
  for (const [tab, merge] of merges) {
    const rows = state.tabs.get(tab)?.rowIndex;
    const tags = state.tabs.get(tab)?.rowTags;
    if (!rows) continue;
    const byKey = new Map<string, string[]>();
    for (const u of merge.updates) byKey.set(u.key, [...(byKey.get(u.key) ?? []), u.column]);
    for (const [key, columns] of byKey) {
      // A tagged row is written through its tag, where it is now: nothing can land on another row.
      if (tags?.has(key)) continue;
      const rowIndex = rows.get(key);
      if (rowIndex !== undefined) targets.push({ tab, rowIndex, key, columns });
    }
  }
  return { targets, before: state };
}

/**
 * Cells the write overwrote just after an official typed them (the Apps Script's
 * journal shows the edit): updates that put the official's value back. The next
 * round then sees the official's value against the local one, a conflict.
 */
function restoredEdits(before: SheetState, after: SheetState, merges: ReadonlyMap<string, TabMerge>): Map<string, CellUpdate[]> {
  const written = new Map([...merges].map(([tab, m]) => [tab, m.updates]));
  return overwrittenEdits(before.edits, after.edits, written, (tab, key, column) => {
    const data = after.tabs.get(tab);
    const index = data?.rowIndex.get(key);
    return index === undefined ? undefined : data!.rows.find((r) => r[ROW_NUMBER] === index + 1)?.[column];
  });
}

/**
 * After a batch: rows whose index now holds another row got cells meant for the
 * row that was there. Those cells are put back to what that other row held
 * before (when it was in the sheet then), and each is reported.
 */
function checkLanded(planned: { targets: Target[]; before: SheetState }, after: SheetState, report: string[]): Map<string, CellUpdate[]> {
  const repairs = new Map<string, CellUpdate[]>();
  for (const target of planned.targets) {
    const tab = after.tabs.get(target.tab);
    if (!tab) continue;
    const now = [...tab.rowIndex].find(([, index]) => index === target.rowIndex)?.[0];
    if (now === target.key) continue;
    const spec = tabByKey(target.tab);
    if (now === undefined) {
      // A row with no identity there: one an official inserted meanwhile. Blank but for what the batch wrote: blank it again.
      const row = tab.rows.find((r) => r[ROW_NUMBER] === target.rowIndex + 1);
      if (!row) continue;
      const onlyOurs = spec.columns.every((c) => target.columns.includes(c.key) || row[c.key] === null || row[c.key] === '');
      const key = `@${target.rowIndex}`;
      if (onlyOurs) {
        tab.rowIndex.set(key, target.rowIndex);
        repairs.set(target.tab, [...(repairs.get(target.tab) ?? []), ...target.columns.map((column) => ({ key, column, value: null }))]);
        report.push(
          `Trang "${spec.name}": dòng ${target.rowIndex + 1} được chèn trong lúc ghi và nhận nhầm giá trị của dòng ${target.key}; đã xóa lại các ô đó và ghi vào đúng dòng.`,
        );
      } else {
        const headers = target.columns.map((c) => `"${spec.columns.find((x) => x.key === c)!.header}"`).join(', ');
        report.push(
          `Trang "${spec.name}", dòng ${target.rowIndex + 1} (vừa được thêm trong lúc ghi): các ô ${headers} bị ghi nhầm giá trị của dòng ${target.key}; hãy kiểm tra và nhập lại các ô đó.`,
        );
      }
      continue;
    }
    const previous = planned.before.tabs.get(target.tab)?.rows.find((r) => rowIdentity(spec, r) === now);
    const headers = target.columns.map((c) => `"${spec.columns.find((x) => x.key === c)!.header}"`).join(', ');
    if (previous) {
      repairs.set(target.tab, [
        ...(repairs.get(target.tab) ?? []),
        ...target.columns.map((column) => ({ key: now, column, value: previous[column] ?? null })),
      ]);
      report.push(
        `Trang "${spec.name}": dòng ${now} bị di chuyển trong lúc ghi nên nhận nhầm các ô ${headers}; đã trả lại giá trị cũ của dòng đó và ghi vào đúng dòng ${target.key}.`,
      );
    } else {
      report.push(
        `Trang "${spec.name}", dòng ${target.rowIndex + 1} (${now}, vừa được thêm trong lúc ghi): các ô ${headers} bị ghi nhầm giá trị của dòng ${target.key}; hãy kiểm tra và nhập lại các ô đó.`,
      );
    }
  }
  return repairs;
}
