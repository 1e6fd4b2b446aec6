/**
 * The bundled sample: the appendices of three 2026 ward plans (Phúc Thuận, An
 * Tường, Nhị Chiểu) with a little tracking filled in, for `npm start` and tests.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { encodePlans, encodeTasks, parseDeadline, PlanSchema, TaskSchema, taskId, type Task } from '../../core/index';
import { initialTables } from '../store/initial-tables';
import type { Tables } from '../store/store';

export const SAMPLE_CATALOG = fileURLToPath(new URL('../../templates/samples/sample-catalog.json', import.meta.url));

const SampleSchema = z.object({
  plans: z.array(PlanSchema),
  tasks: z.array(TaskSchema.omit({ id: true })),
});

export async function sampleTables(): Promise<Tables> {
  const sample = SampleSchema.parse(JSON.parse(await readFile(SAMPLE_CATALOG, 'utf8')));
  const taken = new Set<string>();
  const tasks: Task[] = sample.tasks.map((t) => {
    const id = taskId(t.plan, t.title, taken);
    taken.add(id);
    return { id, ...t };
  });
  const yearOf = new Map(sample.plans.map((p) => [p.code, p.year]));
  return {
    ...initialTables({ ward: 'Mẫu (3 phường)', planYear: '2026' }),
    plans: encodePlans(sample.plans),
    tasks: encodeTasks(tasks, (t) => parseDeadline(t.deadline, yearOf.get(t.plan) ?? 2026).due),
  };
}
