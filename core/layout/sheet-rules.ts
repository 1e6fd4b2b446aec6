/**
 * How a tab looks and guards itself in Google Sheets, shared by the Apps Script
 * "Khởi tạo bảng tính" and `cchc init --sheet`: header colour, dropdowns,
 * protected columns and the overdue rule.
 */
import { columnLetter, type ColumnSpec, type TabSpec } from './columns';
import { tabByKey } from './tabs';

export const HEADER_BACKGROUND = '#ddebf7';
export const OVERDUE_BACKGROUND = '#ea9999';
/** Rows a new tab's validation and formatting cover. */
export const LAYOUT_ROWS = 2000;

export type Dropdown =
  /** Only these values; anything else is rejected. */
  | { kind: 'list'; values: readonly string[] }
  /** Suggestions from another tab's column; several units may share a cell, so other text is allowed. */
  | { kind: 'range'; a1: string };

export function dropdownFor(column: ColumnSpec): Dropdown | null {
  if (column.choices) return { kind: 'list', values: column.choices };
  if (!column.choicesFrom) return null;
  const source = tabByKey(column.choicesFrom.tab);
  const letter = columnLetter(source.columns.findIndex((s) => s.key === column.choicesFrom!.column));
  return { kind: 'range', a1: `'${source.name}'!$${letter}$${source.frozenRows + 1}:$${letter}$${LAYOUT_ROWS}` };
}

/** Why a column is guarded, by owner; officials' tracking columns are not. */
const PROTECTED_WHY: Partial<Record<ColumnSpec['owner'], string>> = {
  key: 'do hệ thống cấp để đồng bộ; không sửa, không xóa',
  catalog: 'lấy từ phụ lục kế hoạch; sửa trong phụ lục rồi nhập lại',
  computed: 'do hệ thống tự tính',
};

/**
 * Column spans officials are warned before editing (warning only: they may still
 * fix a typo): in the task catalog, the task id the sync finds rows by, the
 * columns the appendix owns and the computed ones.
 */
export function protectedSpans(tab: TabSpec): { start: number; end: number; description: string }[] {
  if (tab.key !== 'tasks') return [];
  const spans: { start: number; end: number; owner: ColumnSpec['owner'] }[] = [];
  tab.columns.forEach((column, index) => {
    if (!PROTECTED_WHY[column.owner]) return;
    const last = spans[spans.length - 1];
    if (last && last.owner === column.owner && last.end === index) last.end = index + 1;
    else spans.push({ start: index, end: index + 1, owner: column.owner });
  });
  return spans.map(({ start, end, owner }) => {
    const names =
      end - start === 1
        ? `Cột "${tab.columns[start]!.header}"`
        : `Các cột "${tab.columns[start]!.header}" đến "${tab.columns[end - 1]!.header}"`;
    const why = PROTECTED_WHY[owner]!;
    return { start, end, description: `${names} ${why}` };
  });
}

/** The custom formula that colours an overdue task row, anchored at the first data row; null for other tabs. */
export function overdueFormula(tab: TabSpec): string | null {
  if (tab.key !== 'tasks') return null;
  const letter = (key: string) => columnLetter(tab.columns.findIndex((c) => c.key === key));
  const [due, status, row] = [letter('due'), letter('status'), tab.frozenRows + 1];
  return `=AND($${due}${row}<>"", $${due}${row}<TODAY(), LEFT($${status}${row}, 10)<>"Hoàn thành", $${status}${row}<>"Không thực hiện")`;
}
