/**
 * Runs `cchc` commands for tests. `cchcAsync` runs the command in this process through the same `runCli` the binary
 * calls, with stdout, stderr, the exit code, the working folder and the environment captured and restored (a command
 * pays no TypeScript start-up, so the suite stays fast). `cchcSpawn` runs the real binary in a child process, for
 * the smoke tests of the binary itself and for tests that need real concurrent processes.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { format } from 'node:util';
import { runCli } from '../../sync/cli/main';

const BIN = fileURLToPath(new URL('../../bin/cchc.mjs', import.meta.url));

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  cwd?: string;
  env?: Record<string, string | undefined>;
}

// Commands share the process's console, working folder and environment: run them one at a time.
let queue: Promise<unknown> = Promise.resolve();

export function cchcAsync(args: readonly string[], options: CliOptions = {}): Promise<CliResult> {
  const result = queue.then(() => runInProcess(args, options));
  queue = result.catch(() => undefined);
  return result;
}

async function runInProcess(args: readonly string[], options: CliOptions): Promise<CliResult> {
  const out: string[] = [];
  const err: string[] = [];
  const saved = {
    log: console.log,
    info: console.info,
    warn: console.warn,
    error: console.error,
    stdout: process.stdout.write,
    stderr: process.stderr.write,
    cwd: process.cwd(),
    env: Object.fromEntries(Object.keys(options.env ?? {}).map((k) => [k, process.env[k]])),
  };
  const sink =
    (to: string[]) =>
    (...parts: unknown[]): void => {
      to.push(`${format(...parts)}\n`);
    };
  const writer = (to: string[]) =>
    ((chunk: string | Uint8Array) => (
      to.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8')),
      true
    )) as typeof process.stdout.write;
  console.log = console.info = sink(out);
  console.warn = console.error = sink(err);
  process.stdout.write = writer(out);
  process.stderr.write = writer(err);
  setEnv(options.env ?? {});
  try {
    if (options.cwd) process.chdir(options.cwd);
    const code = await runCli(args);
    return { code, stdout: out.join(''), stderr: err.join('') };
  } finally {
    process.chdir(saved.cwd);
    setEnv(saved.env);
    Object.assign(console, { log: saved.log, info: saved.info, warn: saved.warn, error: saved.error });
    process.stdout.write = saved.stdout;
    process.stderr.write = saved.stderr;
  }
}

function setEnv(values: Record<string, string | undefined>): void {
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
}

/** The real binary in a child process. */
export function cchcSpawn(args: readonly string[], options: CliOptions = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: options.cwd, env: { ...process.env, ...options.env } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}
