/**
 * The bundled sample: the appendices of three 2026 ward plans (Phúc Thuận, An
 * Tường, Nhị Chiểu) with a little tracking filled in, for `npm start` and tests.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { CRITERIA_TAB, encodePlans, encodeRows, encodeTasks, parseDeadline, taskId, type Task } from '../../core/index';
import { PlanSchema, TaskSchema } from './sample-schemas';
import { initialTables } from '../store/initial-tables';
import type { Tables } from '../store/store';

export const SAMPLE_CATALOG = fileURLToPath(new URL('../../templates/samples/sample-catalog.json', import.meta.url));
/** Plausible 2026 meeting, document and digitisation logs for one ward. */
export const SAMPLE_LOGS = fileURLToPath(new URL('../../templates/samples/sample-logs.json', import.meta.url));

/** A ward's CCHC-index criteria (100 points) with its six-month self-scores. */
export const SAMPLE_CRITERIA = fileURLToPath(new URL('../../templates/samples/sample-criteria.json', import.meta.url));

const LogsSchema = z.object({
  meetings: z.array(z.record(z.string(), z.string())),
  documents: z.array(z.record(z.string(), z.union([z.string(), z.number()]))),
  digitisation: z.array(z.record(z.string(), z.union([z.string(), z.number()]))),
  settings: z.record(z.string(), z.string()),
});

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
  const logs = LogsSchema.parse(JSON.parse(await readFile(SAMPLE_LOGS, 'utf8')));
  return {
    ...initialTables({ ward: 'Mẫu (3 phường)', planYear: '2026', indexLastYear: '87', ...logs.settings }),
    meetings: logs.meetings,
    documents: logs.documents,
    digitisation: logs.digitisation,
    // Laid out by the tab, so columns added since the sample was written come in blank.
    criteria: encodeRows(
      CRITERIA_TAB,
      z.array(z.record(z.string(), z.union([z.string(), z.number(), z.null()]))).parse(JSON.parse(await readFile(SAMPLE_CRITERIA, 'utf8'))),
    ),
    plans: encodePlans(sample.plans),
    tasks: encodeTasks(tasks, (t) => parseDeadline(t.deadline, yearOf.get(t.plan) ?? 2026).due),
  };
}
