/**
 * `cchc remind`: the reminders the sheet's "Gửi nhắc việc" sends, as of a day —
 * each lead unit's overdue and soon-due tasks (core/report/reminders) — to preview
 * or print; `--json` adds every task's due date and standing as the sheet's
 * "Cập nhật hạn & quá hạn" writes them. It sends nothing.
 */
import { CATALOG_TABS, catalogFromTables, formatVn, reminderHeadline, reminders, taskProgress } from '../../../core/index';
import { EXIT } from '../../errors';
import { openStore } from '../shared/open-store';
import type { StoreOptions } from '../../store/store-options';
import { todayOf } from '../shared/options';

export interface RemindOptions extends StoreOptions {
  today?: string;
  json?: boolean;
}

export async function remindCommand(options: RemindOptions): Promise<number> {
  const today = todayOf(options.today);
  const catalog = catalogFromTables(await openStore(options).read(CATALOG_TABS));
  const list = reminders(catalog, today);
  if (options.json) {
    const tasks = taskProgress(catalog, today).standings.map(({ id, due, overdue, dueSoon }) => ({ id, due, overdue, dueSoon }));
    const ids = (alerts: readonly { id: string }[]) => alerts.map((a) => a.id);
    const units = list.map((r) => ({ unit: r.unit, name: r.name, email: r.email, overdue: ids(r.overdue), dueSoon: ids(r.dueSoon) }));
    console.log(JSON.stringify({ today, reminders: units, tasks }, null, 2));
    return EXIT.ok;
  }
  if (list.length === 0) {
    console.log(`Tính đến ngày ${formatVn(today)}: không có nhiệm vụ quá hạn hay sắp đến hạn; không cần nhắc việc.`);
    return EXIT.ok;
  }
  console.log(`Nhắc việc tính đến ngày ${formatVn(today)}: ${list.length} đơn vị.`);
  for (const r of list) console.log(`\n${reminderHeadline(r)}\n${r.body}`);
  return EXIT.ok;
}
