/**
 * The Apps Script bundle: its size (Apps Script parses it on every menu click and
 * every onEdit) and each handler's time on a ward of 5,000 tasks and 60 units with
 * emails, run on the built bundle against the strict fakes (test/apps-script/fakes.ts).
 * Figures are this machine's V8; Apps Script's V8 and its service calls are slower.
 */
import { performance } from 'node:perf_hooks';
import vm from 'node:vm';
import { buildBundle } from '../apps-script/build';
import { gridsFrom, load, wardTables } from '../test/apps-script/gas';

const code = await buildBundle();
const bytes = Buffer.byteLength(code, 'utf8');
const parse = (() => {
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    vm.runInContext(code, vm.createContext({}));
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[2]!;
})();
console.log(`bundle: ${(bytes / 1024).toFixed(0)} KB, loaded in ${parse.toFixed(0)} ms (median of 5)`);

const grids = gridsFrom(await wardTables(5000, 60));
const copy = () => Object.fromEntries(Object.entries(grids).map(([name, rows]) => [name, rows.map((r) => [...r])]));

function time(label: string, prepare: (gas: ReturnType<typeof load>) => void, run: (gas: ReturnType<typeof load>) => void, runs = 3): void {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const gas = load(code, copy());
    prepare(gas);
    const start = performance.now();
    run(gas);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  console.log(`${label}: median ${times[Math.floor(runs / 2)]!.toFixed(0)} ms over ${runs} runs`);
}

const none = () => undefined;
const tasks = (gas: ReturnType<typeof load>) => gas.sheet('Nhiệm vụ')!;
time('cchcSetup (fresh spreadsheet)', none, (gas) => {
  for (const name of gas.sheetNames())
    gas.spreadsheet.sheets.splice(
      gas.spreadsheet.sheets.findIndex((s) => s.getName() === name),
      1,
    );
  gas.call('cchcSetup');
});
time('cchcValidate', none, (gas) => gas.call('cchcValidate'));
time(
  'cchcClearMarks',
  (gas) => gas.call('cchcValidate'),
  (gas) => gas.call('cchcClearMarks'),
);
time('cchcUpdateDeadlines', none, (gas) => gas.call('cchcUpdateDeadlines'));
time('cchcDashboard', none, (gas) => gas.call('cchcDashboard'));
time('cchcIndex', none, (gas) => gas.call('cchcIndex'));
time('cchcReminders (preview + first 50 emails)', none, (gas) => gas.call('cchcReminders'));
time(
  'cchcContinueReminders (last 10 emails)',
  (gas) => gas.call('cchcReminders'),
  (gas) => gas.call('cchcContinueReminders'),
);
time('onEdit (a 50-row paste)', none, (gas) =>
  gas.simple('onEdit', { source: gas.spreadsheet, range: tasks(gas).getRange(100, 1, 50, 17) }),
);

/** What one onEdit reads and costs at a ward's size: cells read, service calls, simulated time (the fakes' costs). */
async function editCost(taskCount: number, rows: number): Promise<string> {
  const gas = load(code, gridsFrom(await wardTables(taskCount, 60)));
  const progress = 1 + gas.sheet('Nhiệm vụ')!.values[0]!.indexOf('Tiến độ (%)');
  const read = gas.spreadsheet.counts.cellsRead;
  const calls = [...gas.calls.values()].reduce((a, b) => a + b, 0);
  gas.simple('onEdit', {
    source: gas.spreadsheet,
    range: tasks(gas).getRange(taskCount / 2, rows === 1 ? progress : 1, rows, rows === 1 ? 1 : 17),
  });
  const spent = [...gas.calls.values()].reduce((a, b) => a + b, 0) - calls;
  return `${gas.spreadsheet.counts.cellsRead - read} cells read, ${spent} calls, ${(gas.executions.at(-1)!.millis! / 1000).toFixed(1)} s simulated`;
}
for (const taskCount of [500, 5000])
  for (const rows of [1, 50])
    console.log(`onEdit at ${taskCount} tasks, ${rows === 1 ? 'one cell' : `a ${rows}-row paste`}: ${await editCost(taskCount, rows)}`);
