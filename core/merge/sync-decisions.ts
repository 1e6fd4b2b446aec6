/**
 * What `cchc sync` decides, pure: when a pull stops (its destination is not a store, or it would delete many rows),
 * which conflicts an official named to settle, and how a pull tells what it left alone. The use-cases
 * (sync/sheets/sheet-sync.ts) read and write through their adapters and raise a stop as it comes back from here: a
 * code from the catalog and its Vietnamese message.
 */
import { tabByKey } from '../layout/tabs';
import type { StopCode } from '../model/codes';
import { describeConflict, describeUnidentified } from './conflict-text';
import type { TablesMerge, TablesShape } from './merge-tables';
import { conflictRef } from './settle-conflicts';
import type { MergeConflict } from './three-way-merge';

/** What stops a command: nothing is written. */
export interface SyncStop {
  code: StopCode;
  message: string;
}

/** A pull writes only into a store (a workbook with the tasks tab): never over another workbook named by --out. */
export function pullTargetStop(path: string, shape: TablesShape): SyncStop | null {
  if (shape.has('tasks')) return null;
  return {
    code: 'NOT_A_STORE',
    message: `Tệp "${path}" không phải sổ dữ liệu cchc (không có trang "${tabByKey('tasks').name}"); "sync pull" không ghi vào tệp khác. Chọn --out một tệp mới hoặc đúng sổ dữ liệu.`,
  };
}

/** A pull that would delete a large share of a tab's local rows (see mergeTables) asks for --yes first. */
export function pullDeletionsStop(merge: Pick<TablesMerge, 'largeDeletions'>): SyncStop | null {
  if (merge.largeDeletions.size === 0) return null;
  const tabs = [...merge.largeDeletions].map(([key, [deleted, had]]) => `${deleted}/${had} dòng trang "${tabByKey(key).name}"`);
  return {
    code: 'PULL_DELETES_MANY',
    message: `Lần tải này sẽ xóa trong sổ cục bộ ${tabs.join(', ')} vì các dòng đó không còn trên bảng tính. Nếu đúng là đã xóa có chủ ý, chạy lại với --yes; nếu không, khôi phục chúng trên bảng tính (Tệp → Nhật ký phiên bản). Chưa thay đổi gì.`,
  };
}

/** What a pull left alone, one line each: cells changed on both sides, sheet rows without an id. */
export function pullLeftAlone(merge: Pick<TablesMerge, 'conflicts' | 'merges'>): { conflicts: string[]; skipped: string[] } {
  return {
    conflicts: merge.conflicts.map((c) => describeConflict(tabByKey(c.tab), c, 'trong sổ cục bộ', 'trên bảng tính')),
    skipped: [...merge.merges]
      .filter(([, m]) => m.unidentified.length > 0)
      .map(([key, m]) => describeUnidentified(tabByKey(key), m.unidentified, 'trên bảng tính')),
  };
}

/**
 * The conflicts an official named: all of them, or each name a number in the list (from 1) or a reference
 * (conflictRef). An unknown name stops everything, so nothing is settled on a typo.
 */
export function chosenConflicts(
  conflicts: readonly MergeConflict[],
  choice: { all?: boolean; names: readonly string[] },
): MergeConflict[] | SyncStop {
  if (choice.all) return [...conflicts];
  const chosen: MergeConflict[] = [];
  for (const name of choice.names) {
    const byNumber = /^\d+$/.test(name) ? conflicts[Number(name) - 1] : undefined;
    const found = byNumber ?? conflicts.find((c) => conflictRef(c) === name);
    if (!found) {
      return {
        code: 'CONFLICT_NOT_FOUND',
        message: `Không có xung đột "${name}" (hiện có ${conflicts.length}). Chạy "cchc sync resolve" để xem danh sách, rồi ghi số thứ tự hoặc mã đúng.`,
      };
    }
    chosen.push(found);
  }
  return chosen;
}
