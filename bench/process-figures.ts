/**
 * A command run as a process of its own that reports its own CPU (user + system, at exit: cpu-at-exit.mjs) and peak
 * resident memory (peak-rss.mjs), and the medians of several runs.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HOOKS = ['./cpu-at-exit.mjs', './peak-rss.mjs'].flatMap((hook) => ['--import', fileURLToPath(new URL(hook, import.meta.url))]);
export const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Rounds a benchmark runs (CCHC_BENCH_ROUNDS, default 3). */
export const ROUNDS = Number(process.env['CCHC_BENCH_ROUNDS'] ?? 3);

/** This build's `cchc`, then another build's (CCHC_BENCH_VS, e.g. an older commit's) run in the same rounds, side by side. */
export const BINS = [
  fileURLToPath(new URL('../bin/cchc.mjs', import.meta.url)),
  ...(process.env['CCHC_BENCH_VS'] ? [process.env['CCHC_BENCH_VS']] : []),
];

/** `node ARGS`: its CPU seconds and peak RSS (MB), as it measured itself at exit; a failed run throws. */
export async function runMeasured(args: string[]): Promise<{ cpu: number; peak: number; out: string }> {
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

/** Figures gathered by label over rounds, printed as medians (min–max), CPU also as a multiple of `floor`'s. */
export class Figures {
  private readonly byLabel = new Map<string, { cpu: number[]; peak: number[] }>();

  add(label: string, run: { cpu: number; peak: number }): void {
    const f = this.byLabel.get(label) ?? { cpu: [], peak: [] };
    f.cpu.push(run.cpu);
    f.peak.push(run.peak);
    this.byLabel.set(label, f);
  }

  print(floor?: string): void {
    const base = floor ? median(this.byLabel.get(floor)!.cpu) : undefined;
    for (const [label, f] of this.byLabel) {
      const cpu = `${median(f.cpu).toFixed(2)} s CPU (${Math.min(...f.cpu).toFixed(2)}–${Math.max(...f.cpu).toFixed(2)})`;
      const times = base ? `, ${(median(f.cpu) / base).toFixed(2)}× floor` : '';
      console.log(`${label}: ${cpu}${times}, peak RSS ${median(f.peak)} MB (${Math.min(...f.peak)}–${Math.max(...f.peak)})`);
    }
  }
}
