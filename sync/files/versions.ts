/**
 * A bounded history of a file's earlier versions, kept in a folder beside it (`cchc.xlsx.versions/`), so an official
 * can go back before a bad import even after later writes (one `.bak` holds only the last). Each version is one
 * file whose name says when it was replaced, by which command, and how many tasks it held, so a version and what
 * is known of it appear together in one rename: there is no index to update, nothing to keep consistent with it.
 *
 * durable-write saves a version (copied beside, flushed, renamed into the folder) before it renames the new file in,
 * and prunes the oldest only after: a kill at any point leaves every version there was, plus perhaps a copy of the
 * file as it still is, or one version more than the bound (removed by the next write, even one with nothing to change); a half-copied temp is known
 * by its writer's process id and removed by the next write. A version Excel holds open is left for the next prune.
 */
import { constants } from 'node:fs';
import { copyFile, mkdir, open, readdir, readFile, rename, rm, stat, utimes } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { whileInUse } from './file-in-use';
import { holdTemp, releaseTemp, removeStaleTemps, tempBeside } from './temp-files';

/**
 * How many earlier versions a store keeps. Five: officials notice a bad import within a few commands (an import is
 * followed by validate, metrics, a report, which do not write); at the 12,000-task limit a store is a few MB, so the
 * history stays small. No age limit: after a holiday, the versions before it are still the way back.
 */
export const VERSIONS_KEPT = 5;

export interface History {
  /** The command that replaces the file ("import", "sync-pull"), for the list officials read. */
  command: string;
  /** Tasks the replaced file held, when the writer knows (it read the file first). */
  tasks?: number;
  keep?: number;
}

export interface Version {
  /** 1: the newest. */
  number: number;
  path: string;
  /** When this version was replaced (ISO). */
  replacedAt: string;
  /** When its content was written (ISO): the replaced file's modification time, kept on the copy. */
  writtenAt: string;
  command: string;
  tasks?: number;
}

export const versionsFolder = (target: string): string => `${target}.versions`;

/** The command being run, named once at the start (main.ts), so a version says which command replaced it. */
let currentCommand = 'cchc';
export function setVersionCommand(words: readonly string[]): void {
  const name = words
    .join('-')
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '');
  currentCommand = name || 'cchc';
}
export const versionCommand = (): string => currentCommand;

// 20261205T235012345Z-ab_import_120.xlsx: sortable by name, newest last.
const NAME = /^(\d{8}T\d{9}Z)-[a-z0-9]+_([a-z0-9-]+?)(?:_(\d+))?(\.[A-Za-z0-9]+)?$/;

function versionName(history: History, extension: string): string {
  const stamp = new Date().toISOString().replace(/[-:.]/g, '');
  const tasks = history.tasks === undefined ? '' : `_${history.tasks}`;
  return `${stamp}-${Math.random().toString(36).slice(2, 6)}_${history.command.replace(/[^a-z0-9-]/g, '') || 'cchc'}${tasks}${extension}`;
}

const isoOf = (stamp: string): string =>
  `${stamp.slice(0, 4)}-${stamp.slice(4, 6)}-${stamp.slice(6, 8)}T${stamp.slice(9, 11)}:${stamp.slice(11, 13)}:${stamp.slice(13, 15)}.${stamp.slice(15, 18)}Z`;

/** The versions of `target`, newest first. */
export async function listVersions(target: string): Promise<Version[]> {
  const folder = versionsFolder(target);
  const names = (await readdir(folder).catch(() => [] as string[])).filter((n) => NAME.test(n)).sort();
  const found: Version[] = [];
  for (const name of names.reverse()) {
    const m = NAME.exec(name)!;
    const info = await stat(join(folder, name)).catch(() => null);
    if (!info?.isFile()) continue;
    found.push({
      number: found.length + 1,
      path: join(folder, name),
      replacedAt: isoOf(m[1]!),
      writtenAt: info.mtime.toISOString(),
      command: m[2]!,
      ...(m[3] === undefined ? {} : { tasks: Number(m[3]) }),
    });
  }
  return found;
}

/** Flushes a file or folder to disk; a folder cannot be opened on Windows (its NTFS journals renames). */
export async function fsyncPath(path: string, folder = false): Promise<void> {
  if (folder && process.platform === 'win32') return;
  const handle = await open(path, folder ? constants.O_RDONLY : 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Copies `target` (as it is now) into its versions folder, durably, under a name saying what replaces it, and
 * returns the version's path; null when the newest version already holds exactly these bytes (left by a write
 * killed before its rename), so repeated tries never push older versions out. `shownAs` names the file in messages.
 * Called under the writer's lock, before the new file is renamed in; a write that fails before its rename removes
 * the version again (discardVersion).
 */
export async function saveVersion(target: string, shownAs: string, history: History): Promise<string | null> {
  const folder = versionsFolder(target);
  const scratch = join(folder, 'version');
  await removeStaleTemps(scratch);
  const written = await stat(target);
  const [newest] = await listVersions(target);
  if (newest && (await stat(newest.path)).size === written.size && (await readFile(newest.path)).equals(await readFile(target)))
    return null;
  await mkdir(folder, { recursive: true });
  const temp = tempBeside(scratch);
  const path = join(folder, versionName(history, extname(target)));
  try {
    holdTemp(temp);
    await whileInUse(shownAs, () => copyFile(target, temp, constants.COPYFILE_EXCL));
    // The copy is dated as the content it holds, so the list says when that version was written.
    await utimes(temp, written.atime, written.mtime);
    await fsyncPath(temp);
    await whileInUse(shownAs, () => rename(temp, path));
    await fsyncPath(folder, true);
    return path;
  } finally {
    await rm(temp, { force: true });
    releaseTemp(temp);
  }
}

/** Removes a version saved for a write that then failed: the store was not replaced, so it is no version. */
export async function discardVersion(path: string | null): Promise<void> {
  if (path) await rm(path, { force: true }).catch(() => undefined);
}

/**
 * Removes the oldest versions past the bound. Best effort: the new file is already in place, and a version not
 * removed (open in Excel, a read-only folder) is only one more, removed by a later write.
 */
export async function pruneVersions(target: string, keep = VERSIONS_KEPT): Promise<void> {
  for (const version of (await listVersions(target)).slice(keep)) await rm(version.path, { force: true }).catch(() => undefined);
}
