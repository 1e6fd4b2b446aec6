/**
 * Reminders: one message per lead unit listing its overdue and soon-due tasks as
 * of a day. The menu's "Gửi nhắc việc" emails them; `cchc remind` previews them.
 */
import { formatVn } from '../layout/date-cell';
import type { Catalog } from '../catalog/catalog';
import { taskProgress, type TaskAlert } from '../metrics/task-progress';

/** How the tasks of no lead unit are listed: they still need someone to act on them. */
export const NO_LEAD_NAME = 'Chưa có đơn vị chủ trì';

export interface Reminder {
  /** The unit's registry id, its text as written when unknown, or '' for tasks without a lead. */
  unit: string;
  name: string;
  email: string | null;
  subject: string;
  body: string;
  overdue: TaskAlert[];
  dueSoon: TaskAlert[];
}

const line = (a: TaskAlert, what: string): string => `- [${what}] ${a.plan} STT ${a.stt}: ${a.title} (hạn ${formatVn(a.due)})`;

/** A reminder in one line, as the menu's preview and `cchc remind` list it before sending or printing. */
export function reminderHeadline(r: Reminder): string {
  return `${r.name} <${r.email ?? 'chưa có email'}>: ${r.overdue.length} quá hạn, ${r.dueSoon.length} sắp đến hạn`;
}

export function reminders(catalog: Catalog, today: string): Reminder[] {
  const progress = taskProgress(catalog, today);
  const byUnit = new Map<string, { overdue: TaskAlert[]; dueSoon: TaskAlert[] }>();
  const add = (a: TaskAlert, kind: 'overdue' | 'dueSoon') => {
    const key = a.leadUnit ?? a.lead.trim();
    const entry = byUnit.get(key) ?? { overdue: [], dueSoon: [] };
    entry[kind].push(a);
    byUnit.set(key, entry);
  };
  progress.overdue.forEach((a) => add(a, 'overdue'));
  progress.dueSoon.forEach((a) => add(a, 'dueSoon'));
  return [...byUnit].map(([unit, { overdue, dueSoon }]) => {
    const def = unit === '' ? undefined : catalog.registry.get(unit);
    const name = unit === '' ? NO_LEAD_NAME : (def?.name ?? unit);
    return {
      unit,
      name,
      email: def?.email ?? null,
      subject: `[CCHC] ${name}: ${overdue.length} nhiệm vụ quá hạn, ${dueSoon.length} sắp đến hạn`,
      body: [
        unit === '' ? 'Kính gửi Văn phòng HĐND và UBND,' : `Kính gửi ${name},`,
        '',
        unit === ''
          ? `Tính đến ngày ${formatVn(today)}, các nhiệm vụ cải cách hành chính dưới đây chưa có đơn vị chủ trì:`
          : `Tính đến ngày ${formatVn(today)}, đơn vị có các nhiệm vụ cải cách hành chính cần lưu ý:`,
        ...overdue.map((a) => line(a, 'Quá hạn')),
        ...dueSoon.map((a) => line(a, 'Sắp đến hạn')),
        '',
        'Đề nghị cập nhật tiến độ, ngày hoàn thành và minh chứng trên bảng tính dùng chung.',
      ].join('\n'),
      overdue,
      dueSoon,
    };
  });
}
