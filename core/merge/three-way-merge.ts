/**
 * The three-way merge that lets a push (local workbook → shared sheet) or a pull
 * (sheet → workbook) move everyone's work without losing anyone's edit.
 *
 * For each cell: `base` is what both sides held at the last sync, `target` is
 * what the destination holds now, `source` is what is being moved. A cell is
 * written only when the source changed it and the target still holds the base
 * (or is blank, or is a computed column). When both changed it differently the
 * cell is left alone and reported as a conflict. An identity cell (a task's id) cleared on one side is filled
 * back from the other, never blanked there. Rows are appended; a row deleted
 * at the destination is not brought back unless the source changed it, which is
 * a conflict too. Rows the source deleted are removed at the destination only
 * when asked (a pull into the local workbook; a push never deletes in the sheet)
 * and only if the destination has not changed them since.
 */
import type { CellValue, Row, TabSpec } from '../layout/columns';
import { rowNumberOf } from '../layout/codec';
import { identityColumns, indexRows, ROW_KEY, rowIdentity, sameCell } from './row-identity';

export interface CellUpdate {
  /** Row identity (see row-identity). */
  key: string;
  column: string;
  value: CellValue;
}

export interface MergeConflict {
  tab: string;
  key: string;
  /** null: the whole row, deleted on one side (`deletedAt`) and changed on the other. */
  column: string | null;
  deletedAt?: 'target' | 'source';
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
  /** Destination rows to remove (only with `deletions`): the source deleted them, the destination left them as synced. */
  deletes: string[];
  conflicts: MergeConflict[];
}

export interface TabSides {
  base: ReadonlyMap<string, Row>;
  target: readonly Row[];
  source: readonly Row[];
  /** Carry the source's deletions over to the destination. */
  deletions?: boolean;
}

const isBlank = (v: CellValue | undefined): boolean => v === null || v === undefined || v === '';

export function mergeTab(tab: TabSpec, sides: TabSides): TabMerge {
  const identity = new Set(identityColumns(tab));
  const target = indexRows(tab, sides.target);
  const merge: TabMerge = { unidentified: [], updates: [], inserts: [], deletes: [], conflicts: [] };
  sides.source.forEach((row, index) => {
    if (rowIdentity(tab, row) === null && tab.columns.some((c) => !isBlank(row[c.key])))
      merge.unidentified.push(rowNumberOf(row, index, tab));
  });
  const sources = indexRows(tab, sides.source);
  for (const [key, source] of sources) {
    const base = sides.base.get(key);
    const current = target.get(key);
    if (!current) {
      if (!base) merge.inserts.push({ ...source, [ROW_KEY]: key });
      else if (tab.columns.some((c) => !sameCell(c, source[c.key], base[c.key]))) {
        merge.conflicts.push({
          tab: tab.key,
          key,
          column: null,
          deletedAt: 'target',
          base: undefined,
          target: undefined,
          source: undefined,
        });
      }
      continue;
    }
    for (const column of tab.columns) {
      const s = source[column.key];
      // A cell the source left as synced is the destination's (checked first: it is most cells, and cheap).
      if (base && !identity.has(column.key) && sameCell(column, s, base[column.key])) continue;
      const t = current[column.key];
      if (sameCell(column, s, t)) continue;
      // The row was matched by the identity it carries (a row tag), so a blank identity cell on one side is a
      // cleared id, not a new value: never copied over the other side's, which fills it back.
      if (identity.has(column.key) && (isBlank(s) || isBlank(t))) {
        if (isBlank(t)) merge.updates.push({ key, column: column.key, value: s! });
        continue;
      }
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
  if (sides.deletions) {
    for (const [key, current] of target) {
      const base = sides.base.get(key);
      if (sources.has(key) || !base) continue;
      if (tab.columns.every((c) => sameCell(c, current[c.key], base[c.key]))) merge.deletes.push(key);
      else
        merge.conflicts.push({
          tab: tab.key,
          key,
          column: null,
          deletedAt: 'source',
          base: undefined,
          target: undefined,
          source: undefined,
        });
    }
  }
  return merge;
}

/** The destination's rows after the merge: updates applied in place, deletions removed, inserts appended. */
export function applyMerge(tab: TabSpec, target: readonly Row[], merge: TabMerge): Row[] {
  const byKey = indexRows(tab, target);
  const removed = new Set(merge.deletes.map((key) => byKey.get(key)));
  const rowOf = new Map<Row, Row>();
  for (const update of merge.updates) {
    const original = byKey.get(update.key);
    if (!original) continue;
    const copy = rowOf.get(original) ?? { ...original };
    copy[update.column] = update.value;
    rowOf.set(original, copy);
  }
  return [...target.filter((row) => !removed.has(row)).map((row) => rowOf.get(row) ?? row), ...merge.inserts];
}

/**
 * What counts as synced after a push or pull: a cell both sides now agree on;
 * where they still differ (a conflict, or an edit only one side has seen) the
 * old base is kept, so the next sync still knows who changed what.
 */
export function syncedBase(
  tab: TabSpec,
  previous: ReadonlyMap<string, Row>,
  sideA: readonly Row[],
  sideB: readonly Row[],
): Map<string, Row> {
  const a = indexRows(tab, sideA);
  const b = indexRows(tab, sideB);
  // A row gone from both sides is gone: forget it.
  const next = new Map([...previous].filter(([key]) => a.has(key) || b.has(key)));
  for (const [key, rowA] of a) {
    const rowB = b.get(key);
    if (!rowB) continue;
    const old = previous.get(key);
    const row: Row = {};
    for (const column of tab.columns) {
      const a = rowA[column.key];
      // Where side A still holds the old value, that value stays whatever side B holds.
      const value =
        old && a !== undefined && a === old[column.key] ? a : sameCell(column, a, rowB[column.key]) ? (a ?? null) : old?.[column.key];
      if (value !== undefined) row[column.key] = value;
    }
    next.set(key, row);
  }
  return next;
}
