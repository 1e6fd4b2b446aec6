/**
 * Importing a 10,000-task appendix: time relative to exceljs merely loading the
 * same file (goal ≤ 1.5×), and peak memory.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { locateTable, planTable } from '../core/index';
import { readAppendix } from '../test/helpers/appendix-reader';
import { readGrids } from '../sync/excel/read-grids';
import { writeAppendix } from '../sync/excel/appendix-file';
import { median } from './median';
import { BENCH_PLAN, syntheticTasks } from './synthetic-plan';

const TASKS = 10_000;
const dir = await mkdtemp(join(tmpdir(), 'cchc-bench-'));
const path = join(dir, 'phu-luc-10000.xlsx');
await writeAppendix(path, BENCH_PLAN, await syntheticTasks(TASKS, { sections: 4 }));

const load = await median(5, async () => {
  await new ExcelJS.Workbook().xlsx.readFile(path);
});
const read = await median(5, async () => {
  await readAppendix(path);
});
let found = 0;
// The command's own path: the file's grids, the table found, then planned against an empty store.
const full = await median(5, async () => {
  const located = locateTable({ file: path, sheets: await readGrids(path) });
  if ('ok' in located) throw new Error(located.message);
  const plan = planTable({ file: path, tables: {} }, located);
  if (!plan.ok) throw new Error(plan.message);
  found = plan.writes()['tasks']!.length;
});
console.log(`exceljs load only: median ${load.toFixed(0)} ms`);
console.log(`read + parse appendix: median ${read.toFixed(0)} ms (${(read / load).toFixed(2)}× load)`);
console.log(
  `full import (read, find, parse, validate, merge, the store's rows) of ${found.toLocaleString('en')} tasks: median ${full.toFixed(0)} ms`,
);
console.log(`ratio: ${(full / load).toFixed(2)}× (goal ≤ 1.5×)`);
console.log(`peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
await rm(dir, { recursive: true, force: true });
