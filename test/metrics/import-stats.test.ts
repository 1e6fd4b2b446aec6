import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { computeMetrics, parsePeriod } from '../../core/index';
import { XlsxStore } from '../../sync/store/xlsx-store';
import { cchcAsync } from '../helpers/cli';
import { useTempDir } from '../helpers/tmp';

const tempDir = useTempDir();

describe('cchc import-stats (the province system export)', () => {
  it('maps the province headers onto "Số hóa" and feeds the digitisation metrics', async () => {
    const dir = await tempDir();
    const store = join(dir, 'cchc.xlsx');
    expect((await cchcAsync(['init', '--store', store])).code).toBe(0);
    const file = join(dir, 'thong-ke-tinh.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Thống kê');
    ws.addRows([
      ['BÁO CÁO TÌNH HÌNH GIẢI QUYẾT HỒ SƠ TTHC'],
      [],
      [
        'STT',
        'Tên đơn vị',
        'Tổng số hồ sơ tiếp nhận',
        'Tiếp nhận trực tuyến',
        'Trực tuyến toàn trình',
        'Tổng số hồ sơ đã giải quyết',
        'Trước và đúng hạn',
        'Số hóa hồ sơ',
        'Cấp kết quả điện tử',
      ],
      [1, 'Trung tâm Phục vụ hành chính công', 1200, 1150, 700, 1180, 1170, 1160, 1180],
      ['', 'Tổng cộng', 1200, 1150, 700, 1180, 1170, 1160, 1180],
    ]);
    await wb.xlsx.writeFile(file);

    const noPeriod = await cchcAsync(['import-stats', file, '--store', store]);
    expect(noPeriod.code).toBe(2);
    expect(noPeriod.stderr).toContain('[PERIOD_REQUIRED]');

    const result = await cchcAsync(['import-stats', file, '--store', store, '--period', '2026-Q1']);
    expect(result.code).toBe(0);
    const tables = await new XlsxStore(store).read();
    expect(tables['digitisation']).toHaveLength(1);
    const d = computeMetrics(tables, { period: parsePeriod('2026')!, today: '2026-11-23' }).digitisation;
    const by = Object.fromEntries(d.indicators.map((i) => [i.key, i]));
    expect(by['onlineHandling']).toMatchObject({ numerator: 1150, denominator: 1200 });
    expect(by['onTime']).toMatchObject({ numerator: 1170, denominator: 1180, pass: true });

    // Importing the same period again replaces, not duplicates.
    expect((await cchcAsync(['import-stats', file, '--store', store, '--period', '2026-Q1'])).code).toBe(0);
    expect((await new XlsxStore(store).read())['digitisation']).toHaveLength(1);
  });
});
