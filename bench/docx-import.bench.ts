/**
 * Importing a 500-task Word appendix (the exported plan format: sections, a header
 * repeated on every page, leads merged over runs of tasks): time, against the same
 * tasks as an .xlsx, and the peak memory of a process that only reads it.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { strFromU8, unzipSync } from 'fflate';
import { SaxesParser } from 'saxes';
import { readAppendix } from '../test/helpers/appendix-reader';
import { writeAppendix } from '../sync/excel/appendix-file';
import { appendixDocxBytes } from '../sync/word/appendix-docx';
import { median } from './median';
import { BENCH_PLAN, syntheticTasks } from './synthetic-plan';

const TASKS = 500;
/** Set in the child process that measures one read's peak memory on its own. */
const READ_ONCE = 'CCHC_BENCH_READ_ONCE';

const once = process.env[READ_ONCE];
if (once) {
  const baseline = process.resourceUsage().maxRSS;
  const start = performance.now();
  const appendix = await readAppendix(once);
  console.log(
    JSON.stringify({
      ms: performance.now() - start,
      tasks: appendix.tasks.length,
      baselineKb: baseline,
      peakKb: process.resourceUsage().maxRSS,
    }),
  );
} else {
  const dir = await mkdtemp(join(tmpdir(), 'cchc-bench-'));
  const docx = join(dir, 'phu-luc-500.docx');
  const xlsx = join(dir, 'phu-luc-500.xlsx');
  // Runs of ten tasks per lead, so the Word table holds the vertical merges plans have.
  const tasks = await syntheticTasks(TASKS, { sections: 5, leadRun: 10 });
  await writeFile(docx, await appendixDocxBytes(BENCH_PLAN, tasks));
  await writeAppendix(xlsx, BENCH_PLAN, tasks);

  let found = 0;
  const word = await median(5, async () => {
    found = (await readAppendix(docx)).tasks.length;
  });
  const excel = await median(5, async () => {
    await readAppendix(xlsx);
  });
  // The floor: unzip the document part and run the SAX parser over it, nothing built.
  const bytes = await readFile(docx);
  const bare = await median(5, async () => {
    const part = unzipSync(bytes, { filter: (f) => f.name === 'word/document.xml' })['word/document.xml']!;
    new SaxesParser().write(strFromU8(part)).close();
  });
  const child = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url)], {
    env: { ...process.env, [READ_ONCE]: docx },
    encoding: 'utf8',
  });
  const alone = JSON.parse(child.stdout.trim().split('\n').pop()!) as { ms: number; baselineKb: number; peakKb: number };
  console.log(`Word appendix of ${found} tasks: read + parse median ${word.toFixed(0)} ms (same tasks as .xlsx: ${excel.toFixed(0)} ms)`);
  console.log(`bare unzip + SAX parse of the document: median ${bare.toFixed(0)} ms; read + parse ÷ bare: ${(word / bare).toFixed(2)}×`);
  console.log(
    `one read in a fresh process: ${alone.ms.toFixed(0)} ms, peak RSS ${(alone.peakKb / 1024).toFixed(0)} MB (${((alone.peakKb - alone.baselineKb) / 1024).toFixed(0)} MB over the process at start)`,
  );
  await rm(dir, { recursive: true, force: true });
}
