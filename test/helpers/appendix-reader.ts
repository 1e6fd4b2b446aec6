/**
 * A plan's appendix parsed from any file `readGrids` reads (.xlsx, .csv, .docx): the first table whose header the
 * core recognises. For benchmarks and tests of the parse alone; commands go through the core's planImport, which
 * also decides what kind of table it is.
 */
import { parseAppendix, type ParsedAppendix } from '../../core/index';
import { CchcError } from '../../sync/errors';
import { readGrids } from '../../sync/excel/read-grids';

export interface AppendixFile extends ParsedAppendix {
  sheet: string;
}

export async function readAppendix(path: string): Promise<AppendixFile> {
  const sheets = await readGrids(path);
  for (const { sheet, grid, heading } of sheets) {
    const parsed = parseAppendix(grid, heading);
    if (parsed) return { sheet, ...parsed };
  }
  if (sheets.every((s) => s.grid.length === 0)) throw new CchcError('FILE_EMPTY', `Tệp "${path}" không có dữ liệu.`);
  throw new CchcError('HEADER_NOT_FOUND', `Không tìm thấy bảng nhiệm vụ trong "${path}".`);
}
