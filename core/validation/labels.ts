import { tabByKey, TABS } from '../layout/tabs';
import type { IssueCode } from '../model/codes';
import type { ValidationIssue } from '../model/issue';

/** Vietnamese names for issue kinds, for grouping issues where officials read them (sidebar, reports). */
export const ISSUE_LABELS: Record<IssueCode, string> = {
  TITLE_REQUIRED: 'Thiếu nội dung nhiệm vụ',
  LEAD_MISSING: 'Thiếu cơ quan chủ trì',
  LEAD_MULTIPLE: 'Nhiều cơ quan chủ trì',
  LEAD_IS_GROUP: 'Chủ trì là một nhóm đơn vị',
  UNIT_UNKNOWN: 'Đơn vị không có trong danh sách',
  UNIT_TYPO: 'Tên đơn vị viết sai',
  PRODUCT_MISSING: 'Thiếu sản phẩm',
  DEADLINE_MISSING: 'Thiếu thời hạn',
  DEADLINE_UNPARSED: 'Thời hạn không đọc được',
  DEADLINE_OUTSIDE_PLAN_YEAR: 'Thời hạn ngoài năm kế hoạch',
  DEADLINE_ASSUMED: 'Thời hạn được hiểu gần đúng',
  STT_DUPLICATE: 'Trùng số thứ tự',
  TASK_DUPLICATE: 'Nhiệm vụ trùng lặp',
  STATUS_INVALID: 'Trạng thái không hợp lệ',
  PROGRESS_OUT_OF_RANGE: 'Tiến độ ngoài khoảng 0–100%',
  PROGRESS_STATUS_MISMATCH: 'Tiến độ và trạng thái không khớp',
  COMPLETION_DATE_MISSING: 'Thiếu ngày hoàn thành',
  COMPLETION_DATE_NOT_DONE: 'Có ngày hoàn thành nhưng chưa hoàn thành',
  DONE_LATE_STATUS: 'Trạng thái đúng hạn / quá hạn chưa đúng',
  DATE_INVALID: 'Ngày không hợp lệ',
  NUMBER_INVALID: 'Số không hợp lệ',
  PLAN_UNKNOWN: 'Kế hoạch chưa có trong danh sách',
  WORD_UNKNOWN: 'Giá trị không có trong danh sách',
  DATE_MISSING: 'Thiếu ngày',
  PERIOD_MISSING: 'Thiếu kỳ số liệu',
  PERIOD_INVALID: 'Kỳ không hợp lệ',
  NUMBER_NEGATIVE: 'Số âm',
  ROW_DUPLICATE: 'Dòng trùng lặp',
  SETTING_INVALID: 'Cài đặt, chỉ tiêu không đọc được',
  BASELINE_PARTIAL: 'Sổ năm trước không đủ cả năm',
  MEETING_LENGTH_INVALID: 'Thời lượng không đọc được',
  CELL_UNREADABLE: 'Ô lỗi công thức',
  CELL_BLANK_KEPT: 'Ô trống, giữ giá trị đã có',
  SCORE_OUT_OF_RANGE: 'Điểm tự chấm vượt điểm tối đa',
  SCORE_STEP: 'Điểm không theo bước điểm',
  EVIDENCE_MISSING: 'Thiếu tài liệu kiểm chứng',
  MAX_POINTS_MISSING: 'Tiêu chí chưa có điểm tối đa',
  SUBTOTAL_MISMATCH: 'Điểm nhóm khác tổng các tiêu chí con',
  TOTAL_NOT_100: 'Tổng điểm tối đa khác 100',
};

export function issueLabel(code: IssueCode): string {
  return ISSUE_LABELS[code];
}

/**
 * Where an issue is, as officials read it: 'trang "Nhiệm vụ", dòng 3, cột "Cơ quan chủ trì"'.
 * Messages never name their own column; this is the one place that does.
 */
export function issueLocation(issue: ValidationIssue): string {
  const tab = issue.tab ? tabByKey(issue.tab) : TABS[0]!;
  const where = [issue.tab ? `trang "${tab.name}"` : '', `dòng ${issue.row}`];
  if (issue.column) where.push(`cột "${tab.columns.find((c) => c.key === issue.column)?.header ?? issue.column}"`);
  return where.filter(Boolean).join(', ');
}
