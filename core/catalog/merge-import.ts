/**
 * Merges a (re-)imported appendix into the stored catalog. A task is the same task when the file's task id column
 * names it, else when its stable id matches (same plan, same wording), else the wording, else the plan and STT
 * (reworded). Structure (STT, section, group) follows the appendix.
 *
 * A value the file gives for a task the store holds is taken when the store's is blank or still what the last import
 * of the plan brought (the base): the plan's revision. Otherwise the store's value is an official's correction and
 * stays, reported as a difference, unless the official asks to replace it. Tracking columns (a progress file's
 * status, progress, completion day, evidence, note) are the office's report: a new value is taken even over a stored
 * one; only a value the last import already brought, since changed in the store, is a stale difference and stays, and
 * so is a status "Chưa thực hiện" (what the export writes for a blank one) over a status set in the store.
 *
 * Tasks gone from the appendix are dropped only if nobody tracked them; tracked ones
 * are kept and reported, so no official's work disappears silently. A cell the file
 * leaves blank (or cannot be read: an error value, a formula never computed) never
 * blanks what the store holds: the stored value stays and is reported.
 */
import { matchKey } from '../text/vietnamese';
import { TASKS_TAB } from '../layout/tabs';
import { rowIdentity } from '../merge/row-identity';
import { nfcMultiline } from '../text/vietnamese';
import { CATALOG_FIELDS, isHeading, ROW_KIND_LABELS, TRACKING_FIELDS, type Task } from '../model/plan-task';
import { fnv1a, taskIdOfKeys } from './task-id';

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
  /** Values of the file that differ from an official's in the store: kept unless `replace`. */
  differences: MergeDifference[];
  /** Tracking values the file brought: the office's progress report, taken. */
  reported: { index: number; task: Task; field: FileTrackingField; stored: TrackedValue; file: TrackedValue }[];
  /** What this import brought, to tell the next one an official's correction from the plan's revision. */
  base: ImportBase;
}

/** The fields a file's cell decides for a task the store holds (catalog text and tracking). */
export type DecidedField = BlankKeptField | FileTrackingField;
type TrackedValue = string | number | null;

export interface MergeDifference {
  /** Into the imported rows. */
  index: number;
  task: Task;
  field: DecidedField;
  stored: TrackedValue;
  file: TrackedValue;
  /** The file's value was written (`replace`), else the store's stays. */
  replaced: boolean;
}

/** The tracking columns a progress file carries; read and checked by the import (tracking-cells). */
export const FILE_TRACKING_FIELDS = ['status', 'progress', 'completedOn', 'evidence', 'note'] as const;
export type FileTrackingField = (typeof FILE_TRACKING_FIELDS)[number];
export type FileTracking = Partial<Pick<Task, FileTrackingField>>;

/** What the file holds for a row besides the catalog: tracking values it gives (blank ones absent) and a task id column. */
export interface FileRowExtras {
  tracking?: FileTracking;
  id?: string;
}

/**
 * Per task id and field, a fingerprint of what the last import brought (never the value: the base stays small).
 * Kept by the adapter beside the store, like the criteria base.
 */
export type ImportBase = Record<string, Record<string, string>>;

export interface MergeOptions {
  /** What earlier imports brought; absent: every stored value that differs is taken as an official's. */
  base?: ImportBase;
  /** Take the file's value where it differs from an official's (the import's --replace). */
  replace?: boolean;
  /** Per imported row (same index): its tracking values and task id column, when the file has them. */
  extras?: readonly (FileRowExtras | undefined)[];
}

/** A value as compared: text by its NFC trimmed form, a blank status as "Chưa thực hiện" (what the export writes for it). */
function comparable(field: DecidedField, value: TrackedValue | undefined): string {
  if (value === null || value === undefined) return field === 'status' ? 'Chưa thực hiện' : '';
  const text = nfcMultiline(String(value)).trim();
  return field === 'status' && text === '' ? 'Chưa thực hiện' : text;
}

const fingerprint = (field: DecidedField, value: TrackedValue | undefined): string => fnv1a(comparable(field, value)).toString(36);
const isBlank = (field: DecidedField, value: TrackedValue | undefined): boolean =>
  value === null || value === undefined || (field === 'status' ? value === '' : String(value).trim() === '');

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
export function mergeImport(
  existing: readonly Task[],
  planCode: string,
  imported: readonly ImportedTask[],
  options: MergeOptions = {},
): MergeResult {
  const others = existing.filter((t) => t.plan !== planCode);
  const current = existing.filter((t) => t.plan === planCode);
  const byId = new Map(current.map((t) => [t.id, t]));
  const byKey = new Map(current.map((t) => [rowIdentity(TASKS_TAB, { id: t.id }) ?? '', t]));
  const previousBase = options.base ?? {};
  // The base of every other task stays; this plan's tasks get what this file brought.
  // (Copied without this plan's ids rather than copied then deleted from: 10,000 deletes were a slow dictionary's.)
  const currentIds = new Set(current.map((t) => t.id));
  const base: ImportBase = {};
  for (const [id, brought] of Object.entries(previousBase)) if (!currentIds.has(id)) base[id] = brought;
  // matchKey (≈ 10 µs a title) was most of a re-import's merge: each text is keyed once (a re-imported title is the
  // stored one), and the index by title is made only when a task is not found by id.
  const keys = new Map<string, string>();
  const keyOf = (text: string): string => {
    let key = keys.get(text);
    if (key === undefined) keys.set(text, (key = matchKey(text)));
    return key;
  };
  let byTitle: Map<string, Task> | undefined;
  const titleIndex = (): Map<string, Task> => (byTitle ??= new Map(current.map((t) => [`${kindOf(t)}|${keyOf(t.title)}`, t])));
  const bySttKey = new Map(current.map((t) => [`${kindOf(t)}|${t.stt}`, t]));
  const taken = new Set(existing.map((t) => t.id));
  const matched = new Set<Task>();
  const result: MergeResult = {
    tasks: [],
    added: [],
    changed: [],
    unchanged: 0,
    removed: [],
    kept: [],
    filled: [],
    differences: [],
    reported: [],
    base,
  };
  const merged: Task[] = [];

  const planKey = matchKey(planCode);
  for (const [index, given] of imported.entries()) {
    const report = !isHeading(given);
    let item = given;
    let itemKeys: { titleKey: string; idKey: string; id: string } | undefined;
    const keysOf = (): { titleKey: string; idKey: string; id: string } => {
      if (itemKeys) return itemKeys;
      const titleKey = keyOf(given.title);
      const idKey = report ? titleKey : keyOf(idText(given));
      return (itemKeys = { titleKey, idKey, id: taskIdOfKeys(planKey, idKey) });
    };
    const extras = report ? options.extras?.[index] : undefined;
    // The file's id column; else the same id; else the same wording (a draft adopted under a new number); else the same STT (reworded).
    // Keyed as the tasks tab keys its rows (rowIdentity: the id, exactly), so the file's cell matches the sheet's.
    // Each looked up only if those before found nothing free.
    const fileId = extras?.id ? rowIdentity(TASKS_TAB, { id: extras.id }) : null;
    const named = fileId ? byKey.get(fileId) : undefined;
    const lookups = [
      () => (named && !isHeading(named) ? named : undefined),
      () => byId.get(keysOf().id),
      () => titleIndex().get(`${kindOf(given)}|${keysOf().titleKey}`),
      () => bySttKey.get(`${kindOf(given)}|${given.stt}`),
    ];
    let previous: Task | undefined;
    for (const lookup of lookups) {
      const t = lookup();
      if (t && !matched.has(t)) {
        previous = t;
        break;
      }
    }
    const tracking = extras?.tracking ?? {};
    if (previous) {
      matched.add(previous);
      const was = previousBase[previous.id] ?? {};
      const brought: Record<string, string> = { ...was };
      const tracked: Partial<Record<FileTrackingField, TrackedValue>> = {};
      if (report) {
        // Each value the file gives: taken, or an official's kept (see the module's comment).
        const decide = (field: DecidedField, file: TrackedValue, stored: TrackedValue): TrackedValue => {
          brought[field] = fingerprint(field, file);
          if (comparable(field, file) === comparable(field, stored) || isBlank(field, stored)) return file;
          const storeAsBrought = was[field] !== undefined && was[field] === fingerprint(field, stored);
          if (storeAsBrought) return file;
          const fileAsBrought = was[field] !== undefined && was[field] === brought[field];
          // "Chưa thực hiện" is also what the export writes for a blank status: never taken over a status set since.
          const unstarted = field === 'status' && comparable(field, file) === 'Chưa thực hiện';
          if ((FILE_TRACKING_FIELDS as readonly string[]).includes(field) && !fileAsBrought && !unstarted) return file;
          result.differences.push({ index, task: previous, field, stored, file, replaced: options.replace === true });
          return options.replace ? file : stored;
        };
        const decided: Partial<Record<BlankKeptField, string>> = {};
        for (const f of BLANK_KEPT_FIELDS) {
          if (item[f] === undefined || item[f] === '') continue;
          const value = decide(f, item[f]!, previous[f] ?? '');
          if (value !== item[f]) decided[f] = String(value);
        }
        if (Object.keys(decided).length > 0) item = { ...item, ...decided };
        for (const f of FILE_TRACKING_FIELDS) {
          const file = tracking[f];
          if (file === undefined || isBlank(f, file)) continue;
          const stored = previous[f] ?? null;
          const value = decide(f, file, stored);
          if (comparable(f, value) !== comparable(f, stored)) {
            tracked[f] = value;
            result.reported.push({ index, task: previous, field: f, stored, file: value });
          }
        }
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
      const fields: string[] = CATALOG_FIELDS.filter((f) => item[f] !== undefined && (previous[f] ?? '') !== item[f]);
      const next: Task = { ...previous, ...item };
      for (const f of TRACKING_FIELDS) (next as Record<string, unknown>)[f] = f in tracked ? tracked[f as FileTrackingField] : previous[f];
      fields.push(...Object.keys(tracked));
      if (report) base[previous.id] = brought;
      if (report && fields.length > 0) result.changed.push({ task: next, fields });
      else if (report) result.unchanged++;
      merged.push(next);
    } else {
      const { idKey, id } = keysOf();
      const fresh: Task = {
        id: taken.has(id) ? taskIdOfKeys(planKey, idKey, taken) : id,
        ...item,
        status: tracking.status ?? '',
        progress: tracking.progress ?? null,
        completedOn: tracking.completedOn ?? null,
        evidence: tracking.evidence ?? '',
        note: tracking.note ?? '',
      };
      taken.add(fresh.id);
      if (report) {
        result.added.push(fresh);
        const brought: Record<string, string> = {};
        for (const f of BLANK_KEPT_FIELDS) if (!isBlank(f, item[f])) brought[f] = fingerprint(f, item[f]);
        for (const f of FILE_TRACKING_FIELDS) if (!isBlank(f, tracking[f])) brought[f] = fingerprint(f, tracking[f]);
        base[fresh.id] = brought;
      }
      merged.push(fresh);
    }
  }
  for (const t of current) {
    if (matched.has(t)) continue;
    if (isTracked(t)) {
      if (!isHeading(t)) result.kept.push(t);
      if (previousBase[t.id]) base[t.id] = previousBase[t.id]!;
      merged.push(t);
    } else if (!isHeading(t)) {
      result.removed.push(t);
    }
  }
  result.tasks = [...others, ...merged];
  return result;
}
