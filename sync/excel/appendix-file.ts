/** An appendix written to disk (templates, benches); commands write theirs through files/output-guard. */
import type { Plan, Task } from '../../core/index';
import { writeWorkbookAtomic } from './atomic-write';
import { appendixWorkbook, type ExportOptions } from './appendix-writer';

export async function writeAppendix(path: string, plan: Plan, tasks: readonly Task[], options: ExportOptions = {}): Promise<void> {
  await writeWorkbookAtomic(appendixWorkbook(plan, tasks, options), path);
}
