/** Reads a plan's appendix from an .xlsx (the first sheet that holds a task table) or from a Word .docx / .doc. */
import { parseAppendix, type ParsedAppendix } from '../../core/index';
import { CchcError } from '../errors';
import { readWorkbook } from './read-workbook';
import { worksheetGrid } from './worksheet-grid';

export interface AppendixFile extends ParsedAppendix {
  sheet: string;
}

export async function readAppendix(path: string): Promise<AppendixFile> {
  // Loaded on use: the Word reader's parsers would otherwise slow every command's start.
  if (/\.docx?$/i.test(path)) return (await import('../word/docx-reader')).readDocxAppendix(path);
  const workbook = await readWorkbook(path);
  let anyCells = false;
  for (const ws of workbook.worksheets) {
    const grid = worksheetGrid(ws);
    if (grid.length > 0) anyCells = true;
    const parsed = parseAppendix(grid);
    if (parsed) return { sheet: ws.name, ...parsed };
  }
  if (!anyCells) throw new CchcError('FILE_EMPTY', `Tệp "${path}" không có dữ liệu. Dán bảng phụ lục vào một trang tính rồi nhập lại.`);
  throw new CchcError(
    'HEADER_NOT_FOUND',
    `Không tìm thấy bảng nhiệm vụ trong "${path}". Bảng cần một dòng tiêu đề có cột "STT" và "Nội dung công việc" (hoặc "Tên nhiệm vụ"), cùng các cột cơ quan chủ trì, thời gian.`,
  );
}
