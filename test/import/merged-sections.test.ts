/**
 * A section title written in one cell merged across the row, whatever column that cell starts in: Excel keeps a merged
 * range's text in its first cell and Word in the cell its w:gridSpan starts, so a table laid out with the lead unit
 * first (a plan assigning criteria unit by unit) has its area titles in the lead column. Expected values are written
 * out here, never taken from the parser.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readAppendix } from '../helpers/appendix-reader';
import { docxFile, paragraph, table, type RowSpec } from '../fixtures/appendix-docx';
import { buildAppendixFile, type SheetLine } from '../fixtures/appendix-xlsx';
import { useTempDir } from '../helpers/tmp';

const tempDir = useTempDir();

const HEADER = [
  'Cơ quan chủ trì',
  'STT',
  'Lĩnh vực, tiêu chí',
  'Yêu cầu năm 2026',
  'Thời gian chậm nhất phải hoàn thành',
  'Cơ quan phối hợp',
];
const AREAS = ['I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CCHC', 'II. CẢI CÁCH THỦ TỤC HÀNH CHÍNH', 'III. CẢI CÁCH TỔ CHỨC BỘ MÁY'];
const CRITERIA: string[][] = [
  ['Phòng Văn hóa - Xã hội', '1.1', 'Kế hoạch CCHC năm', 'Ban hành trước 15/01', 'Trước 15/01/2026', 'Các phòng chuyên môn'],
  ['Phòng Văn hóa - Xã hội', '1.2', 'Báo cáo CCHC định kỳ', 'Đủ, đúng hạn', 'Quý IV/2026', ''],
  ['Trung tâm Phục vụ hành chính công', '2.1', 'Giải quyết hồ sơ đúng hạn', 'Từ 95%', 'Năm 2026', 'Văn phòng HĐND và UBND'],
  ['Phòng Văn hóa - Xã hội', '3.1', 'Rà soát chức năng, nhiệm vụ', 'Hoàn thành', 'Quý II/2026', ''],
];
/** Area index → the criteria under it. */
const UNDER = [[0, 1], [2], [3]];

const expectedGroups = AREAS.map((a) => ({ stt: a.split('.')[0], title: a.replace(/^[IVX]+\.\s*/, ''), kind: 'section' }));
const expectedTasks = UNDER.flatMap((rows, area) =>
  rows.map((r) => ({ stt: CRITERIA[r]![1], section: AREAS[area]!.split('.')[0], title: CRITERIA[r]![2], lead: CRITERIA[r]![0] })),
);

describe('a section title merged across the row, its first cell in any column', () => {
  it('Excel: area rows merged from the lead column are sections, and no lead takes their text', async () => {
    const lines: SheetLine[] = [{ title: 'PHỤ LỤC PHÂN CÔNG THỰC HIỆN BỘ TIÊU CHÍ' }, { cells: HEADER, bold: true }];
    const merges: string[] = [];
    UNDER.forEach((rows, area) => {
      lines.push({ cells: [AREAS[area]!, '', '', '', '', ''] });
      merges.push(`A${lines.length}:F${lines.length}`);
      for (const r of rows) lines.push({ cells: CRITERIA[r]! });
    });
    const path = join(await tempDir(), 'lead-first.xlsx');
    await buildAppendixFile(path, lines, { merges });
    const a = await readAppendix(path);
    expect(a.groups).toMatchObject(expectedGroups);
    expect(a.tasks).toMatchObject(expectedTasks);
  });

  it('Excel: a title merged from the title column, the STT cell left empty, with or without a numeral', async () => {
    const lines: SheetLine[] = [
      { cells: ['STT', 'Nội dung công việc', 'Cơ quan chủ trì', 'Thời gian hoàn thành'], bold: true },
      { cells: ['', 'I. CÔNG TÁC CHỈ ĐẠO', '', ''] },
      { cells: ['1', 'Ban hành kế hoạch CCHC', 'Phòng Văn hóa - Xã hội', 'Quý I/2026'] },
      { cells: ['', 'Cải cách thủ tục hành chính', '', ''] },
      { cells: ['2', 'Công khai TTHC', 'Trung tâm Phục vụ hành chính công', 'Quý II/2026'] },
    ];
    const path = join(await tempDir(), 'title-merged.xlsx');
    await buildAppendixFile(path, lines, { merges: ['B2:D2', 'B4:D4'] });
    const a = await readAppendix(path);
    expect(a.groups).toMatchObject([
      { stt: 'I', title: 'CÔNG TÁC CHỈ ĐẠO', kind: 'section' },
      { stt: '', title: 'Cải cách thủ tục hành chính', kind: 'section' },
    ]);
    expect(a.tasks).toMatchObject([
      { stt: '1', section: 'I', title: 'Ban hành kế hoạch CCHC' },
      { stt: '2', section: '', sectionTitle: 'Cải cách thủ tục hành chính', title: 'Công khai TTHC' },
    ]);
  });

  it('Word: area rows spanning the row (w:gridSpan) from the lead column are sections', async () => {
    const rows: RowSpec[] = [{ header: true, cells: HEADER.map((text) => ({ text, bold: true })) }];
    UNDER.forEach((under, area) => {
      rows.push({ cells: [{ text: AREAS[area]!, span: HEADER.length, bold: true }] });
      for (const r of under) rows.push({ cells: CRITERIA[r]!.map((text) => ({ text })) });
    });
    const path = join(await tempDir(), 'lead-first.docx');
    await writeFile(
      path,
      await docxFile(paragraph('PHỤ LỤC PHÂN CÔNG THỰC HIỆN BỘ TIÊU CHÍ', { bold: true }) + table(rows, HEADER.length)),
    );
    const a = await readAppendix(path);
    expect(a.groups).toMatchObject(expectedGroups);
    expect(a.tasks).toMatchObject(expectedTasks);
  });

  it("Word: a task's cell spanning two grid columns, continued alone after a page break, stays the task's", async () => {
    // Word's grid has a column more than the header names: the title cell spans two of them on every row.
    const row = (cells: string[]): RowSpec => ({
      cells: cells.map((text, c) => ({ text, span: c === 1 ? 2 : undefined })),
    });
    const rows: RowSpec[] = [
      {
        header: true,
        cells: ['STT', 'Nội dung công việc', 'Cơ quan chủ trì', 'Thời gian hoàn thành'].map((text, c) => ({
          text,
          bold: true,
          span: c === 1 ? 2 : undefined,
        })),
      },
      row(['1', 'Công khai 100% TTHC trên', 'Trung tâm Phục vụ hành chính công', 'Quý I/2026']),
      row(['', 'Cổng Dịch vụ công quốc gia', '', '']),
      row(['2', 'Số hóa hồ sơ TTHC', 'Trung tâm Phục vụ hành chính công', 'Năm 2026']),
    ];
    const path = join(await tempDir(), 'split.docx');
    await writeFile(path, await docxFile(table(rows, 5)));
    const a = await readAppendix(path);
    expect(a.groups).toEqual([]);
    expect(a.tasks.map((t) => [t.stt, t.title])).toEqual([
      ['1', 'Công khai 100% TTHC trên Cổng Dịch vụ công quốc gia'],
      ['2', 'Số hóa hồ sơ TTHC'],
    ]);
  });
});
