/**
 * The Word documents of a 10,000-task store as whole processes: `export --out .docx` (the appendix) and `report
 * --out .docx` (the periodic report, whose task lists run to thousands of rows), each process reporting its own CPU
 * and peak resident memory (process-figures.ts). Beside them, in the same rounds, what the same commands cost
 * without a Word file: the appendix as .xlsx, and `metrics` (the report's read and figures). Goal (issue 27): peak
 * ≤ 500 MB. CCHC_BENCH_VS=<path of another build's bin/cchc.mjs> runs its Word commands too, for a side-by-side figure.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sampleTables } from '../sync/samples/sample-tables';
import { XlsxStore } from '../sync/store/xlsx-store';
import { manyTasks } from '../test/fixtures/many-tasks';
import { BINS, Figures, ROUNDS, runMeasured as run } from './process-figures';

const TASKS = 10_000;

const dir = await mkdtemp(join(tmpdir(), 'cchc-bench-word-'));
try {
  const sample = await sampleTables();
  const store = join(dir, 'cchc.xlsx');
  // Every task in one plan: the appendix of 10,000 tasks.
  const plan = String(sample['plans']![0]!['code']);
  await new XlsxStore(store).create({ ...sample, tasks: manyTasks(sample['tasks']!, TASKS).map((t) => ({ ...t, plan })) });
  const figures = new Figures();
  const at = ['--store', store, '--force', '--plan', plan];
  for (let round = 0; round < ROUNDS; round++) {
    figures.add('export .xlsx (no Word)', await run([BINS[0]!, 'export', '--out', join(dir, 'a.xlsx'), ...at]));
    figures.add(
      'metrics --json (the report, no Word)',
      await run([BINS[0]!, 'metrics', '--json', '--period', '2026-H1', '--store', store]),
    );
    for (const [n, bin] of BINS.entries()) {
      const name = n === 0 ? 'this build' : bin;
      figures.add(`${name}: export .docx`, await run([bin, 'export', '--out', join(dir, `a-${n}.docx`), ...at]));
      figures.add(
        `${name}: report .docx`,
        await run([bin, 'report', '--period', '2026-H1', '--out', join(dir, `r-${n}.docx`), '--store', store, '--force']),
      );
    }
  }
  console.log(`${TASKS.toLocaleString('en')} tasks, ${ROUNDS} rounds, medians (min–max):`);
  figures.print();
} finally {
  await rm(dir, { recursive: true, force: true });
}
