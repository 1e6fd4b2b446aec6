/**
 * One rule for date cells (core dateCellValue): a deadline typed "30/6/2026" that the
 * spreadsheet turned into a date reads as 30/06/2026 through every reader — exceljs
 * (the local store), the Sheets API (a serial number with a date format) and the
 * Apps Script menu (a Date in the sheet's zone) — and the command line and the menu
 * then agree on the task's due date.
 */
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { dateCellValue, tabForName, TASKS_TAB, type ValidationIssue } from '../../core/index';
import { plainFromCell } from '../../sync/sheets/grid-values';
import { XlsxStore } from '../../sync/store/xlsx-store';
import { builtBundle, gridsFrom, load } from '../apps-script/gas';
import { cchcAsync } from '../helpers/cli';
import { useTempDir } from '../helpers/tmp';
import { plainTask } from '../fixtures/task-rows';

const tempDir = useTempDir();
const deadline = TASKS_TAB.columns.find((c) => c.key === 'deadline')!;
const completedOn = TASKS_TAB.columns.find((c) => c.key === 'completedOn')!;
const task = (i: number) => plainTask(i);

describe('dateCellValue', () => {
  it('keeps the ISO day in a date column and writes the day as officials do elsewhere', () => {
    expect(dateCellValue('2026-06-30', completedOn)).toBe('2026-06-30');
    expect(dateCellValue('2026-06-30', deadline)).toBe('30/06/2026');
    expect(dateCellValue('2026-01-15', undefined)).toBe('15/01/2026');
  });

  it('a serial number formatted as a date, from the Sheets API, is that day in a text column too', () => {
    const serial = 46203; // 30/06/2026: days since 30/12/1899
    expect(plainFromCell({ effectiveValue: { numberValue: serial }, effectiveFormat: { numberFormat: { type: 'DATE' } } }, deadline)).toBe(
      '30/06/2026',
    );
    expect(
      plainFromCell(
        { effectiveValue: { numberValue: serial + 0.5 }, userEnteredFormat: { numberFormat: { type: 'DATE_TIME' } } },
        completedOn,
      ),
    ).toBe('2026-06-30');
    expect(plainFromCell({ effectiveValue: { numberValue: 12 } }, deadline)).toBe(12);
  });
});

describe('tabForName', () => {
  it('finds a tab by the key the command line matches', () => {
    for (const name of ['Nhiệm vụ', 'Nhiệm Vụ ', 'Nhiệm vụ'.normalize('NFD'), 'NHIỆM VỤ']) expect(tabForName(name)?.key).toBe('tasks');
    expect(tabForName('Trang tính1')).toBeUndefined();
  });
});

describe('the command line and the menu read a date-typed deadline the same way', () => {
  it('cchc validate reports no unreadable deadline, and the menu computes the same due date', async () => {
    const store = new XlsxStore(join(await tempDir(), 'cchc.xlsx'));
    await store.create({ tasks: [task(1), task(2)] });
    // What Excel or a Google export stores after an official typed 30/6/2026 and 15/1/2026: serial dates with a date format.
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(store.location);
    const ws = workbook.getWorksheet(TASKS_TAB.name)!;
    const column = TASKS_TAB.columns.indexOf(deadline) + 1;
    for (const [row, day] of [
      [2, Date.UTC(2026, 5, 30)],
      [3, Date.UTC(2026, 0, 15)],
    ] as const) {
      const cell = ws.getRow(row).getCell(column);
      cell.value = new Date(day);
      cell.numFmt = 'd/m/yyyy';
    }
    await workbook.xlsx.writeFile(store.location);

    const cli = await cchcAsync(['validate', '--store', store.location, '--json']);
    const issues = (JSON.parse(cli.stdout) as { issues: ValidationIssue[] }).issues;
    expect(issues.filter((i) => i.column === 'deadline')).toEqual([]);

    const tables = await store.read();
    expect(tables['tasks']!.map((t) => t['deadline'])).toEqual(['30/06/2026', '15/01/2026']);
    const gas = load(await builtBundle(), gridsFrom(tables));
    gas.call('cchcUpdateDeadlines');
    const due = gas
      .sheet(TASKS_TAB.name)!
      .values.slice(1, 3)
      .map((r) =>
        new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(
          r[TASKS_TAB.columns.findIndex((c) => c.key === 'due')] as Date,
        ),
      );
    expect(due).toEqual(['2026-06-30', '2026-01-15']);
  });
});
