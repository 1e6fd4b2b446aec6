import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAppendix, planWard, storeWard, wardHeading, type GridRow } from '../../core/index';
import { readAppendix } from '../helpers/appendix-reader';
import { buildAppendixFile, linesFromSeed, type SheetLine } from '../fixtures/appendix-xlsx';
import { useTempDir } from '../helpers/tmp';

const tempDir = useTempDir();

const HEADER = ['STT', 'Nội dung công việc', 'Cơ quan chủ trì', 'Cơ quan phối hợp', 'Thời gian hoàn thành', 'Ghi chú'];
const grid = (
  titles: string[][],
  rows: string[][] = [['1', 'Ban hành kế hoạch', 'Phòng VHXH', '', 'Quý I/2026', 'Đã có dự thảo']],
): GridRow[] => [...titles, HEADER, ...rows].map((cells, i) => ({ row: i + 1, cells, bold: false }));

describe('plan details from the appendix title lines', () => {
  it('takes the title from the appendix, never the national heading block; ward in old tone marks, year in capitals', () => {
    const parsed = parseAppendix(
      grid([
        ['ỦY BAN NHÂN DÂN XÃ ĐÔNG TIẾN', '', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'],
        ['', '', 'Độc lập - Tự do - Hạnh phúc'],
        ['PHỤ LỤC'],
        ['DANH MỤC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2026'],
        ['(Kèm theo Kế hoạch số /KH-UBND ngày tháng 01 năm 2026 của Uỷ ban nhân dân xã Đông Tiến)'],
      ]),
    )!;
    expect(parsed).toMatchObject({
      title: 'DANH MỤC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2026',
      ward: 'Đông Tiến',
      wardTier: 'xã',
      planYear: 2026,
      planCode: null,
    });
    // What covers and exported appendices then say, though the title names no "xã".
    const plan = { code: 'DT', title: parsed.title, date: null, ward: parsed.ward!, tier: parsed.wardTier!, year: 2026 };
    expect(wardHeading(planWard(plan))).toBe('UBND XÃ ĐÔNG TIẾN');
    expect(wardHeading(storeWard({ ward: 'Đông Tiến' }, [plan]))).toBe('UBND XÃ ĐÔNG TIẾN');
  });

  it.each([
    ['(Kèm theo Kế hoạch số 12/KH-UBND ngày 05/01/2026 của UBND phường An Tường)', 'An Tường'],
    ['(Kèm theo Kế hoạch số 12/KH-UBND của Ủy ban nhân dân xã Nhị Chiểu)', 'Nhị Chiểu'],
    ['(Kèm theo Kế hoạch số: /KH-UBND ngày tháng 01 năm 2026 của Uỷ ban nhân dân phường An Tường)', 'An Tường'],
    ['KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH CỦA UBND PHƯỜNG ĐÔNG TIẾN NĂM 2026', 'Đông Tiến'],
    ['Nhiệm vụ trọng tâm thực hiện cải cách hành chính phường Phúc Thuận năm 2026', 'Phúc Thuận'],
  ])('ward from "%s" is %s', (line, ward) => {
    expect(parseAppendix(grid([['PHỤ LỤC'], [line]]))!.ward).toBe(ward);
  });

  it('reads the year from a title in capitals alone', () => {
    const parsed = parseAppendix(
      grid([['PHỤ LỤC'], ['KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2026'], ['(Kèm theo Kế hoạch số /KH-UBND của UBND xã Đông Tiến)']]),
    )!;
    expect(parsed.planYear).toBe(2026);
  });

  it('keeps the "Ghi chú" column', () => {
    expect(parseAppendix(grid([['PHỤ LỤC']]))!.tasks[0]!.remarks).toBe('Đã có dự thảo');
  });

  it('reads the seeds: An Tường title and ward, Phúc Thuận ward from its title line', async () => {
    const dir = await tempDir();
    const expectations = [
      // From the seed text: "**DANH MỤC CÁC NHIỆM VỤ TRỌNG TÂM CCHC NĂM 2026**", "… của Ủy ban nhân dân phường An Tường)".
      ['an-tuong-appendix.tsv', 'DANH MỤC CÁC NHIỆM VỤ TRỌNG TÂM CCHC NĂM 2026', 'An Tường'],
      ['nhi-chieu-appendix.tsv', 'PHÂN CÔNG NHIỆM VỤ CỤ THỂ', 'Nhị Chiểu'],
      ['phuc-thuan-appendix.tsv', 'DANH MỤC Nhiệm vụ trọng tâm thực hiện cải cách hành chính phường Phúc Thuận năm 2026', 'Phúc Thuận'],
    ] as const;
    for (const [seed, title, ward] of expectations) {
      const path = join(dir, `${seed}.xlsx`);
      await buildAppendixFile(path, linesFromSeed(seed));
      const a = await readAppendix(path);
      expect({ title: a.title, ward: a.ward, year: a.planYear }).toEqual({ title, ward, year: 2026 });
    }
  });

  it("keeps a link cell's display text, and in the evidence column its address too", async () => {
    const path = join(await tempDir(), 'links.xlsx');
    const lines: SheetLine[] = [
      { title: 'PHỤ LỤC' },
      { cells: ['STT', 'Nội dung công việc', 'Cơ quan chủ trì', 'Thời gian hoàn thành', 'Tài liệu kiểm chứng'], bold: true },
      {
        cells: [
          '1',
          { text: 'Công khai TTHC', hyperlink: 'https://dichvucong.gov.vn' },
          'Phòng VHXH',
          'Quý I/2026',
          { text: 'Quyết định 12/QĐ-UBND', hyperlink: 'https://drive.google.com/x' },
        ],
      },
    ];
    await buildAppendixFile(path, lines);
    const [task] = (await readAppendix(path)).tasks;
    expect(task).toMatchObject({ title: 'Công khai TTHC', evidence: 'Quyết định 12/QĐ-UBND (https://drive.google.com/x)' });
  });
});
