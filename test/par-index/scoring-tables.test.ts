import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { catalogFromTables, decodeCriteria, indexSummary, parsePeriod, type Row } from '../../core/index';
import { XlsxStore } from '../../sync/store/xlsx-store';
import { buildAppendixFile, type SheetLine } from '../fixtures/appendix-xlsx';
import { cchcAsync } from '../helpers/cli';
import { useTempDir } from '../helpers/tmp';

const tempDir = useTempDir();

/** A commune's assignment of the index criteria, written the way communes do: two-row header, Roman areas, no points. */
const ASSIGNMENT: SheetLine[] = [
  { title: 'PHÂN CÔNG NHIỆM VỤ THỰC HIỆN CÁC TIÊU CHÍ CHỈ SỐ CCHC NĂM 2026' },
  { cells: ['STT', 'Tiêu chí, tiêu chí thành phần', 'Yêu cầu năm 2026', 'Phân công nhiệm vụ', '', 'Thời hạn hoàn thành'], bold: true },
  { cells: ['', '', '', 'Cơ quan chủ trì thực hiện', 'Cơ quan phối hợp', ''], bold: true },
  { cells: ['I', 'CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CCHC', '', '', '', ''], bold: true },
  {
    cells: [
      '1.1',
      'Kế hoạch CCHC năm',
      'Ban hành trước 31/01',
      'Phòng Văn hóa - Xã hội',
      'Các cơ quan, tổ chức, đơn vị',
      'Trước 31/01/2026',
    ],
  },
  { cells: ['1.2', 'Báo cáo CCHC', 'Đủ, đúng hạn', 'Văn phòng HĐND và UBND, Phòng Văn hóa - Xã hội', '', 'Hằng quý'] },
  { cells: ['II', 'CẢI CÁCH THỂ CHẾ', '', '', '', ''], bold: true },
  { cells: ['2.1', 'Xây dựng, ban hành văn bản', '', '', '', ''], bold: true },
  {
    cells: [
      '2.1.1',
      'Rà soát văn bản QPPL',
      '100% văn bản',
      'Văn phòng HĐND và UBND',
      'Các cơ quan, tổ chức, đơn vị liên quan',
      'Quý II-III/2026',
    ],
  },
  { cells: ['2.1.2', 'Tự kiểm tra văn bản', 'Đúng quy định', 'Văn phòng HĐND và UBND', '', 'Năm 2026'] },
];
const ASSIGNMENT_MERGES = ['A2:A3', 'B2:B3', 'C2:C3', 'D2:E2', 'F2:F3'];

/** The province set: codes, titles and points (1.1 = 3, 1.2 = 5, 2.1.1 = 40, 2.1.2 = 52: 100 in all). */
const PROVINCE: SheetLine[] = [
  { cells: ['Mã tiêu chí', 'Lĩnh vực, tiêu chí', 'Điểm tối đa'], bold: true },
  { cells: ['1', 'Công tác chỉ đạo, điều hành CCHC', '8'], bold: true },
  { cells: ['1.1', 'Kế hoạch CCHC năm', '3'] },
  { cells: ['1.2', 'Báo cáo CCHC', '5'] },
  { cells: ['2', 'Cải cách thể chế', '92'], bold: true },
  { cells: ['2.1', 'Xây dựng, ban hành văn bản', '92'] },
  { cells: ['2.1.1', 'Rà soát văn bản QPPL', '40'] },
  { cells: ['2.1.2', 'Tự kiểm tra văn bản', '52'] },
];

const template = fileURLToPath(new URL('../../templates/bieu-chi-so-cchc.xlsx', import.meta.url));

/** The units fill the committed scoring template: self-scores, an evidence link cell, an explanation, the appraisal. */
async function filledTemplate(path: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(template);
  const ws = wb.worksheets[0]!;
  const col = new Map<string, number>();
  ws.getRow(1).eachCell((cell, c) => col.set(String(cell.value), c));
  const put = (r: number, header: string, value: ExcelJS.CellValue) => {
    const c = [...col].find(([h]) => h.startsWith(header))![1];
    ws.getRow(r).getCell(c).value = value;
  };
  const rows: [string, Record<string, ExcelJS.CellValue>][] = [
    [
      '1.1',
      {
        'Tự chấm 6 tháng': 1.5,
        'Tự chấm năm': 3,
        'Tài liệu kiểm chứng': { text: 'Kế hoạch 05/KH-UBND', hyperlink: 'https://drive.google.com/kh' },
      },
    ],
    ['2.1.1', { 'Tự chấm năm': 36, 'Giải trình': 'Còn 2 văn bản chưa rà soát', 'Điểm thẩm định': 30 }],
    ['2.1.2', { 'Tự chấm năm': 50, 'Tài liệu kiểm chứng': 'https://drive.google.com/tu-kiem-tra', 'Điểm thẩm định': 52 }],
  ];
  rows.forEach(([code, values], i) => {
    put(i + 2, 'Mã tiêu chí', code);
    for (const [header, value] of Object.entries(values)) put(i + 2, header, value);
  });
  await wb.xlsx.writeFile(path);
}

const byCode = (rows: readonly Row[]) => new Map(decodeCriteria(rows).criteria.map((c) => [c.code, c]));

describe('scoring tables in, scores kept', () => {
  it('assignment table, province set, filled template: merged per code, edits kept, appraisal compared', async () => {
    const dir = await tempDir();
    const store = new XlsxStore(join(dir, 'cchc.xlsx'));
    expect((await cchcAsync(['init', '--store', store.location])).code).toBe(0);
    const settings = catalogFromTables(await store.read());
    const summary = async () => {
      const tables = await store.read();
      return indexSummary(tables['criteria']!, {
        period: parsePeriod('2026')!,
        today: '2026-11-23',
        settings: settings.settings,
        registry: settings.registry,
      });
    };

    // 1. The assignment table without points: imported, warnings only.
    const assignment = join(dir, 'phan-cong.xlsx');
    await buildAppendixFile(assignment, ASSIGNMENT, { merges: ASSIGNMENT_MERGES });
    const r1 = await cchcAsync(['index-import', assignment, '--store', store.location]);
    expect(r1.stderr).toBe('');
    expect(r1.code).toBe(0);
    let c = byCode((await store.read())['criteria']!);
    expect([...c.keys()]).toEqual(['1', '1.1', '1.2', '2', '2.1', '2.1.1', '2.1.2']);
    expect(c.get('1')!.title).toBe('CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CCHC'); // the Roman area keeps its title
    expect(c.get('2.1.1')).toMatchObject({ deadline: 'Quý II-III/2026', lead: 'Văn phòng HĐND và UBND', maxPoints: null });
    let s = await summary();
    expect(s.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(s.issues.filter((i) => i.code === 'MAX_POINTS_MISSING')).toHaveLength(4);
    expect(s.issues.filter((i) => i.code === 'LEAD_MULTIPLE').map((i) => i.row)).toHaveLength(1);
    expect(s.areas[0]).toMatchObject({ code: '1', title: 'CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CCHC' });
    expect((await cchcAsync(['index', '--store', store.location, '--period', '2026'])).code).toBe(0);

    // 2. An official types the points of 1.1 and settles the lead of 1.2; re-importing the table keeps both.
    const tables = await store.read();
    const edited = tables['criteria']!.map((r) =>
      r['code'] === '1.1' ? { ...r, maxPoints: 3 } : r['code'] === '1.2' ? { ...r, lead: 'Phòng Văn hóa - Xã hội' } : r,
    );
    await store.write({ criteria: edited });
    const again = await cchcAsync(['index-import', assignment, '--store', store.location]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Tiêu chí 1.2: giữ giá trị cán bộ đã sửa ở Cơ quan chủ trì thực hiện');
    c = byCode((await store.read())['criteria']!);
    expect(c.get('1.1')!.maxPoints).toBe(3);
    expect(c.get('1.2')!.lead).toBe('Phòng Văn hóa - Xã hội');

    // 3. The province set brings the points; titles as the province writes them, leads and deadlines stay.
    const province = join(dir, 'bo-tieu-chi.xlsx');
    await buildAppendixFile(province, PROVINCE);
    const set = await cchcAsync(['index-import', province, '--store', store.location]);
    expect(set.code).toBe(0);
    expect(set.stdout).toContain('Tiêu chí 2.1.2: cập nhật Điểm tối đa');
    c = byCode((await store.read())['criteria']!);
    expect([...c.values()].map((x) => [x.code, x.maxPoints])).toEqual([
      ['1', 8],
      ['1.1', 3],
      ['1.2', 5],
      ['2', 92],
      ['2.1', 92],
      ['2.1.1', 40],
      ['2.1.2', 52],
    ]);
    expect(c.get('2.1.1')).toMatchObject({ deadline: 'Quý II-III/2026', lead: 'Văn phòng HĐND và UBND' });
    s = await summary();
    expect(s.issues.filter((i) => i.severity === 'error').map((i) => i.code)).toEqual([]);
    expect(s.total.max).toBe(100);

    // 4. The units' filled scoring template: self-scores, evidence (text and link), explanation, appraisal.
    const filled = join(dir, 'bieu-tu-cham.xlsx');
    await filledTemplate(filled);
    const scores = await cchcAsync(['index-import', filled, '--store', store.location]);
    expect(scores.code).toBe(0);
    expect(scores.stdout).toContain('Tiêu chí 1.1: cập nhật Tài liệu kiểm chứng (mỗi dòng một liên kết), Tự chấm 6 tháng, Tự chấm năm');
    c = byCode((await store.read())['criteria']!);
    expect(c.get('1.1')).toMatchObject({
      scoreH1: 1.5,
      scoreYear: 3,
      evidence: ['Kế hoạch 05/KH-UBND (https://drive.google.com/kh)'],
      maxPoints: 3,
      title: 'Kế hoạch CCHC năm',
    });
    expect(c.get('2.1.1')).toMatchObject({ scoreYear: 36, explanation: 'Còn 2 văn bản chưa rà soát', appraised: 30 });
    s = await summary();
    // 3 + 36 + 50 of 100; the appraisal took 6 points on 2.1.1 and gave 2 on 2.1.2.
    expect(s.total).toEqual({ max: 100, score: 89, lost: 11 });
    expect(s.appraisal).toMatchObject({ criteria: 2, selfScore: 86, appraised: 82, gained: 2, lost: 6 });
    const printed = await cchcAsync(['index', '--store', store.location, '--period', '2026']);
    expect(printed.stdout).toContain('1. Công tác chỉ đạo, điều hành CCHC'); // the province's wording, taken over the table's
    expect(printed.stdout).toContain('được cộng 2, bị trừ 6 điểm');
  });
});
