/**
 * Validation of a 10,000-task catalog (goal: under 200 ms on a 2-core machine)
 * and deadline-parsing throughput. Input is generated from the sample appendices,
 * so unit and deadline phrases are the real ones.
 */
import { performance } from 'node:perf_hooks';
import { catalogFromTables, parseDeadline, UnitRegistry, validateCatalog, validateTasksTab, type Row } from '../core/index';
import { sampleTables } from '../sync/samples/sample-tables';
import { manyTasks } from '../test/fixtures/many-tasks';

const TASKS = 10_000;
const tables = await sampleTables();
const sample = tables['tasks']!;
const rows: Row[] = manyTasks(sample, TASKS);

function time(label: string, runs: number, fn: () => void): number {
  fn(); // warm-up: JIT and caches
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)]!;
  console.log(`${label}: median ${median.toFixed(1)} ms over ${runs} runs (min ${times[0]!.toFixed(1)} ms)`);
  return median;
}

let issues = 0;
const decoded = catalogFromTables({ ...tables, tasks: rows });
// A fresh registry each run, so unit look-ups start cold, as they do per command.
time(`validate ${TASKS.toLocaleString('en')} decoded tasks (rules only)`, 20, () => {
  const registry = UnitRegistry.withStandard(decoded.units);
  issues = validateCatalog({ tasks: decoded.tasks, plans: decoded.plans, registry, defaultYear: 2026 }).length;
});
console.log(`  (${issues} issues found)`);
time(`decode rows + validate ${TASKS.toLocaleString('en')} tasks`, 20, () => {
  validateTasksTab(catalogFromTables({ ...tables, tasks: rows }));
});

const phrases = sample.map((r) => String(r['deadline']));
const PARSES = 100_000;
const ms = time(`parse ${PARSES.toLocaleString('en')} deadline phrases`, 5, () => {
  for (let i = 0; i < PARSES; i++) parseDeadline(phrases[i % phrases.length]!, 2026);
});
console.log(`  ≈ ${Math.round(PARSES / (ms / 1000)).toLocaleString('en')} phrases/s`);
