/** Conflicts as officials read them: which tab, which row, which column, who holds what. */
import type { CellValue, TabSpec } from '../layout/columns';
import { tabByKey } from '../layout/tabs';
import { identityColumns } from './row-identity';
import type { MergeConflict } from './three-way-merge';

const shown = (v: CellValue | undefined): string => (v === null || v === undefined || v === '' ? '(trống)' : `"${String(v)}"`);

/**
 * `destination` / `source` name the two sides in the official's words, e.g.
 * "trên bảng tính" / "trong sổ cục bộ".
 */
export function describeConflict(tab: TabSpec, conflict: MergeConflict, destination: string, source: string): string {
  const where = `Trang "${tab.name}", dòng ${conflict.key}`;
  if (conflict.column === null && conflict.deletedAt === 'source') {
    return `${where}: đã bị xóa ${source} nhưng được sửa ${destination}. Vẫn giữ ${destination}; nếu không cần, hãy xóa dòng này ${destination}.`;
  }
  if (conflict.column === null) {
    return `${where}: đã bị xóa ${destination} nhưng vẫn được sửa ${source}. Không thêm lại; nếu cần giữ, hãy thêm lại dòng này ${destination}.`;
  }
  const header = tab.columns.find((c) => c.key === conflict.column)?.header ?? conflict.column;
  return (
    `${where}, cột "${header}": ${destination} là ${shown(conflict.target)}, ${source} là ${shown(conflict.source)}` +
    ` (lần đồng bộ trước: ${shown(conflict.base)}). Đã giữ nguyên giá trị ${destination}; thống nhất giá trị đúng rồi chạy lại.`
  );
}

/** Rows that cannot be synced because the cells that identify them are empty. `where`: "trên bảng tính", "trong sổ cục bộ". */
export function describeUnidentified(tab: TabSpec, rows: readonly number[], where: string): string {
  const headers = identityColumns(tab).map((key) => `"${tab.columns.find((c) => c.key === key)!.header}"`);
  return `Trang "${tab.name}" ${where}: ${rows.length} dòng chưa có ${headers.join(', ')} (dòng ${rows.join(', ')}) nên chưa được đồng bộ; điền vào rồi chạy lại.`;
}

/** A conflict as `cchc sync resolve` lists it, before either side is kept: what the sheet, the workbook and the last sync hold. */
export function describeOpenConflict(c: MergeConflict): string {
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
