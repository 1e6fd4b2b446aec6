/**
 * "Gửi nhắc việc": one email per lead unit listing its overdue and soon-due tasks,
 * to the address in the units tab. The menu previews first and respects the daily
 * mail quota; "Bật nhắc việc hằng ngày" installs one daily trigger, never two.
 */
import { catalogFromTables, formatVn, taskProgress, type Catalog, type TaskAlert } from '../../core/index';
import { readTables, todayIso } from './sheet-io';

export interface Reminder {
  unit: string;
  name: string;
  email: string | null;
  subject: string;
  body: string;
  overdue: number;
  dueSoon: number;
}

const line = (a: TaskAlert, what: string): string => `- [${what}] ${a.plan} STT ${a.stt}: ${a.title} (hạn ${formatVn(a.due)})`;

export function reminders(catalog: Catalog, today: string): Reminder[] {
  const progress = taskProgress(catalog, today);
  const byUnit = new Map<string, { overdue: TaskAlert[]; soon: TaskAlert[] }>();
  const add = (a: TaskAlert, kind: 'overdue' | 'soon') => {
    const key = a.leadUnit ?? a.lead;
    const entry = byUnit.get(key) ?? { overdue: [], soon: [] };
    entry[kind].push(a);
    byUnit.set(key, entry);
  };
  progress.overdue.forEach((a) => add(a, 'overdue'));
  progress.dueSoon.forEach((a) => add(a, 'soon'));
  return [...byUnit].map(([unit, { overdue, soon }]) => {
    const def = catalog.registry.get(unit);
    const name = def?.name ?? unit;
    return {
      unit,
      name,
      email: def?.email ?? null,
      subject: `[CCHC] ${name}: ${overdue.length} nhiệm vụ quá hạn, ${soon.length} sắp đến hạn`,
      body: [
        `Kính gửi ${name},`,
        '',
        `Tính đến ngày ${formatVn(today)}, đơn vị có các nhiệm vụ cải cách hành chính cần lưu ý:`,
        ...overdue.map((a) => line(a, 'Quá hạn')),
        ...soon.map((a) => line(a, 'Sắp đến hạn')),
        '',
        'Đề nghị cập nhật tiến độ, ngày hoàn thành và minh chứng trên bảng tính dùng chung.',
      ].join('\n'),
      overdue: overdue.length,
      dueSoon: soon.length,
    };
  });
}

/** Apps Script stops a run at 6 minutes: a run sends at most this many emails or runs this long, then continues from a trigger. */
export const PER_RUN = { emails: 50, millis: 4.5 * 60 * 1000 };
const PENDING_KEY = 'cchc.pendingReminders';
const CONTINUE = 'cchcContinueReminders';

interface SendResult {
  sent: number;
  noEmail: number;
  overQuota: number;
  /** Left for the continuation trigger. */
  continued: number;
}

function send(list: readonly Reminder[]): SendResult {
  const started = Date.now();
  let quota = MailApp.getRemainingDailyQuota();
  const result: SendResult = { sent: 0, noEmail: 0, overQuota: 0, continued: 0 };
  const rest: Reminder[] = [];
  for (const r of list) {
    if (!r.email) result.noEmail++;
    else if (quota <= 0) result.overQuota++;
    else if (result.sent >= PER_RUN.emails || Date.now() - started > PER_RUN.millis) rest.push(r);
    else {
      MailApp.sendEmail(r.email, r.subject, r.body);
      result.sent++;
      quota--;
    }
  }
  const props = PropertiesService.getDocumentProperties();
  if (rest.length > 0) {
    props.setProperty(PENDING_KEY, JSON.stringify(rest));
    ScriptApp.newTrigger(CONTINUE).timeBased().after(60 * 1000).create();
    result.continued = rest.length;
  } else {
    props.deleteProperty(PENDING_KEY);
  }
  return result;
}

/** The one-off continuation trigger's target: sends what the previous run left, and removes itself. */
export function cchcContinueReminders(): void {
  for (const t of ScriptApp.getProjectTriggers()) if (t.getHandlerFunction() === CONTINUE) ScriptApp.deleteTrigger(t);
  const pending = PropertiesService.getDocumentProperties().getProperty(PENDING_KEY);
  if (pending) send(JSON.parse(pending) as Reminder[]);
}

function current(): Reminder[] {
  const { tables } = readTables(SpreadsheetApp.getActiveSpreadsheet());
  return reminders(catalogFromTables(tables), todayIso());
}

export function cchcReminders(): void {
  const ui = SpreadsheetApp.getUi();
  const list = current();
  if (list.length === 0) {
    ui.alert('Không có nhiệm vụ quá hạn hay sắp đến hạn; không cần gửi nhắc việc.');
    return;
  }
  const quota = MailApp.getRemainingDailyQuota();
  const preview = list.map((r) => `${r.name} <${r.email ?? 'chưa có email'}>: ${r.overdue} quá hạn, ${r.dueSoon} sắp đến hạn`).join('\n');
  const answer = ui.alert(
    'Xem trước nhắc việc',
    `${preview}\n\nHạn mức gửi thư còn lại hôm nay: ${quota}. Gửi ${list.filter((r) => r.email).length} thư?`,
    ui.ButtonSet.YES_NO,
  );
  if (answer !== ui.Button.YES) return;
  const result = send(list);
  ui.alert(
    `Đã gửi ${result.sent} thư nhắc việc.` +
      (result.noEmail ? ` ${result.noEmail} đơn vị chưa có email trong trang "Đơn vị".` : '') +
      (result.overQuota ? ` ${result.overQuota} thư chưa gửi vì hết hạn mức hôm nay; chạy lại vào ngày mai.` : '') +
      (result.continued ? ` ${result.continued} thư còn lại sẽ tự động gửi tiếp sau 1 phút (tránh giới hạn 6 phút của Apps Script).` : '') +
      ` Hạn mức còn lại: ${MailApp.getRemainingDailyQuota()}.`,
  );
}

/** The daily trigger's target: sends without asking. */
export function cchcDailyReminders(): void {
  send(current());
}

export function cchcEnableDailyReminders(): void {
  const exists = ScriptApp.getProjectTriggers().some((t) => t.getHandlerFunction() === 'cchcDailyReminders');
  if (!exists) ScriptApp.newTrigger('cchcDailyReminders').timeBased().everyDays(1).atHour(7).create();
  SpreadsheetApp.getUi().alert(exists ? 'Nhắc việc hằng ngày đã được bật từ trước.' : 'Đã bật nhắc việc hằng ngày lúc 7 giờ sáng.');
}
