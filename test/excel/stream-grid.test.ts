/** The streaming reader (large files) reads an appendix exactly as the loading reader does, merged cells included. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readAppendix } from '../../sync/excel/appendix-reader';
import { readWorkbookGrids } from '../../sync/excel/read-workbook';
import { streamedGrids } from '../../sync/excel/stream-grid';
import { guardZip } from '../../sync/files/zip-guard';
import { buildAppendixFile } from '../fixtures/appendix-xlsx';
import { useTempDir } from '../helpers/tmp';

const tempDir = useTempDir();
const SAMPLES = ['phu-luc-nhi-chieu-2026.xlsx', 'phu-luc-an-tuong-2026.xlsx', 'phu-luc-phuc-thuan-2026.xlsx'].map((f) =>
  join(process.cwd(), 'templates/samples', f),
);

describe('streamed appendix grids', () => {
  it.each(SAMPLES)('%s reads the same streamed and loaded', async (file) => {
    const loaded = await readAppendix(file, { stream: false });
    const streamed = await readAppendix(file, { stream: true });
    expect(streamed.tasks.length).toBeGreaterThan(5);
    expect(streamed).toEqual(loaded);
  });

  it('a vertically merged lead unit repeats in each row; a merged section row keeps its text once', async () => {
    const file = join(await tempDir(), 'phu-luc.xlsx');
    await buildAppendixFile(
      file,
      [
        { title: '(Kèm theo Kế hoạch số 7/KH-UBND ngày 05/01/2026 của UBND phường Thử)' },
        { cells: ['STT', 'Nội dung công việc', 'Cơ quan chủ trì', 'Thời gian hoàn thành'], bold: true },
        { cells: ['I', 'CẢI CÁCH THỂ CHẾ', '', ''], bold: true, mergeRest: true },
        { cells: ['1', 'Việc một', 'Phòng Văn hóa - Xã hội', 'Quý I/2026'] },
        { cells: ['2', 'Việc hai', '', 'Quý II/2026'] },
        { cells: ['3', 'Việc ba', '', 'Quý III/2026'] },
      ],
      { merges: ['C4:C6'] },
    );
    const loaded = await readAppendix(file, { stream: false });
    const streamed = await readAppendix(file, { stream: true });
    expect(streamed.tasks.map((t) => t.lead)).toEqual(['Phòng Văn hóa - Xã hội', 'Phòng Văn hóa - Xã hội', 'Phòng Văn hóa - Xã hội']);
    expect(streamed).toEqual(loaded);
  });

  it('parses the bytes that were guarded, never the file again: a file replaced meanwhile is not what is read', async () => {
    const bytes = await readFile(SAMPLES[0]!);
    const entries = await guardZip(bytes, SAMPLES[0]!);
    // Named by a path that no longer exists: only the bytes in hand can be read.
    const grids = await streamedGrids(join(await tempDir(), 'da-thay.xlsx'), bytes, entries);
    expect(grids.some((g) => g.grid.length > 5)).toBe(true);
    expect(grids).toEqual(await readWorkbookGrids(SAMPLES[0]!, { stream: true }));
  });
});
