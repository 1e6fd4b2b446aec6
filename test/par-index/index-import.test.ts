import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogFromTables, decodeCriteria, indexSummary, parsePeriod } from '../../core/index';
import { XlsxStore } from '../../sync/store/xlsx-store';
import { buildAppendixFile, type SheetLine } from '../fixtures/appendix-xlsx';
import { cchcAsync } from '../helpers/cli';
import { useTempDir } from '../helpers/tmp';

const tempDir = useTempDir();

describe('cchc index-import', () => {
  it("reads an assignment table (two-row header, Yêu cầu năm 2026, group rows, points) and keeps the ward's scores", async () => {
    const dir = await tempDir();
    const store = new XlsxStore(join(dir, 'cchc.xlsx'));
    expect((await cchcAsync(['init', '--store', store.location])).code).toBe(0);
    await store.write({
      criteria: [
        { code: '1.1', title: 'Kế hoạch CCHC', maxPoints: 4, scoreYear: 4, evidence: 'https://drive.google.com/kh', lead: 'Phòng VHXH' },
      ],
    });

    const lines: SheetLine[] = [
      { title: 'PHỤ LỤC PHÂN CÔNG NHIỆM VỤ THỰC HIỆN BỘ TIÊU CHÍ XÁC ĐỊNH CHỈ SỐ CCHC' },
      { cells: ['STT', 'Lĩnh vực, tiêu chí', 'Điểm tối đa', 'Yêu cầu năm 2026', 'Phân công nhiệm vụ', ''], bold: true },
      { cells: ['', '', '', '', 'Cơ quan chủ trì thực hiện', 'Cơ quan phối hợp'], bold: true },
      { cells: ['1', 'Công tác chỉ đạo, điều hành CCHC', '10', '', '', ''], bold: true },
      { cells: ['1.1', 'Kế hoạch CCHC', '4', 'Ban hành trước 15/01', 'Phòng Văn hóa - Xã hội', 'Các phòng, ban chuyên môn'] },
      { cells: ['1.2', 'Báo cáo CCHC', '6', 'Đủ, đúng hạn', 'Phòng Văn hóa - Xã hội', ''] },
      { cells: ['2', 'Cải cách thủ tục hành chính', '90', '', '', ''], bold: true },
      { cells: ['2.1', 'Giải quyết hồ sơ đúng hạn', '90', 'Từ 95%', 'Trung tâm Phục vụ hành chính công', 'Văn phòng HĐND và UBND'] },
    ];
    const file = join(dir, 'phan-cong-chi-so.xlsx');
    await buildAppendixFile(file, lines, { merges: ['A2:A3', 'B2:B3', 'C2:C3', 'D2:D3', 'E2:F2'] });
    const result = await cchcAsync(['index-import', file, '--store', store.location]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Đã nhập 5 dòng tiêu chí');

    const tables = await store.read();
    const { criteria } = decodeCriteria(tables['criteria']!);
    expect(criteria.map((c) => [c.code, c.group, c.maxPoints])).toEqual([
      ['1', true, 10],
      ['1.1', false, 4],
      ['1.2', false, 6],
      ['2', true, 90],
      ['2.1', false, 90],
    ]);
    expect(criteria[1]).toMatchObject({
      requirement: 'Ban hành trước 15/01',
      lead: 'Phòng Văn hóa - Xã hội',
      scoreYear: 4,
      evidence: ['https://drive.google.com/kh'],
    });
    const catalog = catalogFromTables(tables);
    const s = indexSummary(tables['criteria']!, {
      period: parsePeriod('2026')!,
      today: '2026-11-23',
      settings: catalog.settings,
      registry: catalog.registry,
    });
    expect(s.total).toEqual({ max: 100, score: 4, lost: 96 });
    expect(s.issues).toEqual([]);
  });
});
