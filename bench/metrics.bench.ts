/** Every metric over 100,000 meeting rows and 10,000 tasks, from plain rows (goal: under 300 ms). */
import { performance } from 'node:perf_hooks';
import { computeMetrics, parsePeriod, type Row } from '../core/index';
import { sampleTables } from '../sync/samples/sample-tables';

const tables = await sampleTables();
const sampleTasks = tables['tasks']!;
const sampleMeetings = tables['meetings']!;
const tasks: Row[] = Array.from({ length: 10_000 }, (_, i) => ({
  ...sampleTasks[i % sampleTasks.length]!,
  id: `NV-${i}`,
  stt: String(i + 1),
}));
const meetings: Row[] = Array.from({ length: 100_000 }, (_, i) => {
  const m = sampleMeetings[i % sampleMeetings.length]!;
  return { ...m, date: `2026-${String((i % 11) + 1).padStart(2, '0')}-${String((i % 27) + 1).padStart(2, '0')}` };
});
const input = { ...tables, tasks, meetings };
const period = parsePeriod('2026')!;

computeMetrics(input, { period, today: '2026-11-23' });
const times: number[] = [];
for (let i = 0; i < 7; i++) {
  const start = performance.now();
  computeMetrics(input, { period, today: '2026-11-23' });
  times.push(performance.now() - start);
}
times.sort((a, b) => a - b);
console.log(`metrics over 100,000 meetings + 10,000 tasks: median ${times[3]!.toFixed(0)} ms (min ${times[0]!.toFixed(0)} ms)`);

// The same 100,000 meetings in a local store, through `cchc metrics` as a process of its own (goal: peak ≤ 300 MB).
// The store holds them past its write limit (12,000 rows a tab), so they are written with exceljs directly.
{
  const { spawnSync } = await import('node:child_process');
  const { mkdtemp, rm } = await import('node:fs/promises');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { fileURLToPath } = await import('node:url');
  const { default: ExcelJS } = await import('exceljs');
  const { MEETINGS_TAB } = await import('../core/index');
  const { XlsxStore } = await import('../sync/store/xlsx-store');
  const dir = await mkdtemp(join(tmpdir(), 'cchc-bench-metrics-'));
  try {
    const store = join(dir, 'cchc.xlsx');
    await new XlsxStore(store).create(tables);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(store);
    const sheet = workbook.getWorksheet(MEETINGS_TAB.name)!;
    for (const m of meetings) {
      sheet.addRow(MEETINGS_TAB.columns.map((c) => (c.key === 'date' ? new Date(`${String(m['date'])}T00:00:00Z`) : (m[c.key] ?? null))));
    }
    await workbook.xlsx.writeFile(store);
    const bin = fileURLToPath(new URL('../bin/cchc.mjs', import.meta.url));
    const start = Date.now();
    const run = spawnSync(
      process.execPath,
      ['--import', './bench/peak-rss.mjs', bin, 'metrics', '--json', '--period', '2026', '--store', store],
      {
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    const peak = `${run.stdout}${run.stderr}`.match(/PEAK_RSS_MB=(\d+)/)?.[1];
    console.log(
      `cchc metrics over a store of 100,000 meetings: exit ${run.status}, ${((Date.now() - start) / 1000).toFixed(1)} s, peak RSS ${peak ?? '?'} MB`,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
