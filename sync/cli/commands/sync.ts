/**
 * `cchc sync pull|push`: moves the whole store between the local workbook and the
 * shared sheet. Both directions merge three ways against what was last synced
 * (data/.sync/<sheet id>.json): a cell is overwritten only where the other side
 * still holds the synced value; where both changed it, it is listed as a conflict
 * and left alone (exit 1).
 */
import type { Command } from 'commander';
import { applyMerge, describeConflict, describeUnidentified, mergeTab, syncedBase, tabByKey, TABS, type MergeConflict } from '../../../core/index';
import { CchcError, EXIT } from '../../errors';
import { baseOf, tablesOf } from '../../sheets/sheets-store';
import { loadSyncBase, saveSyncBase, syncStatePath, type SyncBase } from '../../sheets/sync-state';
import { localStorePath, openSheet, type StoreOptions } from '../../store/open-store';
import type { Tables } from '../../store/store';
import { XlsxStore } from '../../store/xlsx-store';
import { reportConflicts, run, sheetOption, storeOption } from '../program';
import { registerSyncResolve } from './sync-resolve';

interface SyncOptions extends StoreOptions {
  out?: string;
}

function requireSheet(options: SyncOptions): string {
  const id = options.sheet ?? process.env['CCHC_SHEET_ID'];
  if (!id) {
    throw new CchcError('SHEET_REQUIRED', 'Chưa chọn bảng tính Google. Ghi mã bảng tính bằng --sheet MÃ hoặc đặt biến CCHC_SHEET_ID.');
  }
  return id;
}

function nextBase(previous: SyncBase, local: Tables, sheet: Tables): SyncBase {
  return new Map(TABS.map((t) => [t.key, syncedBase(t, previous.get(t.key) ?? new Map(), local[t.key] ?? [], sheet[t.key] ?? [])]));
}

function summary(kind: string, inserted: number, updated: number): string {
  return `${kind}: thêm ${inserted} dòng, cập nhật ${updated} ô.`;
}

export async function pullCommand(options: SyncOptions): Promise<number> {
  const id = requireSheet(options);
  const path = options.out ?? localStorePath(options);
  const local = new XlsxStore(path);
  const statePath = syncStatePath(path, id);
  const sheet = tablesOf(await openSheet(id).state());
  if (!(await local.exists())) {
    await local.create(sheet);
    await saveSyncBase(statePath, id, baseOf(sheet));
    console.log(`Đã tải toàn bộ bảng tính ${id} về sổ mới ${path}.`);
    return EXIT.ok;
  }
  const { base, note } = await loadSyncBase(statePath);
  if (note) console.log(note);
  const current = await local.read();
  const merged: Tables = {};
  const conflicts: MergeConflict[] = [];
  const skipped: string[] = [];
  let inserted = 0;
  let updated = 0;
  let deleted = 0;
  for (const tab of TABS) {
    // The sheet is the shared record: rows officials deleted there go locally too, unless changed here since.
    const merge = mergeTab(tab, { base: base.get(tab.key) ?? new Map(), target: current[tab.key] ?? [], source: sheet[tab.key] ?? [], deletions: true });
    merged[tab.key] = applyMerge(tab, current[tab.key] ?? [], merge);
    conflicts.push(...merge.conflicts);
    if (merge.unidentified.length > 0) skipped.push(describeUnidentified(tab, merge.unidentified, 'trên bảng tính'));
    inserted += merge.inserts.length;
    updated += merge.updates.length;
    deleted += merge.deletes.length;
  }
  await local.write(merged);
  await saveSyncBase(statePath, id, nextBase(base, merged, sheet));
  console.log(summary(`Đã tải bảng tính ${id} về ${path}`, inserted, updated) + (deleted ? ` Bỏ ${deleted} dòng đã bị xóa trên bảng tính.` : ''));
  return reportConflicts({
    conflicts: conflicts.map((c) => describeConflict(tabByKey(c.tab), c, 'trong sổ cục bộ', 'trên bảng tính')),
    skipped,
  });
}

export async function pushCommand(options: SyncOptions): Promise<number> {
  const id = requireSheet(options);
  const path = localStorePath(options);
  const statePath = syncStatePath(path, id);
  const local = await new XlsxStore(path).read();
  const { base, note } = await loadSyncBase(statePath);
  if (note) console.log(note);
  const result = await openSheet(id).apply(local, base);
  await saveSyncBase(statePath, id, nextBase(base, local, result.sheetAfter));
  const { plan } = result;
  console.log(summary(`Đã đẩy ${path} lên bảng tính ${id}`, plan.insertedRows, plan.updatedCells) + ` (${result.requests} yêu cầu tới Google Sheets).`);
  if (plan.createdTabs.length > 0) console.log(`  Đã tạo trang: ${plan.createdTabs.join(', ')}.`);
  return reportConflicts({ conflicts: result.conflictText, skipped: result.skipped });
}

export function registerSync(program: Command): void {
  const sync = program.command('sync').description('Đồng bộ sổ cục bộ với bảng tính Google dùng chung (sync with the shared Google Sheet)');
  sync
    .command('pull')
    .description('Tải bảng tính về sổ cục bộ (sheet → local workbook)')
    .addOption(sheetOption())
    .addOption(storeOption())
    .option('--out <path>', 'sổ .xlsx nhận dữ liệu (default: --store)')
    .action(async (opts: SyncOptions) => {
      run.exitCode = await pullCommand(opts);
    });
  sync
    .command('push')
    .description('Đẩy sổ cục bộ lên bảng tính (local workbook → sheet), không ghi đè sửa đổi của cán bộ')
    .addOption(sheetOption())
    .addOption(storeOption())
    .action(async (opts: SyncOptions) => {
      run.exitCode = await pushCommand(opts);
    });
  registerSyncResolve(sync);
}
