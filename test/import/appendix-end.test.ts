/** Where an appendix ends in an Excel sheet: what follows the table after a blank row is not its last task's text. */
import { describe, expect, it } from 'vitest';
import { parseAppendix, type GridRow } from '../../core/index';

/** Rows as a sheet reader gives them: blank rows are absent, so their numbers are skipped. */
const sheet = (rows: [number, string[], boolean?][]): GridRow[] => rows.map(([row, cells, bold]) => ({ row, cells, bold: bold ?? false }));

const HEADER: string[] = ['STT', 'Nội dung công việc', 'Cơ quan chủ trì', 'Cơ quan phối hợp'];

describe('the end of an appendix in a sheet', () => {
  it('the "Nơi nhận:" and signature lines under a blank row are not joined to the last task', () => {
    const parsed = parseAppendix(
      sheet([
        [1, ['PHỤ LỤC']],
        [2, HEADER, true],
        [3, ['1', 'Xây dựng kế hoạch tuyên truyền', 'Phòng VHXH', '']],
        [4, ['2', 'Số hóa hồ sơ', 'Trung tâm Phục vụ hành chính công', 'Văn phòng HĐND và UBND']],
        [6, ['', 'Nơi nhận:', '', 'TM. ỦY BAN NHÂN DÂN'], true],
        [7, ['', '- UBND tỉnh;', '', 'CHỦ TỊCH'], true],
        [8, ['', '- Lưu: VT.', '', '']],
        [10, ['', '', '', 'Nguyễn Văn A']],
      ]),
    )!;
    expect(parsed.tasks.map((t) => [t.stt, t.title, t.support, t.sourceRows])).toEqual([
      ['1', 'Xây dựng kế hoạch tuyên truyền', '', [3]],
      ['2', 'Số hóa hồ sơ', 'Văn phòng HĐND và UBND', [4]],
    ]);
    expect(parsed.groups).toEqual([]);
  });

  it('a task cut by a page break still joins the row straight under it, and a bold title with tasks under it is a section', () => {
    const parsed = parseAppendix(
      sheet([
        [1, HEADER, true],
        [2, ['1', 'Rà soát thủ tục', 'Phòng VHXH', '']],
        [3, ['', 'hành chính năm 2026', '', 'Công an phường']],
        [5, ['', 'CẢI CÁCH TÀI CHÍNH CÔNG', '', ''], true],
        [6, ['2', 'Công khai ngân sách', 'Phòng Kinh tế', '']],
      ]),
    )!;
    expect(parsed.tasks.map((t) => [t.stt, t.title, t.support, t.sectionTitle])).toEqual([
      ['1', 'Rà soát thủ tục hành chính năm 2026', 'Công an phường', ''],
      ['2', 'Công khai ngân sách', '', 'CẢI CÁCH TÀI CHÍNH CÔNG'],
    ]);
    expect(parsed.groups.map((g) => [g.kind, g.title, g.row])).toEqual([['section', 'CẢI CÁCH TÀI CHÍNH CÔNG', 5]]);
  });
});
