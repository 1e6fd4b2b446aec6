/**
 * Recognises an appendix's header row: the column names plans use vary
 * ("STT"/"Số TT", "Nội dung công việc"/"Tên nhiệm vụ", "Thời gian"/"Thời hạn" …)
 * and come in any order, sometimes as a two-row header under a merged group cell
 * ("Phân công nhiệm vụ" over "Cơ quan chủ trì thực hiện" / "Cơ quan phối hợp").
 */
import { matchKey } from '../text/vietnamese';

export type AppendixField =
  | 'stt'
  | 'title'
  | 'target'
  | 'lead'
  | 'support'
  | 'product'
  | 'deadline'
  | 'points'
  | 'evidence'
  | 'remarks'
  | 'scoreH1'
  | 'scoreYear'
  | 'explanation'
  | 'appraised'
  // A progress file's tracking columns (the exported appendix with progress, the task template) and the task's id.
  | 'status'
  | 'progress'
  | 'completedOn'
  | 'note'
  | 'id';

/** Header phrases per field, most specific first; a header matches when its key starts with one. */
const SYNONYMS: readonly [AppendixField, readonly string[]][] = [
  ['id', ['Mã nhiệm vụ', 'Mã NV']],
  ['stt', ['STT', 'Số TT', 'Số thứ tự', 'TT', 'Mã tiêu chí', 'Mã số']],
  ['support', ['Cơ quan phối hợp', 'Đơn vị phối hợp', 'Phối hợp']],
  [
    'lead',
    [
      'Cơ quan chủ trì',
      'Đơn vị chủ trì',
      'Chủ trì',
      'Cơ quan thực hiện',
      'Đơn vị thực hiện',
      'Đơn vị phụ trách',
      'Cơ quan, đơn vị chủ trì',
    ],
  ],
  ['target', ['Yêu cầu', 'Chỉ tiêu', 'Mục tiêu']],
  // Tracking columns; "Ngày hoàn thành" is the day a task was done, never its deadline ("Thời gian/Hạn hoàn thành").
  ['status', ['Trạng thái', 'Tình trạng']],
  ['progress', ['Tỷ lệ hoàn thành', 'Tỉ lệ hoàn thành', 'Phần trăm hoàn thành', 'Mức độ hoàn thành']],
  ['completedOn', ['Ngày hoàn thành', 'Ngày HT', 'Thời điểm hoàn thành']],
  ['product', ['Sản phẩm', 'Kết quả', 'Hình thức văn bản']],
  ['deadline', ['Thời gian', 'Thời hạn', 'Tiến độ', 'Hạn hoàn thành']],
  // Scoring tables: self-scores, appraisal and explanation before the bare "Điểm".
  ['scoreH1', ['Tự chấm 6 tháng', 'Điểm tự chấm 6 tháng', 'Tự đánh giá 6 tháng']],
  ['scoreYear', ['Tự chấm năm', 'Điểm tự chấm năm', 'Điểm tự chấm', 'Tự chấm', 'Tự đánh giá', 'Điểm tự đánh giá']],
  ['appraised', ['Điểm thẩm định', 'Thẩm định', 'Điểm đánh giá']],
  ['explanation', ['Giải trình', 'Thuyết minh', 'Giải trình khi thiếu tài liệu kiểm chứng']],
  ['points', ['Điểm tối đa', 'Điểm chuẩn', 'Thang điểm', 'Điểm']],
  [
    'evidence',
    ['Tài liệu kiểm chứng', 'Minh chứng', 'Link minh chứng', 'Liên kết minh chứng', 'Đường dẫn minh chứng', 'Tài liệu minh chứng'],
  ],
  // The progress note before the plan's own "Ghi chú" (remarks), which its names begin with.
  ['note', ['Ghi chú tiến độ', 'Ghi chú theo dõi', 'Ghi chú thực hiện']],
  ['remarks', ['Ghi chú']],
  ['title', ['Nội dung', 'Tên nhiệm vụ', 'Nhiệm vụ', 'Lĩnh vực', 'Tiêu chí', 'Tên tiêu chí', 'Công việc']],
];

const KEYED = SYNONYMS.map(([field, names]) => [field, names.map(matchKey)] as const);

/**
 * A header with "%" whose words name progress: "Tiến độ (%)" (what the export writes), "% hoàn thành", "Tỷ lệ (%)".
 * The sign is what tells it from a plan's "Tiến độ" (its timetable: "Quý I/2026"), and matching keys drop it.
 */
const PERCENT_NAMES = ['Tiến độ', 'Hoàn thành', 'Tỷ lệ', 'Tỉ lệ', 'Phần trăm', 'Mức độ hoàn thành'].map(matchKey);

export function headerField(text: string): AppendixField | null {
  const key = matchKey(text);
  if (text.includes('%') && (key === '' || PERCENT_NAMES.some((name) => key === name || key.startsWith(`${name} `)))) return 'progress';
  if (key === '') return null;
  for (const [field, names] of KEYED) {
    if (names.some((name) => key === name || key.startsWith(`${name} `))) return field;
  }
  return null;
}

/** A row that reads like (part of) a header: several header names and no task number. */
export function isHeaderLike(cells: readonly string[]): boolean {
  let names = 0;
  for (const cell of cells) {
    if (/^\d+([.]\d+)*$/.test(cell)) return false;
    if (headerField(cell)) names++;
  }
  return names >= 2;
}

function fieldsOf(row: readonly string[], into: Map<AppendixField, number>): void {
  row.forEach((text, c) => {
    const field = headerField(text);
    if (field && !into.has(field) && ![...into.values()].includes(c)) into.set(field, c);
  });
}

/**
 * Column index per field for a header row, completed by the row below when that
 * row is the lower half of a two-row header. Null when `top` is no task-table header.
 */
export function detectHeader(
  top: readonly string[],
  below?: readonly string[],
): { fields: Map<AppendixField, number>; rows: 1 | 2 } | null {
  const fields = new Map<AppendixField, number>();
  let rows: 1 | 2 = 1;
  if (below && isHeaderLike(below)) {
    // Under a merged group cell the lower row names the column; read it first.
    const lower = new Map<AppendixField, number>();
    fieldsOf(below, lower);
    const upper = new Map<AppendixField, number>();
    fieldsOf(top, upper);
    // Only a row that is itself a header ("STT", "Nội dung", a group cell …) has a lower half.
    if (upper.size >= 2 && [...lower.keys()].some((f) => !upper.has(f))) {
      for (const [f, c] of lower) fields.set(f, c);
      rows = 2;
    }
  }
  fieldsOf(top, fields);
  return fields.has('stt') && fields.has('title') && fields.size >= 3 ? { fields, rows } : null;
}
