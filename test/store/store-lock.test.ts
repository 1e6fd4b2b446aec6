/**
 * Two commands writing one store at once, as real processes (the real binary, through
 * cchcSpawn: the point is separate processes; the kill loop on the lock itself is in the reliability suite). Whatever the
 * interleaving, a command that exits 0 has its work in the store; the other
 * waits, or stops with exit 2 and says so. And a lock left by a killed process
 * does not block anyone.
 */
import { spawn } from 'node:child_process';
import { utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { XlsxStore } from '../../sync/store/xlsx-store';
import { initialTables } from '../../sync/store/initial-tables';
import { cchcSpawn, type CliResult } from '../helpers/cli';
import { useTempDir } from '../helpers/tmp';

const tempDir = useTempDir();
const BIN = fileURLToPath(new URL('../../bin/cchc.mjs', import.meta.url));
const SAMPLES = fileURLToPath(new URL('../../templates/samples/', import.meta.url));

const cchcProcess = (args: readonly string[]): Promise<CliResult> => cchcSpawn(args, { env: { CCHC_LOCK_WAIT_MS: '20000' } });

const APPENDICES: [string, string][] = [
  ['phu-luc-nhi-chieu-2026.xlsx', '158/KH-UBND'],
  ['phu-luc-an-tuong-2026.xlsx', '2/KH-UBND'],
];
const importArgs = ([file, plan]: [string, string], store: string): string[] => [
  'import',
  join(SAMPLES, file),
  '--plan',
  plan,
  '--store',
  store,
];

describe('store lock', () => {
  // Once here; the reliability suite runs it again and again ("two imports at once into one store").
  it('two imports at once into one store both land: the second, finding the store changed under it, plans again (real processes)', async () => {
    const store = join(await tempDir(), 'cchc.xlsx');
    await new XlsxStore(store).create(initialTables());
    const results = await Promise.all(APPENDICES.map((appendix) => cchcProcess(importArgs(appendix, store))));
    for (const result of results) {
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
    }
    const plans = ((await new XlsxStore(store).read())['plans'] ?? []).map((p) => String(p['code']));
    expect(plans.sort()).toEqual(APPENDICES.map(([, plan]) => plan).sort());
  });

  it('a lock left by a killed process is stale and removed; a live one makes the second writer wait, then exit 2', async () => {
    const dir = await tempDir();
    const store = join(dir, 'cchc.xlsx');
    await new XlsxStore(store).create(initialTables());
    // A dead owner (no such process) on this host.
    await writeFile(
      `${store}.lock`,
      JSON.stringify({
        pid: 2 ** 22 + 12345,
        host: (await import('node:os')).hostname(),
        command: 'import',
        startedAt: new Date().toISOString(),
      }),
    );
    const after = await cchcProcess(importArgs(APPENDICES[0]!, store));
    expect(after.stderr).toBe('');
    expect(after.code).toBe(0);
    // A live owner (this test process): the writer waits CCHC_LOCK_WAIT_MS, then stops.
    await writeFile(
      `${store}.lock`,
      JSON.stringify({
        pid: process.pid,
        host: (await import('node:os')).hostname(),
        command: 'test',
        startedAt: new Date().toISOString(),
      }),
    );
    const blocked = await new Promise<CliResult>((resolve) => {
      const child = spawn(process.execPath, [BIN, ...importArgs(APPENDICES[1]!, store)], {
        env: { ...process.env, CCHC_LOCK_WAIT_MS: '300' },
      });
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
      child.on('close', (code) => resolve({ code: code ?? -1, stdout: '', stderr }));
    });
    expect(blocked.code).toBe(2);
    expect(blocked.stderr).toContain('đang được một lệnh khác ghi');
    expect(blocked.stderr).toContain('[STORE_LOCKED]');
    expect((await new XlsxStore(store).read())['plans']).toHaveLength(1);
  });

  it('an empty or unreadable lock (a writer killed as it made it) is stale after a few seconds, not never', async () => {
    const dir = await tempDir();
    const store = join(dir, 'cchc.xlsx');
    await new XlsxStore(store).create(initialTables());
    // Eleven minutes old and empty: the QA case.
    await writeFile(`${store}.lock`, '');
    const old = new Date(Date.now() - 11 * 60 * 1000);
    await utimes(`${store}.lock`, old, old);
    const first = await cchcProcess(importArgs(APPENDICES[0]!, store));
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    // Just made, and not a lock's content: waited out for the grace, then taken.
    await writeFile(`${store}.lock`, '{}');
    const second = await cchcProcess(importArgs(APPENDICES[1]!, store));
    expect(second.stderr).toBe('');
    expect(second.code).toBe(0);
    expect((await new XlsxStore(store).read())['plans']).toHaveLength(2);
  });
});
