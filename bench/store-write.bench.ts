/**
 * `cchc import` of a 10,000-task appendix as whole processes, against the floor: a bare exceljs load of the same
 * file (`new ExcelJS.Workbook().xlsx.readFile`, in a process of its own). Each process reports its own CPU (user +
 * system, at exit: cpu-at-exit.mjs) and peak resident memory (peak-rss.mjs). Three imports: a dry run into an empty
 * store, the first import (an empty store written with 10,000 tasks) and a re-import of the appendix with every
 * task's product changed into a store holding them (the store copied fresh for each run). Goals (issue 27): peak
 * ≤ 300 MB, CPU ≤ 2× the floor. Rounds alternate the runs; medians printed.
 * CCHC_BENCH_VS=<path of another build's bin/cchc.mjs> (e.g. an older commit's) runs its imports too, in the same
 * rounds, for a side-by-side figure.
 */
import { spawn, spawnSync } from 'node:child_process';
import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { catalogFromTables } from '../core/index';
import { writeAppendix } from '../sync/excel/appendix-file';
import { sampleTables } from '../sync/samples/sample-tables';

const TASKS = 10_000;
const ROUNDS = Number(process.env['CCHC_BENCH_ROUNDS'] ?? 3);
const BINS = [
  fileURLToPath(new URL('../bin/cchc.mjs', import.meta.url)),
  ...(process.env['CCHC_BENCH_VS'] ? [process.env['CCHC_BENCH_VS']] : []),
];
const HOOKS = ['./cpu-at-exit.mjs', './peak-rss.mjs'].flatMap((hook) => ['--import', fileURLToPath(new URL(hook, import.meta.url))]);
const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** A process's CPU seconds and peak RSS (MB), as it measured itself at exit. */
async function run(args: string[]): Promise<{ cpu: number; peak: number; out: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'cchc-bench-cpu-'));
  const file = join(dir, 'cpu.json');
  const child = spawn(process.execPath, [...HOOKS, ...args], { env: { ...process.env, CCHC_BENCH_CPU_FILE: file } });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const code = await new Promise<number>((resolve) => child.on('close', (c) => resolve(c ?? -1)));
  if (code !== 0) throw new Error(`${args.join(' ')}: exit ${code}\n${out}`);
  const { user, system } = JSON.parse(await readFile(file, 'utf8')) as { user: number; system: number };
  await rm(dir, { recursive: true, force: true });
  return { cpu: (user + system) / 1e6, peak: Number(/PEAK_RSS_MB=(\d+)/.exec(out)?.[1]), out };
}

const dir = await mkdtemp(join(tmpdir(), 'cchc-bench-store-write-'));
try {
  const sample = catalogFromTables(await sampleTables()).tasks.map((t) => t.item);
  const appendix = async (path: string, product: (i: number) => string): Promise<void> => {
    const tasks = Array.from({ length: TASKS }, (_, i) => {
      const t = sample[i % sample.length]!;
      const section = ['I', 'II', 'III', 'IV'][Math.floor((i * 4) / TASKS)]!;
      return { ...t, id: `NV-${i}`, stt: String(i + 1), title: `${t.title} (${i + 1})`, product: product(i), section };
    });
    await writeAppendix(path, { code: '99/KH-UBND', title: 'Kế hoạch thử', date: '2026-01-05', ward: 'Thử', year: 2026 }, tasks);
  };
  const first = join(dir, 'phu-luc.xlsx');
  const again = join(dir, 'phu-luc-sua.xlsx');
  await appendix(first, (i) => `Báo cáo kết quả ${i + 1}`);
  await appendix(again, (i) => `Báo cáo kết quả ${i + 1} (bản sửa)`);
  const exceljs = createRequire(import.meta.url).resolve('exceljs');
  const floorScript = `new (require(${JSON.stringify(exceljs)}).Workbook)().xlsx.readFile(${JSON.stringify(first)});`;

  // Per build: an empty store, and one holding the first appendix (the re-import's starting point).
  const stores = BINS.map((bin, n) => {
    const empty = join(dir, `empty-${n}.xlsx`);
    const full = join(dir, `full-${n}.xlsx`);
    for (const store of [empty, full]) spawnSync(process.execPath, [bin, 'init', '--store', store]);
    spawnSync(process.execPath, [bin, 'import', first, '--store', full]);
    return { bin, empty, full };
  });

  const figures = new Map<string, { cpu: number[]; peak: number[] }>();
  const add = (label: string, r: { cpu: number; peak: number }): void => {
    const f = figures.get(label) ?? { cpu: [], peak: [] };
    f.cpu.push(r.cpu);
    f.peak.push(r.peak);
    figures.set(label, f);
  };
  for (let round = 0; round < ROUNDS; round++) {
    add('floor: bare exceljs load of the appendix', await run(['-e', floorScript]));
    for (const [n, { bin, empty, full }] of stores.entries()) {
      const name = n === 0 ? 'this build' : bin;
      const work = join(dir, `work-${n}.xlsx`);
      add(`${name}: import --dry-run (empty store)`, await run([bin, 'import', first, '--store', empty, '--dry-run']));
      await copyFile(empty, work);
      add(`${name}: first import (empty store)`, await run([bin, 'import', first, '--store', work]));
      await rm(`${work}.versions`, { recursive: true, force: true });
      await copyFile(full, work);
      const reimport = await run([bin, 'import', again, '--store', work]);
      if (!reimport.out.includes('Đã ghi')) throw new Error(`re-import wrote nothing:\n${reimport.out}`);
      add(`${name}: re-import, every task changed`, reimport);
      await rm(`${work}.versions`, { recursive: true, force: true });
    }
  }
  const floor = median(figures.values().next().value!.cpu);
  console.log(`${TASKS.toLocaleString('en')} tasks, ${ROUNDS} rounds, medians (min–max):`);
  for (const [label, f] of figures) {
    const cpu = `${median(f.cpu).toFixed(2)} s CPU (${Math.min(...f.cpu).toFixed(2)}–${Math.max(...f.cpu).toFixed(2)})`;
    console.log(
      `${label}: ${cpu}, ${(median(f.cpu) / floor).toFixed(2)}× floor, peak RSS ${median(f.peak)} MB (${Math.min(...f.peak)}–${Math.max(...f.peak)})`,
    );
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
