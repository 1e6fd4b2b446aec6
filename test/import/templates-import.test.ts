import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { locateTable, planImport, type ImportReady } from '../../core/index';
import { readGrids } from '../../sync/excel/read-grids';
import { TEMPLATES } from '../../sync/excel/templates';

const template = (file: string) => fileURLToPath(new URL(`../../templates/${file}`, import.meta.url));

const KIND: Record<string, string> = {
  'phu-luc-nhiem-vu.xlsx': 'appendix',
  'so-hoi-nghi.xlsx': 'meetings',
  'bieu-chi-so-cchc.xlsx': 'criteria',
  'so-van-ban.xlsx': 'documents',
  'so-lieu-so-hoa.xlsx': 'digitisation',
  'so-lieu-chi-tieu-khac.xlsx': 'outcomes',
};

describe('cchc import recognises every template the project ships, by its header', () => {
  it('covers every template', () => {
    expect(TEMPLATES.map((t) => t.file).sort()).toEqual(Object.keys(KIND).sort());
  });

  it.each(TEMPLATES.map((t) => [t.file] as const))('%s', async (file) => {
    const plan = planImport({ file, sheets: await readGrids(template(file)), tables: {}, plan: 'X/KH' });
    // The blank appendix is recognised as one, and refused for having no task: it must never read as "all removed".
    if (KIND[file] === 'appendix') expect(plan).toMatchObject({ ok: false, code: 'APPENDIX_EMPTY' });
    else expect((plan as ImportReady).kind).toBe(KIND[file]);
  });
});

describe("a filled criteria template through cchc import keeps the ward's scores", () => {
  it('merges by code: fields follow the file, self-scores and evidence stay', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(template('bieu-chi-so-cchc.xlsx'));
    const ws = wb.getWorksheet('Chỉ số CCHC')!;
    ws.getRow(2).values = ['1', 'Công tác chỉ đạo, điều hành', 10];
    ws.getRow(3).values = ['1.1', 'Kế hoạch CCHC năm', 10, 'Ban hành đúng hạn', 'Phòng Văn hóa - Xã hội'];
    const grids = [{ sheet: ws.name, grid: await (await import('../helpers/workbook-grid')).workbookGrid(wb, ws.name) }];
    const stored = [{ code: '1.1', title: 'Kế hoạch CCHC', maxPoints: 8, scoreYear: 7.5, evidence: 'https://drive/kh' }];
    const plan = planImport({ file: 'chi-so.xlsx', sheets: grids, tables: { criteria: stored } }) as ImportReady;
    expect(plan.kind).toBe('criteria');
    const rows = plan.writes()['criteria']!;
    expect(rows.find((r) => r['code'] === '1.1')).toMatchObject({
      title: 'Kế hoạch CCHC năm',
      maxPoints: 10,
      scoreYear: 7.5,
      evidence: 'https://drive/kh',
    });
    expect(plan.report()).toMatchObject({ changes: { added: 1, updated: 1, unchanged: 0 } });
  });
});

describe('a sheet holding two tables is read as the one whose header comes first', () => {
  const grid = (rows: string[][]) => rows.map((cells, i) => ({ row: i + 1, cells, bold: false }));
  const appendix = [
    ['STT', 'Nội dung công việc', 'Cơ quan chủ trì', 'Thời gian hoàn thành'],
    ['1', 'Rà soát thủ tục hành chính', 'Văn phòng HĐND và UBND', 'Quý I/2026'],
  ];
  const meetings = [
    ['Ngày', 'Tên hội nghị/cuộc họp', 'Hình thức', 'Kỳ'],
    ['05/01/2026', 'Họp giao ban', 'Trực tuyến', 'Quý I/2026'],
  ];

  it('an appendix above a meeting log: the appendix, ending above the log, and the official is told the log was not read', () => {
    const plan = planImport({
      file: 'hai-bang.xlsx',
      sheets: [{ sheet: 'Trang1', grid: grid([...appendix, [], ...meetings]) }],
      tables: {},
      plan: 'X/KH',
    }) as ImportReady;
    expect(plan).toMatchObject({ ok: true, kind: 'appendix' });
    const tasks = plan.writes()['tasks']!;
    expect(tasks.map((t) => t['title'])).toEqual(['Rà soát thủ tục hành chính']);
    expect(plan.lines.join('\n')).toContain('Từ dòng 4 là một bảng khác (sổ hội nghị), không phải phụ lục nhiệm vụ: không nhập bảng đó.');
  });

  it("a summary sheet in front of the plan's appendix: the appendix that names its plan, and the summary is said to be left", () => {
    const summary = grid([
      ['STT', 'Nội dung', 'Số lượng', 'Ghi chú'],
      ['1', 'Số nhiệm vụ', '45', ''],
      ['2', 'Đã hoàn thành', '12', ''],
    ]);
    const plan = planImport({
      file: 'ke-hoach.xlsx',
      sheets: [
        { sheet: 'Tổng hợp', grid: summary },
        { sheet: 'Phụ lục', grid: grid([['(Kèm theo Kế hoạch số 158/KH-UBND ngày 05/01/2026 của UBND phường Phúc Thuận)'], ...appendix]) },
      ],
      tables: {},
    }) as ImportReady;
    expect(plan).toMatchObject({ ok: true, kind: 'appendix', sheet: 'Phụ lục' });
    expect(plan.writes()['tasks']!.map((t) => t['title'])).toEqual(['Rà soát thủ tục hành chính']);
    expect(plan.lines.join('\n')).toContain('Trang "Tổng hợp" cũng có bảng dạng phụ lục nhưng không ghi số kế hoạch: không nhập trang đó.');
    // Without a numbered appendix after it, the first sheet's table is the one, as always.
    expect(planImport({ file: 'x.xlsx', sheets: [{ sheet: 'Tổng hợp', grid: summary }], tables: {}, plan: 'X/KH' })).toMatchObject({
      ok: true,
      sheet: 'Tổng hợp',
    });
  });

  it("a formula error where a meeting's identity should be stops the import, naming the cell", () => {
    const rows = [meetings[0]!, ['05/01/2026', '#N/A', 'Trực tuyến', 'Quý I/2026'], ['#REF!', 'Họp giao ban', 'Trực tiếp', 'Quý I/2026']];
    const plan = planImport({ file: 'so-hoi-nghi.xlsx', sheets: [{ sheet: 'Hội nghị', grid: grid(rows) }], tables: {} });
    expect(plan).toMatchObject({ ok: false, code: 'CELL_ERROR' });
    expect((plan as { message: string }).message).toContain('dòng 2 cột "Tên hội nghị/cuộc họp" là #N/A; dòng 3 cột "Ngày" là #REF!');
  });

  it('a meeting log above an appendix: the log', () => {
    const plan = planImport({
      file: 'hai-bang.xlsx',
      sheets: [{ sheet: 'Trang1', grid: grid([...meetings, [], ...appendix]) }],
      tables: {},
    });
    expect(plan).toMatchObject({ ok: true, kind: 'meetings' });
  });

  it("a province export whose header has a group row over it is the export, though the group row reads like an appendix's", () => {
    // "STT", "Lĩnh vực" and "Kết quả …" are an appendix's STT, title and product; the row under them is the export's.
    const rows = [
      ['STT', 'Lĩnh vực', 'Tiếp nhận', '', 'Kết quả giải quyết', ''],
      ['', '', 'Tổng số hồ sơ tiếp nhận', 'Tiếp nhận trực tuyến', 'Giải quyết đúng hạn', 'Đã giải quyết'],
      ['1', 'Hộ tịch', '100', '90', '95', '98'],
    ];
    const located = locateTable({ file: 'thong-ke-tinh.xlsx', sheets: [{ sheet: 'Trang1', grid: grid(rows) }] });
    expect(located).toMatchObject({ kind: 'digitisation', rows: [{ received: '100', online: '90', onTime: '95', resolved: '98' }] });
  });
});
