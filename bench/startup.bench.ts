/**
 * Start-up of the built CLI, measured side by side in one run (rounds interleaved, so a busy machine slows all alike):
 * `cchc --help` against `node -e 0` (goal ≤ 2×), and for each command the whole process against the same command's
 * own work: its first run in a process that has loaded every module beforehand (bench/startup-child.mjs). The
 * difference is start-up: Node itself, the CLI's modules and the packages the command needs (goal ≤ 150 ms).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin', 'cchc.mjs');
const ROUNDS = 9;

// The start-up of what the sources build now.
execFileSync(process.execPath, [join(ROOT, 'scripts', 'build-cli.mjs')], { stdio: 'inherit' });
const CHILD = fileURLToPath(new URL('./startup-child.mjs', import.meta.url));

const dir = await mkdtemp(join(tmpdir(), 'cchc-startup-'));
const store = join(dir, 'cchc.xlsx');
const plan = join(ROOT, 'templates', 'samples', 'phu-luc-nhi-chieu-2026.xlsx');
const cli = (args: string[]): void => {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
  if ((result.status ?? 2) > 1) throw new Error(`cchc ${args.join(' ')}: ${result.stderr}`);
};
cli(['init', '--store', store, '--ward', 'Phường Nhị Chiểu']);
cli(['import', plan, '--store', store]);
cli(['export', '--store', store, '--out', join(dir, 'ke-hoach.docx')]);

const commands: Record<string, string[]> = {
  '--help': ['--help'],
  validate: ['validate', '--store', store],
  'metrics --json': ['metrics', '--store', store, '--json', '--today', '20/06/2026'],
  'import .docx --dry-run': ['import', join(dir, 'ke-hoach.docx'), '--store', store, '--dry-run'],
  'export .xlsx': ['export', '--store', store, '--out', join(dir, 'phu-luc.xlsx'), '--force'],
  'report .docx': ['report', '--store', store, '--today', '20/06/2026', '--out', join(dir, 'bao-cao.docx'), '--force'],
};

const wall = (args: string[]): number => {
  const start = performance.now();
  const result = spawnSync(process.execPath, args, { stdio: 'ignore' });
  if (result.status === null || result.status > 1) throw new Error(`${args.join(' ')}: exit ${result.status}`);
  return performance.now() - start;
};

/** The command's own work: its first run in a process that has already loaded every module (startup-child.mjs). */
function ownWork(args: string[]): number {
  const result = spawnSync(process.execPath, [CHILD, ...args], { encoding: 'utf8' });
  const ms = Number(result.stdout.trim().split('\n').pop());
  if (!Number.isFinite(ms)) throw new Error(`startup-child ${args.join(' ')}: ${result.stderr}`);
  return ms;
}

const times = new Map<string, { process: number[]; work: number[] }>([['node -e 0', { process: [], work: [] }]]);
for (const name of Object.keys(commands)) times.set(name, { process: [], work: [] });
for (let round = 0; round < ROUNDS; round++) {
  times.get('node -e 0')!.process.push(wall(['-e', '0']));
  for (const [name, args] of Object.entries(commands)) {
    times.get(name)!.process.push(wall([BIN, ...args]));
    times.get(name)!.work.push(ownWork(args));
  }
}
await rm(dir, { recursive: true, force: true });

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const floor = median(times.get('node -e 0')!.process);
console.log(`Start-up, ${ROUNDS} interleaved rounds, medians (ms):`);
console.log('| command | process | own work | start-up | × node -e 0 |');
console.log('| --- | ---: | ---: | ---: | ---: |');
for (const [name, t] of times) {
  const whole = median(t.process);
  const work = name === 'node -e 0' ? 0 : median(t.work);
  console.log(`| ${name} | ${whole.toFixed(0)} | ${work.toFixed(0)} | ${(whole - work).toFixed(0)} | ${(whole / floor).toFixed(2)} |`);
}
const help = median(times.get('--help')!.process) / floor;
const worst = Math.max(...[...times].filter(([n]) => n !== 'node -e 0').map(([, t]) => median(t.process) - median(t.work)));
console.log(`Goals: cchc --help ${help.toFixed(2)}× node -e 0 (≤ 2×); largest start-up ${worst.toFixed(0)} ms (≤ 150 ms).`);
