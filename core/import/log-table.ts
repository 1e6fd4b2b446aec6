/**
 * Finding a log table (meetings, documents) in a grid by its header, and turning
 * the rows below into tab rows located at the file's row numbers. Headers are
 * matched by the Vietnamese key, against our own template's header and the names
 * officials' own books use.
 */
import type { ErrorCell } from '../appendix/appendix-kind';
import { FORMULA_ERROR, type GridRow } from '../appendix/parse-appendix';
import { ROW_NUMBER } from '../layout/codec';
import type { Row, TabSpec } from '../layout/columns';
import { DOCUMENTS_TAB, MEETINGS_TAB, OUTCOMES_TAB } from '../layout/tabs';
import { identityColumns } from '../merge/row-identity';
import { matchKey } from '../text/vietnamese';

interface LogHeader {
  tab: TabSpec;
  /** Column key → header names (our header first). */
  synonyms: Record<string, readonly string[]>;
  /** Columns a header row must have to be this table. */
  required: readonly string[];
  /** How many of its columns a header row must have, at least. */
  minColumns?: number;
}

const LOG_HEADERS: readonly LogHeader[] = [
  {
    tab: MEETINGS_TAB,
    synonyms: {
      date: ['Ngày', 'Ngày họp', 'Ngày tổ chức', 'Thời gian tổ chức'],
      unit: ['Đơn vị tổ chức', 'Đơn vị chủ trì', 'Cơ quan tổ chức', 'Đơn vị'],
      title: ['Tên hội nghị/cuộc họp', 'Tên hội nghị', 'Tên cuộc họp', 'Nội dung hội nghị', 'Nội dung cuộc họp', 'Nội dung'],
      kind: ['Loại', 'Loại hội nghị', 'Loại cuộc họp', 'Tính chất'],
      communeWide: ['Phạm vi toàn xã/phường', 'Toàn xã/phường', 'Toàn phường', 'Toàn xã', 'Phạm vi'],
      format: ['Hình thức', 'Hình thức tổ chức', 'Hình thức họp'],
      length: ['Thời lượng (ngày)', 'Thời lượng', 'Số ngày'],
      paperless: ['Không giấy', 'Họp không giấy', 'Không sử dụng giấy'],
      note: ['Ghi chú'],
    },
    required: ['date', 'title', 'format'],
  },
  {
    tab: DOCUMENTS_TAB,
    synonyms: {
      period: ['Kỳ', 'Kỳ báo cáo'],
      unit: ['Đơn vị', 'Cơ quan', 'Tên đơn vị'],
      issued: ['Văn bản hành chính ban hành', 'Số văn bản hành chính ban hành', 'Văn bản ban hành', 'Số văn bản ban hành'],
      baseline: ['Cùng kỳ năm trước', 'Văn bản ban hành cùng kỳ năm trước'],
      exchanged: ['Văn bản đi, đến không mật', 'Văn bản không mật'],
      electronic: ['Gửi, nhận điện tử', 'Gửi nhận điện tử', 'Văn bản gửi, nhận điện tử'],
      note: ['Ghi chú'],
    },
    required: ['issued', 'electronic'],
  },
  {
    tab: OUTCOMES_TAB,
    synonyms: {
      ...Object.fromEntries(OUTCOMES_TAB.columns.map((c) => [c.key, [c.header]])),
      period: ['Kỳ', 'Kỳ báo cáo'],
      unit: ['Đơn vị', 'Cơ quan', 'Tên đơn vị'],
    },
    required: ['period'],
    // "Kỳ" alone is in every per-period table: ask for a few of this table's own columns too.
    minColumns: 4,
  },
];

const KEYED = LOG_HEADERS.map((h) => ({
  ...h,
  keys: Object.entries(h.synonyms).map(([key, names]) => [key, new Set(names.map(matchKey))] as const),
}));

export interface LogTable {
  tab: TabSpec;
  headerRow: number;
  rows: Row[];
}

/** The log table whose header is the grid's row `h`, or null. Rows carry the file's row number for issues. */
export function logTableAt(grid: readonly GridRow[], h: number): LogTable | null {
  const keys = grid[h]!.cells.map(matchKey);
  for (const header of KEYED) {
    const columns = new Map<string, number>();
    for (const [key, names] of header.keys) {
      const c = keys.findIndex((k, i) => names.has(k) && ![...columns.values()].includes(i));
      if (c >= 0) columns.set(key, c);
    }
    if (!header.required.every((k) => columns.has(k)) || columns.size < (header.minColumns ?? 0)) continue;
    return { tab: header.tab, headerRow: grid[h]!.row, rows: rowsUnder(grid, h, header.tab, columns) };
  }
  return null;
}

/**
 * The rows under the header at the grid's row `h` as `tab`'s rows, cells as written from the header's `columns` (a
 * column it lacks is null) and located at the file's rows; blank rows and a totals row are no records.
 */
export function rowsUnder(grid: readonly GridRow[], h: number, tab: TabSpec, columns: ReadonlyMap<string, number>): Row[] {
  return grid
    .slice(h + 1)
    .filter((r) => r.cells.some((c) => c.trim() !== ''))
    .map((r) => {
      const row: Row = { [ROW_NUMBER]: r.row };
      for (const column of tab.columns) {
        const c = columns.get(column.key);
        row[column.key] = c === undefined ? null : (r.cells[c] ?? '').trim();
      }
      return row;
    })
    .filter((row) => !/^(tổng|cộng)/iu.test(String(row['unit'] ?? row['title'] ?? '')));
}

/** Formula errors (#N/A, #REF! …) in the columns that identify a log's line (its date, unit, title, period): such a line cannot be told from another. */
export function logKeyErrorCells(tab: TabSpec, rows: readonly Row[]): ErrorCell[] {
  const keys = identityColumns(tab);
  return rows.flatMap((row) =>
    tab.columns
      .filter((c) => keys.includes(c.key) && FORMULA_ERROR.test(String(row[c.key] ?? '').trim()))
      .map((c) => ({ row: Number(row[ROW_NUMBER]), column: `"${c.header}"`, text: String(row[c.key]).trim() })),
  );
}
