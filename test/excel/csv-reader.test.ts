/** CSV as officials save it: the separator is found over the first lines, not the first line alone. */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readGrids } from '../../sync/excel/read-grids';
import { useTempDir } from '../helpers/tmp';

const tempDir = useTempDir();

async function cells(text: string): Promise<string[][]> {
  const file = join(await tempDir(), 'phu-luc.csv');
  await writeFile(file, text);
  return (await readGrids(file))[0]!.grid.map((r) => r.cells.filter((c) => c !== ''));
}

describe('the CSV separator', () => {
  it('a title line without separators above a comma-separated header', async () => {
    expect(
      await cells(
        '"PHỤ LỤC NHIỆM VỤ CCHC NĂM 2026"\n"STT","Nội dung công việc","Cơ quan phối hợp"\n"1","Rà soát TTHC","Các phòng, ban chuyên môn"\n',
      ),
    ).toEqual([
      ['PHỤ LỤC NHIỆM VỤ CCHC NĂM 2026'],
      ['STT', 'Nội dung công việc', 'Cơ quan phối hợp'],
      ['1', 'Rà soát TTHC', 'Các phòng, ban chuyên môn'],
    ]);
  });

  it('semicolons (Excel on a Vietnamese system) with unquoted commas in the text', async () => {
    expect(await cells('PHỤ LỤC\nSTT;Nội dung công việc;Cơ quan phối hợp\n1;Rà soát TTHC;Các phòng, ban chuyên môn\n')).toEqual([
      ['PHỤ LỤC'],
      ['STT', 'Nội dung công việc', 'Cơ quan phối hợp'],
      ['1', 'Rà soát TTHC', 'Các phòng, ban chuyên môn'],
    ]);
  });
});
