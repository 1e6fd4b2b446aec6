/**
 * `cchc sync resolve`: lists the conflicts between the local workbook and the
 * shared sheet (cells both changed differently since the last sync, rows one side
 * deleted while the other changed them) and settles them per conflict or all at
 * once, keeping the sheet's value or the local one. The next push or pull is then
 * clean. Nothing is written unless every conflict named was found.
 */
import {
  conflictRef,
  listConflicts,
  settleConflicts,
  tabByKey,
  tablesOf,
  type CellValue,
  type MergeConflict,
  type SyncSide,
} from '../../../core/index';
import { CchcError, EXIT } from '../../errors';
import { sheetIdsOf } from '../../sheets/sheet-reader';
import { loadSyncBase, realWorkbookPath, saveSyncBase, syncStatePath } from '../../store/sync-base';
import { openSheet } from '../shared/open-store';
import { localStorePath, requireSheetId, type StoreOptions } from '../../store/store-options';
import { XlsxStore } from '../../store/xlsx-store';

export interface ResolveOptions extends StoreOptions {
  keep?: string;
  all?: boolean;
  /** One value or several, as the option parser hands them over. */
  cell?: string | string[];
}

const shown = (v: CellValue | undefined): string => (v === null || v === undefined || v === '' ? '(trống)' : `"${String(v)}"`);

function describe(c: MergeConflict): string {
  const tab = tabByKey(c.tab);
  const where = `Trang "${tab.name}", dòng ${c.key}`;
  if (c.column === null) {
    return c.deletedAt === 'target'
      ? `${where}: đã bị xóa trong sổ cục bộ nhưng được sửa trên bảng tính.`
      : `${where}: đã bị xóa trên bảng tính nhưng được sửa trong sổ cục bộ.`;
  }
  const header = tab.columns.find((col) => col.key === c.column)?.header ?? c.column;
  return `${where}, cột "${header}": trên bảng tính ${shown(c.source)}, trong sổ cục bộ ${shown(c.target)} (lần đồng bộ trước: ${shown(c.base)}).`;
}

function keepSide(options: ResolveOptions): SyncSide | null {
  if (options.keep === undefined) {
    if (options.all || options.cell) {
      throw new CchcError(
        'KEEP_REQUIRED',
        'Chọn bên giữ lại: --keep sheet (giữ giá trị trên bảng tính) hoặc --keep local (giữ giá trị trong sổ cục bộ).',
      );
    }
    return null;
  }
  if (options.keep !== 'sheet' && options.keep !== 'local') {
    throw new CchcError('KEEP_INVALID', `"--keep ${options.keep}" không hợp lệ. Ghi --keep sheet hoặc --keep local.`);
  }
  if (!options.all && !options.cell) {
    throw new CchcError(
      'RESOLVE_WHAT',
      'Chọn xung đột cần giải quyết: --all (tất cả) hoặc --cell SỐ (số thứ tự trong danh sách, hoặc mã như tasks:NV-…:note).',
    );
  }
  return options.keep;
}

/** The conflicts named by number in the list or by reference; an unknown name stops everything. */
function chosen(conflicts: readonly MergeConflict[], options: ResolveOptions): MergeConflict[] {
  if (options.all) return [...conflicts];
  const names = ([] as string[])
    .concat(options.cell ?? [])
    .flatMap((c) => c.split(','))
    .map((c) => c.trim())
    .filter((c) => c !== '');
  return names.map((name) => {
    const byNumber = /^\d+$/.test(name) ? conflicts[Number(name) - 1] : undefined;
    const found = byNumber ?? conflicts.find((c) => conflictRef(c) === name);
    if (!found) {
      throw new CchcError(
        'CONFLICT_NOT_FOUND',
        `Không có xung đột "${name}" (hiện có ${conflicts.length}). Chạy "cchc sync resolve" để xem danh sách, rồi ghi số thứ tự hoặc mã đúng.`,
      );
    }
    return found;
  });
}

export async function resolveCommand(options: ResolveOptions): Promise<number> {
  const id = requireSheetId(options);
  const keep = keepSide(options);
  const path = localStorePath(options);
  const localStore = new XlsxStore(path);
  if (!(await localStore.exists())) throw new CchcError('STORE_NOT_FOUND', `Chưa có sổ cục bộ "${path}". Chạy "cchc sync pull" trước.`);
  const statePath = await syncStatePath(path, id);
  const { base, sheetIds, note } = await loadSyncBase(statePath);
  if (note) console.log(note);
  const local = await localStore.read();
  const state = await openSheet(id).state(sheetIds);
  const sheet = tablesOf(state.tabs);
  const conflicts = listConflicts(local, sheet, base);

  if (conflicts.length === 0) {
    console.log(`Không có xung đột giữa ${path} và bảng tính ${id}.`);
    return EXIT.ok;
  }
  if (keep === null) {
    console.log(`${conflicts.length} xung đột giữa ${path} và bảng tính ${id}:`);
    conflicts.forEach((c, i) => console.log(`  ${i + 1}. [${conflictRef(c)}] ${describe(c)}`));
    console.log('Giải quyết: cchc sync resolve --keep sheet|local --all, hoặc --cell SỐ (ví dụ --cell 1,3).');
    return EXIT.dataErrors;
  }
  const settle = chosen(conflicts, options);
  const result = settleConflicts(local, sheet, base, settle, keep);
  if (Object.keys(result.local).length > 0) await localStore.write(result.local);
  await saveSyncBase(statePath, id, await realWorkbookPath(path), { base: result.base, sheetIds: sheetIdsOf(state) }, { base, sheetIds });
  for (const c of settle)
    console.log(`  Đã giải quyết [${conflictRef(c)}]: giữ ${keep === 'sheet' ? 'giá trị trên bảng tính' : 'giá trị trong sổ cục bộ'}.`);
  console.log(
    `Đã giải quyết ${settle.length}/${conflicts.length} xung đột.` +
      (keep === 'local'
        ? ' Chạy "cchc sync push" để ghi giá trị trong sổ cục bộ lên bảng tính.'
        : ` Sổ cục bộ ${path} đã lấy giá trị trên bảng tính.`),
  );
  return settle.length === conflicts.length ? EXIT.ok : EXIT.dataErrors;
}
