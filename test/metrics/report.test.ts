import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { computeMetrics, parsePeriod, targetLines } from '../../core/index';
import { sampleTables } from '../../sync/samples/sample-tables';
import { XlsxStore } from '../../sync/store/xlsx-store';
import { cchcAsync } from '../helpers/cli';
import { useTempDir } from '../helpers/tmp';

const tempDir = useTempDir();

describe('cchc report', () => {
  it('writes the six-month report: cover, coloured targets, progress, overdue list, charts', async () => {
    const dir = await tempDir();
    const store = new XlsxStore(join(dir, 'cchc.xlsx'));
    const tables = await sampleTables();
    await store.create(tables);
    const out = join(dir, 'bao-cao.xlsx');
    const result = await cchcAsync(['report', '--store', store.location, '--period', '2026-H1', '--today', '2026-06-14', '--out', out]);
    expect(result.code).toBe(0);

    const expected = computeMetrics(await store.read(), { period: parsePeriod('2026-H1')!, today: '2026-06-14' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Bìa',
      'Chỉ tiêu',
      'Tiến độ nhiệm vụ',
      'Quá hạn, sắp đến hạn',
      'Biểu đồ họp trực tuyến',
    ]);
    const cover = wb.getWorksheet('Bìa')!;
    expect(cover.getCell('B1').value).toBe('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(cover.getCell('A5').value).toBe('BÁO CÁO');
    expect(cover.getCell('A6').value).toBe('KẾT QUẢ THỰC HIỆN CÔNG TÁC CẢI CÁCH HÀNH CHÍNH 6 THÁNG ĐẦU NĂM 2026');
    expect(cover.getCell('A8').value).toBe('6 tháng đầu năm 2026');
    expect(cover.getCell('A9').value).toBe('Số liệu tính từ ngày 15/12/2025 đến ngày 14/06/2026');

    const targets = wb.getWorksheet('Chỉ tiêu')!;
    // The core's one list of target lines, in order, with the ward's targets.
    const lines = targetLines(expected);
    expect(Array.from({ length: lines.length }, (_, i) => targets.getCell(`A${4 + i}`).value)).toEqual(lines.map((l) => l.name));
    expect(targets.getCell('A4').value).toBe('Hội nghị tổ chức trực tuyến');
    expect(targets.getCell('E4').value).toBe('≥ 60%');
    expect(targets.getCell('B4').value).toBe(expected.meetings.onlineShare.value);
    const verdictFill = (r: number) => (targets.getCell(`F${r}`).fill as ExcelJS.FillPattern).fgColor?.argb;
    expect(targets.getCell('F4').value).toBe(expected.meetings.onlineShare.pass ? 'Đạt' : 'Chưa đạt');
    expect(verdictFill(4)).toBe(expected.meetings.onlineShare.pass ? 'FFC6EFCE' : 'FFFFC7CE');
    expect(targets.getCell('F6').value).toBe('Không áp dụng'); // the year-on-year change applies to a year only
    expect(verdictFill(6)).toBe('FFEDEDED');
    expect(targets.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9 });

    const progress = wb.getWorksheet('Tiến độ nhiệm vụ')!;
    expect(progress.getRow(4).values).toEqual(
      expect.arrayContaining(['Toàn bộ', expected.tasks.overall.total, expected.tasks.overall.overdue]),
    );
    const bars = (progress as unknown as { conditionalFormattings: { rules: { type: string }[] }[] }).conditionalFormattings;
    expect(bars[0]!.rules[0]!.type).toBe('dataBar');

    const overdue = wb.getWorksheet('Quá hạn, sắp đến hạn')!;
    expect(overdue.rowCount - 3).toBe(expected.tasks.overdue.length + expected.tasks.dueSoon.length);

    const chart = wb.getWorksheet('Biểu đồ họp trực tuyến')!;
    expect(chart.getCell('A4').value).toBe('Tháng 1/2026 (15/12/2025 – 14/01/2026)'); // the cut-off month the totals count
    expect(String(chart.getCell('F4').value)).toMatch(/^█+$/);
  });
});
