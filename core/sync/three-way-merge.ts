/**
 * The three-way merge that lets a push (local workbook → shared sheet) or a pull
 * (sheet → workbook) move everyone's work without losing anyone's edit.
 *
 * For each cell: `base` is what both sides held at the last sync, `target` is
 * what the destination holds now, `source` is what is being moved. A cell is
 * written only when the source changed it and the target still holds the base
 * (or is blank, or is a computed column). When both changed it differently the
 * cell is left alone and reported as a conflict. Rows are appended, never
 * removed; a row deleted at the destination is not brought back unless the
 * source changed it, which is a conflict too.
 */
import type { CellValue, Row, TabSpec } from '../layout/columns';
import { rowNumberOf } from '../layout/codec';
import { indexRows, ROW_KEY, rowIdentity, sameCell } from './row-identity';

export interface CellUpdate {
  /** Row identity (see row-identity). */
  key: string;
  column: string;
  value: CellValue;
}

export interface MergeConflict {
  tab: string;
  key: string;
  /** null: the whole row (deleted at the destination, changed at the source). */
  column: string | null;
  base: CellValue | undefined;
  target: CellValue | undefined;
  source: CellValue | undefined;
}

export interface TabMerge {
  /** Source rows without an identity (e.g. a task typed without its id), by row number: not synced, to be reported. */
  unidentified: number[];
  updates: CellUpdate[];
  /** Source rows the destination has never had, in source order, carrying their identity in ROW_KEY. */
  inserts: Row[];
  conflicts: MergeConflict[];
}

export interface TabSides {
  base: ReadonlyMap<string, Row>;
  target: readonly Row[];
  source: readonly Row[];
}

const isBlank = (v: CellValue | undefined): boolean => v === null || v === undefined || v === '';

export function mergeTab(tab: TabSpec, sides: TabSides): TabMerge {
  const target = indexRows(tab, sides.target);
  const merge: TabMerge = { unidentified: [], updates: [], inserts: [], conflicts: [] };
  sides.source.forEach((row, index) => {
    if (rowIdentity(tab, row) === null && tab.columns.some((c) => !isBlank(row[c.key]))) merge.unidentified.push(rowNumberOf(row, index, tab));
  });
  for (const [key, source] of indexRows(tab, sides.source)) {
    const base = sides.base.get(key);
    const current = target.get(key);
    if (!current) {
      if (!base) merge.inserts.push({ ...source, [ROW_KEY]: key });
      else if (tab.columns.some((c) => !sameCell(c, source[c.key], base[c.key]))) {
        merge.conflicts.push({ tab: tab.key, key, column: null, base: undefined, target: undefined, source: undefined });
      }
      continue;
    }
    for (const column of tab.columns) {
      const s = source[column.key];
      const t = current[column.key];
      if (sameCell(column, s, t)) continue;
      const b = base ? base[column.key] : undefined;
      const sourceChanged = !base || !sameCell(column, s, b);
      if (!sourceChanged) continue; // only the destination changed it: keep theirs
      const targetUntouched = base ? sameCell(column, t, b) : isBlank(t);
      if (targetUntouched || column.owner === 'computed') {
        merge.updates.push({ key, column: column.key, value: s ?? null });
      } else {
        merge.conflicts.push({ tab: tab.key, key, column: column.key, base: b, target: t, source: s });
      }
    }
  }
  return merge;
}

/** The destination's rows after the merge: updates applied in place, inserts appended. */
export function applyMerge(tab: TabSpec, target: readonly Row[], merge: TabMerge): Row[] {
  const byKey = indexRows(tab, target);
  const rowOf = new Map<Row, Row>();
  for (const update of merge.updates) {
    const original = byKey.get(update.key);
    if (!original) continue;
    const copy = rowOf.get(original) ?? { ...original };
    copy[update.column] = update.value;
    rowOf.set(original, copy);
  }
  return [...target.map((row) => rowOf.get(row) ?? row), ...merge.inserts];
}

/**
 * What counts as synced after a push or pull: a cell both sides now agree on;
 * where they still differ (a conflict, or an edit only one side has seen) the
 * old base is kept, so the next sync still knows who changed what.
 */
export function syncedBase(tab: TabSpec, previous: ReadonlyMap<string, Row>, sideA: readonly Row[], sideB: readonly Row[]): Map<string, Row> {
  const b = indexRows(tab, sideB);
  const next = new Map(previous);
  for (const [key, rowA] of indexRows(tab, sideA)) {
    const rowB = b.get(key);
    if (!rowB) continue;
    const old = previous.get(key);
    const row: Row = {};
    for (const column of tab.columns) {
      const value = sameCell(column, rowA[column.key], rowB[column.key]) ? (rowA[column.key] ?? null) : old?.[column.key];
      if (value !== undefined) row[column.key] = value;
    }
    next.set(key, row);
  }
  return next;
}
