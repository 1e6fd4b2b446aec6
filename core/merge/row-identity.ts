/**
 * Which row is which when the same tab lives in two places (the local workbook
 * and the shared sheet). Rows are matched by identity, never by position:
 * officials sort, insert and delete rows freely.
 */
import { parseDateText, rowNumberOf } from '../layout/codec';
import { parsePeriod } from '../periods/period';
import { parseVnNumber } from '../text/number';
import type { CellValue, ColumnSpec, Row, TabSpec } from '../layout/columns';
import { nfcMultiline } from '../text/vietnamese';

/** Adapters may carry a row's identity here (the Sheets store reads it from row developer metadata). */
export const ROW_KEY = '_key';

/** Each tab's identity columns, worked out once: a sync asks for them on every row, several times. */
const identityOf = new WeakMap<TabSpec, readonly ColumnSpec[]>();

function identitySpecs(tab: TabSpec): readonly ColumnSpec[] {
  let specs = identityOf.get(tab);
  if (!specs) {
    specs = tab.identity
      ? tab.identity.map((key) => tab.columns.find((c) => c.key === key)!)
      : tab.columns.filter((c) => c.owner === 'key');
    identityOf.set(tab, specs);
  }
  return specs;
}

export function identityColumns(tab: TabSpec): readonly string[] {
  return tab.identity ?? identitySpecs(tab).map((c) => c.key);
}

/** A cell's value in a form that compares equal across stores ("1" typed as text vs 1, "15/01/2026" vs ISO). */
export function cellKey(column: ColumnSpec, value: CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (column.type === 'number') {
    const n = parseVnNumber(value);
    if (n !== undefined && n !== null) return String(n);
  }
  if (column.type === 'date') {
    const d = parseDateText(value);
    if (d) return d;
  }
  return nfcMultiline(String(value)).trim();
}

export function sameCell(column: ColumnSpec, a: CellValue | undefined, b: CellValue | undefined): boolean {
  return a === b || cellKey(column, a) === cellKey(column, b);
}

/**
 * The identity cells' keys, compared by meaning wherever two rows are matched (a
 * sync, an import, a duplicate check, the sheet's edit journal): a period by the
 * period it names ("Quý I/2026" and "2026-Q1" are one), officials' text without
 * regard to case; an id the system issued (a task's) exactly.
 */
function identityParts(tab: TabSpec, row: Row): string[] {
  return identitySpecs(tab).map((column) => identityPart(column, row[column.key]));
}

function identityPart(column: ColumnSpec, value: CellValue | undefined): string {
  if (column.key === 'period' && typeof value === 'string') {
    const period = parsePeriod(value);
    if (period) return period.label;
  }
  const text = cellKey(column, value);
  return column.owner === 'key' ? text : text.toLocaleLowerCase('vi');
}

/** The row's key: its identity cells as compared (blank ones included). */
export function rowKey(tab: TabSpec, row: Row): string {
  return identityParts(tab, row).join(' | ');
}

/** The row's identity, or null for a row that has none (e.g. a task typed without an id). */
export function rowIdentity(tab: TabSpec, row: Row): string | null {
  const carried = row[ROW_KEY];
  if (typeof carried === 'string' && carried !== '') return carried;
  // One identity column (tasks, units …): its key, without the list (a sync asks this of every row several times).
  const specs = identitySpecs(tab);
  if (specs.length === 1) return identityPart(specs[0]!, row[specs[0]!.key]) || null;
  const parts = identityParts(tab, row);
  return parts.every((p) => p === '') ? null : parts.join(' | ');
}

/** Rows by identity; a repeated identity (two identical log lines) gets "#2", "#3" in order. */
export function indexRows(tab: TabSpec, rows: readonly Row[]): Map<string, Row> {
  const index = new Map<string, Row>();
  for (const row of rows) {
    const id = rowIdentity(tab, row);
    if (id === null) continue;
    let key = id;
    for (let n = 2; index.has(key); n++) key = `${id}#${n}`;
    index.set(key, row);
  }
  return index;
}

/**
 * Whether the row carries its identity from elsewhere (a row tag) because its
 * identity cells are blank: an official cleared the id.
 */
export function carriesIdentity(tab: TabSpec, row: Row): boolean {
  const carried = row[ROW_KEY];
  return typeof carried === 'string' && carried !== '' && identityParts(tab, row).every((p) => p === '');
}

/**
 * The cells that say which row a row is when its id is gone: the plan's own
 * columns (officials do not edit them), else, in a tab without any, all the
 * officials' columns.
 */
function anchorColumns(tab: TabSpec): ColumnSpec[] {
  const catalog = tab.columns.filter((c) => c.owner === 'catalog');
  return catalog.length > 0 ? catalog : tab.columns.filter((c) => c.owner === 'tracking');
}

const sameAnchors = (tab: TabSpec, a: Row, b: Row): boolean => anchorColumns(tab).every((c) => sameCell(c, a[c.key], b[c.key]));

/** Rows whose identity cannot be told for sure: an id typed on two rows, or rows whose cleared ids cannot be known again. */
export interface IdentityProblem {
  kind: 'duplicate' | 'uncertain';
  /** The id typed on several rows (duplicate). */
  key?: string;
  /** Row numbers on that side. */
  rows: number[];
}

/**
 * The row-identity rule for rows officials have changed, on one side. Only tabs
 * whose rows carry an id the system issued (tasks, units …); log lines are
 * their own identity.
 * - An id typed on two rows (a row copied with its id): which one is the row is unknown.
 * - A row whose id is blank but carries one (a row tag) is that row only if its
 *   anchor cells (see anchorColumns) match the row as last synced (`base`) and
 *   match no other synced row missing from this side: a sort moves cells but not
 *   row tags, so a tag alone may name another row. Without a synced row to check
 *   against, the tag is trusted only if no tag of the tab was found displaced
 *   (`displaced`: tags naming another row than the one whose id they sit by).
 * - A row with a blank id and nothing carried whose anchors match a synced row
 *   missing from this side is most likely that row with its id cleared: taking
 *   it for a new row would read the synced one as deleted.
 */
export function identityProblems(
  tab: TabSpec,
  rows: readonly Row[],
  base: ReadonlyMap<string, Row> | undefined,
  displaced = false,
): IdentityProblem[] {
  if (tab.identity !== undefined) return [];
  const problems: IdentityProblem[] = [];
  const typed = new Map<string, number[]>();
  /** Rows whose identity cells are all blank, by index. */
  const blank: number[] = [];
  rows.forEach((row, index) => {
    const parts = identityParts(tab, row);
    if (parts.every((p) => p === '')) {
      blank.push(index);
      return;
    }
    const key = parts.join(' | ');
    const at = typed.get(key);
    if (at) at.push(rowNumberOf(row, index, tab));
    else typed.set(key, [rowNumberOf(row, index, tab)]);
  });
  for (const [key, at] of typed) if (at.length > 1) problems.push({ kind: 'duplicate', key, rows: at });
  const missing = blank.length > 0 ? [...(base ?? [])].filter(([key]) => !typed.has(key)) : [];
  const uncertain: number[] = [];
  blank.forEach((index) => {
    const row = rows[index]!;
    if (!tab.columns.some((c) => row[c.key] !== null && row[c.key] !== undefined && row[c.key] !== '')) return;
    const candidates = missing.filter(([, synced]) => sameAnchors(tab, row, synced)).map(([key]) => key);
    if (carriesIdentity(tab, row)) {
      const carried = row[ROW_KEY] as string;
      const holds = base?.has(carried) ? candidates.length === 1 && candidates[0] === carried : !displaced;
      if (!holds) uncertain.push(rowNumberOf(row, index, tab));
    } else if (candidates.length > 0) uncertain.push(rowNumberOf(row, index, tab));
  });
  if (uncertain.length > 0) problems.push({ kind: 'uncertain', rows: uncertain });
  return problems;
}

const rowList = (rows: readonly number[]): string => (rows.length > 12 ? `${rows.slice(0, 12).join(', ')}, …` : rows.join(', '));

/** One Vietnamese line for a side's identity problems (see identityProblems). `where`: "trên bảng tính", "trong sổ cục bộ". */
export function describeIdentityProblems(tab: TabSpec, problems: readonly IdentityProblem[], where: string): string {
  const id = identityColumns(tab)
    .map((key) => `"${tab.columns.find((c) => c.key === key)!.header}"`)
    .join(', ');
  const parts = problems.map((p) =>
    p.kind === 'duplicate'
      ? `mã ${id} "${p.key}" có ở ${p.rows.length} dòng (dòng ${rowList(p.rows)}), có thể do chép dòng: xóa dòng chép thừa, hoặc xóa mã ở dòng là việc khác`
      : `${p.rows.length} dòng bị xóa ${id} (dòng ${rowList(p.rows)}) và không xác định chắc được là dòng nào (các dòng đã bị sắp xếp, di chuyển hoặc sửa): nhập lại mã cho các dòng đó (hoàn tác, hoặc Tệp → Nhật ký phiên bản để xem mã cũ)`,
  );
  return `Trang "${tab.name}" ${where}: ${parts.join('; ')}. Chưa đồng bộ gì để không trộn lẫn dữ liệu giữa các dòng; sửa lại rồi chạy lại lệnh.`;
}
