/**
 * A commune's plan the project had not seen, written the way its officials write
 * it: national heading block, no plan number yet, a two-row header, hierarchical
 * numbering with group rows, group phrases as leads (one with a typo), Party
 * bodies, ranges and conditions in the deadlines, a "Ghi chú" column.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildAppendixFile, type SheetLine } from '../fixtures/appendix-xlsx';
import { cchcAsync } from '../helpers/cli';
import { useTempDir } from '../helpers/tmp';

const tempDir = useTempDir();

const LINES: SheetLine[] = [
  { cells: ['ỦY BAN NHÂN DÂN XÃ ĐÔNG TIẾN', '', '', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'] },
  { cells: ['', '', '', 'Độc lập - Tự do - Hạnh phúc'] },
  { title: 'PHỤ LỤC' },
  { title: 'NHIỆM VỤ NÂNG CAO CHỈ SỐ CCHC NĂM 2026' },
  { title: '(Kèm theo Kế hoạch số      /KH-UBND ngày     /01/2026 của Uỷ ban nhân dân xã Đông Tiến)' },
  { cells: ['STT', 'Nội dung nhiệm vụ', 'Phân công nhiệm vụ', '', 'Thời gian hoàn thành', 'Ghi chú'], bold: true },
  { cells: ['', '', 'Cơ quan chủ trì thực hiện', 'Cơ quan phối hợp', '', ''], bold: true },
  { cells: ['1', 'Công tác chỉ đạo, điều hành', '', '', '', ''], bold: true },
  { cells: ['1.1', 'Quán triệt kế hoạch CCHC năm 2026', 'Các cơ quan, tổ chức, đơn vị', '', 'Đầu năm 2026', ''] },
  {
    cells: [
      '1.2',
      'Kiểm tra công tác CCHC',
      'Văn phòng HĐND và UBND',
      'Các cơ quan, tổ chức, đơn vị được kiểm tra năm 2026',
      'Tháng 3 - 6/2026',
      'Theo kế hoạch kiểm tra',
    ],
  },
  {
    cells: [
      '1.3',
      'Tuyên truyền CCHC',
      'Các quan, tổ chức, đơn vị',
      'Đoàn Thanh niên, Hội Phụ nữ',
      'Thường xuyên; báo cáo trước 15/12/2026',
      '',
    ],
  },
  { cells: ['2', 'Cải cách thể chế', '', '', '', ''], bold: true },
  { cells: ['2.1', 'Rà soát văn bản QPPL', 'Văn phòng Đảng ủy', 'Các cơ quan, tổ chức, đơn vị thuộc UBND xã', 'Quý II-III/2026', ''] },
  {
    cells: [
      '2.2',
      'Ban hành quy chế phối hợp (sau khi UBND tỉnh ban hành)',
      'Phòng Văn hóa - Xã hội và các cơ quan, tổ chức, đơn vị liên quan',
      'Các xóm',
      'Quý II/2026',
      '',
    ],
  },
  {
    cells: [
      '2.3',
      'Báo cáo kết quả thực hiện',
      'Phòng Văn hóa - Xã hội',
      'Các cơ quan, tổ chức, đơn vị liên quan và các xóm',
      'Định kỳ 6 tháng',
      '',
    ],
  },
];

describe('a commune plan, end to end', () => {
  it('reads plan, units, groups, deadlines and headings as the officials mean them', async () => {
    const dir = await tempDir();
    const store = join(dir, 'cchc.xlsx');
    expect((await cchcAsync(['init', '--store', store, '--year', '2025'])).code).toBe(0);
    const file = join(dir, 'dong-tien.xlsx');
    await buildAppendixFile(file, LINES, { width: 6, merges: ['A6:A7', 'B6:B7', 'C6:D6', 'E6:E7', 'F6:F7'] });
    const out = JSON.parse((await cchcAsync(['import', file, '--store', store, '--dry-run', '--json'])).stdout);

    expect(out.plan).toMatchObject({ title: 'NHIỆM VỤ NÂNG CAO CHỈ SỐ CCHC NĂM 2026', ward: 'Đông Tiến', year: 2026 });
    expect(out.draft).toBe(true);
    const codes = (code: string) => out.issues.filter((i: { code: string }) => i.code === code).map((i: { row: number }) => i.row);
    expect(codes('UNIT_UNKNOWN')).toEqual([]);
    // Only groups lead 1.1 (row 9) and 1.3 (row 11, through a typo).
    expect(codes('LEAD_IS_GROUP')).toEqual([9, 11]);
    expect(codes('UNIT_TYPO')).toEqual([11]);
    expect(codes('LEAD_MULTIPLE')).toEqual([]);
    // A 2026 plan in a workbook set to 2025: its own year counts.
    expect(codes('DEADLINE_OUTSIDE_PLAN_YEAR')).toEqual([]);
    expect(codes('DEADLINE_ASSUMED')).toEqual([9]);

    const task = (stt: string) => out.tasks.find((t: { stt: string }) => t.stt === stt);
    expect(out.tasks.map((t: { stt: string }) => t.stt)).toEqual(['1.1', '1.2', '1.3', '2.1', '2.2', '2.3']);
    expect(task('1.1').deadline).toMatchObject({ kind: 'quarter', due: '2026-03-31' });
    expect(task('1.2').deadline).toMatchObject({ kind: 'month', due: '2026-06-30' });
    expect(task('1.3').deadline).toMatchObject({ kind: 'recurring', due: '2026-12-14' });
    expect(task('2.1').deadline).toMatchObject({ kind: 'quarter', due: '2026-09-30' });
    expect(task('2.2').deadline).toMatchObject({ kind: 'conditional', due: '2026-06-30' });
    expect(task('2.1').lead).toEqual([{ text: 'Văn phòng Đảng ủy', unit: 'VP_DANG_UY', name: 'Văn phòng Đảng ủy' }]);
    expect(task('2.2').lead.map((u: { unit: string }) => u.unit)).toEqual(['VHXH', 'LIEN_QUAN']);
    expect(task('2.3').support.map((u: { unit: string }) => u.unit)).toEqual(['LIEN_QUAN', 'TDP']);
    expect(task('1.3').support.map((u: { unit: string }) => u.unit)).toEqual(['DOAN_TN', 'HOI_PN']);
  });
});
