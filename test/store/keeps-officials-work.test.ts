/**
 * What officials add to the store survives a rewrite (links, extra sheets,
 * formats, notes, validations); what the library cannot keep (charts) makes the
 * write stop instead. Appendices: links read as their text, formula errors in
 * key columns reported, and each import takes only its own kind of table.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { TASKS_TAB } from '../../core/index';
import { sampleTables } from '../../sync/samples/sample-tables';
import { XlsxStore } from '../../sync/store/xlsx-store';
import { buildAppendixFile, type SheetLine } from '../fixtures/appendix-xlsx';
import { cchcAsync } from '../helpers/cli';
import { useTempDir } from '../helpers/tmp';

const tempDir = useTempDir();
const APPENDIX = join(process.cwd(), 'templates/samples/phu-luc-nhi-chieu-2026.xlsx');
const col = (key: string): number => TASKS_TAB.columns.findIndex((c) => c.key === key) + 1;

const HEADER: SheetLine = { cells: ['STT', 'Nội dung công việc', 'Cơ quan chủ trì', 'Sản phẩm', 'Thời gian hoàn thành'], bold: true };
const TITLE: SheetLine = { title: '(Kèm theo Kế hoạch số 7/KH-UBND ngày 05/01/2026 của UBND phường Thử)' };

describe('the store keeps what officials add', () => {
  it('links, an extra sheet, formats, notes and validations survive an import', async () => {
    const dir = await tempDir();
    const store = join(dir, 'cchc.xlsx');
    await new XlsxStore(store).create(await sampleTables());
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(store);
    const tasks = wb.getWorksheet(TASKS_TAB.name)!;
    tasks.getCell(2, col('evidence')).value = { text: 'Quyết định 12/QĐ', hyperlink: 'https://drive.google.com/qd12' };
    tasks.getCell(2, col('note')).note = 'Chị Lan theo dõi';
    tasks.getCell(3, col('title')).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFFF00' } };
    const own = wb.addWorksheet('Ghi chép riêng');
    own.getCell('A1').value = 'Việc cần nhắc';
    own.getCell('A1').font = { bold: true, color: { argb: 'FFFF0000' } };
    own.getCell('B2').dataValidation = { type: 'list', allowBlank: true, formulae: ['"Có,Không"'] };
    await wb.xlsx.writeFile(store);

    const imported = await cchcAsync(['import', APPENDIX, '--store', store]);
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);

    const after = new ExcelJS.Workbook();
    await after.xlsx.readFile(store);
    const t = after.getWorksheet(TASKS_TAB.name)!;
    expect(t.getCell(2, col('evidence')).value).toEqual({ text: 'Quyết định 12/QĐ', hyperlink: 'https://drive.google.com/qd12' });
    expect(t.getCell(2, col('note')).note).toBe('Chị Lan theo dõi');
    expect(t.getCell(3, col('title')).fill).toMatchObject({ fgColor: { argb: 'FFFFFF00' } });
    const sheet = after.getWorksheet('Ghi chép riêng')!;
    expect(sheet.getCell('A1').value).toBe('Việc cần nhắc');
    expect(sheet.getCell('A1').font).toMatchObject({ bold: true });
    expect(sheet.getCell('B2').dataValidation).toMatchObject({ type: 'list' });
    // The store reads the evidence link as its address, which is what the index's links need.
    const read = (await new XlsxStore(store).read())['tasks']!;
    expect(read.find((r) => r['evidence'] === 'https://drive.google.com/qd12')).toBeDefined();
  });

  it('a store holding a chart is read, but never rewritten: the write says why and changes nothing', async () => {
    const dir = await tempDir();
    const store = join(dir, 'cchc.xlsx');
    await new XlsxStore(store).create(await sampleTables());
    const zip = await JSZip.loadAsync(await readFile(store));
    zip.file('xl/charts/chart1.xml', '<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart"/>');
    await writeFile(store, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
    const before = await readFile(store);
    const validate = await cchcAsync(['validate', '--store', store]);
    expect(validate.stderr).toBe('');
    const imported = await cchcAsync(['import', APPENDIX, '--store', store]);
    expect(imported.code).toBe(2);
    expect(imported.stderr).toContain('có biểu đồ mà chương trình không giữ được');
    expect(imported.stderr).toContain('[STORE_HAS_CHARTS]');
    expect((await readFile(store)).equals(before)).toBe(true);
  });
});

describe('appendices: links, error cells, the right command', () => {
  it('a link cell reads as its text, never its address', async () => {
    const file = join(await tempDir(), 'phu-luc.xlsx');
    await buildAppendixFile(file, [
      TITLE,
      HEADER,
      {
        cells: [
          '1',
          { text: 'Rà soát thủ tục hành chính', hyperlink: 'javascript:alert(1)' },
          'Văn phòng HĐND và UBND',
          'Báo cáo',
          'Quý I/2026',
        ],
      },
    ]);
    const store = join(await tempDir(), 'cchc.xlsx');
    await new XlsxStore(store).create(await sampleTables());
    const result = await cchcAsync(['import', file, '--store', store, '--dry-run', '--json']);
    expect(result.stderr).toBe('');
    const titles = (JSON.parse(result.stdout) as { tasks: { title: string }[] }).tasks.map((t) => t.title);
    expect(titles).toEqual(['Rà soát thủ tục hành chính']);
  });

  it('a #REF! in the STT column is reported with its row, not dropped (exit 2)', async () => {
    const file = join(await tempDir(), 'phu-luc.xlsx');
    await buildAppendixFile(file, [
      TITLE,
      HEADER,
      { cells: ['1', 'Việc một', 'Văn phòng HĐND và UBND', 'Báo cáo', 'Quý I/2026'] },
      {
        cells: [
          { formula: 'A99/0', result: { error: '#REF!' } } as ExcelJS.CellValue,
          'Việc hai',
          'Văn phòng HĐND và UBND',
          'Báo cáo',
          'Quý II/2026',
        ],
      },
    ]);
    const store = join(await tempDir(), 'x.xlsx');
    expect((await cchcAsync(['init', '--store', store])).code).toBe(0);
    const result = await cchcAsync(['import', file, '--store', store, '--dry-run']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('dòng 4 cột STT là #REF!');
    expect(result.stderr).toContain('[CELL_ERROR]');
  });

  // `cchc import` takes every template, criteria tables included (issue 14), and files each in its own tab;
  // `index-import` takes only criteria, so a task appendix can never replace the "Chỉ số CCHC" rows.
  it('index-import refuses a task appendix, naming the command that fits; import files a criteria table as criteria', async () => {
    const dir = await tempDir();
    const store = join(dir, 'cchc.xlsx');
    expect((await cchcAsync(['init', '--store', store])).code).toBe(0);
    const before = await readFile(store);
    const wrongIndex = await cchcAsync(['index-import', APPENDIX, '--store', store]);
    expect(wrongIndex.code).toBe(2);
    expect(wrongIndex.stderr).toContain('[NOT_A_CRITERIA_TABLE]');
    expect(wrongIndex.stderr).toContain('cchc import');
    const criteria = join(dir, 'tieu-chi.xlsx');
    await buildAppendixFile(criteria, [
      { title: 'BỘ TIÊU CHÍ XÁC ĐỊNH CHỈ SỐ CCHC' },
      { cells: ['STT', 'Lĩnh vực, tiêu chí', 'Điểm tối đa', 'Cơ quan chủ trì'], bold: true },
      { cells: ['1', 'Công tác chỉ đạo, điều hành', '10', ''], bold: true },
      { cells: ['1.1', 'Kế hoạch CCHC', '10', 'Phòng Văn hóa - Xã hội'] },
    ]);
    expect((await readFile(store)).equals(before)).toBe(true);
    const asCriteria = await cchcAsync(['import', criteria, '--store', store, '--plan', '1/KH', '--dry-run', '--json']);
    expect(asCriteria.code).toBe(0);
    expect(JSON.parse(asCriteria.stdout)).toMatchObject({ kind: 'criteria' });
  });
});
