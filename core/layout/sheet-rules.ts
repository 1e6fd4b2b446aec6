/**
 * How a tab looks and guards itself in Google Sheets, shared by the Apps Script
 * "Khởi tạo bảng tính" and `cchc init --sheet`: header colour, dropdowns,
 * protected columns and the overdue rule.
 */
import { columnLetter, type ColumnSpec, type TabSpec } from './columns';
import { DATE_PATTERN } from './date-cell';
import { tabByKey, TABS } from './tabs';

export const HEADER_BACKGROUND = '#ddebf7';
export const OVERDUE_BACKGROUND = '#ea9999';
/** The due column's colours: overdue, and due within the "soon" window. */
export const DUE_COLOURS = { overdue: OVERDUE_BACKGROUND, soon: '#ffe599' } as const;
/** Empty rows a new tab is laid out with, below its data. */
export const LAYOUT_ROWS = 2000;

export type Dropdown =
  /** Only these values; anything else is rejected. */
  | { kind: 'list'; values: readonly string[] }
  /** Suggestions from another tab's column; several units may share a cell, so other text is allowed. */
  | { kind: 'range'; a1: string };

/** Where a dropdown's values are: the sheet's name as it is, the column's 0-based position, and its last row (none: open-ended). */
export interface DropdownSource {
  name: string;
  column: number;
  lastRow?: number;
}

/** Where another tab's column is, for a dropdown that draws on it; null: the column is not there, so no dropdown. */
export type SourceOf = (tabKey: string, columnKey: string) => DropdownSource | null;

/** The layout's own place for a tab's column: where a tab the project creates puts it. */
export function layoutSource(tabKey: string, columnKey: string): DropdownSource {
  const tab = tabByKey(tabKey);
  return { name: tab.name, column: tab.columns.findIndex((c) => c.key === columnKey) };
}

/** A tab as the spreadsheet already has it: its name there and where its columns are. */
export interface PlacedTab {
  name: string;
  columns: ReadonlyMap<string, number>;
}

/**
 * Where a column is: in the tab as it already is (its name, the column there; null when the column is not there),
 * else the layout's own place, where the tab will be created.
 */
export function placedSource(placed: (tabKey: string) => PlacedTab | undefined): SourceOf {
  return (tabKey, columnKey) => {
    const tab = placed(tabKey);
    if (!tab) return layoutSource(tabKey, columnKey);
    const column = tab.columns.get(columnKey);
    return column === undefined ? null : { name: tab.name, column };
  };
}

/**
 * A column's dropdown. A list's values are fixed; a range points at the tab that
 * holds them where it really is (`sourceOf`: an official's tab keeps its own name
 * and column order) and, unless a last row is given, runs to the end of that tab.
 */
export function dropdownFor(column: ColumnSpec, sourceOf: SourceOf = layoutSource): Dropdown | null {
  if (column.choices) return { kind: 'list', values: column.choices };
  if (!column.choicesFrom) return null;
  const from = tabByKey(column.choicesFrom.tab);
  const source = sourceOf(from.key, column.choicesFrom.column);
  return source && { kind: 'range', a1: sourceA1(source, from.frozenRows + 1) };
}

/** A dropdown source's cells in A1 notation, from `firstRow` ('Đơn vị'!$B$2:$B). */
export function sourceA1(source: DropdownSource, firstRow: number): string {
  const letter = columnLetter(source.column);
  const end = source.lastRow === undefined ? `$${letter}` : `$${letter}$${source.lastRow}`;
  return `'${source.name.replace(/'/g, "''")}'!$${letter}$${firstRow}:${end}`;
}

/** The order to create missing tabs in: a tab other tabs' dropdowns point at comes first. */
export function creationOrder(tabs: readonly TabSpec[]): TabSpec[] {
  const sources = new Set(TABS.flatMap((t) => t.columns.flatMap((c) => (c.choicesFrom ? [c.choicesFrom.tab] : []))));
  return [...tabs].sort((a, b) => Number(sources.has(b.key)) - Number(sources.has(a.key)));
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

/**
 * The overdue colour of the tasks tab: a custom formula, anchored at the first row
 * of the range it colours (the first data row unless told), on the due column only (0-based), so it never hides a validation mark's
 * colour elsewhere in the row; null for other tabs.
 */
export function overdueRule(tab: TabSpec, firstRow = tab.frozenRows + 1): { formula: string; column: number } | null {
  if (tab.key !== 'tasks') return null;
  const index = (key: string) => tab.columns.findIndex((c) => c.key === key);
  const letter = (key: string) => columnLetter(index(key));
  const [due, status, row] = [letter('due'), letter('status'), firstRow];
  return {
    formula: `=AND($${due}${row}<>"", $${due}${row}<TODAY(), LEFT($${status}${row}, 10)<>"Hoàn thành", $${status}${row}<>"Không thực hiện")`,
    column: index('due'),
  };
}

/**
 * Everything a new tab is laid out with, whichever API lays it out (`cchc init --sheet` through the Sheets API, the
 * menu through Apps Script): the grid's rows, the header row (bold, coloured, frozen), each column's width, wrapping,
 * date format and dropdown, the columns guarded with a warning, and the overdue colour, its formula anchored at
 * `firstRow` (the first data row unless told: the menu extends the rules over rows a grid gains).
 */
export interface TabLayout {
  rows: number;
  frozenRows: number;
  header: { titles: string[]; background: string };
  /** `datePattern`: a date column's number format. */
  columns: { width: number; hidden: boolean; wrap: boolean; datePattern: string | null; dropdown: Dropdown | null }[];
  protectedSpans: { start: number; end: number; description: string }[];
  overdue: { formula: string; column: number; background: string } | null;
}

export function tabLayout(tab: TabSpec, sourceOf: SourceOf = layoutSource, firstRow = tab.frozenRows + 1): TabLayout {
  const overdue = overdueRule(tab, firstRow);
  return {
    rows: tab.frozenRows + LAYOUT_ROWS,
    frozenRows: tab.frozenRows,
    header: { titles: tab.columns.map((c) => c.header), background: HEADER_BACKGROUND },
    columns: tab.columns.map((c) => ({
      width: c.width,
      hidden: c.hidden ?? false,
      wrap: c.wrap ?? false,
      datePattern: c.type === 'date' ? DATE_PATTERN : null,
      dropdown: dropdownFor(c, sourceOf),
    })),
    protectedSpans: protectedSpans(tab),
    overdue: overdue && { ...overdue, background: OVERDUE_BACKGROUND },
  };
}
