/**
 * The core's .xlsx reader (core/files/xlsx-grids): merged cells as the appendix parser expects them, and only the
 * bytes handed to it are read.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTableFile } from '../../core/index';
import { readAppendix } from '../../sync/excel/appendix-reader';
import { buildAppendixFile } from '../fixtures/appendix-xlsx';
import { useTempDir } from '../helpers/tmp';

const tempDir = useTempDir();
const SAMPLE = join(process.cwd(), 'templates/samples/phu-luc-nhi-chieu-2026.xlsx');

describe('the .xlsx reader', () => {
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
    const appendix = await readAppendix(file);
    expect(appendix.tasks.map((t) => t.lead)).toEqual(['Phòng Văn hóa - Xã hội', 'Phòng Văn hóa - Xã hội', 'Phòng Văn hóa - Xã hội']);
    const read = readTableFile('phu-luc.xlsx', await readFile(file));
    expect(read.ok && read.sheets[0]!.grid.find((r) => r.row === 3)).toMatchObject({
      cells: ['I', 'CẢI CÁCH THỂ CHẾ', '', ''],
      spans: [undefined, 3],
    });
  });

  it('reads the bytes it is handed, never a file: the name only names it', async () => {
    const read = readTableFile('da-thay.xlsx', await readFile(SAMPLE));
    expect(read.ok && read.sheets.some((s) => s.grid.length > 5)).toBe(true);
  });
});
