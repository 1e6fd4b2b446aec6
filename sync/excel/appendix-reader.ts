/**
 * Reads a plan's appendix from an .xlsx: the first sheet that holds a task table.
 * The table must be the kind the command expects (a criteria set is not a plan's
 * appendix, nor the reverse), and its numbers and titles must not be formula errors.
 */
import { appendixKind, keyErrorCells, parseAppendix, type AppendixKind, type ParsedAppendix } from '../../core/index';
import { CchcError } from '../errors';
import { readWorkbook } from './read-workbook';
import { worksheetGrid } from './worksheet-grid';

export interface AppendixFile extends ParsedAppendix {
  sheet: string;
}

const WRONG_KIND: Record<AppendixKind, (path: string) => CchcError> = {
  tasks: (path) =>
    new CchcError(
      'NOT_A_CRITERIA_TABLE',
      `Tệp "${path}" là phụ lục nhiệm vụ của kế hoạch (có cột thời gian, sản phẩm), không phải bộ tiêu chí Chỉ số CCHC. Nhập nhiệm vụ bằng "cchc import ${path}".`,
    ),
  criteria: (path) =>
    new CchcError(
      'NOT_A_TASK_APPENDIX',
      `Tệp "${path}" là bảng tiêu chí Chỉ số CCHC (có cột điểm hoặc tiêu đề "tiêu chí"), không phải phụ lục nhiệm vụ. Nhập bảng này bằng "cchc index-import ${path}".`,
    ),
};

const FIELD_NAMES: Record<string, string> = { stt: 'STT', title: 'nội dung' };

/** `expect`: the kind of table the command takes (`import`: tasks, `index-import`: criteria). */
export async function readAppendix(path: string, expect: AppendixKind = 'tasks'): Promise<AppendixFile> {
  const workbook = await readWorkbook(path);
  let anyCells = false;
  for (const ws of workbook.worksheets) {
    const grid = worksheetGrid(ws);
    if (grid.length > 0) anyCells = true;
    const parsed = parseAppendix(grid);
    if (!parsed) continue;
    const kind = appendixKind(parsed, grid);
    if (kind !== expect) throw WRONG_KIND[kind](path);
    const errors = keyErrorCells(grid, parsed);
    if (errors.length > 0) {
      const list = errors.slice(0, 5).map((e) => `dòng ${e.row} cột ${FIELD_NAMES[e.field]} là ${e.text}`);
      throw new CchcError(
        'CELL_ERROR',
        `Trang "${ws.name}" của "${path}" có ô lỗi công thức: ${list.join('; ')}${errors.length > 5 ? ` và ${errors.length - 5} ô khác` : ''}. Sửa các ô đó trong Excel rồi nhập lại; không dòng nào bị bỏ qua.`,
      );
    }
    return { sheet: ws.name, ...parsed };
  }
  if (!anyCells) throw new CchcError('FILE_EMPTY', `Tệp "${path}" không có dữ liệu. Dán bảng phụ lục vào một trang tính rồi nhập lại.`);
  throw new CchcError(
    'HEADER_NOT_FOUND',
    `Không tìm thấy bảng nhiệm vụ trong "${path}". Bảng cần một dòng tiêu đề có cột "STT" và "Nội dung công việc" (hoặc "Tên nhiệm vụ"), cùng các cột cơ quan chủ trì, thời gian.`,
  );
}
