/**
 * The whole store merged three ways, tab by tab: the one merge both a push
 * (workbook → sheet) and a pull (sheet → workbook) run. Before merging, each
 * side's structure is checked against what was last synced: a tab or a column
 * that held synced data and is gone (renamed, deleted) stops the sync, because
 * reading it as empty would delete or blank everything in it.
 */
import type { Row } from '../layout/columns';
import { TABS } from '../layout/tabs';
import { indexRows, rowIdentity, sameCell } from './row-identity';
import { applyMerge, mergeTab, syncedBase, type MergeConflict, type TabMerge } from './three-way-merge';

/** Rows per tab key (see layout/tabs). */
export type Tables = Record<string, Row[]>;

/** Tab key → row identity → the row as last synced. */
export type SyncBase = Map<string, Map<string, Row>>;

/** What one side holds: tab key → the tab's name there and the layout column keys found in it. A tab not there is absent. */
export type TablesShape = ReadonlyMap<string, { name: string; columns: ReadonlySet<string> }>;

/** Every layout tab's rows from a side's tabs (a tab it lacks: no rows). */
export function tablesOf(tabs: ReadonlyMap<string, { rows: Row[] }>): Tables {
  return Object.fromEntries(TABS.map((t) => [t.key, tabs.get(t.key)?.rows ?? []]));
}

/** Tables as a merge base: rows by identity, holding only the layout's columns (no row numbers). */
export function baseOf(tables: Tables): SyncBase {
  return new Map(
    TABS.map((t) => [
      t.key,
      new Map(
        [...indexRows(t, tables[t.key] ?? [])].map(([key, row]) => [
          key,
          Object.fromEntries(t.columns.map((c) => [c.key, row[c.key] ?? null])),
        ]),
      ),
    ]),
  );
}

/**
 * A stored base keyed again by today's row identity, so a base written under an
 * older rule for what makes two rows the same still matches rows. Rows whose
 * identity cells are blank keep the key they were stored under.
 */
export function rekeyBase(base: SyncBase): SyncBase {
  return new Map(
    [...base].map(([tabKey, rows]) => {
      const tab = TABS.find((t) => t.key === tabKey);
      if (!tab) return [tabKey, rows];
      const keyed = new Map<string, Row>();
      for (const [key, row] of rows) {
        const id = rowIdentity(tab, row);
        let next = id ?? key;
        for (let n = 2; id !== null && keyed.has(next); n++) next = `${id}#${n}`;
        keyed.set(next, row);
      }
      return [tabKey, keyed];
    }),
  );
}

/**
 * The base after a sync: per tab, what both sides now agree on (see syncedBase).
 * A tab `sideB` does not hold (its rows were not read) keeps its base.
 */
export function nextBase(previous: SyncBase, sideA: Tables, sideB: Tables): SyncBase {
  return new Map(
    TABS.map((t) => {
      const before = previous.get(t.key) ?? new Map<string, Row>();
      return [t.key, sideB[t.key] ? syncedBase(t, before, sideA[t.key] ?? [], sideB[t.key]) : before];
    }),
  );
}

/**
 * The columns `source` changed since the last sync, per tab, when every row it
 * identifies was synced and no identity is held twice; else null (a new row is
 * written whole). Merging `source` then writes nothing outside those columns:
 * the other side's other cells are never looked at. A tab with nothing changed
 * is left out, unless it holds rows without identity (the merge reports them).
 */
export function changedColumns(source: Tables, base: SyncBase): Map<string, Set<string>> | null {
  const changed = new Map<string, Set<string>>();
  for (const tab of TABS) {
    const synced = base.get(tab.key) ?? new Map<string, Row>();
    const columns = new Set<string>();
    const seen = new Set<string>();
    for (const row of source[tab.key] ?? []) {
      const key = rowIdentity(tab, row);
      // A row without identity is reported, never written.
      if (key === null) {
        if (tab.columns.some((c) => row[c.key] !== null && row[c.key] !== undefined && row[c.key] !== '')) changed.set(tab.key, columns);
        continue;
      }
      const was = synced.get(key);
      if (!was || seen.has(key)) return null;
      seen.add(key);
      for (const c of tab.columns) if (!columns.has(c.key) && !sameCell(c, row[c.key], was[c.key])) columns.add(c.key);
    }
    if (columns.size > 0) changed.set(tab.key, columns);
  }
  return changed;
}

export interface StructureGap {
  tab: string;
  /** null: the whole tab is gone. */
  column: string | null;
  /** Synced rows that would be lost or blanked. */
  rows: number;
  /** The column is there but blank in every synced row: most likely deleted and made again. */
  emptied?: boolean;
  /** The tab's name on that side, when an official renamed it. */
  name?: string;
}

const filled = (v: Row[string] | undefined): boolean => v !== null && v !== undefined && v !== '';

/**
 * Tabs and columns the last sync filled that this side no longer has. A column
 * never filled may be missing (it is added); one that held synced values may not.
 */
export function structureGaps(base: SyncBase, shape: TablesShape): StructureGap[] {
  const gaps: StructureGap[] = [];
  for (const tab of TABS) {
    const rows = [...(base.get(tab.key)?.values() ?? [])];
    if (rows.length === 0) continue;
    const found = shape.get(tab.key);
    if (!found) {
      gaps.push({ tab: tab.key, column: null, rows: rows.length });
      continue;
    }
    for (const column of tab.columns) {
      if (found.columns.has(column.key)) continue;
      const used = rows.filter((r) => filled(r[column.key])).length;
      if (used > 0) gaps.push({ tab: tab.key, column: column.key, rows: used, name: found.name });
    }
  }
  return gaps;
}

/**
 * Columns a side still has but left blank in every synced row that held a value
 * (at least LARGE_DELETION_MIN of them): a column deleted and typed in again, or
 * a paste gone wrong. Read as edits, they would blank the other side too.
 */
export function emptiedColumns(base: SyncBase, tables: Tables): StructureGap[] {
  const gaps: StructureGap[] = [];
  for (const tab of TABS) {
    const synced = base.get(tab.key);
    if (!synced || synced.size === 0) continue;
    const now = indexRows(tab, tables[tab.key] ?? []);
    for (const column of tab.columns) {
      if (column.owner === 'computed') continue;
      // Synced rows that held the column and are still there; the first of them still holding it ends the look.
      let held = 0;
      let kept = false;
      for (const [key, row] of synced) {
        const current = filled(row[column.key]) ? now.get(key) : undefined;
        if (!current) continue;
        held++;
        if ((kept = filled(current[column.key]))) break;
      }
      if (!kept && held >= LARGE_DELETION_MIN) gaps.push({ tab: tab.key, column: column.key, rows: held, emptied: true });
    }
  }
  return gaps;
}

/** What a side holds anew in place of what was synced: a tab made again (column null), or a column typed in again. */
export interface Replaced {
  tab: string;
  column: string | null;
}

/**
 * The base without what a side replaced: a tab or column made again is not the
 * one synced, so its emptiness deletes and blanks nothing, and the other side's
 * data fills it again.
 */
export function forgetReplaced(base: SyncBase, replaced: readonly Replaced[]): SyncBase {
  if (replaced.length === 0) return base;
  const next: SyncBase = new Map();
  for (const [tab, rows] of base) {
    if (replaced.some((r) => r.tab === tab && r.column === null)) {
      next.set(tab, new Map());
      continue;
    }
    const columns = replaced.filter((r) => r.tab === tab).map((r) => r.column!);
    if (columns.length === 0) {
      next.set(tab, rows);
      continue;
    }
    next.set(
      tab,
      new Map([...rows].map(([key, row]) => [key, Object.fromEntries(Object.entries(row).filter(([c]) => !columns.includes(c)))])),
    );
  }
  return next;
}

/** Which copy a structure check is about: the shared sheet, or the local workbook. */
export type Side = 'sheet' | 'local';

/** One Vietnamese line for the gaps on one side, each with how to fix it there. */
export function describeGaps(gaps: readonly StructureGap[], side: Side): string {
  const where = side === 'sheet' ? 'trên bảng tính' : 'trong sổ cục bộ';
  // On the sheet, a tab or column made again is recognised as new and filled from the workbook; locally, the .bak keeps the old one.
  const restore = side === 'sheet' ? 'hoàn tác, hoặc Tệp → Nhật ký phiên bản' : 'hoàn tác, hoặc bản sao .bak của sổ';
  const parts = gaps.map((gap) => {
    const tab = TABS.find((t) => t.key === gap.tab)!;
    if (gap.column === null) {
      const again =
        side === 'sheet' ? `, hoặc tạo lại trang "${tab.name}" (cchc init --sheet) để lệnh sync push ghi lại dữ liệu vào đó` : '';
      return `không còn trang "${tab.name}" ${where} (lần đồng bộ trước có ${gap.rows} dòng): đặt lại đúng tên "${tab.name}" nếu trang bị đổi tên; nếu trang đã bị xóa, khôi phục trang (${restore})${again}`;
    }
    const header = tab.columns.find((c) => c.key === gap.column)!.header;
    const name = gap.name ?? tab.name;
    if (gap.emptied) {
      return `trang "${name}" ${where}: cột "${header}" trống ở cả ${gap.rows} dòng trước đó có dữ liệu (có thể cột bị xóa rồi tạo lại): khôi phục dữ liệu của cột (${restore}), hoặc chạy lại với --yes nếu đúng là đã xóa hết có chủ ý`;
    }
    return `trang "${name}" ${where} không còn cột "${header}" (${gap.rows} dòng có dữ liệu): đặt lại đúng tiêu đề "${header}" nếu cột bị đổi tên; nếu cột đã bị xóa, khôi phục cột cùng dữ liệu (${restore})`;
  });
  return `Cấu trúc đã thay đổi: ${parts.join('; ')}. Chưa đồng bộ gì để không mất dữ liệu; sửa lại rồi chạy lại lệnh.`;
}

/** A pull that would delete more than this share of a tab's rows (and at least MIN rows) asks first. */
export const LARGE_DELETION_SHARE = 0.1;
export const LARGE_DELETION_MIN = 3;

export interface TablesMerge {
  merges: Map<string, TabMerge>;
  /** The destination's rows after the merge, per tab merged. */
  after: Tables;
  conflicts: MergeConflict[];
  inserted: number;
  updated: number;
  deleted: number;
  /** Tabs whose deletions are large: tab key → [rows deleted, rows the destination had]. */
  largeDeletions: Map<string, [number, number]>;
}

/**
 * Merges `source` into `target` for every tab `source` holds. `deletions`: carry
 * the source's deleted rows over (a pull; a push never deletes in the sheet).
 */
export function mergeTables(source: Tables, target: Tables, base: SyncBase, options: { deletions?: boolean } = {}): TablesMerge {
  const result: TablesMerge = {
    merges: new Map(),
    after: {},
    conflicts: [],
    inserted: 0,
    updated: 0,
    deleted: 0,
    largeDeletions: new Map(),
  };
  for (const tab of TABS) {
    const rows = source[tab.key];
    if (!rows) continue;
    const current = target[tab.key] ?? [];
    const merge = mergeTab(tab, { base: base.get(tab.key) ?? new Map(), target: current, source: rows, deletions: options.deletions });
    result.merges.set(tab.key, merge);
    result.after[tab.key] = applyMerge(tab, current, merge);
    result.conflicts.push(...merge.conflicts);
    result.inserted += merge.inserts.length;
    result.updated += merge.updates.length;
    result.deleted += merge.deletes.length;
    const deleted = merge.deletes.length;
    if (deleted >= LARGE_DELETION_MIN && deleted > current.length * LARGE_DELETION_SHARE)
      result.largeDeletions.set(tab.key, [deleted, current.length]);
  }
  return result;
}
