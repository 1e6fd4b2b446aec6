/**
 * What an official is told when a file cannot be used says what really happened: a cut-off
 * download only when the zip is cut off, the .bak only when the store is really damaged, CSV
 * advice for a CSV, and another command's finished write as finished.
 */
import { copyFile, readFile, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { sampleTables } from '../../sync/samples/sample-tables';
import { STORE_MAX_ROWS, XlsxStore } from '../../sync/store/xlsx-store';
import { cchcAsync } from '../helpers/cli';
import { useTempDir } from '../helpers/tmp';

const tempDir = useTempDir();
const APPENDIX = join(process.cwd(), 'templates/samples/phu-luc-an-tuong-2026.xlsx');
/** A well-formed zip whose first sheet's XML closes a tag it never opened: the Excel reader fails on it. */
const BROKEN_SHEET = '<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></ro></sheetData></worksheet>';

async function withBrokenSheet(from: string, to: string): Promise<void> {
  const zip = await JSZip.loadAsync(await readFile(from));
  const sheet = Object.keys(zip.files).find((name) => /^xl\/worksheets\/sheet\d+\.xml$/.test(name))!;
  zip.file(sheet, BROKEN_SHEET);
  await writeFile(to, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
}

async function sampleStore(): Promise<{ dir: string; store: string }> {
  const dir = await tempDir();
  const store = join(dir, 'cchc.xlsx');
  await new XlsxStore(store).create(await sampleTables());
  return { dir, store };
}

describe('input files', () => {
  it('an appendix past what the workbook can hold is refused before its rows are built, the store untouched', async () => {
    const { dir, store } = await sampleStore();
    const csv = join(dir, 'phu-luc-lon.csv');
    const lines = Array.from({ length: STORE_MAX_ROWS + 1 }, (_, i) => `${i + 1};Nhiệm vụ số ${i + 1};Phòng Văn hóa - Xã hội;Quý I/2026`);
    await writeFile(csv, ['STT;Nội dung công việc;Cơ quan chủ trì;Thời gian hoàn thành', ...lines].join('\n'));
    const before = await readFile(store);
    const result = await cchcAsync(['import', csv, '--store', store, '--plan', '9/KH-UBND']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      `sẽ có ${(STORE_MAX_ROWS + 1 + (await new XlsxStore(store).read())['tasks']!.length).toLocaleString('vi-VN')} dòng`,
    );
    expect(result.stderr).toContain('[STORE_TOO_LARGE]');
    expect((await readFile(store)).equals(before)).toBe(true);
    // The store itself refuses such tables too, whoever writes them.
    await expect(new XlsxStore(store).write({ meetings: Array.from({ length: STORE_MAX_ROWS + 1 }, () => ({})) })).rejects.toMatchObject({
      code: 'STORE_TOO_LARGE',
    });
  });

  it("init with a file where the store's folder should be says so in Vietnamese", async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'e.xlsx'), 'x');
    const result = await cchcAsync(['init', '--store', join(dir, 'e.xlsx', 'cchc.xlsx')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('là một tệp, không phải thư mục');
    expect(result.stderr).toContain('[STORE_FOLDER_IS_FILE]');
    expect(result.stderr).not.toContain('EEXIST');
  });

  it('a store past the size the guard allows inflated is refused from its size alone, even past 2 GB (nothing is read)', async () => {
    const dir = await tempDir();
    for (const size of [400 * 1024 * 1024, 3 * 1024 * 1024 * 1024]) {
      const store = join(dir, `cchc-${size}.xlsx`);
      // Sparse: no disk is used, and a reader that read it whole would take the size in memory (or fail past 2 GB).
      await writeFile(store, '');
      await truncate(store, size);
      const result = await cchcAsync(['validate', '--store', store]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('[FILE_TOO_LARGE]');
      expect(result.stderr).toContain('vượt giới hạn 384 MB');
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
    }
  });

  it('a whole .xlsx the Excel reader fails on is FILE_UNREADABLE (re-save it), a cut-off one FILE_TRUNCATED', async () => {
    const { dir, store } = await sampleStore();
    const broken = join(dir, 'phu-luc.xlsx');
    await withBrokenSheet(APPENDIX, broken);
    const unreadable = await cchcAsync(['import', broken, '--store', store, '--plan', '2/KH-UBND']);
    expect(unreadable.code).toBe(2);
    expect(unreadable.stderr).toContain('[FILE_UNREADABLE]');
    expect(unreadable.stderr).toContain('lưu lại dạng "Sổ làm việc Excel (.xlsx)"');
    expect(unreadable.stderr).not.toContain('tải về chưa hết');

    const cut = join(dir, 'cat-do.xlsx');
    await copyFile(APPENDIX, cut);
    await truncate(cut, Math.floor((await readFile(cut)).length / 2));
    const truncated = await cchcAsync(['import', cut, '--store', store, '--plan', '2/KH-UBND']);
    expect(truncated.code).toBe(2);
    expect(truncated.stderr).toContain('[FILE_TRUNCATED]');
    expect(truncated.stderr).toContain('tải về chưa hết');
  });

  it('a CSV over the size limit is told how to make a CSV smaller, not to remove sheets and pictures', async () => {
    const { dir, store } = await sampleStore();
    const csv = join(dir, 'phu-luc.csv');
    const line = 'STT;Nội dung nhiệm vụ;Cơ quan chủ trì\n';
    await writeFile(csv, line.repeat(Math.ceil((21 * 1024 * 1024) / Buffer.byteLength(line))));
    const result = await cchcAsync(['import', csv, '--store', store, '--plan', '2/KH-UBND']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('[FILE_TOO_LARGE]');
    expect(result.stderr).toContain('nhiều tệp CSV nhỏ hơn');
    expect(result.stderr).not.toMatch(/trang tính|hình ảnh/);
  });
});

describe('the store', () => {
  it('intact but unreadable by the Excel reader: re-save it from Excel, the .bak may be older; damaged: restore the .bak', async () => {
    const { store } = await sampleStore();
    await copyFile(store, `${store}.bak`);
    await withBrokenSheet(`${store}.bak`, store);
    const before = await readFile(store);
    const intact = await cchcAsync(['validate', '--store', store]);
    expect(intact.code).toBe(2);
    expect(intact.stderr).toContain('[STORE_UNREADABLE]');
    expect(intact.stderr).toContain('Mở sổ bằng Excel, lưu lại');
    expect(intact.stderr).toContain('có thể cũ hơn');
    expect(intact.stderr).not.toContain('Khôi phục');
    expect(await readFile(store)).toEqual(before);

    await truncate(store, Math.floor(before.length / 2));
    const damaged = await cchcAsync(['validate', '--store', store]);
    expect(damaged.code).toBe(2);
    expect(damaged.stderr).toContain('[STORE_UNREADABLE]');
    expect(damaged.stderr).toContain(`Khôi phục từ bản sao "${store}.bak"`);
  });

  it('another command that wrote meanwhile and has finished is said to have changed the store, not to be writing it', async () => {
    const { store } = await sampleStore();
    const slow = new XlsxStore(store);
    const tables = await slow.read();
    await new XlsxStore(store).write({ plans: [...tables['plans']!, { code: '9/KH-UBND', title: 'Kế hoạch khác', year: 2026 }] });
    const error = await slow.write({ plans: tables['plans']!.slice(1) }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'STORE_CHANGED' });
    expect(String((error as Error).message)).toContain('đã được một lệnh khác thay đổi trong lúc lệnh này chạy');
    expect(String((error as Error).message)).not.toContain('đang được');
  });
});
