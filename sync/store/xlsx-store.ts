/**
 * The local store: the shared sheet's layout kept in an .xlsx workbook, so a ward
 * without Google (and every test) has the whole product. Writes go to a temp file
 * that replaces the workbook atomically; the previous file is kept as `.bak`, and in the bounded history of
 * versions beside it (files/versions.ts) that `cchc restore` lists and brings back.
 *
 * Concurrent commands: every write holds the store lock (store-lock.ts) and
 * first checks that the file is still the one this command read; if another
 * command replaced it meanwhile, this write stops (STORE_CHANGED) instead of
 * silently dropping the other command's work.
 *
 * A tab an official renamed in Excel is still that tab (found by its header
 * row) and keeps its new name; a second tab is never added beside it.
 */
import { access, mkdir, readFile, realpath, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type ExcelJS from 'exceljs';
import {
  countTaskRows,
  ROW_NUMBER,
  sameCell,
  tabsForHeaders,
  tabForName,
  TABS,
  type CellValue,
  type Row,
  type TablesShape,
  type TabSpec,
  TableFileError,
  ZipArchive,
} from '../../core/index';
import { CchcError } from '../errors';
import { writeFileDurable } from '../files/durable-write';
import { asCchcError, readBounded, XLSX_SAVE_AS } from '../files/input-file';
import { listVersions, pruneVersions, versionCommand, type Version } from '../files/versions';
import { DEFAULT_ZIP_LIMITS, guardZip, megabytes, NODE_INFLATE, type ZipEntry } from '../files/zip-guard';
import { NODE_DEFLATER } from '../files/node-deflate';
import { replaceParts } from '../files/zip-rewrite';
import { addTabSheet } from '../excel/tab-sheet';
import { dateStyleIds, patchSheet } from './sheet-patch';
import { streamTabs, type StreamedTabs } from './stream-tabs';
import { cellPlain, headerColumns, loadedCells, plainRow, rowTexts } from './tab-rows';
import { withStoreLock } from './store-lock';
import type { ReadOptions, Store, Tables, WriteOutcome } from './store';

/**
 * exceljs, loaded when a workbook is made or loaded: most commands read the store by its own reader and write it by
 * patching, and compiling exceljs and JSZip (≈ 60 ms) was a good part of a push's start.
 */
const loadExcelJS = async (): Promise<typeof ExcelJS> => (await import('exceljs')).default;

function headerTexts(ws: ExcelJS.Worksheet): string[] {
  return rowTexts(loadedCells(ws.getRow(1)));
}

/** Maps a worksheet's header cells to column keys (1-based column numbers), so officials may reorder or add columns. */
function headerMap(ws: ExcelJS.Worksheet, tab: TabSpec): Map<string, number> {
  return headerColumns(tab, headerTexts(ws));
}

/**
 * The worksheet of each layout tab (by tab key): the one named after it, else the one
 * sheet named after no tab whose header row is that tab's (renamed by an official).
 * Where it cannot tell (two such sheets for one tab, or one sheet with the headers of
 * two missing tabs) it stops and says so: a guess, or a new empty tab beside the
 * renamed one, would split the officials' data.
 */
function layoutSheets(workbook: ExcelJS.Workbook, location: string): Map<string, ExcelJS.Worksheet> {
  const sheets = new Map<string, ExcelJS.Worksheet>();
  const unnamed: ExcelJS.Worksheet[] = [];
  for (const ws of workbook.worksheets) {
    const tab = tabForName(ws.name);
    if (!tab) unnamed.push(ws);
    else if (!sheets.has(tab.key)) sheets.set(tab.key, ws);
  }
  const missing = TABS.filter((tab) => !sheets.has(tab.key));
  const renamed = new Map<TabSpec, ExcelJS.Worksheet[]>();
  for (const ws of unnamed) {
    const tabs = tabsForHeaders(headerTexts(ws), missing);
    if (tabs.length > 1) {
      throw new CchcError(
        'STORE_TAB_UNCLEAR',
        `Sổ dữ liệu "${location}" có trang "${ws.name}" mang tiêu đề cột của cả trang ${tabs.map((t) => `"${t.name}"`).join(' và ')}, mà không có trang nào mang các tên đó; không rõ đó là trang nào nên không đọc, không ghi. Đổi tên trang "${ws.name}" lại thành tên trang sổ của nó rồi chạy lại.`,
      );
    }
    if (tabs[0]) renamed.set(tabs[0], [...(renamed.get(tabs[0]) ?? []), ws]);
  }
  for (const [tab, found] of renamed) {
    if (found.length > 1) {
      throw new CchcError(
        'STORE_TAB_TWICE',
        `Sổ dữ liệu "${location}" không có trang "${tab.name}" mà có ${found.length} trang mang tiêu đề cột của trang đó (${found.map((ws) => `"${ws.name}"`).join(', ')}); không rõ trang nào là trang "${tab.name}" nên không đọc, không ghi. Đổi tên đúng trang đó lại thành "${tab.name}" rồi chạy lại.`,
      );
    }
    sheets.set(tab.key, found[0]!);
  }
  return sheets;
}

const storeMissing = (location: string): CchcError =>
  new CchcError('STORE_MISSING', `Chưa có sổ dữ liệu "${location}". Chạy "cchc init" để tạo sổ mới.`);

function toExcel(value: CellValue, isDate: boolean): ExcelJS.CellValue {
  if (value === null || value === '') return null;
  if (isDate && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return new Date(`${value}T00:00:00Z`);
  return value;
}

/** Which file the path holds now: every write replaces the file, so a new write shows as a new inode or mtime. */
async function fileStamp(path: string): Promise<string | null> {
  const info = await stat(path).catch(() => null);
  return info ? `${info.ino}:${info.size}:${info.mtimeMs}` : null;
}

/** Parts exceljs drops when it rewrites a workbook: a store holding them is read, never rewritten. */
const UNKEPT_PARTS: [string, string][] = [
  ['xl/charts/', 'biểu đồ'],
  ['xl/chartsheets/', 'trang biểu đồ'],
  ['xl/pivotTables/', 'bảng tổng hợp (PivotTable)'],
  ['xl/slicers/', 'bộ lọc slicer'],
  ['xl/vbaProject.bin', 'macro'],
  ['xl/activeX/', 'điều khiển ActiveX'],
  ['xl/ctrlProps/', 'nút, ô chọn (form control)'],
];

/**
 * Parts a patched write (XlsxStore.patch) leaves to the loading write: those it refuses to drop (UNKEPT_PARTS),
 * drawings and notes (which loading checks for pictures, shapes and notes it would lose).
 */
const PATCH_FALLS_BACK = new RegExp(
  `^(?:${[...UNKEPT_PARTS.map(([prefix]) => prefix), 'xl/drawings/'].map((p) => p.replace(/[.]/g, '\\.')).join('|')})|comments`,
  'i',
);

/**
 * Rows a tab of the workbook may hold. exceljs keeps every cell of a workbook it loads or writes as an object:
 * at 12,000 tasks an import peaks near 450 MB, at 100,000 near 2.8 GB (and `validate` 1.5 GB). A ward's catalog
 * holds hundreds of tasks.
 */
export const STORE_MAX_ROWS = 12_000;

/** The store's file as read: its stamp (fileStamp), its bytes, its parts as the zip guard read them. */
interface Package {
  stamp: string | null;
  entries: readonly ZipEntry[];
  bytes: Buffer;
  zip: ZipArchive;
}

export class XlsxStore implements Store {
  readonly removesRows = true;

  /** What the loaded workbook holds that a rewrite would lose (Vietnamese names). */
  private unkept: string[] = [];

  /** The file this store last read or wrote (undefined: neither yet), to detect another command's write in between. */
  private stamp: string | null | undefined;

  /**
   * The workbook a read loaded for a write to come (ReadOptions.thenWrite), with the stamp of the file it came from:
   * the write fills it instead of loading the same file again (a 10,000-task store takes seconds to load). Used once.
   */
  private kept: { workbook: ExcelJS.Workbook; stamp: string | null; unkept: string[] } | undefined;

  /** The same for a streamed read: the package's bytes and the tabs as read, which the write patches (sheet-patch.ts). */
  private keptPackage: (Package & { streamed: StreamedTabs }) | undefined;

  constructor(readonly location: string) {}

  private async lockPath(): Promise<string> {
    return realpath(this.location).catch(() => resolve(this.location));
  }

  /** Runs a write under the store lock, refusing it if another command replaced the file since this one read it. */
  private async locked<T>(work: () => Promise<T>): Promise<T> {
    return withStoreLock(await this.lockPath(), this.location, async () => {
      if (this.stamp !== undefined && (await fileStamp(this.location)) !== this.stamp) {
        throw new CchcError(
          'STORE_CHANGED',
          `Sổ dữ liệu "${this.location}" đã được một lệnh khác thay đổi trong lúc lệnh này chạy; không ghi để khỏi mất phần việc của lệnh kia. Chạy lại lệnh.`,
        );
      }
      const result = await work();
      this.stamp = await fileStamp(this.location);
      return result;
    });
  }

  async exists(): Promise<boolean> {
    return access(this.location).then(
      () => true,
      () => false,
    );
  }

  async create(initial: Tables): Promise<string[]> {
    if (await this.exists()) {
      throw new CchcError(
        'STORE_EXISTS',
        `Sổ dữ liệu "${this.location}" đã có, không tạo lại để tránh mất dữ liệu. Dùng --store để chọn tệp khác.`,
      );
    }
    this.checkCapacity(initial);
    const workbook = new (await loadExcelJS()).Workbook();
    workbook.creator = 'cchc-sheets';
    for (const tab of TABS) addTabSheet(workbook, tab);
    this.fill(workbook, initial);
    // A new store may be the first file of its folder (data/, data/demo/): the lock file needs the folder.
    await mkdir(dirname(resolve(this.location)), { recursive: true }).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST' && error.code !== 'ENOTDIR') throw error;
      throw new CchcError(
        'STORE_FOLDER_IS_FILE',
        `"${dirname(this.location)}" là một tệp, không phải thư mục, nên không tạo được sổ dữ liệu "${this.location}". Chọn nơi lưu khác.`,
      );
    });
    // Created only if still absent under the lock: two inits at once make one store, and one of them says so.
    this.stamp = null;
    await this.locked(() => this.commit(workbook));
    return TABS.map((t) => t.name);
  }

  /**
   * Every tab, or only those `keys` names: streamed where that reads them exactly (stream-tabs.ts), else from the
   * loaded workbook. A read for a write keeps what it read for that write.
   */
  async read(keys?: readonly string[], options: ReadOptions = {}): Promise<Tables> {
    this.kept = undefined;
    this.keptPackage = undefined;
    const wanted = keys ?? TABS.map((tab) => tab.key);
    const streamed = await this.readStreamed(TABS.filter((tab) => wanted.includes(tab.key)));
    if (streamed) {
      if (options.thenWrite) this.keptPackage = streamed;
      return Object.fromEntries(wanted.map((key) => [key, streamed.streamed.tables[key] ?? []]));
    }
    const { tables } = await this.readShaped(options);
    return keys ? Object.fromEntries(keys.map((key) => [key, tables[key] ?? []])) : tables;
  }

  /** The tabs `wanted` streamed from the store as it is now, with the package they came from; null where only loading reads them exactly. */
  private async readStreamed(wanted: readonly TabSpec[]): Promise<(Package & { streamed: StreamedTabs }) | null> {
    if (!(await this.exists()) || (await stat(this.location)).isDirectory()) return null;
    const { stamp, bytes } = await this.readBytes();
    let zip: ZipArchive;
    let streamed: StreamedTabs | null;
    try {
      // The zip guard's checks as the package is read: its directory and limits here, each part as it inflates.
      zip = new ZipArchive(bytes, this.location, 'Excel', DEFAULT_ZIP_LIMITS, NODE_INFLATE);
      if (!zip.has('xl/workbook.xml')) return null;
      streamed = streamTabs(zip, wanted);
      // The parts the read left are checked too, as the guard checks a package before it is loaded: a write copies them.
      if (streamed) zip.checkAll();
    } catch (error) {
      if (error instanceof TableFileError && error.code === 'FILE_TOO_LARGE') throw asCchcError(error);
      if (error instanceof CchcError) throw error;
      // A damaged package, or whatever the read fails on: the loading path reads it, or explains in Vietnamese.
      return null;
    }
    if (!streamed) return null;
    this.stamp = stamp;
    return { stamp, entries: zip.entries, bytes, zip, streamed };
  }

  /**
   * The tables, and which tabs and layout columns the workbook has (for the sync's structure check). `streamed`:
   * streamed where that reads them exactly (a sync reads every tab and writes the store, if at all, from a load of
   * its own), rather than loading the workbook.
   */
  async readShaped(options: ReadOptions & { streamed?: boolean } = {}): Promise<{ tables: Tables; shape: TablesShape }> {
    if (options.streamed && !options.thenWrite) {
      this.kept = undefined;
      this.keptPackage = undefined;
      const streamed = await this.readStreamed(TABS);
      if (streamed) return { tables: streamed.streamed.tables, shape: streamed.streamed.shape };
    }
    const workbook = await this.load();
    this.kept = options.thenWrite ? { workbook, stamp: this.stamp ?? null, unkept: this.unkept } : undefined;
    const sheets = layoutSheets(workbook, this.location);
    const tables: Tables = {};
    const shape = new Map<string, { name: string; columns: Set<string> }>();
    for (const tab of TABS) {
      const ws = sheets.get(tab.key);
      tables[tab.key] = ws ? readTab(ws, tab) : [];
      if (ws) shape.set(tab.key, { name: ws.name, columns: new Set(headerMap(ws, tab).keys()) });
    }
    return { tables, shape };
  }

  async write(tables: Tables): Promise<WriteOutcome> {
    this.checkCapacity(tables);
    const changed = await this.locked(async () => {
      const written = await this.writeChanges(tables);
      // A write killed after its rename, before its prune, left one version past the bound; a write with nothing
      // to change (the same appendix imported again) still brings the history back to it.
      if (!written) await pruneVersions(this.location);
      return written;
    });
    return { conflicts: [], skipped: [], unchanged: !changed };
  }

  /** Writes what changes (under the lock); false when nothing does, and the store and its .bak stay as they are. */
  private async writeChanges(tables: Tables): Promise<boolean> {
    const patched = await this.patch(tables).catch((error: unknown) => {
      if (error instanceof CchcError) throw error;
      // Whatever the patch cannot write (sheet-patch.ts's Unpatchable, a part it cannot read), the loading write
      // writes, or explains in Vietnamese.
      return null;
    });
    if (patched) {
      if (patched.changed > 0) await this.commitBytes(patched.bytes!, patched.tasks);
      return patched.changed > 0;
    }
    const workbook = await this.keptOrLoaded();
    // How many tasks the version this write replaces holds, for the list of versions.
    const tasks = this.taskCount(workbook);
    const cells = this.fill(workbook, tables);
    if (cells > 0) await this.commit(workbook, tasks);
    return cells > 0;
  }

  /**
   * The write done on the package itself (under the lock): each written tab's sheet patched where its values change,
   * every other part copied as it is (zip-rewrite.ts). The exceljs workbook is never built: a 10,000-task store
   * loaded took 500 MB and seconds to load and to write back. Null (or Unpatchable thrown) where only the loading
   * write writes exactly what it should (sheet-patch.ts says where), or where the store holds what that write refuses
   * to drop (charts, pictures, notes: it says so); the store then loads the workbook.
   */
  private async patch(tables: Tables): Promise<{ changed: number; bytes?: Uint8Array; tasks?: number } | null> {
    const kept = this.keptPackage;
    this.keptPackage = undefined;
    const written = TABS.filter((tab) => tables[tab.key]);
    const wanted = TABS.filter((tab) => tables[tab.key] || tab.key === 'tasks');
    const now = await fileStamp(this.location);
    const source =
      kept && kept.stamp === now && wanted.every((tab) => kept.streamed.tables[tab.key]) ? kept : await this.readStreamed(wanted);
    if (!source || source.stamp !== now) return null;
    const { entries, streamed } = source;
    if (entries.some((e) => PATCH_FALLS_BACK.test(e.name))) return null;
    const { zip } = source;
    if (/<workbookPr\b[^>]*\bdate1904="(?:1|true)"/.test(zip.textOf('xl/workbook.xml') ?? '')) return null;
    const dateStyles = dateStyleIds(zip.textOf('xl/styles.xml') ?? '');
    const sheets = written.map((tab) => ({ tab, sheet: streamed.sheets[tab.key]! }));
    if (sheets.some(({ tab, sheet }) => !zip.has(sheet.part) || !tab.columns.every((c) => sheet.columns.has(c.key)))) return null;
    let changed = 0;
    const patches = new Map(
      sheets.map(({ tab, sheet }) => {
        const old = new Map((streamed.tables[tab.key] ?? []).map((row) => [Number(row[ROW_NUMBER]), row]));
        const edit = { tab, columns: sheet.columns, rows: tables[tab.key]!, old, dateStyles };
        return [
          sheet.part,
          (write: (chunk: Uint8Array) => void) => {
            // Text handed on in pieces of about 64 KB: fewer, larger steps for the deflater.
            let text = '';
            changed += patchSheet(
              edit,
              (onText) => zip.streamText(sheet.part, onText),
              (more) => {
                text += more;
                if (text.length < 65_536) return;
                write(Buffer.from(text, 'utf8'));
                text = '';
              },
            );
            write(Buffer.from(text, 'utf8'));
          },
        ] as const;
      }),
    );
    const bytes = await replaceParts(source.bytes, entries, patches, NODE_DEFLATER);
    return changed > 0 ? { changed, bytes, tasks: countTaskRows(streamed.tables['tasks'] ?? []) } : { changed };
  }

  /** The workbook kept by the read if the file is still the one it came from (checked under the lock), else loaded. */
  private async keptOrLoaded(): Promise<ExcelJS.Workbook> {
    const kept = this.kept;
    this.kept = undefined;
    if (kept && kept.stamp !== null && kept.stamp === (await fileStamp(this.location))) {
      this.unkept = kept.unkept;
      this.stamp = kept.stamp;
      return kept.workbook;
    }
    return this.load();
  }

  /** The earlier versions of this store, newest first (files/versions.ts). */
  async versions(): Promise<Version[]> {
    return listVersions(await this.lockPath());
  }

  /**
   * Puts an earlier version back as the store. The store as it is becomes a version first (even a damaged one, copied
   * as it is), so a restore is undone by restoring that version.
   */
  async restore(version: Version): Promise<void> {
    const bytes = await readFile(version.path);
    const tasks = await this.read(['tasks']).then(
      (t) => countTaskRows(t['tasks'] ?? []),
      () => undefined,
    );
    await this.locked(() =>
      writeFileDurable(this.location, bytes, {
        backup: true,
        history: { command: versionCommand(), ...(tasks === undefined ? {} : { tasks }) },
      }),
    );
  }

  private taskCount(workbook: ExcelJS.Workbook): number | undefined {
    const tab = TABS.find((t) => t.key === 'tasks')!;
    const ws = layoutSheets(workbook, this.location).get(tab.key);
    return ws ? countTaskRows(readTab(ws, tab)) : undefined;
  }

  private checkCapacity(tables: Tables): void {
    this.checkRows(Object.fromEntries(Object.entries(tables).map(([key, rows]) => [key, rows?.length ?? 0])));
  }

  /** Refuses, before anything is read or written, tabs past what the workbook can hold (STORE_MAX_ROWS). */
  checkRows(counts: Readonly<Record<string, number>>): void {
    for (const tab of TABS) {
      const rows = counts[tab.key] ?? 0;
      if (rows <= STORE_MAX_ROWS) continue;
      throw new CchcError(
        'STORE_TOO_LARGE',
        `Trang "${tab.name}" của sổ dữ liệu sẽ có ${rows.toLocaleString('vi-VN')} dòng, quá giới hạn ${STORE_MAX_ROWS.toLocaleString('vi-VN')} dòng của sổ .xlsx; không ghi gì. Một kế hoạch thường có vài chục đến vài trăm nhiệm vụ: kiểm tra lại tệp nhập (có thể dán nhầm cả một bảng dữ liệu khác), hoặc tách thành nhiều sổ.`,
      );
    }
  }

  /** Writes the tables into the workbook; returns how many cells (and tabs) changed. */
  private fill(workbook: ExcelJS.Workbook, tables: Tables): number {
    let changed = 0;
    const sheets = layoutSheets(workbook, this.location);
    for (const tab of TABS) {
      const rows = tables[tab.key];
      if (!rows) continue;
      let ws = sheets.get(tab.key);
      if (!ws) {
        ws = addTabSheet(workbook, tab);
        changed++;
      }
      changed += writeTab(ws, tab, rows);
    }
    return changed;
  }

  /**
   * The store's bytes and the stamp of the file they are: if another command renamed a new store in while it was read,
   * the stamps before and after differ and it is read again, so a later write checks against the file these bytes
   * came from.
   */
  private async readBytes(): Promise<{ stamp: string | null; bytes: Buffer }> {
    let stamp: string | null;
    let bytes: Buffer;
    for (let attempt = 1; ; attempt++) {
      stamp = await fileStamp(this.location);
      // Nothing past what the guard would allow inflated is read at all (a store is mostly compressed XML).
      const read = await readBounded(this.location, DEFAULT_ZIP_LIMITS.totalBytes);
      if (!read) throw storeMissing(this.location);
      if ('tooLarge' in read) {
        throw new CchcError(
          'FILE_TOO_LARGE',
          `Sổ dữ liệu "${this.location}" lớn ${megabytes(read.tooLarge)}, vượt giới hạn ${megabytes(DEFAULT_ZIP_LIMITS.totalBytes).replace(',0', '')}; không mở. Kiểm tra đúng tệp sổ dữ liệu (--store), hoặc chuyển bớt trang, hình ảnh sang tệp khác.`,
        );
      }
      bytes = read.bytes;
      if ((await fileStamp(this.location)) === stamp || attempt >= 5) return { stamp, bytes };
    }
  }

  /** The store's bytes (readBytes), guarded like any input before exceljs loads them (a store is a file officials handle too). */
  private async readGuarded(): Promise<{ stamp: string | null; bytes: Buffer; entries: ZipEntry[]; damaged: boolean }> {
    const { stamp, bytes } = await this.readBytes();
    let damaged = false;
    const entries = await guardZip(bytes, this.location).catch((error: unknown) => {
      if (error instanceof CchcError && error.code === 'FILE_TOO_LARGE') throw error;
      // Truncated, or no zip at all: the file itself is broken, not just its reading.
      damaged = true;
      return [];
    });
    return { stamp, entries, damaged, bytes };
  }

  private async load(): Promise<ExcelJS.Workbook> {
    if (!(await this.exists())) {
      throw storeMissing(this.location);
    }
    if ((await stat(this.location)).isDirectory()) {
      throw new CchcError(
        'STORE_IS_FOLDER',
        `"${this.location}" là một thư mục, không phải sổ dữ liệu .xlsx. Ghi đường dẫn tới tệp, ví dụ "${this.location}/cchc.xlsx".`,
      );
    }
    const [{ Workbook }, { loadPackage }] = await Promise.all([loadExcelJS(), import('../excel/exceljs-package')]);
    const workbook = new Workbook();
    const { stamp, entries, damaged, bytes } = await this.readGuarded();
    const unkept = entries.flatMap((e) => UNKEPT_PARTS.filter(([prefix]) => e.name.startsWith(prefix)).map(([, what]) => what));
    try {
      // Parts another writer (openpyxl) names its own way are given to exceljs under its names: see exceljs-package.
      const { unreadDrawings, unreadNotes } = await loadPackage(workbook, bytes);
      if (unreadDrawings.length > 0) unkept.push('hình ảnh, hình vẽ');
      if (unreadNotes > 0) unkept.push(`${unreadNotes} ghi chú ở ô để trống (gõ nội dung vào ô hoặc bỏ ghi chú)`);
      this.unkept = [...new Set(unkept)];
      // What this command now works from: a write must still find this file.
      this.stamp = stamp;
    } catch {
      const hasBackup = await access(`${this.location}.bak`).then(
        () => true,
        () => false,
      );
      if (damaged) {
        const backup = hasBackup
          ? ` Khôi phục từ bản sao "${this.location}.bak", hoặc chọn một bản lưu trước: cchc restore.`
          : ' Xem các bản lưu trước (nếu có): cchc restore.';
        throw new CchcError('STORE_UNREADABLE', `Không đọc được sổ dữ liệu "${this.location}" (tệp hỏng hoặc không phải .xlsx).${backup}`);
      }
      // A whole file the reader fails on: re-saving keeps the officials' latest work, the .bak may predate it.
      const backup = hasBackup ? ` Bản sao "${this.location}.bak" là bản trước lần ghi cuối, có thể cũ hơn.` : '';
      throw new CchcError(
        'STORE_UNREADABLE',
        `Sổ dữ liệu "${this.location}" không hỏng nhưng trình đọc Excel của chương trình không đọc được nội dung. Mở sổ bằng Excel, lưu lại dạng ${XLSX_SAVE_AS} rồi chạy lại.${backup}`,
      );
    }
    // A workbook with none of the store's tabs is an official's own file (an appendix, a report): never written into.
    // By name only: a report's sheet may carry a tab's headers, and only a store's renamed tab is followed.
    if (!entries.some((e) => e.name === 'xl/workbook.xml') || !workbook.worksheets.some((ws) => tabForName(ws.name))) {
      throw new CchcError(
        'NOT_A_STORE',
        `Tệp "${this.location}" không phải sổ dữ liệu (không có trang "${TABS[0]!.name}" hay trang nào của sổ); không đọc, không ghi vào đó. Chọn đúng sổ bằng --store, hoặc tạo sổ mới bằng "cchc init".`,
      );
    }
    return workbook;
  }

  private async commit(workbook: ExcelJS.Workbook, tasks?: number): Promise<void> {
    if (this.unkept.length > 0) {
      throw new CchcError(
        'STORE_HAS_CHARTS',
        `Sổ dữ liệu "${this.location}" có ${this.unkept.join(', ')} mà chương trình không giữ được khi ghi lại sổ; không ghi để khỏi làm mất chúng. Chuyển chúng sang một tệp Excel riêng (sổ dữ liệu chỉ giữ các bảng), rồi chạy lại.`,
      );
    }
    await this.commitBytes(new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer), tasks);
  }

  /** The durable replace every store write ends in: fsync, rename, the `.bak`, the previous file kept as a version. */
  private async commitBytes(bytes: Uint8Array, tasks?: number): Promise<void> {
    await writeFileDurable(this.location, bytes, {
      backup: true,
      history: { command: versionCommand(), ...(tasks === undefined ? {} : { tasks }) },
    });
  }
}

function readTab(ws: ExcelJS.Worksheet, tab: TabSpec): Row[] {
  const columns = headerMap(ws, tab);
  const rows: Row[] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber <= tab.frozenRows) return;
    const plain = plainRow(tab, columns, (colNumber) => row.getCell(colNumber).value, rowNumber);
    if (plain) rows.push(plain);
  });
  return rows;
}

/** Returns how many cells it changed. */
function writeTab(ws: ExcelJS.Worksheet, tab: TabSpec, rows: readonly Row[]): number {
  let changed = 0;
  const columns = headerMap(ws, tab);
  // A tab whose header an official broke gets the layout's header back in place.
  for (const c of tab.columns) {
    if (columns.has(c.key)) continue;
    const colNumber = ws.getRow(1).cellCount + 1;
    ws.getRow(1).getCell(colNumber).value = c.header;
    columns.set(c.key, colNumber);
    changed++;
  }
  const first = tab.frozenRows + 1;
  rows.forEach((r, i) => {
    const row = ws.getRow(first + i);
    for (const c of tab.columns) {
      const cell = row.getCell(columns.get(c.key)!);
      // A cell already holding this value is left as it is: an official's link, rich text or formula stays.
      if (sameCell(c, cellPlain(cell.value, c), r[c.key] ?? null)) continue;
      cell.value = toExcel(r[c.key] ?? null, c.type === 'date');
      changed++;
    }
  });
  // Rows the new data no longer fills are emptied (exceljs' spliceRows cannot remove trailing rows).
  for (let r = first + rows.length; r <= ws.rowCount; r++) {
    ws.getRow(r).eachCell({ includeEmpty: false }, (cell) => {
      if (cell.value !== null) changed++;
      cell.value = null;
    });
  }
  return changed;
}
