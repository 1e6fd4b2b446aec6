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
import { spawnSync } from 'node:child_process';
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { catalogFromTables } from '../core/index';
import { writeAppendix } from '../sync/excel/appendix-file';
import { sampleTables } from '../sync/samples/sample-tables';
import { BINS, Figures, ROUNDS, runMeasured as run } from './process-figures';

const TASKS = 10_000;

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

  const figures = new Figures();
  const floor = 'floor: bare exceljs load of the appendix';
  for (let round = 0; round < ROUNDS; round++) {
    figures.add(floor, await run(['-e', floorScript]));
    for (const [n, { bin, empty, full }] of stores.entries()) {
      const name = n === 0 ? 'this build' : bin;
      const work = join(dir, `work-${n}.xlsx`);
      figures.add(`${name}: import --dry-run (empty store)`, await run([bin, 'import', first, '--store', empty, '--dry-run']));
      await copyFile(empty, work);
      figures.add(`${name}: first import (empty store)`, await run([bin, 'import', first, '--store', work]));
      await rm(`${work}.versions`, { recursive: true, force: true });
      await copyFile(full, work);
      const reimport = await run([bin, 'import', again, '--store', work]);
      if (!reimport.out.includes('Đã ghi')) throw new Error(`re-import wrote nothing:\n${reimport.out}`);
      figures.add(`${name}: re-import, every task changed`, reimport);
      await rm(`${work}.versions`, { recursive: true, force: true });
    }
  }
  console.log(`${TASKS.toLocaleString('en')} tasks, ${ROUNDS} rounds, medians (min–max):`);
  figures.print(floor);
} finally {
  await rm(dir, { recursive: true, force: true });
}
