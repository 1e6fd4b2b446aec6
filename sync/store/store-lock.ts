/**
 * An advisory lock file beside the store (`<store>.lock`) around every write:
 * it names its owner (process id, host, command line, start time), so a lock
 * left by a killed process is recognised as stale (its process is gone, or it
 * is older than any write takes) and removed. A second writer waits a little,
 * then stops with STORE_LOCKED, exit 2.
 */
import { hostname } from 'node:os';
import { link, open, readFile, rename, rm } from 'node:fs/promises';
import { CchcError } from '../errors';
import { isAlive } from '../files/process-alive';

interface LockOwner {
  pid: number;
  host: string;
  command: string;
  startedAt: string;
}

/** No write holds the store this long; a lock older than that is stale whatever its owner. */
const STALE_MS = 10 * 60 * 1000;
const POLL_MS = 50;
/** How long a second writer waits; CCHC_LOCK_WAIT_MS overrides it (read at call time). */
const DEFAULT_WAIT_MS = 5000;

async function owner(lockPath: string): Promise<LockOwner | null> {
  try {
    return JSON.parse(await readFile(lockPath, 'utf8')) as LockOwner;
  } catch {
    return null;
  }
}

function isStale(found: LockOwner | null, now: number): boolean {
  // An unreadable lock is one being written this very moment: not stale.
  if (!found) return false;
  if (now - Date.parse(found.startedAt) > STALE_MS) return true;
  return found.host === hostname() && !isAlive(found.pid);
}

/**
 * Moves the stale lock aside atomically; if what was moved turns out to be a
 * fresh lock (another waiter replaced the stale one first), it is put back.
 */
async function removeStale(lockPath: string, stale: LockOwner): Promise<void> {
  const aside = `${lockPath}.stale-${process.pid}`;
  if (
    !(await rename(lockPath, aside).then(
      () => true,
      () => false,
    ))
  )
    return;
  const moved = await owner(aside);
  if (moved && (moved.pid !== stale.pid || moved.startedAt !== stale.startedAt)) await link(aside, lockPath).catch(() => undefined);
  await rm(aside, { force: true });
}

async function tryCreate(lockPath: string): Promise<boolean> {
  try {
    const handle = await open(lockPath, 'wx', 0o644);
    const me: LockOwner = {
      pid: process.pid,
      host: hostname(),
      command: process.argv.slice(2).join(' '),
      startedAt: new Date().toISOString(),
    };
    try {
      await handle.writeFile(JSON.stringify(me));
    } finally {
      await handle.close();
    }
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw new CchcError(
      'WRITE_FAILED',
      `Không tạo được tệp khóa "${lockPath}" (${String((error as NodeJS.ErrnoException).code)}). Kiểm tra quyền ghi thư mục của sổ dữ liệu.`,
    );
  }
}

/** Runs `work` holding the lock of the store at `storePath` (its real path). */
export async function withStoreLock<T>(storePath: string, shownAs: string, work: () => Promise<T>): Promise<T> {
  const lockPath = `${storePath}.lock`;
  const wait = Number(process.env['CCHC_LOCK_WAIT_MS'] ?? DEFAULT_WAIT_MS);
  const deadline = Date.now() + wait;
  for (;;) {
    if (await tryCreate(lockPath)) break;
    const found = await owner(lockPath);
    if (isStale(found, Date.now())) {
      await removeStale(lockPath, found!);
      continue;
    }
    if (Date.now() >= deadline) {
      const who = found ? ` (tiến trình ${found.pid}, từ ${found.startedAt.slice(11, 19)} UTC)` : '';
      throw new CchcError(
        'STORE_LOCKED',
        `Sổ dữ liệu "${shownAs}" đang được một lệnh khác ghi${who}. Chờ lệnh đó xong rồi chạy lại; nếu không còn lệnh nào chạy, xóa tệp "${lockPath}".`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  try {
    return await work();
  } finally {
    await rm(lockPath, { force: true });
  }
}
