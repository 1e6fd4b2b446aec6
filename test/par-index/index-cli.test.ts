import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { sampleTables } from '../../sync/samples/sample-tables';
import { XlsxStore } from '../../sync/store/xlsx-store';
import { cchcAsync } from '../helpers/cli';
import { useTempDir } from '../helpers/tmp';

const tempDir = useTempDir();

describe('cchc index', () => {
  it('prints the self-assessment and exports the scoring table with clickable evidence links', async () => {
    const dir = await tempDir();
    const store = new XlsxStore(join(dir, 'cchc.xlsx'));
    await store.create(await sampleTables());
    const out = join(dir, 'tu-cham.xlsx');
    const result = await cchcAsync(['index', '--store', store.location, '--period', '2026-H1', '--today', '2026-06-01', '--out', out]);
    expect(result.code).toBe(0);
    // Hand-summed from templates/samples/sample-criteria.json (six-month scores).
    expect(result.stdout).toContain('Chỉ số CCHC — tự chấm 6 tháng đầu năm 2026: 65/100 điểm (mất 35 điểm)');
    expect(result.stdout).toContain('Hạn gửi tự chấm điểm: 20/06/2026 (còn 19 ngày)');
    // Without evidence in the sample: 1.3, 3.3, 5.2 scored 0, 2.2 and 8.1 explained; none is missing.
    expect(result.stdout).toContain('Chấm điểm nhưng chưa có tài liệu kiểm chứng hoặc giải trình: không có');

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.getWorksheet('Tự chấm điểm')!;
    expect(ws.getCell('A3').value).toBe('Tổng điểm tự chấm: 65/100 điểm (bị trừ 35 điểm); còn thiếu 25 điểm so với chỉ tiêu 90 điểm');
    const links: ExcelJS.CellHyperlinkValue[] = [];
    ws.eachRow((row) => {
      const v = row.getCell(6).value;
      if (v && typeof v === 'object' && 'hyperlink' in v) links.push(v as ExcelJS.CellHyperlinkValue);
    });
    expect(links.length).toBe(14); // 13 criteria with evidence; 1.2 has two links, on two lines
    expect(links[0]!.hyperlink).toMatch(/^https:\/\/drive\.google\.com\//);
    const area1 = [...Array(ws.rowCount).keys()].map((i) => ws.getRow(i + 1)).find((r) => r.getCell(1).value === '1')!;
    expect([area1.getCell(3).value, area1.getCell(4).value, area1.getCell(1).font?.bold]).toEqual([12, 8.5, true]);
    expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9 });
  });

  it('exits 1 when the criteria have errors', async () => {
    const dir = await tempDir();
    const store = new XlsxStore(join(dir, 'cchc.xlsx'));
    const tables = await sampleTables();
    tables['criteria'] = [{ code: '1', title: 'Tiêu chí', maxPoints: 100, scoreYear: 120, lead: 'Phòng VHXH' }];
    await store.create(tables);
    const result = await cchcAsync(['index', '--store', store.location, '--period', '2026', '--json', '--today', '2026-11-23']);
    expect(result.code).toBe(1);
    const s = JSON.parse(result.stdout);
    expect(s.total).toEqual({ max: 100, score: 100, lost: 0 });
    expect(s.issues.map((i: { code: string }) => i.code)).toEqual(['SCORE_OUT_OF_RANGE', 'EVIDENCE_MISSING']);
  });
});
