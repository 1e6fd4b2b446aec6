import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { encodeSettings } from '../../core/index';
import { sampleTables } from '../../sync/samples/sample-tables';
import { measureTimes, WIDTHS_FILE } from '../../sync/excel/measure-times';
import { columnTextWidthPt, lineHeightPt, MAX_ROW_HEIGHT, textWidthPt, wrappedLines } from '../../sync/excel/row-height';
import { XlsxStore } from '../../sync/store/xlsx-store';
import type { Tables } from '../../sync/store/store';
import { cchcAsync } from '../helpers/cli';
import { useTempDir } from '../helpers/tmp';

const tempDir = useTempDir();

/** The sample store, its ward setting a real ward's name (the sample's own is a label). */
async function sampleStore(ward: string): Promise<{ dir: string; store: string; tables: Tables }> {
  const dir = await tempDir();
  const tables = await sampleTables();
  const settings = Object.fromEntries((tables['settings'] ?? []).map((r) => [String(r['key']), String(r['value'] ?? '')]));
  tables['settings'] = encodeSettings({ ...settings, ward });
  const store = join(dir, 'cchc.xlsx');
  await new XlsxStore(store).create(tables);
  return { dir, store, tables };
}

async function readBack(path: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return wb;
}

const cellText = (c: ExcelJS.Cell): string => c.text;

/**
 * Every wrapped, unmerged cell's row is at least as tall as its text needs: a line
 * per column width of text (greedy word wrapping can only need more lines than that).
 */
function expectRowsFit(ws: ExcelJS.Worksheet, firstRow: number): number {
  let checked = 0;
  for (let r = firstRow; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    row.eachCell((cell) => {
      if (cell.isMerged || cell.alignment?.wrapText !== true || cellText(cell) === '') return;
      const font = { size: cell.font?.size ?? 11, bold: cell.font?.bold ?? false };
      const room = columnTextWidthPt(ws.getColumn(Number(cell.col)).width ?? 8.43);
      const lines = cellText(cell)
        .split('\n')
        .reduce((n, line) => n + Math.max(1, Math.ceil(textWidthPt(line, font) / room)), 0);
      expect(row.height, `row ${r} column ${cell.col}: ${cellText(cell).slice(0, 40)}`).toBeGreaterThanOrEqual(
        Math.min(MAX_ROW_HEIGHT, lines * lineHeightPt(font.size)) - 1e-9,
      );
      checked++;
    });
  }
  return checked;
}

function expectPrintSetup(ws: ExcelJS.Worksheet, headerRow: number | null): void {
  expect(ws.pageSetup, ws.name).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
  if (headerRow !== null) expect(ws.pageSetup.printTitlesRow).toBe(`${headerRow}:${headerRow}`);
  expect(ws.headerFooter.oddFooter).toContain('Trang &P/&N');
}

describe('measured Times New Roman widths', () => {
  it('the committed table is what the font measures', async () => {
    expect(JSON.parse(await readFile(WIDTHS_FILE, 'utf8'))).toEqual(measureTimes());
  });

  it('has the widths Times New Roman is known for: digits half an em, a space a quarter', () => {
    expect(textWidthPt('0123456789', { size: 12 })).toBe(60);
    expect(textWidthPt('    ', { size: 12 })).toBe(12);
    // Vietnamese letters are measured, not counted as their base letter: ư is wider than u.
    expect(textWidthPt('ư', { size: 12 })).toBeGreaterThan(textWidthPt('u', { size: 12 }));
    expect(textWidthPt('Nội dung', { size: 12, bold: true })).toBeGreaterThan(textWidthPt('Nội dung', { size: 12 }));
  });

  it('one line of 12 pt text takes 15,75 pt, the height Excel gives a Times New Roman 12 row', () => {
    expect(lineHeightPt(12)).toBe(15.75);
  });

  it('wraps by words, breaks a word longer than the line, keeps line breaks', () => {
    const f = { size: 12 };
    // "0000" is 24 pt, a space 3 pt.
    expect(wrappedLines('0000 0000', f, 51)).toBe(1);
    expect(wrappedLines('0000 0000', f, 50)).toBe(2);
    expect(wrappedLines('0000000000', f, 50)).toBe(2);
    expect(wrappedLines('0000\n0000', f, 200)).toBe(2);
    expect(wrappedLines('', f, 50)).toBe(1);
  });
});

describe('print-ready workbooks', () => {
  it('the appendix export: every row as tall as its wrapped text, the header on every page, page numbers, the ward on the cover', async () => {
    const { dir, store } = await sampleStore('An Tường');
    const out = join(dir, 'phu-luc.xlsx');
    expect((await cchcAsync(['export', '--store', store, '--plan', 'KH-CCHC-2026/AT', '--with-progress', '--out', out])).code).toBe(0);
    const ws = (await readBack(out)).getWorksheet('Phụ lục')!;
    expectPrintSetup(ws, 5);
    // The header that used to be clipped: "Thời gian hoàn thành" does not fit a 16-character column on one line.
    const header = ws.getRow(5);
    const deadline = [...Array(header.cellCount).keys()].map((i) => header.getCell(i + 1)).find((c) => c.value === 'Thời gian hoàn thành')!;
    expect(textWidthPt('Thời gian hoàn thành', { size: 12, bold: true })).toBeGreaterThan(
      columnTextWidthPt(ws.getColumn(Number(deadline.col)).width!),
    );
    expect(header.height).toBeGreaterThanOrEqual(2 * 15.75);
    expect(expectRowsFit(ws, 5)).toBeGreaterThan(46 * 5); // 46 tasks, every column
    // Title rows: the plan's ward (sample catalog: An Tường, plan without a date).
    expect(ws.getCell('A3').value).toBe('(Kèm theo Kế hoạch số KH-CCHC-2026/AT của UBND phường An Tường)');
    expect(ws.getCell('A2').value).toBe('DANH MỤC NHIỆM VỤ: KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH PHƯỜNG AN TƯỜNG NĂM 2026');
  });

  it('the self-scoring table: "UBND PHƯỜNG AN TƯỜNG" from the setting and the plan titles, rows fitted', async () => {
    const { dir, store } = await sampleStore('An Tường');
    const out = join(dir, 'tu-cham.xlsx');
    expect((await cchcAsync(['index', '--store', store, '--period', '2026-H1', '--today', '2026-06-01', '--out', out])).code).toBe(0);
    const ws = (await readBack(out)).getWorksheet('Tự chấm điểm')!;
    expect(ws.getCell('A1').value).toBe('BIỂU TỰ CHẤM ĐIỂM CHỈ SỐ CẢI CÁCH HÀNH CHÍNH CỦA UBND PHƯỜNG AN TƯỜNG');
    expectPrintSetup(ws, 5);
    expect(expectRowsFit(ws, 5)).toBeGreaterThan(20);
  });

  it('the report workbook: every sheet fitted and numbered; the cover names the ward; targets against cchc metrics --json', async () => {
    const { dir, store } = await sampleStore('xã Phúc Thuận');
    const out = join(dir, 'bao-cao.xlsx');
    const args = ['--store', store, '--period', '2026-H1', '--today', '2026-06-14'];
    expect((await cchcAsync(['report', ...args, '--out', out])).code).toBe(0);
    const metrics = JSON.parse((await cchcAsync(['metrics', ...args, '--json'])).stdout);
    const wb = await readBack(out);
    expect(wb.getWorksheet('Bìa')!.getCell('A1').value).toBe('UBND XÃ PHÚC THUẬN');
    expect(String(wb.getWorksheet('Bìa')!.getCell('A2').value)).toMatch(/^Số: .*\/BC-UBND$/);
    expectPrintSetup(wb.getWorksheet('Bìa')!, null);
    for (const ws of wb.worksheets.slice(1)) {
      expectPrintSetup(ws, 3);
      expectRowsFit(ws, 1);
    }
    const targets = wb.getWorksheet('Chỉ tiêu')!;
    const values = (name: string) => targets.getColumn(1).values.indexOf(name);
    const online = targets.getRow(values('Hội nghị tổ chức trực tuyến'));
    expect([online.getCell(2).value, online.getCell(3).value, online.getCell(4).value]).toEqual([
      metrics.meetings.onlineShare.value,
      metrics.meetings.onlineShare.numerator,
      metrics.meetings.onlineShare.denominator,
    ]);
    const progressSheet = wb.getWorksheet('Tiến độ nhiệm vụ')!;
    const overdueColumn = (progressSheet.getRow(3).values as unknown[]).indexOf('Quá hạn');
    const progress = progressSheet.getRow(4);
    expect([progress.getCell(1).value, progress.getCell(2).value, progress.getCell(overdueColumn).value]).toEqual([
      'Toàn bộ',
      metrics.tasks.overall.total,
      metrics.tasks.overall.overdue,
    ]);
  });
});
