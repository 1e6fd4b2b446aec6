/**
 * zod schemas for catalog data read from outside files (the bundled sample JSON).
 * They live at the Node edge, not in core, so the Apps Script bundle carries no zod;
 * `satisfies` keeps them in step with the core's plain types.
 */
import { z } from 'zod';
import type { Plan, Task } from '../../core/index';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'yyyy-MM-dd');

export const PlanSchema = z.object({
  code: z.string().min(1),
  title: z.string(),
  date: isoDate.nullable(),
  ward: z.string(),
  year: z.number().int().min(2000).max(2100),
}) satisfies z.ZodType<Plan>;

export const TaskSchema = z.object({
  id: z.string().min(1),
  plan: z.string(),
  section: z.string(),
  sectionTitle: z.string(),
  stt: z.string(),
  title: z.string(),
  target: z.string(),
  lead: z.string(),
  support: z.string(),
  product: z.string(),
  deadline: z.string(),
  status: z.string(),
  progress: z.number().nullable(),
  completedOn: isoDate.nullable(),
  evidence: z.string(),
  note: z.string(),
}) satisfies z.ZodType<Task>;
