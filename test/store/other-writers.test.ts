/**
 * Stores saved by other programs than Excel (test/fixtures/openpyxl, made by
 * make_stores.py with the real openpyxl and LibreOffice): every command that only
 * reads works on them; a write keeps what exceljs can keep (comments, links, tables) and
 * is refused, the file unchanged, where the store holds what it cannot (charts,
 * pictures in openpyxl's drawings, notes on empty cells).
 */
import { copyFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { TASKS_TAB } from '../../core/index';
import { readGrids } from '../../sync/excel/read-grids';
import { XlsxStore } from '../../sync/store/xlsx-store';
import { seedTable } from '../fixtures/appendix-docx';
import { cchcAsync } from '../helpers/cli';
import { useTempDir } from '../helpers/tmp';
import { useSheetsEmulator } from '../sheets/emulated-sheet';

const tempDir = useTempDir();
const emulated = useSheetsEmulator();
const FIXTURES = join(process.cwd(), 'test/fixtures/openpyxl');
const OTHER_APPENDIX = join(process.cwd(), 'templates/samples/phu-luc-an-tuong-2026.xlsx');
/** The store's tasks came from the Nhị Chiểu appendix (make_stores.py); its seed text says which. */
const SEED_STT = seedTable('nhi-chieu-appendix.tsv').tasks.map((t) => t.stt);
const col = (key: string): number => TASKS_TAB.columns.findIndex((c) => c.key === key) + 1;

async function copyOf(fixture: string): Promise<string> {
  const store = join(await tempDir(), 'cchc.xlsx');
  await copyFile(join(FIXTURES, fixture), store);
  return store;
}

const UNKEPT: [string, string][] = [
  ['openpyxl-chart-sheet.xlsx', 'biểu đồ'],
  ['openpyxl-chart-in-tab.xlsx', 'biểu đồ'],
  ['openpyxl-chartsheet.xlsx', 'trang biểu đồ'],
  ['openpyxl-picture.xlsx', 'hình ảnh'],
  ['libreoffice-chart-sheet.xlsx', 'biểu đồ'],
  // exceljs drops a note on an empty cell (its own files' too): counted against the comments the file holds.
  ['openpyxl-note-on-empty-cell.xlsx', '1 ghi chú ở ô để trống'],
];

describe('a store saved by openpyxl or LibreOffice', () => {
  it.each(UNKEPT)('%s: every reading command works; a write is refused, naming what it would lose (%s)', async (fixture, what) => {
    const store = await copyOf(fixture);
    const before = await readFile(store);
    const dir = join(store, '..');

    const tasks = (await new XlsxStore(store).read())['tasks']!;
    expect(tasks.map((t) => t['stt'])).toEqual(SEED_STT);
    expect(tasks[0]!['evidence']).toBe('https://drive.google.com/qd12');

    const validate = await cchcAsync(['validate', '--store', store]);
    expect(validate.stderr).toBe('');
    expect(validate.code).toBe(0);
    for (const args of [
      ['metrics', '--store', store],
      ['export', '--store', store, '--out', join(dir, 'phu-luc.xlsx')],
      ['export', '--store', store, '--out', join(dir, 'phu-luc.docx')],
      ['report', '--store', store, '--out', join(dir, 'bao-cao.xlsx')],
      ['import', OTHER_APPENDIX, '--store', store, '--dry-run'],
    ]) {
      const result = await cchcAsync(args);
      expect(result.stderr, args[0]).toBe('');
      expect(result.code, args[0]).toBe(0);
    }
    // No criteria in this store: index says so (exit 1), having read the store.
    const index = await cchcAsync(['index', '--store', store]);
    expect(index.stdout + index.stderr).toContain('chưa có tiêu chí');

    const imported = await cchcAsync(['import', OTHER_APPENDIX, '--store', store]);
    expect(imported.code).toBe(2);
    expect(imported.stderr.trim().split('\n')).toHaveLength(1);
    expect(imported.stderr).toContain(`có ${what}`);
    expect(imported.stderr).toContain('không giữ được');
    expect(imported.stderr).toContain('tệp Excel riêng');
    expect(imported.stderr).toContain('[STORE_HAS_CHARTS]');
    expect((await readFile(store)).equals(before)).toBe(true);
  });

  it('with a chart: push reads it into the shared sheet; a pull into it is refused and changes nothing', async () => {
    const { emu, env } = await emulated();
    const id = emu.createSpreadsheet('Kế hoạch CCHC');
    const store = await copyOf('openpyxl-chart-sheet.xlsx');
    const before = await readFile(store);
    const push = await cchcAsync(['sync', 'push', '--sheet', id, '--store', store], { env });
    expect(push.stderr).toBe('');
    expect(push.code).toBe(0);
    const grid = emu.getValues(id, `'${TASKS_TAB.name}'`) as string[][];
    expect(grid.slice(1).map((r) => r[col('stt') - 1])).toEqual(SEED_STT);

    emu.setValues(id, `'${TASKS_TAB.name}'!U2`, [['Sửa trên bảng tính']]);
    const pull = await cchcAsync(['sync', 'pull', '--sheet', id, '--out', store], { env });
    expect(pull.code).toBe(2);
    expect(pull.stderr).toContain('[STORE_HAS_CHARTS]');
    expect((await readFile(store)).equals(before)).toBe(true);
  });

  it('without a chart: an import writes it, keeping the comment, the link and the table openpyxl saved', async () => {
    const store = await copyOf('openpyxl-comment-link.xlsx');
    const imported = await cchcAsync(['import', OTHER_APPENDIX, '--store', store]);
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    const after = new ExcelJS.Workbook();
    await after.xlsx.readFile(store);
    const tasks = after.getWorksheet(TASKS_TAB.name)!;
    expect(tasks.getCell('A2').note).toBe('Chị Lan theo dõi');
    expect(tasks.getCell(2, col('evidence')).value).toEqual({ text: 'Quyết định 12/QĐ', hyperlink: 'https://drive.google.com/qd12' });
    expect(tasks.rowCount).toBeGreaterThan(SEED_STT.length + 1);
    expect(after.getWorksheet('Bảng riêng')!.getCell('A3').value).toBe('Nộp báo cáo');
    const zip = await JSZip.loadAsync(await readFile(store));
    const tables = await Promise.all(zip.file(/^xl\/tables\//).map((f) => f.async('string')));
    expect(tables).toHaveLength(1);
    expect(tables[0]).toMatch(/displayName="BangRieng"[^>]* ref="A1:B3"/);
  });

  it('an appendix saved by openpyxl imports like the original', async () => {
    const store = join(await tempDir(), 'cchc.xlsx');
    expect((await cchcAsync(['init', '--store', store])).code).toBe(0);
    const result = await cchcAsync(['import', join(FIXTURES, 'openpyxl-appendix.xlsx'), '--store', store, '--dry-run', '--json']);
    expect(result.stderr).toBe('');
    expect((JSON.parse(result.stdout) as { tasks: { stt: string }[] }).tasks.map((t) => t.stt)).toEqual(SEED_STT);
    // Its sheet found by name: openpyxl names parts by absolute paths ("/xl/worksheets/sheet1.xml").
    const file = join(FIXTURES, 'openpyxl-appendix.xlsx');
    expect((await readGrids(file)).map((g) => g.sheet)).toEqual(['Phụ lục']);
  });
});
