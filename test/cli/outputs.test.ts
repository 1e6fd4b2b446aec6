/** `--out` never clobbers: not the store, not an official's file (unless --force, keeping .bak), and says why in Vietnamese. */
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { sampleTables } from '../../sync/samples/sample-tables';
import { XlsxStore } from '../../sync/store/xlsx-store';
import { cchcAsync } from '../helpers/cli';
import { useTempDir } from '../helpers/tmp';
import { useSheetsEmulator } from '../sheets/emulated-sheet';

const tempDir = useTempDir();
const emulated = useSheetsEmulator();
const OFFICIAL_FILE = join(process.cwd(), 'templates/samples/phu-luc-nhi-chieu-2026.xlsx');

async function sampleStore(): Promise<{ dir: string; store: string }> {
  const dir = await tempDir();
  const store = join(dir, 'cchc.xlsx');
  await new XlsxStore(store).create(await sampleTables());
  return { dir, store };
}

const period = ['--period', '2026-H1', '--today', '2026-06-10'];

describe('--out never clobbers', () => {
  it('refuses the store and its backup, even with --force', async () => {
    const { store } = await sampleStore();
    await copyFile(store, `${store}.bak`);
    const before = await readFile(store);
    for (const args of [
      ['report', ...period, '--store', store, '--out', store, '--force'],
      ['index', ...period, '--store', store, '--out', `${store}.bak`],
    ]) {
      const result = await cchcAsync(args);
      expect(result.code, args[0]).toBe(2);
      expect(result.stderr).toContain('[OUT_IS_STORE]');
    }
    expect((await readFile(store)).equals(before)).toBe(true);
  });

  it("refuses an official's existing file unless --force, which keeps it as .bak; replaces its own earlier output", async () => {
    const { dir, store } = await sampleStore();
    const out = join(dir, 'bao-cao.xlsx');
    await copyFile(OFFICIAL_FILE, out);
    const original = await readFile(out);
    const refused = await cchcAsync(['report', ...period, '--store', store, '--out', out]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('không phải tệp do lệnh "cchc report" tạo trước đây');
    expect(refused.stderr).toContain('[OUT_EXISTS]');
    expect((await readFile(out)).equals(original)).toBe(true);

    const forced = await cchcAsync(['report', ...period, '--store', store, '--out', out, '--force']);
    expect(forced.stderr).toBe('');
    expect(forced.code).toBe(0);
    expect((await readFile(`${out}.bak`)).equals(original)).toBe(true);
    // Its own output is replaced without --force; another command's is not.
    expect((await cchcAsync(['report', ...period, '--store', store, '--out', out])).code).toBe(0);
    const other = await cchcAsync(['index', ...period, '--store', store, '--out', out]);
    expect(other.code).toBe(2);
    expect(other.stderr).toContain('[OUT_EXISTS]');
  });

  it('an earlier output the official added a line to in Excel is kept as .bak when replaced, and the line says so; later exports keep that .bak', async () => {
    const { dir, store } = await sampleStore();
    const out = join(dir, 'e1.xlsx');
    const plan = String((await new XlsxStore(store).read())['plans']![0]!['code']);
    const first = await cchcAsync(['export', '--store', store, '--plan', plan, '--out', out]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).not.toContain('.bak');
    // The official adds a line and saves: Excel, like exceljs here, keeps the workbook's keywords.
    const edited = new ExcelJS.Workbook();
    await edited.xlsx.readFile(out);
    const sheet = edited.worksheets[0]!;
    sheet.getRow(sheet.rowCount + 1).getCell(2).value = 'Dòng cán bộ thêm vào';
    await edited.xlsx.writeFile(out);
    const again = await cchcAsync(['export', '--store', store, '--plan', plan, '--out', out]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain(`(bản trước giữ thành "${out}.bak")`);
    const kept = new ExcelJS.Workbook();
    await kept.xlsx.readFile(`${out}.bak`);
    const texts: string[] = [];
    kept.worksheets[0]!.eachRow((row) => row.eachCell((cell) => texts.push(String(cell.value))));
    expect(texts).toContain('Dòng cán bộ thêm vào');

    // Exported again over an output nobody has saved since: it holds nothing of the official's, so it is not copied,
    // and the .bak still holds the edited one.
    const bak = await readFile(`${out}.bak`);
    const third = await cchcAsync(['export', '--store', store, '--plan', plan, '--out', out]);
    expect(third.code, third.stderr).toBe(0);
    expect(third.stdout).not.toContain('.bak');
    expect((await readFile(`${out}.bak`)).equals(bak)).toBe(true);
  });

  it('a missing folder, or a file where the folder should be, is a Vietnamese error', async () => {
    const { dir, store } = await sampleStore();
    const missing = await cchcAsync(['export', '--store', store, '--plan', 'x', '--out', join(dir, 'chua-co', 'phu-luc.xlsx')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('[OUT_FOLDER_MISSING]');
    await writeFile(join(dir, 'file.xlsx'), 'x');
    const notFolder = await cchcAsync(['export', '--store', store, '--out', join(dir, 'file.xlsx', 'x.xlsx')]);
    expect(notFolder.code).toBe(2);
    expect(notFolder.stderr).toContain('là một tệp, không phải thư mục');
    expect(notFolder.stderr).not.toContain('ENOTDIR');
    await mkdir(join(dir, 'thu-muc'));
    const folder = await cchcAsync(['export', '--store', store, '--out', join(dir, 'thu-muc')]);
    expect(folder.stderr).toContain('[OUT_IS_FOLDER]');
  });

  it("sync pull --out refuses an official's appendix instead of adding tabs to it", async () => {
    const { emu, env } = await emulated();
    const id = emu.createSpreadsheet('Kế hoạch CCHC');
    const { dir, store } = await sampleStore();
    expect((await cchcAsync(['sync', 'push', '--sheet', id, '--store', store], { env })).code).toBe(0);
    const appendix = join(dir, 'phu-luc.xlsx');
    await copyFile(OFFICIAL_FILE, appendix);
    const original = await readFile(appendix);
    const pull = await cchcAsync(['sync', 'pull', '--sheet', id, '--out', appendix], { env });
    expect(pull.code).toBe(2);
    expect(pull.stderr).toContain('[NOT_A_STORE]');
    expect((await readFile(appendix)).equals(original)).toBe(true);
  });
});
