/**
 * `cchc sync push` of one changed cell at 5,000 tasks, against the floor: a bare
 * client (Google's own, in a process of its own) reading one range and writing
 * one cell. Both run as real processes against the Sheets emulator in this
 * process over HTTP, so their CPU is theirs alone (user + system, taken at exit);
 * requests and the bytes they read (API responses and, for the push, the sync
 * base on disk) are counted by the emulator. Rounds alternate push and floor.
 * CCHC_BENCH_VS=<path of another build's bin/cchc.mjs> (e.g. an older commit's)
 * pushes with it too, in the same rounds, for a side-by-side figure.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TASKS_TAB } from '../core/index';
import { sampleTables } from '../sync/samples/sample-tables';
import { syncStatePath } from '../sync/store/sync-base';
import { XlsxStore } from '../sync/store/xlsx-store';
import { manyTasks } from '../test/fixtures/many-tasks';
import { startSheetsEmulator } from '../test/sheets-emulator';

const TASKS = 5_000;
const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ROUNDS = Number(process.env['CCHC_BENCH_ROUNDS'] ?? 5);
const BINS = [
  fileURLToPath(new URL('../bin/cchc.mjs', import.meta.url)),
  ...(process.env['CCHC_BENCH_VS'] ? [process.env['CCHC_BENCH_VS']] : []),
];
const CPU_HOOK = fileURLToPath(new URL('./cpu-at-exit.mjs', import.meta.url));

/** A process's CPU seconds (user + system), as it measured itself at exit. */
async function run(args: string[], env: Record<string, string>): Promise<{ cpu: number; code: number; out: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'cchc-bench-cpu-'));
  const file = join(dir, 'cpu.json');
  const child = spawn(process.execPath, ['--import', CPU_HOOK, ...args], {
    env: { ...process.env, ...env, CCHC_BENCH_CPU_FILE: file },
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const code = await new Promise<number>((resolve) => child.on('close', (c) => resolve(c ?? -1)));
  const { user, system } = JSON.parse(await readFile(file, 'utf8')) as { user: number; system: number };
  await rm(dir, { recursive: true, force: true });
  return { cpu: (user + system) / 1e6, code, out };
}

const emu = await startSheetsEmulator();
const env = { CCHC_SHEETS_API_URL: emu.url, CCHC_GOOGLE_ACCESS_TOKEN: 'bench' };
const dir = await mkdtemp(join(tmpdir(), 'cchc-bench-push-'));
try {
  const sample = await sampleTables();
  const tasks = manyTasks(sample['tasks']!, TASKS);
  // Each build its own workbook, sheet and sync base (an older build may keep its base differently).
  const figures = [];
  for (const [n, bin] of BINS.entries()) {
    const path = join(dir, `cchc-${n}.xlsx`);
    const local = new XlsxStore(path);
    await local.create({ ...sample, tasks });
    const id = emu.createSpreadsheet('bench');
    const first = await run([bin, 'sync', 'push', '--sheet', id, '--store', path], env);
    if (first.code !== 0) throw new Error(first.out);
    figures.push({ bin, path, local, id, cpu: [] as number[], requests: 0, bytes: 0, baseBytes: 0 });
  }
  const id = figures[0]!.id;
  const status = TASKS_TAB.columns.findIndex((c) => c.key === 'status');
  const letter = String.fromCharCode(65 + status);
  const floorScript = join(dir, 'floor.mjs');
  const sheetsModule = fileURLToPath(new URL('../node_modules/@googleapis/sheets/build/index.js', import.meta.url));
  // The floor: Google's client reading the task column and writing one cell, nothing else.
  await writeFile(
    floorScript,
    `import { createRequire } from 'node:module';
const { sheets, auth } = createRequire(import.meta.url)(${JSON.stringify(sheetsModule)});
const client = new auth.OAuth2();
client.setCredentials({ access_token: 'bench' });
const api = sheets({ version: 'v4', auth: client, rootUrl: process.env.CCHC_SHEETS_API_URL + '/' });
const range = "'${TASKS_TAB.name}'!${letter}2:${letter}${TASKS + 1}";
const got = await api.spreadsheets.values.get({ spreadsheetId: '${id}', range });
await api.spreadsheets.values.update({ spreadsheetId: '${id}', range: "'${TASKS_TAB.name}'!${letter}${TASKS + 1}", valueInputOption: 'RAW', requestBody: { values: [[String(got.data.values.length)]] } });
`,
  );
  const floor: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const figure of figures) {
      // One cell changed locally (outside the measure): a task's status.
      const { local, path } = figure;
      const rows = (await local.read())['tasks']!;
      const value = round % 2 ? 'Hoàn thành' : 'Đang thực hiện';
      await local.write({ tasks: rows.map((t, i) => (i === 4_321 ? { ...t, status: value } : t)) });
      const statePath = await syncStatePath(path, figure.id);
      figure.baseBytes =
        (await stat(statePath)).size +
        (await stat(`${statePath}.log`).then(
          (s) => s.size,
          () => 0,
        ));
      emu.resetCounts();
      const pushed = await run([figure.bin, 'sync', 'push', '--sheet', figure.id, '--store', path], env);
      if (pushed.code !== 0 || !pushed.out.includes('cập nhật 1 ô')) throw new Error(pushed.out);
      const counts = emu.counts();
      figure.requests = counts.total;
      figure.bytes = counts.bytesReceived;
      figure.cpu.push(pushed.cpu);
    }
    emu.resetCounts();
    const bare = await run([floorScript], env);
    if (bare.code !== 0) throw new Error(bare.out);
    floor.push(bare.cpu);
  }
  console.log(
    `push one cell at ${TASKS.toLocaleString('en')} rows, ${ROUNDS} rounds; bare client: CPU median ${median(floor).toFixed(2)} s, 2 requests`,
  );
  for (const f of figures) {
    const ratios = f.cpu.map((p, i) => p / floor[i]!);
    console.log(
      `  ${f.bin === BINS[0] ? 'this build' : f.bin}: ${f.requests} requests; read ${(f.bytes / 1e6).toFixed(2)} MB from the API + ` +
        `${(f.baseBytes / 1e6).toFixed(2)} MB of sync base; CPU median ${median(f.cpu).toFixed(2)} s, ` +
        `${median(ratios).toFixed(1)}× the bare client (min ${Math.min(...ratios).toFixed(1)}, max ${Math.max(...ratios).toFixed(1)})`,
    );
  }
} finally {
  await emu.close();
  await rm(dir, { recursive: true, force: true });
}
