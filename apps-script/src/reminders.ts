/**
 * "Gửi nhắc việc": one email per lead unit listing its overdue and soon-due tasks
 * (core/report/reminders, as `cchc remind` previews them), to the address in the units tab. The menu previews first and respects the daily
 * mail quota. Each email sent is recorded (unit and day) in the script's hidden tab
 * under the document lock, so no unit gets a second email the same day — not from a
 * rerun, a continuation, nor a second official's daily trigger.
 */
import { catalogFromTables, formatVn, reminderHeadline, reminders, type Reminder } from '../../core/index';
import { BUSY_MESSAGE, withDocumentLock } from './lock';
import { openStore, type ScriptStore } from './script-store';
import { addDays, readTables, todayIso } from './sheet-io';

/**
 * Apps Script stops a run 6 minutes after it started, the preview dialog's wait
 * included: a run sends at most this many emails, and none once this long has
 * passed since it started (leaving time to record what went out), then continues
 * from a trigger.
 */
export const PER_RUN = { emails: 50, millis: 4.5 * 60 * 1000 };
const RUN_LIMIT_MS = 6 * 60 * 1000;
/**
 * Google stops starting an official's trigger runs past 90 minutes of trigger
 * runtime a day (consumer accounts), counted over all their scripts: this
 * spreadsheet's trigger runs (every official's, so at least any one's) keep to half
 * of it. A continuation is scheduled only if a whole run still fits.
 */
export const TRIGGER_BUDGET_MS = 45 * 60 * 1000;
const CONTINUE = 'cchcContinueReminders';
const DAILY = 'cchcDailyReminders';
/** Sent-log records older than this are dropped: only today's matter, the rest is a short history. */
const KEEP_DAYS = 31;
/** A continuation scheduled this recently (by any official) is still to run: none is added. */
const CONTINUATION_PENDING_MS = 10 * 60 * 1000;
/** Document properties (small values only): when a continuation was scheduled, and the last day a daily run happened. */
const CONTINUATION_KEY = 'cchc.reminderContinuation';
const DAILY_KEY = 'cchc.dailyReminders';
/** "day milliseconds": the trigger runtime this spreadsheet's trigger runs used that day. */
const RUNTIME_KEY = 'cchc.triggerRuntime';

/** When the current run started, and whether a trigger started it (its time counts against the day's trigger runtime). */
interface Run {
  started: number;
  byTrigger: boolean;
}

interface SendResult {
  sent: number;
  alreadySent: number;
  noEmail: number;
  overQuota: number;
  failed: { name: string; email: string; error: string }[];
  /** Left for the continuation trigger. */
  continued: number;
  /** Why the rest was not scheduled: 20 triggers per user, or the day's trigger runtime. */
  held: 'triggers' | 'runtime' | null;
}

type Props = GoogleAppsScript.Properties.Properties;

function triggerRuntime(props: Props, today: string): number {
  const [day, ms] = (props.getProperty(RUNTIME_KEY) ?? '').split(' ');
  return day === today ? Number(ms) : 0;
}

/**
 * The one-off continuation trigger, unless one is pending (scheduled by any official:
 * triggers are per user, so getProjectTriggers cannot show another's) or the day's
 * trigger runtime could not hold another whole run.
 */
function scheduleContinuation(run: Run, today: string, props: Props): SendResult['held'] {
  const scheduled = Number(props.getProperty(CONTINUATION_KEY) ?? 0);
  if (Date.now() - scheduled <= CONTINUATION_PENDING_MS) return null;
  const spent = triggerRuntime(props, today) + (run.byTrigger ? Date.now() - run.started : 0);
  if (spent + RUN_LIMIT_MS > TRIGGER_BUDGET_MS) return 'runtime';
  try {
    ScriptApp.newTrigger(CONTINUE)
      .timeBased()
      .after(60 * 1000)
      .create();
  } catch {
    return 'triggers';
  }
  props.setProperty(CONTINUATION_KEY, String(Date.now()));
  return null;
}

/** A trigger's target: its time is added to the day's tally however it ends. */
function asTriggerRun(body: (run: Run) => void): void {
  const run: Run = { started: Date.now(), byTrigger: true };
  try {
    body(run);
  } finally {
    const props = PropertiesService.getDocumentProperties();
    const today = todayIso(SpreadsheetApp.getActiveSpreadsheet().getSpreadsheetTimeZone());
    props.setProperty(RUNTIME_KEY, `${today} ${triggerRuntime(props, today) + Date.now() - run.started}`);
  }
}

/** The script's record of what went out: ['sent', day, unit, email, time] and ['failed', day, unit, email, error]. */
function sentToday(store: ScriptStore, today: string): Set<string> {
  return new Set(
    store
      .get('sent')
      .filter(([day]) => day === today)
      .map(([, unit]) => String(unit)),
  );
}

function send(list: readonly Reminder[], today: string, timeZone: string, run: Run): SendResult {
  const store = openStore(SpreadsheetApp.getActiveSpreadsheet());
  const done = sentToday(store, today);
  const oldest = addDays(today, -KEEP_DAYS);
  const sent = store.get('sent').filter(([day]) => String(day) >= oldest);
  const failures = store.get('failed').filter(([day]) => String(day) >= oldest);
  let quota = MailApp.getRemainingDailyQuota();
  const result: SendResult = { sent: 0, alreadySent: 0, noEmail: 0, overQuota: 0, failed: [], continued: 0, held: null };
  try {
    for (const r of list) {
      if (done.has(r.unit)) result.alreadySent++;
      else if (!r.email) result.noEmail++;
      else if (quota <= 0) result.overQuota++;
      else if (result.sent >= PER_RUN.emails || Date.now() - run.started > PER_RUN.millis) result.continued++;
      else {
        try {
          MailApp.sendEmail(r.email, r.subject, r.body);
        } catch (error) {
          const message = String((error as { message?: unknown } | null)?.message ?? error);
          // Past the quota (another script or a manual send used it): the rest waits for tomorrow.
          if (/too many times/i.test(message)) {
            quota = 0;
            result.overQuota++;
            continue;
          }
          result.failed.push({ name: r.name, email: r.email, error: message });
          failures.push([today, r.unit, r.email, message]);
          continue;
        }
        done.add(r.unit);
        sent.push([today, r.unit, r.email, Utilities.formatDate(new Date(), timeZone, 'HH:mm:ss')]);
        result.sent++;
        quota--;
      }
    }
  } finally {
    // Written even when a send throws unexpectedly: what went out is never sent again.
    store.set('sent', sent);
    store.set('failed', failures);
    store.save();
  }
  if (result.continued > 0) result.held = scheduleContinuation(run, today, PropertiesService.getDocumentProperties());
  return result;
}

function current(): { list: Reminder[]; today: string; timeZone: string } {
  const { tables, timeZone } = readTables(SpreadsheetApp.getActiveSpreadsheet());
  const today = todayIso(timeZone);
  return { list: reminders(catalogFromTables(tables), today), today, timeZone };
}

/** Computes and sends today's reminders under the document lock; null when another run holds it. */
function sendCurrent(run: Run): SendResult | null {
  return withDocumentLock(
    () => {
      const { list, today, timeZone } = current();
      return send(list, today, timeZone, run);
    },
    () => null,
    30_000,
  );
}

/** A menu run held the lock: the reminders go out from a continuation instead of being skipped. */
function retryLater(run: Run): void {
  const props = PropertiesService.getDocumentProperties();
  scheduleContinuation(run, todayIso(SpreadsheetApp.getActiveSpreadsheet().getSpreadsheetTimeZone()), props);
}

/** The one-off continuation trigger's target: sends what earlier runs today left, and removes itself. */
export function cchcContinueReminders(): void {
  asTriggerRun((run) => {
    for (const t of ScriptApp.getProjectTriggers()) if (t.getHandlerFunction() === CONTINUE) ScriptApp.deleteTrigger(t);
    PropertiesService.getDocumentProperties().deleteProperty(CONTINUATION_KEY);
    if (sendCurrent(run) === null) retryLater(run);
  });
}

export function cchcReminders(): void {
  const run: Run = { started: Date.now(), byTrigger: false };
  const ui = SpreadsheetApp.getUi();
  const { list, today } = current();
  if (list.length === 0) {
    ui.alert('Không có nhiệm vụ quá hạn hay sắp đến hạn; không cần gửi nhắc việc.');
    return;
  }
  const quota = MailApp.getRemainingDailyQuota();
  const preview = list.map(reminderHeadline).join('\n');
  const answer = ui.alert(
    'Xem trước nhắc việc',
    `${preview}\n\nHạn mức gửi thư còn lại hôm nay: ${quota}. Gửi ${list.filter((r) => r.email).length} thư (đơn vị đã nhận thư hôm nay ${formatVn(today)} không nhận lại)?`,
    ui.ButtonSet.YES_NO,
  );
  if (answer !== ui.Button.YES) return;
  // The preview waited for the official: the lock is taken only to send, and the list recomputed under it.
  const result = sendCurrent(run);
  if (!result) {
    ui.alert(BUSY_MESSAGE);
    return;
  }
  ui.alert(
    `Đã gửi ${result.sent} thư nhắc việc.` +
      (result.alreadySent ? ` ${result.alreadySent} đơn vị đã được nhắc hôm nay nên không gửi lại.` : '') +
      (result.noEmail ? ` ${result.noEmail} đơn vị chưa có email trong trang "Đơn vị".` : '') +
      (result.failed.length
        ? ` ${result.failed.length} thư không gửi được: ${result.failed.map((f) => `${f.name} <${f.email}> (${f.error})`).join('; ')}; sửa email trong trang "Đơn vị" rồi gửi lại.`
        : '') +
      (result.overQuota ? ` ${result.overQuota} thư chưa gửi vì hết hạn mức hôm nay; chạy lại vào ngày mai.` : '') +
      (result.continued
        ? result.held === 'triggers'
          ? ` ${result.continued} thư còn lại chưa gửi vì không tạo được trình kích hoạt (tối đa 20 mỗi người); chọn lại Gửi nhắc việc sau ít phút.`
          : result.held === 'runtime'
            ? ` ${result.continued} thư còn lại chưa gửi vì hôm nay các lần chạy tự động đã dùng hết thời gian dành cho chúng (giới hạn của Google); chọn lại Gửi nhắc việc sau ít phút.`
            : ` ${result.continued} thư còn lại sẽ tự động gửi tiếp sau 1 phút (tránh giới hạn 6 phút của Apps Script).`
        : '') +
      ` Hạn mức còn lại: ${MailApp.getRemainingDailyQuota()}.`,
  );
}

/** The daily trigger's target: sends without asking, and notes the day so others know the trigger is alive. */
export function cchcDailyReminders(): void {
  asTriggerRun((run) => {
    if (sendCurrent(run) === null) retryLater(run);
    PropertiesService.getDocumentProperties().setProperty(
      DAILY_KEY,
      todayIso(SpreadsheetApp.getActiveSpreadsheet().getSpreadsheetTimeZone()),
    );
  });
}

/**
 * Installs the daily trigger once per spreadsheet, not once per official: triggers are
 * per user, so the document records the last day a daily run happened. A record
 * older than two days means that trigger is gone (its owner left, or removed it).
 */
export function cchcEnableDailyReminders(): void {
  const ui = SpreadsheetApp.getUi();
  const mine = ScriptApp.getProjectTriggers().some((t) => t.getHandlerFunction() === DAILY);
  const props = PropertiesService.getDocumentProperties();
  const today = todayIso(SpreadsheetApp.getActiveSpreadsheet().getSpreadsheetTimeZone());
  const lastRun = props.getProperty(DAILY_KEY);
  if (mine) {
    ui.alert('Nhắc việc hằng ngày đã được bật từ trước.');
    return;
  }
  if (lastRun && lastRun >= addDays(today, -2)) {
    ui.alert('Một cán bộ khác đã bật nhắc việc hằng ngày cho bảng tính này; không cần bật thêm (mỗi đơn vị chỉ nhận một thư mỗi ngày).');
    return;
  }
  try {
    ScriptApp.newTrigger(DAILY).timeBased().everyDays(1).atHour(7).create();
  } catch {
    ui.alert(
      'Không bật được nhắc việc hằng ngày: tài khoản của bạn đã có 20 trình kích hoạt cho tập lệnh này (giới hạn của Google). Xóa bớt ở Apps Script → Trình kích hoạt rồi thử lại.',
    );
    return;
  }
  props.setProperty(DAILY_KEY, today);
  ui.alert('Đã bật nhắc việc hằng ngày lúc 7 giờ sáng.');
}
