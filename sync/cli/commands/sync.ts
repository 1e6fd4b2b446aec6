/**
 * `cchc sync pull|push`: moves the whole store between the local workbook and the
 * shared sheet. Both directions run the one core merge (mergeTables) against what
 * was last synced (data/.sync/<workbook>.<sheet id>.json): a cell is overwritten
 * only where the other side still holds the synced value; where both changed it,
 * it is listed as a conflict and left alone (exit 1). A tab or column that held
 * synced data and is gone on either side stops the sync before anything is written.
 */
import { baseOf, describeConflict, describeUnidentified, mergeTables, nextBase, tabByKey, tablesOf } from '../../../core/index';
import { CchcError, EXIT } from '../../errors';
import { sheetIdsOf } from '../../sheets/sheet-reader';
import { checkLocalRows, checkSheetRows, checkStructure, sheetBase } from '../../sheets/sheets-store';
import { loadSyncBase, realWorkbookPath, saveSyncBase, syncStatePath } from '../../store/sync-base';
import { openSheet } from '../shared/open-store';
import { localStorePath, requireSheetId, type StoreOptions } from '../../store/store-options';
import { XlsxStore } from '../../store/xlsx-store';
import { againIfStoreChanged } from '../../store/store';
import { reportConflicts } from '../shared/outcome';

export interface SyncOptions extends StoreOptions {
  out?: string;
  yes?: boolean;
}

function summary(kind: string, inserted: number, updated: number): string {
  return `${kind}: thêm ${inserted} dòng, cập nhật ${updated} ô.`;
}

export async function pullCommand(options: SyncOptions): Promise<number> {
  const id = requireSheetId(options);
  const path = options.out ?? localStorePath(options);
  const local = new XlsxStore(path);
  const workbook = await realWorkbookPath(path);
  const statePath = await syncStatePath(path, id);
  const saved = await loadSyncBase(statePath);
  if (saved.note) console.log(saved.note);
  const state = await openSheet(id).state(saved.sheetIds);
  const sheet = tablesOf(state.tabs);
  if (!(await local.exists())) {
    checkSheetRows(state, undefined);
    await local.create(sheet);
    await saveSyncBase(statePath, id, workbook, { base: baseOf(sheet), sheetIds: sheetIdsOf(state) }, saved);
    console.log(`Đã tải toàn bộ bảng tính ${id} về sổ mới ${path}.`);
    return EXIT.ok;
  }
  // A tab or column officials made again on the sheet is new: it deletes and blanks nothing here.
  const base = sheetBase(saved.base, state, saved.sheetIds, options.yes ? undefined : sheet);
  // Merged again with the store as it is if another command wrote it before this write.
  const pulled = await againIfStoreChanged(async () => {
    const { tables: current, shape } = await local.readShaped({ streamed: true });
    if (!shape.has('tasks')) {
      throw new CchcError(
        'NOT_A_STORE',
        `Tệp "${path}" không phải sổ dữ liệu cchc (không có trang "${tabByKey('tasks').name}"); "sync pull" không ghi vào tệp khác. Chọn --out một tệp mới hoặc đúng sổ dữ liệu.`,
      );
    }
    checkStructure(base, 'local', shape);
    checkLocalRows(current);
    // The sheet is the shared record: rows officials deleted there go locally too, unless changed here since.
    const merge = mergeTables(sheet, current, base, { deletions: true });
    if (merge.largeDeletions.size > 0 && !options.yes) {
      const tabs = [...merge.largeDeletions].map(([key, [deleted, had]]) => `${deleted}/${had} dòng trang "${tabByKey(key).name}"`);
      throw new CchcError(
        'PULL_DELETES_MANY',
        `Lần tải này sẽ xóa trong sổ cục bộ ${tabs.join(', ')} vì các dòng đó không còn trên bảng tính. Nếu đúng là đã xóa có chủ ý, chạy lại với --yes; nếu không, khôi phục chúng trên bảng tính (Tệp → Nhật ký phiên bản). Chưa thay đổi gì.`,
      );
    }
    await local.write(merge.after);
    await saveSyncBase(statePath, id, workbook, { base: nextBase(base, merge.after, sheet), sheetIds: sheetIdsOf(state) }, saved);
    return merge;
  });
  console.log(
    summary(`Đã tải bảng tính ${id} về ${path}`, pulled.inserted, pulled.updated) +
      (pulled.deleted ? ` Bỏ ${pulled.deleted} dòng đã bị xóa trên bảng tính.` : ''),
  );
  return reportConflicts({
    conflicts: pulled.conflicts.map((c) => describeConflict(tabByKey(c.tab), c, 'trong sổ cục bộ', 'trên bảng tính')),
    skipped: [...pulled.merges]
      .filter(([, m]) => m.unidentified.length > 0)
      .map(([key, m]) => describeUnidentified(tabByKey(key), m.unidentified, 'trên bảng tính')),
  });
}

export async function pushCommand(options: SyncOptions): Promise<number> {
  const id = requireSheetId(options);
  const path = localStorePath(options);
  const workbook = await realWorkbookPath(path);
  const statePath = await syncStatePath(path, id);
  const { tables: local, shape } = await new XlsxStore(path).readShaped({ streamed: true });
  const saved = await loadSyncBase(statePath);
  if (saved.note) console.log(saved.note);
  checkStructure(saved.base, 'local', shape, options.yes ? undefined : local);
  checkLocalRows(local);
  const result = await openSheet(id).apply(local, saved.base, saved.sheetIds);
  await saveSyncBase(statePath, id, workbook, { base: nextBase(saved.base, local, result.sheetAfter), sheetIds: result.sheetIds }, saved);
  const { plan } = result;
  console.log(
    summary(`Đã đẩy ${path} lên bảng tính ${id}`, plan.insertedRows, plan.updatedCells) +
      ` (${result.requests} yêu cầu tới Google Sheets).`,
  );
  if (plan.createdTabs.length > 0) console.log(`  Đã tạo trang: ${plan.createdTabs.join(', ')}.`);
  return reportConflicts({ conflicts: result.conflictText, skipped: result.skipped });
}
