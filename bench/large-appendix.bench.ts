/**
 * A 100,000-task appendix (and a zip bomb) through the real import path, each in
 * its own process so peak memory (max RSS) is the import's alone. Goal: under
 * 500 MB for the appendix, read and checked, and for a real import of it, which the
 * store refuses (STORE_MAX_ROWS); the bomb refused in well under a second of work.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { STORE_MAX_ROWS } from '../sync/store/xlsx-store';

const TASKS = Number(process.env['CCHC_BENCH_TASKS'] ?? 100_000);
const self = fileURLToPath(import.meta.url);
const bin = fileURLToPath(new URL('../bin/cchc.mjs', import.meta.url));

/** Runs a step in a fresh process; its last stdout line is JSON. */
function step(args: string[], options: { maxOldSpace?: number } = {}): { ms: number; out: string; code: number } {
  const start = Date.now();
  const flags = options.maxOldSpace ? [`--max-old-space-size=${options.maxOldSpace}`] : [];
  const result = spawnSync(process.execPath, [...flags, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { ms: Date.now() - start, out: `${result.stdout}${result.stderr}`, code: result.status ?? -1 };
}

if (process.argv[2] === 'make') {
  const { writeAppendix } = await import('../sync/excel/appendix-file');
  const { BENCH_PLAN, syntheticTasks } = await import('./synthetic-plan');
  await writeAppendix(process.argv[3]!, BENCH_PLAN, await syntheticTasks(TASKS, { sections: 4 }));
} else if (process.argv[2] === 'bomb') {
  const { writeZip, repeated, once } = await import('../test/fixtures/zip-file');
  const row = '<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row>';
  await writeZip(process.argv[3]!, [
    { name: '[Content_Types].xml', chunks: once('<Types/>') },
    { name: 'xl/workbook.xml', chunks: once('<workbook/>') },
    { name: 'xl/worksheets/sheet1.xml', chunks: () => repeated(row, 500 * 1024 * 1024), declaredSize: 4096 },
  ]);
} else {
  const dir = await mkdtemp(join(tmpdir(), 'cchc-bench-large-'));
  try {
    const appendix = join(dir, `phu-luc-${TASKS}.xlsx`);
    const bomb = join(dir, 'bom.xlsx');
    step(['--import', 'tsx', self, 'make', appendix], { maxOldSpace: 6000 });
    step(['--import', 'tsx', self, 'bomb', bomb]);
    const store = join(dir, 'cchc.xlsx');
    step([bin, 'init', '--store', store]);
    // /usr/bin/time is not everywhere; the child reports its own peak from /proc via CCHC_REPORT_MAXRSS.
    for (const [label, file, dryRun] of [
      [`import --dry-run of ${TASKS.toLocaleString('en')} tasks`, appendix, true],
      [
        `import of ${TASKS.toLocaleString('en')} tasks (past the store's ${STORE_MAX_ROWS.toLocaleString('en')} rows: refused)`,
        appendix,
        false,
      ],
      ['zip bomb (500 MB sheet, headers lying)', bomb, true],
    ] as const) {
      const run = step(['--import', './bench/peak-rss.mjs', bin, 'import', file, '--store', store, ...(dryRun ? ['--dry-run'] : [])]);
      const peak = run.out.match(/PEAK_RSS_MB=(\d+)/)?.[1];
      const error = run.out.match(/\[([A-Z_]+)\]/)?.[1];
      console.log(`${label}: exit ${run.code}${error ? ` [${error}]` : ''}, ${(run.ms / 1000).toFixed(1)} s, peak RSS ${peak ?? '?'} MB`);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
