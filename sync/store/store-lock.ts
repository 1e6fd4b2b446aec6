/**
 * An advisory lock file beside the store (`<store>.lock`) around every write:
 * it names its owner (process id, host, command line, start time), so a lock
 * left by a killed process is recognised as stale (its process is gone, or it
 * is older than any write takes) and removed. The lock appears with its
 * content in one step (a full temp file hard-linked to the lock's name), so a
 * kill -9 never leaves an empty lock; an empty or unreadable one (left by an
 * older version, or where hard links are not supported) is stale after a few
 * seconds. A second writer waits a little, then stops with STORE_LOCKED, exit 2.
 */
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { link, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { environment } from '../environment';
import { CchcError } from '../errors';
import { holdTemp, releaseTemp, removeStaleTemps, tempBeside } from '../files/temp-files';
import { isAlive } from '../files/process-alive';

interface LockOwner {
  pid: number;
  host: string;
  command: string;
  startedAt: string;
}

/** No write holds the store this long; a lock older than that is stale whatever its owner. */
const STALE_MS = 10 * 60 * 1000;
/** Writing a lock's few bytes takes far less: an empty or unreadable lock older than this was left by a killed process. */
const UNREADABLE_GRACE_MS = 2000;
const POLL_MS = 50;

async function owner(lockPath: string): Promise<LockOwner | null> {
  try {
    const found = JSON.parse(await readFile(lockPath, 'utf8')) as Partial<LockOwner> | null;
    const whole = typeof found?.pid === 'number' && typeof found.host === 'string' && typeof found.startedAt === 'string';
    return whole ? (found as LockOwner) : null;
  } catch {
    return null;
  }
}

/** What holds the lock now: its owner (null if unreadable) and when the file was made; null if there is no lock. */
async function inspect(lockPath: string): Promise<{ owner: LockOwner | null; madeAt: number } | null> {
  const info = await stat(lockPath).catch(() => null);
  return info ? { owner: await owner(lockPath), madeAt: info.mtimeMs } : null;
}

function isStale(found: { owner: LockOwner | null; madeAt: number }, now: number): boolean {
  if (!found.owner) return now - found.madeAt > UNREADABLE_GRACE_MS;
  if (now - Date.parse(found.owner.startedAt) > STALE_MS) return true;
  return found.owner.host === hostname() && !isAlive(found.owner.pid);
}

/**
 * Moves the stale lock aside atomically; if what was moved turns out to be a
 * fresh lock (another waiter replaced the stale one first), it is put back.
 */
async function removeStale(lockPath: string, stale: LockOwner | null): Promise<void> {
  const aside = `${lockPath}.stale-${process.pid}`;
  if (
    !(await rename(lockPath, aside).then(
      () => true,
      () => false,
    ))
  )
    return;
  const moved = await owner(aside);
  if (moved && (moved.pid !== stale?.pid || moved.startedAt !== stale.startedAt)) await link(aside, lockPath).catch(() => undefined);
  await rm(aside, { force: true });
}

const lockFailed = (lockPath: string, error: unknown): CchcError =>
  new CchcError(
    'WRITE_FAILED',
    `Không tạo được tệp khóa "${lockPath}" (${String((error as NodeJS.ErrnoException).code)}). Kiểm tra quyền ghi thư mục của sổ dữ liệu.`,
  );

/** Hard links are missing on some drives (FAT USB sticks, some network shares): there the lock is made in place. */
const NO_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV']);

/** Whether the lock at `lockPath` is still this one (not replaced by a waiter that took it for stale). Synchronous: asked while the process stops. */
function isMine(lockPath: string, me: LockOwner): boolean {
  try {
    const found = JSON.parse(readFileSync(lockPath, 'utf8')) as Partial<LockOwner>;
    return found.pid === me.pid && found.startedAt === me.startedAt;
  } catch {
    return false;
  }
}

/** Writes the owner into a file that must not exist yet (EEXIST otherwise). */
async function writeNew(path: string, me: LockOwner): Promise<void> {
  const handle = await open(path, 'wx', 0o644);
  try {
    await handle.writeFile(JSON.stringify(me));
  } finally {
    await handle.close();
  }
}

async function tryCreate(lockPath: string): Promise<boolean> {
  const me: LockOwner = {
    pid: process.pid,
    host: hostname(),
    command: process.argv.slice(2).join(' '),
    startedAt: new Date().toISOString(),
  };
  const temp = tempBeside(lockPath);
  // Held before they exist: a Ctrl-C arrives between any two steps, and a lock is removed only if its owner is us.
  holdTemp(temp);
  holdTemp(lockPath, () => isMine(lockPath, me));
  try {
    await writeNew(temp, me);
    // link() fails if the lock exists, and the lock it makes is already whole.
    await link(temp, lockPath);
    return true;
  } catch (error) {
    releaseTemp(lockPath);
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (code === 'EEXIST') return false;
    if (NO_LINKS.has(code)) return createInPlace(lockPath, me);
    throw lockFailed(lockPath, error);
  } finally {
    await rm(temp, { force: true });
    releaseTemp(temp);
  }
}

/** Where hard links are missing: exclusive create, then write; a kill in between leaves an empty lock, stale after the grace. */
async function createInPlace(lockPath: string, me: LockOwner): Promise<boolean> {
  holdTemp(lockPath, () => isMine(lockPath, me));
  try {
    await writeNew(lockPath, me);
    return true;
  } catch (error) {
    releaseTemp(lockPath);
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw lockFailed(lockPath, error);
  }
}

/** Runs `work` holding the lock of the store at `storePath` (its real path). */
export async function withStoreLock<T>(storePath: string, shownAs: string, work: () => Promise<T>): Promise<T> {
  const lockPath = `${storePath}.lock`;
  const wait = environment().lockWaitMs;
  const deadline = Date.now() + wait;
  // A killed writer's half-made lock (its temp file) is never the lock; only clutter.
  await removeStaleTemps(lockPath);
  for (;;) {
    if (await tryCreate(lockPath)) break;
    const found = await inspect(lockPath);
    // Released meanwhile: try again at once.
    if (!found) continue;
    if (isStale(found, Date.now())) {
      await removeStale(lockPath, found.owner);
      continue;
    }
    if (Date.now() >= deadline) {
      const who = found.owner ? ` (tiến trình ${found.owner.pid}, từ ${found.owner.startedAt.slice(11, 19)} UTC)` : '';
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
    releaseTemp(lockPath);
  }
}
