/**
 * What an exported appendix (Phụ lục) holds, whatever the file: its title lines,
 * its columns, and the section rows between the tasks. The Excel and Word writers
 * share it so that both files say the same thing.
 */
import { formatVn } from '../layout/date-cell';
import { isHeading, type Plan, type Task } from '../model/plan-task';
import { planWard, wardInText } from './heading';

export interface AppendixColumn {
  header: string;
  /** Width in Excel character units; Word scales these to the page. */
  width: number;
  value: (t: Task) => string | number | null;
  /** Consecutive tasks sharing this value may show it once (Word merges the cells down). */
  mergeRuns?: boolean;
}

const BASE_COLUMNS: AppendixColumn[] = [
  { header: 'STT', width: 6, value: (t) => t.stt },
  { header: 'Nội dung công việc', width: 50, value: (t) => t.title },
  { header: 'Yêu cầu', width: 24, value: (t) => t.target },
  { header: 'Cơ quan chủ trì', width: 22, value: (t) => t.lead, mergeRuns: true },
  { header: 'Cơ quan phối hợp', width: 22, value: (t) => t.support },
  { header: 'Sản phẩm', width: 22, value: (t) => t.product },
  { header: 'Thời gian hoàn thành', width: 16, value: (t) => t.deadline },
  { header: 'Ghi chú', width: 20, value: (t) => t.remarks ?? '' },
];

const PROGRESS_COLUMNS: AppendixColumn[] = [
  { header: 'Trạng thái', width: 16, value: (t) => t.status || 'Chưa thực hiện' },
  { header: 'Tiến độ (%)', width: 10, value: (t) => t.progress },
  { header: 'Ngày hoàn thành', width: 13, value: (t) => (t.completedOn ? formatVn(t.completedOn) : null) },
  { header: 'Minh chứng', width: 28, value: (t) => t.evidence },
];

/** "Yêu cầu" and "Ghi chú" only when some task has one, as the plan's own appendix; the tracking columns on request. */
export function appendixColumns(tasks: readonly Task[], options: { withProgress?: boolean } = {}): AppendixColumn[] {
  const hasTarget = tasks.some((t) => t.target !== '');
  const hasRemarks = tasks.some((t) => (t.remarks ?? '') !== '');
  return [
    ...BASE_COLUMNS.filter((c) => (hasTarget || c.header !== 'Yêu cầu') && (hasRemarks || c.header !== 'Ghi chú')),
    ...(options.withProgress ? PROGRESS_COLUMNS : []),
  ];
}

/** "PHỤ LỤC", the catalog's name, and the "(Kèm theo Kế hoạch số …)" line the importer reads back. */
export function appendixTitleLines(plan: Plan): string[] {
  // "phường" or "xã" as the plan's appendix or title says it, never guessed (see report/heading).
  const ward = planWard(plan);
  const by = ward.name ? ` của UBND ${wardInText(ward)}` : '';
  return [
    'PHỤ LỤC',
    // Re-imported, "DANH MỤC NHIỆM VỤ: " comes off again (parse-appendix), so the title does not grow.
    `DANH MỤC NHIỆM VỤ${plan.title ? `: ${plan.title.toLocaleUpperCase('vi')}` : ''}`,
    `(Kèm theo Kế hoạch số ${plan.code}${plan.date ? ` ngày ${formatVn(plan.date)}` : ''}${by})`,
  ];
}

export type AppendixLine = { kind: 'section'; code: string; title: string } | { kind: 'task'; task: Task };

/**
 * The table's body: the catalog's section and group heading rows as bold rows;
 * for catalogs kept before headings were, a section row rebuilt before the first
 * task of each section.
 */
export function appendixLines(tasks: readonly Task[]): AppendixLine[] {
  const lines: AppendixLine[] = [];
  const withHeadings = tasks.some(isHeading);
  let section = '\u0000';
  for (const task of tasks) {
    if (isHeading(task)) {
      lines.push({ kind: 'section', code: task.stt, title: task.title });
      continue;
    }
    if (!withHeadings && task.section !== section && (task.section !== '' || task.sectionTitle !== '')) {
      lines.push({ kind: 'section', code: task.section, title: task.sectionTitle });
    }
    section = task.section;
    lines.push({ kind: 'task', task });
  }
  return lines;
}
