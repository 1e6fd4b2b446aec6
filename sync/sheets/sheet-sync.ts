/**
 * The sync use-cases, `cchc sync pull|push|resolve`: the local workbook and the shared sheet, moved or reconciled
 * through the one core merge against what was last synced (data/.sync/<workbook>.<sheet id>.json). The sides come in
 * as adapters; the core decides (mergeTables, settleConflicts, sync-decisions) and each use-case returns what the
 * command prints. A tab or column that held synced data and is gone on either side stops the sync before anything is
 * written (checkStructure, sheetBase).
 */
import {
  baseOf,
  chosenConflicts,
  listConflicts,
  mergeTables,
  nextBase,
  pullDeletionsStop,
  pullLeftAlone,
  pullTargetStop,
  settleConflicts,
  tablesOf,
  type MergeConflict,
  type SyncSide,
} from '../../core/index';
import { CchcError, stopIf } from '../errors';
import { againIfStoreChanged, type WriteOutcome } from '../store/store';
import type { SyncRecord, SyncState } from '../store/sync-base';
import type { XlsxStore } from '../store/xlsx-store';
import { sheetIdsOf } from './sheet-reader';
import { checkLocalRows, checkSheetRows, checkStructure, sheetBase, type SheetsStore } from './sheets-store';

/** The two sides of a sync and what was last synced between them. */
export interface SyncSides {
  local: Pick<XlsxStore, 'location' | 'exists' | 'create' | 'read' | 'readShaped' | 'write'>;
  sheet: Pick<SheetsStore, 'spreadsheetId' | 'state' | 'apply'>;
  record: SyncRecord;
  /** Tells the official something at once (an unreadable record), so it shows even when the sync then stops. */
  say(line: string): void;
}

/** What a pull or push did: rows added, cells updated, and what it left alone (conflicts, rows without an id). */
export interface SyncSummary {
  inserted: number;
  updated: number;
  leftAlone: WriteOutcome;
}

async function loadRecord(sides: SyncSides): Promise<SyncState> {
  const saved = await sides.record.load();
  if (saved.note) sides.say(saved.note);
  return saved;
}

/**
 * Brings the sheet into the local workbook: a new workbook takes it whole; an existing one is merged with the sheet
 * as the shared record (rows officials deleted there go locally too, unless changed here since). `yes`: the
 * official accepts blanked columns and large deletions.
 */
export async function syncPull(
  sides: SyncSides,
  options: { yes?: boolean },
): Promise<{ created: true } | ({ created: false; deleted: number } & SyncSummary)> {
  const { local, record } = sides;
  const saved = await loadRecord(sides);
  const state = await sides.sheet.state(saved.sheetIds);
  const sheet = tablesOf(state.tabs);
  if (!(await local.exists())) {
    checkSheetRows(state, undefined);
    await local.create(sheet);
    await record.save({ base: baseOf(sheet), sheetIds: sheetIdsOf(state) });
    return { created: true };
  }
  // A tab or column officials made again on the sheet is new: it deletes and blanks nothing here.
  const base = sheetBase(saved.base, state, saved.sheetIds, options.yes ? undefined : sheet);
  // Merged again with the store as it is if another command wrote it before this write.
  const merge = await againIfStoreChanged(async () => {
    const { tables: current, shape } = await local.readShaped({ streamed: true });
    stopIf(pullTargetStop(local.location, shape));
    checkStructure(base, 'local', shape);
    checkLocalRows(current);
    const merge = mergeTables(sheet, current, base, { deletions: true });
    if (!options.yes) stopIf(pullDeletionsStop(merge));
    await local.write(merge.after);
    await record.save({ base: nextBase(base, merge.after, sheet), sheetIds: sheetIdsOf(state) });
    return merge;
  });
  return { created: false, inserted: merge.inserted, updated: merge.updated, deleted: merge.deleted, leftAlone: pullLeftAlone(merge) };
}

/** Sends the local workbook to the sheet, merged into the sheet as it is now; the sheet never loses a row. */
export async function syncPush(
  sides: SyncSides,
  options: { yes?: boolean },
): Promise<SyncSummary & { requests: number; createdTabs: string[] }> {
  const { tables: local, shape } = await sides.local.readShaped({ streamed: true });
  const saved = await loadRecord(sides);
  checkStructure(saved.base, 'local', shape, options.yes ? undefined : local);
  checkLocalRows(local);
  const result = await sides.sheet.apply(local, saved.base, saved.sheetIds);
  await sides.record.save({ base: nextBase(saved.base, local, result.sheetAfter), sheetIds: result.sheetIds });
  return {
    inserted: result.plan.insertedRows,
    updated: result.plan.updatedCells,
    requests: result.requests,
    createdTabs: result.plan.createdTabs,
    leftAlone: { conflicts: result.conflictText, skipped: result.skipped },
  };
}

/** Which conflicts to settle and which side's value to keep; none: only list them. */
export interface ResolveChoice {
  keep: SyncSide;
  all?: boolean;
  /** Numbers in the list (from 1) or references (conflictRef). */
  names: readonly string[];
}

/**
 * Lists the conflicts between the local workbook and the sheet and, given a choice, settles the conflicts it names:
 * the local workbook takes the kept values, the record the new base. Nothing is written unless every name is found.
 */
export async function syncResolve(
  sides: SyncSides,
  choice: ResolveChoice | null,
): Promise<{ conflicts: MergeConflict[]; settled: MergeConflict[] | null }> {
  const { local, record } = sides;
  if (!(await local.exists()))
    throw new CchcError('STORE_NOT_FOUND', `Chưa có sổ cục bộ "${local.location}". Chạy "cchc sync pull" trước.`);
  const { base, sheetIds } = await loadRecord(sides);
  const tables = await local.read();
  const state = await sides.sheet.state(sheetIds);
  const sheet = tablesOf(state.tabs);
  const conflicts = listConflicts(tables, sheet, base);
  if (conflicts.length === 0 || choice === null) return { conflicts, settled: null };
  const settled = chosenConflicts(conflicts, choice);
  if (!Array.isArray(settled)) throw new CchcError(settled.code, settled.message);
  const result = settleConflicts(tables, sheet, base, settled, choice.keep);
  if (Object.keys(result.local).length > 0) await local.write(result.local);
  await record.save({ base: result.base, sheetIds: sheetIdsOf(state) });
  return { conflicts, settled };
}
