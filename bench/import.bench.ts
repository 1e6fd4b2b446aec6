/**
 * Importing a 10,000-task appendix: time relative to exceljs merely loading the
 * same file (goal ≤ 1.5×), and peak memory.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { catalogFromTables, locateTable, planTable, type Task } from '../core/index';
import { sampleTables } from '../sync/samples/sample-tables';
import { readAppendix } from '../sync/excel/appendix-reader';
import { readGrids } from '../sync/excel/read-grids';
import { writeAppendix } from '../sync/excel/appendix-file';
import { median } from './median';

const TASKS = 10_000;
const dir = await mkdtemp(join(tmpdir(), 'cchc-bench-'));
const path = join(dir, 'phu-luc-10000.xlsx');
const sample = catalogFromTables(await sampleTables());
const base = sample.tasks.map((t) => t.item);
const tasks: Task[] = Array.from({ length: TASKS }, (_, i) => {
  const t = base[i % base.length]!;
  return {
    ...t,
    id: `NV-${i}`,
    stt: String(i + 1),
    title: `${t.title} (${i + 1})`,
    section: `${['I', 'II', 'III', 'IV'][Math.floor(i / 2500)]}`,
  };
});
await writeAppendix(path, { code: '99/KH-UBND', title: 'Kế hoạch thử', date: '2026-01-05', ward: 'Thử', year: 2026 }, tasks);

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
