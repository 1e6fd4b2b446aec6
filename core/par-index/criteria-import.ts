/**
 * Criteria rows from a province criteria set or a ward's assignment table, read by
 * the appendix parser (group rows become areas and groups), merged into the
 * criteria tab by code: the table's fields follow the file, while evidence,
 * self-scores, explanations and appraised scores stay as the ward entered them.
 */
import type { ParsedAppendix } from '../appendix/parse-appendix';
import type { Row } from '../layout/columns';
import { CRITERIA_TAB } from '../layout/tabs';

const TRACKED = CRITERIA_TAB.columns.filter((c) => c.owner === 'tracking').map((c) => c.key);

const points = (text: string): number | null => {
  const n = Number(text.replace(',', '.'));
  return text.trim() === '' || !Number.isFinite(n) ? null : n;
};

export function criteriaFromAppendix(parsed: ParsedAppendix): Row[] {
  const rows = [
    ...parsed.groups.map((g) => ({ code: g.stt, title: g.title, sourceRow: g.row, maxPoints: points(g.points), requirement: '', lead: '', support: '', evidence: '' })),
    ...parsed.tasks.map((t) => ({
      code: t.stt,
      title: t.title,
      sourceRow: t.sourceRows[0]!,
      maxPoints: points(t.points),
      requirement: t.target,
      lead: t.lead,
      support: t.support,
      evidence: t.evidence,
    })),
  ].sort((a, b) => a.sourceRow - b.sourceRow);
  return rows.map(({ sourceRow: _row, ...r }) => r);
}

/** The imported rows with the ward's tracking values carried over by code; returns how many were kept. */
export function mergeCriteria(existing: readonly Row[], imported: readonly Row[]): { rows: Row[]; carried: number } {
  const byCode = new Map(existing.map((r) => [String(r['code'] ?? ''), r]));
  let carried = 0;
  const rows = imported.map((r) => {
    const old = byCode.get(String(r['code']));
    if (!old) return r;
    carried++;
    const merged: Row = { ...r };
    for (const key of TRACKED) {
      const value = old[key];
      // Evidence typed in the file is kept only when the ward has none yet.
      if (value !== null && value !== undefined && value !== '') merged[key] = value;
    }
    return merged;
  });
  return { rows, carried };
}
