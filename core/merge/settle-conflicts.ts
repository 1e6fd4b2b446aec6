/**
 * Settling sync conflicts: cells both the local workbook and the shared sheet
 * changed differently since the last sync, and rows one side deleted while the
 * other changed them. An official picks a side per conflict or for all; settling
 * rewrites the local side where the sheet wins and moves the merge base so the
 * next push or pull sees no conflict there: keeping the sheet's value makes the
 * local cell agree; keeping the local value makes the base the sheet's, so the
 * next push writes the local value over it as an ordinary edit.
 */
import type { CellValue, Row, TabSpec } from '../layout/columns';
import { tabByKey, TABS } from '../layout/tabs';
import { indexRows, sameCell } from './row-identity';
import { mergeTab, type MergeConflict } from './three-way-merge';

export type SyncSide = 'sheet' | 'local';

/** Rows per tab key. */
export type TabRows = Record<string, Row[]>;
/** Tab key → row identity → the row as last synced. */
export type MergeBase = Map<string, Map<string, Row>>;

/** Stable reference to a conflict, to settle it alone: "tasks:NV-1A2B3C:note" (no column for a row). */
export function conflictRef(c: MergeConflict): string {
  return `${c.tab}:${c.key}${c.column ? `:${c.column}` : ''}`;
}

/** Every conflict between the two sides against the base, the local workbook seen as the destination of a pull. */
export function listConflicts(local: TabRows, sheet: TabRows, base: MergeBase): MergeConflict[] {
  return TABS.flatMap(
    (tab) =>
      mergeTab(tab, { base: base.get(tab.key) ?? new Map(), target: local[tab.key] ?? [], source: sheet[tab.key] ?? [], deletions: true })
        .conflicts,
  );
}

/** Cells both sides agree on: what a fresh base row holds, so only the settled cell stays to be moved. */
function agreed(tab: TabSpec, a: Row | undefined, b: Row | undefined): Row {
  const row: Row = {};
  for (const c of tab.columns) if (a && b && sameCell(c, a[c.key], b[c.key])) row[c.key] = a[c.key] ?? null;
  return row;
}

const copy = (tab: TabSpec, row: Row): Row => Object.fromEntries(tab.columns.map((c) => [c.key, row[c.key] ?? null])) as Row;

/**
 * Settles the given conflicts keeping `keep`'s side. Returns the local tabs it
 * changed (whole tabs, for one write) and the new base; inputs are not modified.
 */
export function settleConflicts(
  local: TabRows,
  sheet: TabRows,
  base: MergeBase,
  conflicts: readonly MergeConflict[],
  keep: SyncSide,
): { local: TabRows; base: MergeBase } {
  const nextBase: MergeBase = new Map([...base].map(([tab, rows]) => [tab, new Map(rows)]));
  const changed: TabRows = {};
  for (const c of conflicts) {
    const tab = tabByKey(c.tab);
    const rows = (changed[tab.key] ??= [...(local[tab.key] ?? [])]);
    const localRows = indexRows(tab, rows);
    const sheetRow = indexRows(tab, sheet[tab.key] ?? []).get(c.key);
    const localRow = localRows.get(c.key);
    const tabBase = nextBase.get(tab.key) ?? new Map<string, Row>();
    nextBase.set(tab.key, tabBase);

    if (c.column !== null) {
      const value: CellValue | undefined = keep === 'sheet' ? sheetRow?.[c.column] : localRow?.[c.column];
      const baseRow = { ...(tabBase.get(c.key) ?? agreed(tab, localRow, sheetRow)) };
      // The base takes the sheet's value either way: equal to both sides (sheet kept) or to the sheet only (local kept, pushed next).
      baseRow[c.column] = sheetRow?.[c.column] ?? null;
      tabBase.set(c.key, baseRow);
      if (keep === 'sheet' && localRow) rows[rows.indexOf(localRow)] = { ...localRow, [c.column]: value ?? null };
      continue;
    }
    if (c.deletedAt === 'target') {
      // Deleted locally, changed in the sheet.
      if (keep === 'sheet' && sheetRow) rows.push(copy(tab, sheetRow));
      // Local kept: the sheet's row becomes the base, so it no longer counts as a change to bring home.
      if (sheetRow) tabBase.set(c.key, copy(tab, sheetRow));
    } else {
      // Deleted in the sheet, changed locally.
      if (keep === 'sheet' && localRow) rows.splice(rows.indexOf(localRow), 1);
      // Either way the row is no longer a synced row: the sheet kept drops it, the local kept adds it back at the next push.
      tabBase.delete(c.key);
    }
  }
  // Only tabs whose rows changed are written back.
  for (const [key, rows] of Object.entries(changed)) {
    const before = local[key] ?? [];
    if (rows.length === before.length && rows.every((r, i) => r === before[i])) delete changed[key];
  }
  return { local: changed, base: nextBase };
}
