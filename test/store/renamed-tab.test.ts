/** A store tab an official renamed in Excel is still that tab: read, validated and written under its new name, never doubled. */
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { tabByKey, tabsForHeaders } from '../../core/index';
import { sampleTables } from '../../sync/samples/sample-tables';
import { XlsxStore } from '../../sync/store/xlsx-store';
import { cchcAsync } from '../helpers/cli';
import { useTempDir } from '../helpers/tmp';

const tempDir = useTempDir();
const APPENDIX = join(process.cwd(), 'templates/samples/phu-luc-an-tuong-2026.xlsx');

async function renameSheet(path: string, from: string, to: string, copyAs?: string): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  const sheet = workbook.getWorksheet(from)!;
  sheet.name = to;
  if (copyAs) {
    const copy = workbook.addWorksheet(copyAs);
    sheet.eachRow((row, n) => (copy.getRow(n).values = row.values as ExcelJS.CellValue[]));
  }
  await workbook.xlsx.writeFile(path);
}

const sheetNames = async (path: string): Promise<string[]> => {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  return workbook.worksheets.map((ws) => ws.name);
};

describe('a renamed store tab', () => {
  it('is found by its header row: validate counts its rows, import writes into it and adds no second "Nhiệm vụ"', async () => {
    const store = join(await tempDir(), 'cchc.xlsx');
    await new XlsxStore(store).create(await sampleTables());
    const before = await cchcAsync(['validate', '--store', store]);
    const counted = before.stdout.match(/(\d+) dòng "Nhiệm vụ"/)?.[1];
    expect(Number(counted)).toBeGreaterThan(0);

    await renameSheet(store, 'Nhiệm vụ', 'Việc năm 2026');
    const after = await cchcAsync(['validate', '--store', store]);
    expect(after.stderr).toBe('');
    expect(after.code).toBe(before.code);
    expect(after.stdout).toContain(`${counted} dòng "Nhiệm vụ"`);

    const imported = await cchcAsync(['import', APPENDIX, '--plan', '2/KH-UBND', '--store', store]);
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    const names = await sheetNames(store);
    expect(names).toContain('Việc năm 2026');
    expect(names).not.toContain('Nhiệm vụ');
    const tasks = (await new XlsxStore(store).read())['tasks']!;
    expect(tasks.length).toBeGreaterThan(Number(counted));
    expect(tasks.some((t) => t['plan'] === '2/KH-UBND')).toBe(true);
  });

  it('two sheets with its header row and none with its name: exit 2 naming both, nothing written', async () => {
    const store = join(await tempDir(), 'cchc.xlsx');
    await new XlsxStore(store).create(await sampleTables());
    await renameSheet(store, 'Nhiệm vụ', 'Việc năm 2026', 'Bản sao');
    for (const args of [
      ['validate', '--store', store],
      ['import', APPENDIX, '--plan', '2/KH-UBND', '--store', store],
    ]) {
      const result = await cchcAsync(args);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('[STORE_TAB_TWICE]');
      expect(result.stderr).toContain('"Việc năm 2026", "Bản sao"');
      expect(result.stderr).toContain('thành "Nhiệm vụ"');
    }
    expect(await sheetNames(store)).not.toContain('Nhiệm vụ');
  });

  it('one sheet with the headers of two missing tabs: exit 2 naming it', async () => {
    const store = join(await tempDir(), 'cchc.xlsx');
    await new XlsxStore(store).create(await sampleTables());
    await renameSheet(store, 'Cài đặt', 'Thông số');
    await renameSheet(store, 'Chỉ tiêu', 'Mục tiêu');
    const result = await cchcAsync(['validate', '--store', store]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('[STORE_TAB_UNCLEAR]');
    expect(result.stderr).toContain('"Thông số"');
  });
});

describe('tabsForHeaders', () => {
  const keys = (headers: string[], among?: string[]): string[] => tabsForHeaders(headers, among?.map(tabByKey)).map((t) => t.key);
  it('names the tab whose headers a row holds, in any order and with a few missing; none for other rows', () => {
    expect(keys(['Tên đơn vị', 'Mã đơn vị', 'Loại', 'Ghi chú riêng'])).toEqual(['units']);
    expect(keys(['Chỉ tiêu', 'Mức chỉ tiêu', 'Mã'])).toEqual(['targets']);
    expect(keys(['Số kế hoạch', 'Tên kế hoạch', 'Ngày ban hành', 'Năm'])).toEqual(['plans']);
    expect(
      keys([
        'Mã nhiệm vụ',
        'Kế hoạch',
        'Loại dòng',
        'Mục',
        'Lĩnh vực',
        'Nhóm',
        'STT',
        'Nội dung nhiệm vụ',
        'Yêu cầu',
        'Cơ quan chủ trì',
        'Cơ quan phối hợp',
      ]),
    ).toEqual(['tasks']);
    // Headers shared by several tabs say nothing on their own.
    expect(keys(['Kỳ', 'Đơn vị', 'Ghi chú'])).toEqual([]);
    expect(keys(['STT', 'Nội dung', 'Cơ quan chủ trì', 'Thời gian hoàn thành'])).toEqual([]);
    expect(keys([])).toEqual([]);
  });

  it("the settings headers are also the targets tab's former ones: both, unless one tab is not in question", () => {
    expect(keys(['Mục cài đặt', 'Giá trị', 'Mã'])).toEqual(['settings', 'targets']);
    expect(keys(['Mục cài đặt', 'Giá trị', 'Mã'], ['tasks', 'settings'])).toEqual(['settings']);
  });
});
