import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDeadline, UnitRegistry } from '../../core/index';
import { readAppendix } from '../helpers/appendix-reader';
import { buildAppendixFile, type SheetLine } from '../fixtures/appendix-xlsx';
import { useTempDir } from '../helpers/tmp';

const tempDir = useTempDir();

const TWO_ROW_HEADER: SheetLine[] = [
  { cells: ['STT', 'Nhiệm vụ', 'Yêu cầu năm 2026', 'Phân công nhiệm vụ', '', 'Thời gian chậm nhất phải hoàn thành'], bold: true },
  { cells: ['', '', '', 'Cơ quan chủ trì thực hiện', 'Cơ quan phối hợp', ''], bold: true },
];

describe('appendix shapes beyond the seeds', () => {
  it('two-row "Phân công nhiệm vụ" header, hierarchical STT, group rows, a Yêu cầu column and a split task across a repeated header', async () => {
    const path = join(await tempDir(), 'phan-cong.xlsx');
    const lines: SheetLine[] = [
      { title: 'PHỤ LỤC' },
      { title: '(Kèm theo Kế hoạch số 45/KH-UBND ngày 12/3/2026 của UBND xã Đông Thành)' },
      ...TWO_ROW_HEADER,
      { cells: ['1', 'Công tác chỉ đạo, điều hành', '', '', '', ''], bold: true },
      {
        cells: [
          '1.1',
          'Ban hành kế hoạch CCHC năm',
          'Ban hành trước 31/01',
          'Phòng Văn hóa - Xã hội',
          'Văn phòng HĐND và UBND',
          'Trước 31/01/2026',
        ],
      },
      { cells: ['1.2', 'Báo cáo CCHC định kỳ', 'Đúng hạn', 'Phòng Văn hoá - Xã hội', 'Các phòng, ban chuyên môn', 'Thường xuyên'] },
      { cells: ['2', 'Cải cách thủ tục hành chính', '', '', '', ''], bold: true },
      { cells: ['2.1', 'Kiểm soát TTHC', '', '', '', ''], bold: true },
      { cells: ['2.1.1', 'Công khai 100% TTHC trên', '100% TTHC', 'Trung tâm Phục vụ', 'Văn phòng', 'Quý I/'] },
      ...TWO_ROW_HEADER,
      { cells: ['', 'Cổng Dịch vụ công', 'được công khai', 'hành chính công', 'HĐND và UBND', '2026'] },
      { cells: ['2.1.2', 'Số hóa hồ sơ, kết quả giải quyết TTHC', '≥ 95%', 'Trung tâm PVHCC', '', 'Năm 2026'] },
    ];
    await buildAppendixFile(path, lines, {
      merges: ['A3:A4', 'B3:B4', 'C3:C4', 'D3:E3', 'F3:F4', 'A11:A12', 'B11:B12', 'C11:C12', 'D11:E11', 'F11:F12'],
    });
    const a = await readAppendix(path);
    expect(a).toMatchObject({ planCode: '45/KH-UBND', planDate: '2026-03-12', ward: 'Đông Thành' });
    expect(a.tasks.map((t) => t.stt)).toEqual(['1.1', '1.2', '2.1.1', '2.1.2']);
    expect(a.groups.map((g) => g.stt)).toEqual(['1', '2', '2.1']);
    const split = a.tasks[2]!;
    expect(split).toMatchObject({
      title: 'Công khai 100% TTHC trên Cổng Dịch vụ công',
      target: '100% TTHC được công khai',
      lead: 'Trung tâm Phục vụ hành chính công',
      support: 'Văn phòng HĐND và UBND',
      deadline: 'Quý I/ 2026',
      sourceRows: [10, 13],
    });
    expect(parseDeadline(split.deadline, 2026).due).toBe('2026-03-31');
    expect(UnitRegistry.withStandard().parseList(split.lead)[0]!.unit).toBe('TTPVHCC');
    expect(a.tasks[0]).toMatchObject({ target: 'Ban hành trước 31/01', lead: 'Phòng Văn hóa - Xã hội', support: 'Văn phòng HĐND và UBND' });
  });

  it('the table on a second sheet, NFD text, old tone marks, nbsp, rich text, a formula and real date cells', async () => {
    const path = join(await tempDir(), 'messy.xlsx');
    const lines: SheetLine[] = [
      { cells: ['Số TT', 'Nội dung công việc', 'Cơ quan chủ trì', 'Sản phẩm', 'Thời hạn'], bold: true },
      {
        cells: [
          '1',
          'Rà soát quy định về văn hoá công vụ'.normalize('NFD'),
          'Phòng\u00a0Văn hoá - Xã hội',
          { richText: [{ text: 'Báo cáo ', font: { bold: true } }, { text: 'rà soát' }] },
          new Date(Date.UTC(2026, 5, 30)),
        ],
      },
      { cells: [{ formula: '1+1', result: 2 }, 'Uỷ ban MTTQ phối hợp giám sát', 'Ủy ban MTTQ Việt Nam', 'Báo cáo', 'Quý III/2026'] },
    ];
    await buildAppendixFile(path, lines, { blankSheetFirst: true, sheetName: 'Danh mục' });
    const a = await readAppendix(path);
    expect(a.sheet).toBe('Danh mục');
    expect(a.tasks).toHaveLength(2);
    expect(a.tasks[0]).toMatchObject({
      title: 'Rà soát quy định về văn hoá công vụ'.normalize('NFC'),
      lead: 'Phòng Văn hoá - Xã hội',
      product: 'Báo cáo rà soát',
      deadline: '30/06/2026',
    });
    expect(parseDeadline(a.tasks[0]!.deadline, 2026)).toMatchObject({ kind: 'date', due: '2026-06-30' });
    expect(a.tasks[1]!.stt).toBe('2');
    expect(UnitRegistry.withStandard().parseList(a.tasks[0]!.lead)[0]!.unit).toBe('VHXH');
  });
});
