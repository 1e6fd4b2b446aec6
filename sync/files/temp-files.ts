/**
 * The files a command makes for a moment (a durable write's temp, a version's copy, the store's lock) and their
 * removal on every way out. A temp is named after its writer's process id, so one a killed process left (kill -9,
 * a power cut) is known as nobody's and removed by the next write beside it. Ctrl-C and a polite kill (SIGINT,
 * SIGTERM; Windows' Ctrl-C reaches Node as SIGINT) are caught instead (bin.ts): the files this process made and
 * still holds are removed, then it exits. Only paths this process created itself (an exclusive create that succeeded) are ever tracked, so nothing not ours is removed.
 */
import { rmSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { isAlive } from './process-alive';

const TEMP_MARK = '.tmp-';

/** A temp file's name beside `target`, owned by this process (removeStaleTemps knows it by the process id). */
export const tempBeside = (target: string): string =>
  `${target}${TEMP_MARK}${process.pid}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** Temp files of `target` whose writer is gone (killed mid-write). */
export async function removeStaleTemps(target: string): Promise<void> {
  const prefix = `${basename(target)}${TEMP_MARK}`;
  const names = await readdir(dirname(target)).catch(() => [] as string[]);
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number(name.slice(prefix.length).split('-')[0]);
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && !isAlive(pid)) await rm(join(dirname(target), name), { force: true });
  }
}

/** Paths this process created and has not yet renamed away or removed, each with a check that it is still ours. */
const held = new Map<string, (() => boolean) | undefined>();

/**
 * Marks `path` (just created by this process) as ours to remove if the process is stopped. `stillOurs` is asked
 * first where another process may have replaced the file meanwhile (a lock taken over as stale).
 */
export function holdTemp(path: string, stillOurs?: () => boolean): void {
  held.set(path, stillOurs);
}

/** `path` is no longer this process's to remove (renamed into place, or removed). */
export function releaseTemp(path: string): void {
  held.delete(path);
}

/** The paths held now (for tests). */
export const heldTemps = (): string[] => [...held.keys()];

/** Removes every held path; run when the process is stopped. Synchronous: nothing else runs after it. */
export function removeHeldTemps(): void {
  for (const [path, stillOurs] of held) {
    try {
      if (stillOurs && !stillOurs()) continue;
      rmSync(path, { force: true });
    } catch {
      // Windows refuses to remove a file still open; it is removed as stale by the next write beside it.
    }
  }
  held.clear();
}

const SIGNAL_EXIT: Partial<Record<NodeJS.Signals, number>> = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };

/**
 * On Ctrl-C (SIGINT), SIGTERM or SIGHUP: remove this process's temps, say so in one Vietnamese line, exit 128 + the
 * signal's number.
 * A write is atomic at its rename, so stopping at any point leaves the old file or the new one.
 */
export function cleanUpOnSignals(say: (line: string) => void): void {
  for (const [signal, code] of Object.entries(SIGNAL_EXIT) as [NodeJS.Signals, number][]) {
    process.once(signal, () => {
      removeHeldTemps();
      say('Đã dừng lệnh theo yêu cầu (Ctrl-C); tệp tạm đã được dọn, sổ dữ liệu giữ nguyên bản trước hoặc bản vừa ghi xong. [INTERRUPTED]');
      process.exit(code);
    });
  }
}
