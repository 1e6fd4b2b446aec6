/**
 * The catalog model: plans, their task appendix and the tracking fields officials
 * fill in. Plain types (aliases, so records index like rows): the core is bundled into Apps Script, where a schema
 * library would be parsed on every menu click; adapters that parse outside data
 * (the sample JSON) check shapes with zod at their edge (sync/samples/sample-schemas.ts).
 */

export const TASK_STATUSES = ['Chưa thực hiện', 'Đang thực hiện', 'Hoàn thành', 'Hoàn thành quá hạn', 'Không thực hiện'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
export const DONE_STATUSES: readonly TaskStatus[] = ['Hoàn thành', 'Hoàn thành quá hạn'];

/**
 * A catalog row is a task, or a heading the appendix puts over tasks: a section
 * (Roman-numbered or bold) or a group (a numbered row others extend, "2.1" over
 * "2.1.1"). Headings are kept as rows so the sheet and the export read like the plan.
 */
export const ROW_KINDS = ['task', 'section', 'group'] as const;
export type RowKind = (typeof ROW_KINDS)[number];
export const ROW_KIND_LABELS: Record<RowKind, string> = { task: 'Nhiệm vụ', section: 'Mục', group: 'Nhóm' };

export function rowKindFromLabel(label: string): RowKind {
  return ROW_KINDS.find((k) => ROW_KIND_LABELS[k] === label) ?? 'task';
}

export type Plan = {
  /** "158/KH-UBND"; wards whose plan has no number yet use any unique code. */
  code: string;
  title: string;
  /** Date the plan was issued, yyyy-MM-dd. */
  date: string | null;
  ward: string;
  /** "phường", "xã" or "thị trấn", as the appendix names the committee; absent when unknown. */
  tier?: string;
  year: number;
  /** The plan's own submission dates ("10/06"), where it is reported apart from the ward's schedule. */
  reportHalf?: string;
  reportYear?: string;
};

export type Section = {
  /** Roman numeral as written ("VII"), or "" for plans without sections. */
  code: string;
  title: string;
};

/** A task as its plan's appendix writes it: the columns an import reads (parse-appendix) and the catalog keeps (Task). */
export type PlanColumns = {
  section: string;
  sectionTitle: string;
  /** STT as written, hierarchical numbers included ("2.1.1"). */
  stt: string;
  title: string;
  /** "Yêu cầu năm 2026" column, where the appendix has one. */
  target: string;
  /** Lead and coordinating units as written; resolved against the registry on use. */
  lead: string;
  support: string;
  product: string;
  deadline: string;
};

export type Task = PlanColumns & {
  /** Stable id: survives renumbering and re-import (see taskId). */
  id: string;
  plan: string;
  /** Absent or "task" for a task; "section" or "group" for a heading row. */
  kind?: RowKind;
  /** The group heading the task sits under ("2.1 Kiểm soát TTHC"), "" when none. */
  group?: string;
  /** The appendix's "Ghi chú" column; absent in catalogs older than the column. */
  remarks?: string;
  /** Code of the CCHC-index criterion the task serves ("2.1"), linking it to the criteria tab; "" or absent when none. */
  criterion?: string;
  // Tracking fields: officials own these; imports never overwrite them.
  status: string;
  progress: number | null;
  /** yyyy-MM-dd. */
  completedOn: string | null;
  /** For conditional tasks: the day the condition was met (yyyy-MM-dd); absent or null while waiting. */
  conditionMetOn?: string | null;
  evidence: string;
  note: string;
};

export const TRACKING_FIELDS = [
  'status',
  'progress',
  'completedOn',
  'conditionMetOn',
  'evidence',
  'note',
] as const satisfies readonly (keyof Task)[];

/** The appendix's text columns of a task, after its numbering: what an import reads and the catalog keeps. */
export const PLAN_TEXT_FIELDS = ['title', 'target', 'lead', 'support', 'product', 'deadline'] as const satisfies readonly (keyof Task)[];
export const CATALOG_FIELDS = [
  'plan',
  'kind',
  'section',
  'sectionTitle',
  'group',
  'stt',
  ...PLAN_TEXT_FIELDS,
  'remarks',
  'criterion',
] as const satisfies readonly (keyof Task)[];

export function isHeading(task: Pick<Task, 'kind'>): boolean {
  return task.kind === 'section' || task.kind === 'group';
}

export function isTaskStatus(value: string): value is TaskStatus {
  return (TASK_STATUSES as readonly string[]).includes(value);
}
