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
