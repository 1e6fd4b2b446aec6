/**
 * Merges a (re-)imported appendix into the stored catalog. Catalog fields follow
 * the appendix; tracking fields (status, progress, completion date, evidence,
 * note) stay as officials set them. A task is the same task when its stable id
 * matches (same plan, same wording), else the wording, else the plan and STT (reworded).
 * Tasks gone from the appendix are dropped only if nobody tracked them; tracked ones
 * are kept and reported, so no official's work disappears silently. A cell the file
 * leaves blank (or cannot be read: an error value, a formula never computed) never
 * blanks what the store holds: the stored value stays and is reported.
 */
import { matchKey } from '../text/vietnamese';
import { CATALOG_FIELDS, isHeading, ROW_KIND_LABELS, TRACKING_FIELDS, type Task } from '../model/plan-task';
import { taskIdOfKeys } from './task-id';

/** A row as an import brings it; the optional fields are absent from readers older than them. */
export type ImportedTask = Pick<Task, Exclude<(typeof CATALOG_FIELDS)[number], 'remarks' | 'kind' | 'group' | 'criterion'>> &
  Partial<Pick<Task, 'remarks' | 'kind' | 'group' | 'criterion'>>;

export interface MergeResult {
  tasks: Task[];
  added: Task[];
  changed: { task: Task; fields: string[] }[];
  unchanged: number;
  /** No longer in the appendix and untracked: removed. */
  removed: Task[];
  /** No longer in the appendix but tracked by officials: kept. */
  kept: Task[];
  /** Blank cells of the file whose stored value was kept: `index` into the imported rows. */
  filled: { index: number; field: BlankKeptField; value: string }[];
}

/** The fields read from one cell of the file each, which a blank cell there must not wipe. */
export const BLANK_KEPT_FIELDS = ['title', 'target', 'lead', 'support', 'product', 'deadline', 'remarks'] as const;
export type BlankKeptField = (typeof BLANK_KEPT_FIELDS)[number];

function isTracked(task: Task): boolean {
  return (
    (task.status !== '' && task.status !== 'Chưa thực hiện') ||
    (task.progress ?? 0) > 0 ||
    task.completedOn !== null ||
    (task.conditionMetOn ?? null) !== null ||
    task.evidence !== '' ||
    task.note !== ''
  );
}

/** Headings get ids of their own wording, so a group titled like a task is not that task. */
const idText = (t: Pick<Task, 'kind' | 'title'>): string => (isHeading(t) ? `${ROW_KIND_LABELS[t.kind!]}: ${t.title}` : t.title);
/** Headings match headings and tasks tasks. */
const kindOf = (t: Pick<Task, 'kind'>): string => (isHeading(t) ? t.kind! : 'task');

/**
 * Headings (section and group rows) are merged like tasks but not counted in
 * the result's lists, which are about tasks.
 */
export function mergeImport(existing: readonly Task[], planCode: string, imported: readonly ImportedTask[]): MergeResult {
  const others = existing.filter((t) => t.plan !== planCode);
  const current = existing.filter((t) => t.plan === planCode);
  const byId = new Map(current.map((t) => [t.id, t]));
  const byTitle = new Map(current.map((t) => [`${kindOf(t)}|${matchKey(t.title)}`, t]));
  const bySttKey = new Map(current.map((t) => [`${kindOf(t)}|${t.stt}`, t]));
  const taken = new Set(existing.map((t) => t.id));
  const matched = new Set<Task>();
  const result: MergeResult = { tasks: [], added: [], changed: [], unchanged: 0, removed: [], kept: [], filled: [] };
  const merged: Task[] = [];

  const planKey = matchKey(planCode);
  for (const [index, given] of imported.entries()) {
    const report = !isHeading(given);
    let item = given;
    const titleKey = matchKey(item.title);
    const idKey = report ? titleKey : matchKey(idText(item));
    const id = taskIdOfKeys(planKey, idKey);
    // Same id; else the same wording (a draft adopted under a new number); else the same STT (reworded).
    const previous = [byId.get(id), byTitle.get(`${kindOf(item)}|${titleKey}`), bySttKey.get(`${kindOf(item)}|${item.stt}`)].find(
      (t) => t && !matched.has(t),
    );
    if (previous) {
      matched.add(previous);
      if (report) {
        // Blank in the file, held in the store: what the store holds stays (the official is told where).
        const kept = BLANK_KEPT_FIELDS.filter((f) => item[f] === '' && (previous[f] ?? '') !== '');
        if (kept.length > 0) {
          item = { ...item };
          for (const f of kept) {
            item[f] = previous[f]!;
            result.filled.push({ index, field: f, value: previous[f]! });
          }
        }
      }
      // An optional field the import does not bring ("remarks" from an older reader) is no change.
      const fields = CATALOG_FIELDS.filter((f) => item[f] !== undefined && (previous[f] ?? '') !== item[f]);
      const next: Task = { ...previous, ...item };
      for (const f of TRACKING_FIELDS) (next as Record<string, unknown>)[f] = previous[f];
      if (report && fields.length > 0) result.changed.push({ task: next, fields });
      else if (report) result.unchanged++;
      merged.push(next);
    } else {
      const fresh: Task = {
        id: taken.has(id) ? taskIdOfKeys(planKey, idKey, taken) : id,
        ...item,
        status: '',
        progress: null,
        completedOn: null,
        evidence: '',
        note: '',
      };
      taken.add(fresh.id);
      if (report) result.added.push(fresh);
      merged.push(fresh);
    }
  }
  for (const t of current) {
    if (matched.has(t)) continue;
    if (isTracked(t)) {
      if (!isHeading(t)) result.kept.push(t);
      merged.push(t);
    } else if (!isHeading(t)) {
      result.removed.push(t);
    }
  }
  result.tasks = [...others, ...merged];
  return result;
}
