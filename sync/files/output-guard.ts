/**
 * What a command may write with `--out`: a new file, or a file the same command
 * wrote earlier (marked in the workbook's keywords). Never the store, its backup
 * or a sync base; any other existing file only with `--force`. A replaced file is
 * kept as `.bak` (one, like the store's), since an official may have added lines
 * to an earlier output in Excel, which keeps our keywords; only an earlier output
 * nobody has saved since (its keywords carry a digest of its parts) is not. A missing folder, or a file where the folder should
 * be, is said in Vietnamese before anything is computed or written.
 */
import { createHash } from 'node:crypto';
import { lstat, readlink, realpath, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { CchcError } from '../errors';
import { workbookBytes } from './workbook-bytes';
import { writeFileDurable } from './durable-write';
import { MAX_IMPORT_BYTES, readBounded } from './input-file';
import { guardZip, readZipText } from './zip-guard';

const MARK = 'cchc-sheets:';

export interface OutputOptions {
  /** The command writing, e.g. "export": its earlier outputs may be replaced. */
  command: string;
  force?: boolean;
  /** Files that are never replaced (the store in use). Their `.bak` is protected too. */
  protect?: readonly string[];
}

const real = (path: string): Promise<string> => realpath(path).catch(() => resolve(path));

const CORE = 'docProps/core.xml';
const KEYWORDS = /<cp:keywords>([^<]*)<\/cp:keywords>/;

/** Our keywords: "cchc-sheets:export #<digest of the file's other parts>" (the digest since session 5). */
function parseMark(keywords: string | undefined): { command: string; digest: string | null } | null {
  if (!keywords?.startsWith(MARK)) return null;
  const [command, digest] = keywords.slice(MARK.length).split(' #');
  return { command: command!, digest: digest ?? null };
}

/** Our mark in a package's docProps/core.xml, if any. */
const markIn = (core: string | null | undefined) => parseMark(core?.match(KEYWORDS)?.[1]);

/** The command that wrote this workbook, from its keywords; null if none of ours. */
async function writtenBy(path: string): Promise<string | null> {
  return markIn(await readZipText(path, CORE))?.command ?? null;
}

/** A digest of every part but the keywords' own: any save by Excel, Word or LibreOffice rewrites some of them. */
async function contentDigest(zip: JSZip): Promise<string> {
  const hash = createHash('sha256');
  for (const name of Object.keys(zip.files).sort()) {
    if (name === CORE || zip.files[name]!.dir) continue;
    hash.update(`${name}\0`).update(await zip.files[name]!.async('nodebuffer'));
  }
  return hash.digest('hex').slice(0, 16);
}

/** The output's bytes, its keywords carrying the digest of its other parts. */
async function withDigest(bytes: Uint8Array): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(bytes);
  const core = await zip.file(CORE)?.async('string');
  if (core === undefined || !KEYWORDS.test(core)) return bytes;
  const digest = await contentDigest(zip);
  zip.file(
    CORE,
    core.replace(KEYWORDS, (_, keywords: string) => `<cp:keywords>${keywords} #${digest}</cp:keywords>`),
  );
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

/** Whether the file is exactly an output as a command wrote it: nobody has saved it since, so nothing of theirs is in it. */
async function untouched(path: string): Promise<boolean> {
  const read = await readBounded(path, MAX_IMPORT_BYTES);
  if (!read || 'tooLarge' in read) return false;
  try {
    await guardZip(read.bytes, path);
    const zip = await JSZip.loadAsync(read.bytes);
    const digest = markIn(await zip.file(CORE)?.async('string'))?.digest;
    return !!digest && digest === (await contentDigest(zip));
  } catch {
    return false;
  }
}

/** Checks `path` can be written by this command; says what it would replace: nothing, its own earlier output, or (--force) another file. */
export async function checkOutput(path: string, options: OutputOptions): Promise<'nothing' | 'own' | 'other'> {
  const folder = dirname(resolve(path));
  const folderInfo = await stat(folder).catch((error: NodeJS.ErrnoException) => error);
  if (folderInfo instanceof Error) {
    if (folderInfo.code === 'ENOENT')
      throw new CchcError(
        'OUT_FOLDER_MISSING',
        `Chưa có thư mục "${dirname(path)}" để ghi "${path}". Tạo thư mục đó trước hoặc chọn nơi lưu khác.`,
      );
    if (folderInfo.code !== 'ENOTDIR')
      throw new CchcError(
        'OUT_FOLDER_UNREADABLE',
        `Không mở được thư mục "${dirname(path)}" (${folderInfo.code ?? 'lỗi'}). Chọn nơi lưu khác.`,
      );
  }
  if (folderInfo instanceof Error || !folderInfo.isDirectory()) {
    throw new CchcError(
      'OUT_NOT_A_FOLDER',
      `"${dirname(path)}" là một tệp, không phải thư mục, nên không ghi được "${path}". Chọn nơi lưu khác.`,
    );
  }
  // A link is never written through, even with --force: it may lead to a file anywhere on the disk.
  const own = await lstat(path).catch(() => null);
  if (own?.isSymbolicLink()) {
    const to = await readlink(path).catch(() => '?');
    throw new CchcError(
      'OUT_IS_LINK',
      `"${path}" là một liên kết (lối tắt) tới "${to}"; lệnh "cchc ${options.command}" không ghi qua liên kết để khỏi ghi đè một tệp ở nơi khác. Ghi --out ra một tệp thật, ví dụ "${join(dirname(path), `moi-${basename(path)}`)}".`,
    );
  }
  const info = await stat(path).catch(() => null);
  if (!info) return 'nothing';
  if (info.isDirectory()) throw new CchcError('OUT_IS_FOLDER', `"${path}" là một thư mục. Ghi rõ tên tệp, ví dụ "${path}/ket-qua.xlsx".`);
  const target = await real(path);
  for (const protectedPath of options.protect ?? []) {
    for (const candidate of [protectedPath, `${protectedPath}.bak`]) {
      if ((await real(candidate)) !== target) continue;
      throw new CchcError(
        'OUT_IS_STORE',
        `"${path}" là sổ dữ liệu (hoặc bản sao .bak của sổ); lệnh "cchc ${options.command}" không ghi đè lên đó. Chọn tên tệp khác cho --out.`,
      );
    }
  }
  if (basename(dirname(target)) === '.sync') {
    throw new CchcError(
      'OUT_IS_STORE',
      `"${path}" là tệp trạng thái đồng bộ; lệnh "cchc ${options.command}" không ghi đè lên đó. Chọn tên tệp khác cho --out.`,
    );
  }
  if ((await writtenBy(path)) === options.command) return 'own';
  if (!options.force) {
    throw new CchcError(
      'OUT_EXISTS',
      `Tệp "${path}" đã có và không phải tệp do lệnh "cchc ${options.command}" tạo trước đây; không ghi đè. Chọn tên khác, hoặc thêm --force để thay (bản cũ được giữ thành "${path}.bak").`,
    );
  }
  return 'other';
}

/** The keywords (docProps/core.xml, in .xlsx and .docx alike) that mark a file as this command's output. */
export const outputMark = (command: string): string => `${MARK}${command}`;

/**
 * Writes a command's output document after checkOutput: `render` makes its bytes, marked with the given keywords.
 * Returns what the command's line tells the official about a replaced file: "" or ` (bản trước giữ thành "….bak")`.
 */
export async function writeOutputFile(
  path: string,
  options: OutputOptions,
  render: (keywords: string) => Promise<Uint8Array>,
): Promise<string> {
  // An earlier output nobody has saved since holds nothing of theirs: replaced without a copy, so the .bak keeps
  // the last one an official edited (two more exports used to push their edit out of it).
  const replaces = await checkOutput(path, options);
  const backup = replaces === 'other' || (replaces === 'own' && !(await untouched(path)));
  await writeFileDurable(path, await withDigest(await render(outputMark(options.command))), { backup, followLinks: false });
  return backup ? ` (bản trước giữ thành "${path}.bak")` : '';
}

/** Writes a command's output workbook after checkOutput, marked as that command's; returns as writeOutputFile. */
export function writeOutput(workbook: ExcelJS.Workbook, path: string, options: OutputOptions): Promise<string> {
  return writeOutputFile(path, options, (keywords) => workbookBytes(workbook, keywords));
}
