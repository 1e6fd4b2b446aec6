/**
 * Validation rules for the task catalog. Each issue carries a stable English code
 * and a Vietnamese message that tells the official what to change.
 */
import type { IssueCode } from '../model/codes';
import type { Catalog } from '../catalog/catalog';
import { formatVn } from '../layout/date-cell';
import type { Located } from '../catalog/codec';
import { DONE_STATUSES, isTaskStatus, type Plan, type Task, type TaskStatus } from '../model/plan-task';
import { STATUS_WORDS, unknownWordMessage } from '../layout/vocabulary';
import { makeResolver, type ResolvedTask } from '../catalog/resolve';
import type { UnitRegistry } from '../units/registry';
import type { UnitRef } from '../units/types';
import { formatVnNumber } from '../text/number';
import type { ValidationIssue } from '../model/issue';

export interface CatalogInput {
  tasks: readonly Located<Task>[];
  plans: readonly Plan[];
  registry: UnitRegistry;
  defaultYear: number;
}

export type Emit = (column: string, code: IssueCode, severity: ValidationIssue['severity'], message: string) => void;

// The issue carries its column; messages do not name it again (see issueLocation).
export function checkUnits(refs: readonly UnitRef[], column: string, emit: Emit): void {
  for (const ref of refs) {
    if (ref.match === 'typo') {
      emit(column, 'UNIT_TYPO', 'warning', `"${ref.text}" có thể viết sai, đã hiểu là "${ref.name}". Sửa lại tên cho đúng.`);
    } else if (ref.match === 'none') {
      const hint = ref.suggestion ? ` Có phải là "${ref.suggestion}"?` : ' Kiểm tra chính tả hoặc thêm đơn vị này vào trang "Đơn vị".';
      emit(column, 'UNIT_UNKNOWN', 'warning', `Không nhận ra đơn vị "${ref.text}".${hint}`);
    }
  }
}

function checkLead(r: ResolvedTask, emit: Emit): void {
  if (r.lead.length === 0) {
    emit('lead', 'LEAD_MISSING', 'error', 'Chưa có cơ quan chủ trì. Ghi một đơn vị chủ trì cho nhiệm vụ.');
    return;
  }
  // "Phòng X và các cơ quan liên quan": X leads, the group coordinates; only single units compete for the lead.
  const single = r.lead.filter((u) => u.kind !== 'group');
  if (single.length > 1) {
    emit(
      'lead',
      'LEAD_MULTIPLE',
      'warning',
      `Có ${single.length} cơ quan chủ trì (${single.map((u) => u.text).join('; ')}). Một việc một đầu mối chủ trì: giữ một đơn vị, chuyển các đơn vị khác sang cột phối hợp.`,
    );
  } else if (single.length === 0) {
    emit(
      'lead',
      'LEAD_IS_GROUP',
      'warning',
      `"${r.lead.map((u) => u.text).join('; ')}" là nhóm đơn vị. Một việc một đầu mối chủ trì: ghi rõ một đơn vị chủ trì.`,
    );
  }
  checkUnits(r.lead, 'lead', emit);
}

function checkDeadline(r: ResolvedTask, emit: Emit): void {
  const d = r.deadline;
  if (d.text === '') {
    emit(
      'deadline',
      'DEADLINE_MISSING',
      'warning',
      'Chưa có thời gian hoàn thành. Ghi thời hạn, ví dụ "Quý II/2026" hoặc "Trước 30/6/2026".',
    );
  } else if (d.kind === 'unknown') {
    emit(
      'deadline',
      'DEADLINE_UNPARSED',
      'warning',
      `Không hiểu thời gian "${d.text}". Ghi theo mẫu: "Quý I/2026", "Tháng 3/2026", "Trước 15/01/2026", "Năm 2026", "Thường xuyên".`,
    );
  } else if (d.note) {
    emit(
      'deadline',
      'DEADLINE_ASSUMED',
      'warning',
      `Thời hạn "${d.text}" được hiểu là ${formatVn(d.due!)} (${d.note}). Ghi rõ ngày nếu khác.`,
    );
  } else if (d.due && d.kind !== 'recurring' && Number(d.due.slice(0, 4)) !== r.planYear) {
    emit(
      'deadline',
      'DEADLINE_OUTSIDE_PLAN_YEAR',
      'warning',
      `Thời hạn "${d.text}" (${formatVn(d.due)}) nằm ngoài năm kế hoạch ${r.planYear}. Kiểm tra lại năm.`,
    );
  }
}

function checkTracking(r: ResolvedTask, emit: Emit): void {
  const t = r.task;
  const status = t.status;
  if (status !== '' && !isTaskStatus(status)) {
    emit('status', 'STATUS_INVALID', 'warning', `${unknownWordMessage(STATUS_WORDS, status)} Nhiệm vụ được tính là chưa thực hiện.`);
  }
  const done = isTaskStatus(status) && DONE_STATUSES.includes(status as TaskStatus);
  if (t.progress !== null && (t.progress < 0 || t.progress > 100)) {
    emit('progress', 'PROGRESS_OUT_OF_RANGE', 'error', `${formatVnNumber(t.progress)}% không hợp lệ. Nhập số từ 0 đến 100.`);
  } else if (t.progress === 100 && !done) {
    emit(
      'status',
      'PROGRESS_STATUS_MISMATCH',
      'error',
      'Tiến độ 100% nhưng trạng thái chưa phải "Hoàn thành". Sửa trạng thái hoặc tiến độ.',
    );
  } else if (done && t.progress !== null && t.progress !== 100) {
    emit(
      'progress',
      'PROGRESS_STATUS_MISMATCH',
      'error',
      `Trạng thái "${status}" nhưng tiến độ ${t.progress}%. Nhiệm vụ hoàn thành thì tiến độ là 100%.`,
    );
  }
  if (done && !t.completedOn) {
    emit(
      'completedOn',
      'COMPLETION_DATE_MISSING',
      'error',
      'Nhiệm vụ đã hoàn thành nhưng chưa có ngày hoàn thành. Nhập ngày hoàn thành (dd/mm/yyyy).',
    );
  }
  if (!done && t.completedOn) {
    emit(
      'completedOn',
      'COMPLETION_DATE_NOT_DONE',
      'warning',
      `Có ngày hoàn thành nhưng trạng thái là "${status || 'trống'}". Cập nhật trạng thái "Hoàn thành".`,
    );
  }
  const due = r.deadline.due;
  if (done && t.completedOn && due && r.deadline.kind !== 'recurring') {
    const late = t.completedOn > due;
    if (late && status === 'Hoàn thành') {
      emit(
        'status',
        'DONE_LATE_STATUS',
        'warning',
        `Hoàn thành ngày ${formatVn(t.completedOn)}, sau hạn ${formatVn(due)}. Chọn trạng thái "Hoàn thành quá hạn".`,
      );
    } else if (!late && status === 'Hoàn thành quá hạn') {
      emit(
        'status',
        'DONE_LATE_STATUS',
        'warning',
        `Hoàn thành ngày ${formatVn(t.completedOn)}, đúng hạn ${formatVn(due)}. Chọn trạng thái "Hoàn thành".`,
      );
    }
  }
}

/**
 * Key for spotting the same task twice: case, spacing and punctuation ignored.
 * Lighter than matchKey (no decomposition): it runs on every title of every check.
 */
function titleKey(title: string): string {
  return title
    .toLowerCase()
    .replace(/[\s.,;:!?"'()–-]+/g, ' ')
    .trim();
}

/**
 * Validates every task of the catalog; one pass, memoised unit and deadline parsing.
 * `rowsOnly`: the rules of each row alone, without those comparing rows (duplicates,
 * a plan's missing output column), for a check of a few edited rows.
 */
export function validateCatalog(input: CatalogInput, rowsOnly = false): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const resolve = makeResolver({ registry: input.registry, defaultYear: input.defaultYear, plans: input.plans });
  const knownPlans = new Set(input.plans.map((p) => p.code));
  const seenStt = new Map<string, number>();
  const seenTitle = new Map<string, number>();
  const noProduct = new Map<string, number[]>();
  const tasksPerPlan = new Map<string, number>();

  for (const { item: task, row } of input.tasks) {
    const emit: Emit = (column, code, severity, message) => issues.push({ tab: 'tasks', row, column, code, severity, message });
    const r = resolve(task);
    tasksPerPlan.set(task.plan, (tasksPerPlan.get(task.plan) ?? 0) + 1);

    if (task.title === '') emit('title', 'TITLE_REQUIRED', 'error', 'Thiếu nội dung nhiệm vụ. Nhập tên nhiệm vụ.');
    if (knownPlans.size > 0 && !knownPlans.has(task.plan)) {
      emit(
        'plan',
        'PLAN_UNKNOWN',
        'warning',
        `Kế hoạch "${task.plan}" chưa có trong trang "Kế hoạch". Thêm kế hoạch hoặc sửa số kế hoạch.`,
      );
    }
    checkLead(r, emit);
    checkUnits(r.support, 'support', emit);
    // A "Yêu cầu …" cell states the expected result as well as a product would.
    if (!rowsOnly && task.product === '' && task.target === '')
      (noProduct.get(task.plan) ?? noProduct.set(task.plan, []).get(task.plan)!).push(row);
    checkDeadline(r, emit);
    checkTracking(r, emit);

    if (!rowsOnly && task.stt !== '') {
      const key = `${task.plan}\u0000${task.stt}`;
      const first = seenStt.get(key);
      if (first !== undefined) emit('stt', 'STT_DUPLICATE', 'error', `"${task.stt}" trùng với dòng ${first}. Đánh lại số thứ tự.`);
      else seenStt.set(key, row);
    }
    if (!rowsOnly && task.title !== '') {
      const key = `${task.plan}\u0000${titleKey(task.title)}`;
      const first = seenTitle.get(key);
      if (first !== undefined)
        emit('title', 'TASK_DUPLICATE', 'warning', `Nhiệm vụ trùng nội dung với dòng ${first}. Xóa dòng trùng hoặc ghi rõ khác biệt.`);
      else seenTitle.set(key, row);
    }
  }
  for (const [plan, rows] of noProduct) {
    const push = (row: number, message: string) =>
      issues.push({ tab: 'tasks', row, column: 'product', code: 'PRODUCT_MISSING', severity: 'warning', message });
    // A plan whose appendix has no output column at all gets one note, not one per task.
    if (rows.length > 1 && rows.length === tasksPerPlan.get(plan)) {
      push(
        rows[0]!,
        `Kế hoạch ${plan}: cả ${rows.length} nhiệm vụ chưa có sản phẩm đầu ra (phụ lục không có cột "Sản phẩm" hay "Yêu cầu"). Nên bổ sung sản phẩm cho từng nhiệm vụ, ví dụ "Kế hoạch", "Báo cáo".`,
      );
    } else {
      for (const row of rows) push(row, 'Chưa có sản phẩm đầu ra. Ghi sản phẩm, ví dụ "Kế hoạch", "Báo cáo".');
    }
  }
  return issues;
}

/** Every issue in the catalog: cells of the wrong type first, then the rules (`rowsOnly`: see validateCatalog). */
export function validateTasksTab(catalog: Catalog, rowsOnly = false): ValidationIssue[] {
  return [
    ...catalog.decodeIssues,
    ...validateCatalog(
      {
        tasks: catalog.tasks,
        plans: catalog.plans,
        registry: catalog.registry,
        defaultYear: catalog.defaultYear,
      },
      rowsOnly,
    ),
  ];
}
