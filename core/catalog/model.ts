/**
 * The catalog model: plans, their task appendix and the tracking fields officials
 * fill in. Schemas are zod so every adapter (xlsx, Sheets API, Apps Script) checks
 * the same shape.
 */
import { z } from 'zod';

export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'yyyy-MM-dd');

export const TASK_STATUSES = [
  'Chưa thực hiện',
  'Đang thực hiện',
  'Hoàn thành',
  'Hoàn thành quá hạn',
  'Không thực hiện',
] as const;
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

export const PlanSchema = z.object({
  /** "158/KH-UBND"; wards whose plan has no number yet use any unique code. */
  code: z.string().min(1),
  title: z.string(),
  /** Date the plan was issued. */
  date: isoDate.nullable(),
  ward: z.string(),
  /** "phường", "xã" or "thị trấn", as the appendix names the committee; absent when unknown. */
  tier: z.string().optional(),
  year: z.number().int().min(2000).max(2100),
});
export type Plan = z.infer<typeof PlanSchema>;

export const SectionSchema = z.object({
  /** Roman numeral as written ("VII"), or "" for plans without sections. */
  code: z.string(),
  title: z.string(),
});
export type Section = z.infer<typeof SectionSchema>;

export const TaskSchema = z.object({
  /** Stable id: survives renumbering and re-import (see taskId). */
  id: z.string().min(1),
  plan: z.string(),
  /** Absent or "task" for a task; "section" or "group" for a heading row. */
  kind: z.enum(ROW_KINDS).optional(),
  section: z.string(),
  sectionTitle: z.string(),
  /** The group heading the task sits under ("2.1 Kiểm soát TTHC"), "" when none. */
  group: z.string().optional(),
  /** STT as written, hierarchical numbers included ("2.1.1"). */
  stt: z.string(),
  title: z.string(),
  /** "Yêu cầu năm 2026" column, where the appendix has one. */
  target: z.string(),
  /** Lead and coordinating units as written; resolved against the registry on use. */
  lead: z.string(),
  support: z.string(),
  product: z.string(),
  deadline: z.string(),
  /** The appendix's "Ghi chú" column; absent in catalogs older than the column. */
  remarks: z.string().optional(),
  // Tracking fields: officials own these; imports never overwrite them.
  status: z.string(),
  progress: z.number().nullable(),
  completedOn: isoDate.nullable(),
  /** For conditional tasks: the day the condition was met; absent or null while waiting. */
  conditionMetOn: isoDate.nullable().optional(),
  evidence: z.string(),
  note: z.string(),
});
export type Task = z.infer<typeof TaskSchema>;

export const TRACKING_FIELDS = ['status', 'progress', 'completedOn', 'conditionMetOn', 'evidence', 'note'] as const satisfies readonly (keyof Task)[];
export const CATALOG_FIELDS = [
  'plan',
  'kind',
  'section',
  'sectionTitle',
  'group',
  'stt',
  'title',
  'target',
  'lead',
  'support',
  'product',
  'deadline',
  'remarks',
] as const satisfies readonly (keyof Task)[];

export function isHeading(task: Pick<Task, 'kind'>): boolean {
  return task.kind === 'section' || task.kind === 'group';
}

export function isTaskStatus(value: string): value is TaskStatus {
  return (TASK_STATUSES as readonly string[]).includes(value);
}
