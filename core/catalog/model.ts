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

export const PlanSchema = z.object({
  /** "158/KH-UBND"; wards whose plan has no number yet use any unique code. */
  code: z.string().min(1),
  title: z.string(),
  /** Date the plan was issued. */
  date: isoDate.nullable(),
  ward: z.string(),
  year: z.number().int().min(2000).max(2100),
  /** The plan's own submission dates ("10/06"), where it is reported apart from the ward's schedule. */
  reportHalf: z.string().optional(),
  reportYear: z.string().optional(),
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
  section: z.string(),
  sectionTitle: z.string(),
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
  // Tracking fields: officials own these; imports never overwrite them.
  status: z.string(),
  progress: z.number().nullable(),
  completedOn: isoDate.nullable(),
  evidence: z.string(),
  note: z.string(),
});
export type Task = z.infer<typeof TaskSchema>;

export const TRACKING_FIELDS = ['status', 'progress', 'completedOn', 'evidence', 'note'] as const satisfies readonly (keyof Task)[];
export const CATALOG_FIELDS = [
  'plan',
  'section',
  'sectionTitle',
  'stt',
  'title',
  'target',
  'lead',
  'support',
  'product',
  'deadline',
] as const satisfies readonly (keyof Task)[];

export function isTaskStatus(value: string): value is TaskStatus {
  return (TASK_STATUSES as readonly string[]).includes(value);
}
