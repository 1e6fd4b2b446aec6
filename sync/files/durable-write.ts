/**
 * Replaces a file so that a crash, a kill -9 or a power cut leaves either the
 * old file or the new one, never half of one: the bytes go to a temp file beside
 * the target, which is flushed to disk (fsync) before one rename, and the folder
 * is flushed after it so the rename itself survives a power cut. A symlinked store is
 * written through to its target (it stays a symlink); an output (followLinks: false)
 * never is: a link put there is replaced, its target untouched. A `.bak` is made
 * beside and renamed into place, so a link at the `.bak`'s name is never written
 * through either. The file keeps its mode; a
 * read-only file is refused, not replaced; a file Excel or Word holds open is
 * FILE_IN_USE, left as it was. Temp files a killed process left behind are removed; those of a process stopped by
 * Ctrl-C are removed as it stops (temp-files.ts). The store's writes also keep the replaced file in its bounded
 * history of versions (versions.ts), saved before the rename and pruned after it.
 */
import { constants } from 'node:fs';
import { copyFile, lstat, mkdir, open, realpath, rename, rm, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { CchcError } from '../errors';
import { isFileInUse, whileInUse } from './file-in-use';
import { holdTemp, releaseTemp, removeStaleTemps, tempBeside } from './temp-files';
import { discardVersion, pruneVersions, saveVersion, type History } from './versions';

export { removeStaleTemps, tempBeside };

/**
 * Flushes a folder's entries (a rename within it) to disk. Windows cannot open a folder as a file (EPERM, EISDIR)
 * and its NTFS journals the rename itself, so there it is skipped.
 */
async function fsyncFolder(folder: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(folder, constants.O_RDONLY);
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** The file a path names: a symlink's target (for a dangling one, where it points), else the path itself. */
async function resolveTarget(path: string): Promise<string> {
  return realpath(path).catch(() => resolve(path));
}

export interface DurableWriteOptions {
  /** Keep the replaced file as `<name>.bak`. */
  backup?: boolean;
  /**
   * Write through a symlink to its target (the default: the store an official configured may be a link). Outputs
   * pass false: the path itself is replaced, so a link swapped in after the guard's check leads nowhere.
   */
  followLinks?: boolean;
  /** Keep the replaced file in the bounded history of versions beside it (versions.ts): the store's writes. */
  history?: History;
}

export async function writeFileDurable(path: string, data: string | Uint8Array, options: DurableWriteOptions = {}): Promise<void> {
  const follow = options.followLinks ?? true;
  const target = follow ? await resolveTarget(path) : resolve(path);
  const folder = dirname(target);
  // Not following, a link found there (put after the output guard looked) is no file of ours to keep: replaced as new.
  const found = await (follow ? stat(target) : lstat(target)).catch(() => null);
  const previous = found?.isSymbolicLink() ? null : found;
  if (previous && (previous.mode & 0o222) === 0) {
    throw new CchcError(
      'FILE_READ_ONLY',
      `Tệp "${path}" đang ở chế độ chỉ đọc nên không ghi đè. Bỏ chế độ chỉ đọc của tệp (Windows: Thuộc tính → bỏ "Chỉ đọc"; macOS, Linux: cho phép ghi) rồi chạy lại.`,
    );
  }
  const temp = tempBeside(target);
  let replaced = false;
  let version: string | null = null;
  try {
    await mkdir(folder, { recursive: true });
    await removeStaleTemps(target);
    await removeStaleTemps(`${target}.bak`);
    const handle = await open(temp, 'wx', previous ? previous.mode & 0o7777 : 0o644);
    holdTemp(temp);
    try {
      await handle.writeFile(data);
      // The mode given to open() is masked by the umask; the replaced file's mode is kept exactly.
      if (previous) await handle.chmod(previous.mode & 0o7777);
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (options.backup && previous) {
      // The copy fails alike when the file itself is open in Excel with reading denied: name the one that is held.
      const held = async (): Promise<string> =>
        (await open(target, 'r').then((h) => h.close().then(() => false), isFileInUse)) ? path : `${path}.bak`;
      // Copied beside, then renamed: a link at the .bak's name is replaced, never written through.
      const bak = tempBeside(`${target}.bak`);
      holdTemp(bak);
      try {
        await whileInUse(`${path}.bak`, () => copyFile(target, bak), held);
        await whileInUse(`${path}.bak`, () => rename(bak, `${target}.bak`), held);
      } finally {
        await rm(bak, { force: true });
        releaseTemp(bak);
      }
    }
    // Saved before the new file goes in, pruned after: a kill in between leaves one version more, never one less.
    if (options.history && previous) version = await saveVersion(target, path, options.history);
    await whileInUse(path, () => rename(temp, target));
    replaced = true;
    releaseTemp(temp);
    await fsyncFolder(folder);
    if (options.history) await pruneVersions(target, options.history.keep);
  } catch (error) {
    await rm(temp, { force: true });
    releaseTemp(temp);
    if (!replaced) await discardVersion(version);
    if (error instanceof CchcError) throw error;
    const detail = error instanceof Error && 'code' in error ? ` (${String(error.code)})` : '';
    // Past the rename the new file is there: say so, never that the old one was kept.
    throw new CchcError(
      'WRITE_FAILED',
      replaced
        ? `Đã ghi tệp mới "${path}" nhưng máy chưa xác nhận đã lưu hẳn xuống đĩa${detail}. Nếu máy vừa mất điện, mở lại tệp để kiểm tra.`
        : `Không ghi được tệp "${path}"${detail}. Tệp cũ (nếu có) vẫn giữ nguyên.`,
    );
  }
}
