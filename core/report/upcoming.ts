/**
 * What the next period must deliver: the open tasks falling due from the day the
 * report stands at to the end of the next period of the same kind.
 */
import type { Catalog } from '../catalog/catalog';
import type { ResolvedTask } from '../catalog/resolve';
import { deadlineFlags, resolverOn, type TaskAlert } from '../metrics/task-progress';
import { asOfDate, parsePeriod, type Period } from '../periods/period';

export type UpcomingTask = Omit<TaskAlert, 'daysLate'>;

/**
 * The period after this one: quý II after quý I, 6 tháng cuối năm after 6 tháng đầu năm, next year after a year,
 * and the year after 9 tháng (the report that follows it).
 */
export function followingPeriod(period: Period): Period {
  const y = period.year;
  const part = period.label.slice(5);
  const label =
    period.kind === 'year'
      ? String(y + 1)
      : period.kind === 'nine'
        ? String(y)
        : period.kind === 'half'
          ? part === 'H1'
            ? `${y}-H2`
            : `${y + 1}-H1`
          : period.kind === 'quarter'
            ? part === 'Q4'
              ? `${y + 1}-Q1`
              : `${y}-Q${Number(part[1]) + 1}`
            : part === '12'
              ? `${y + 1}-01`
              : `${y}-${String(Number(part) + 1).padStart(2, '0')}`;
  // Cut-off periods run from the 15th; calendar ones from the 1st (months are always calendar).
  return parsePeriod(label, period.kind !== 'month' && period.from.endsWith('-01') ? 'calendar' : 'cutoff')!;
}

/** What the report's "Nhiệm vụ trọng tâm kỳ tới" lists: open tasks due from `from` to `until` (the next period's end). */
export interface NextPeriodFocus {
  period: Period;
  /** The day the report stands at (`asOfDate`): a task due then or later was not overdue in the report. */
  from: string;
  /** The next period's last day in calendar terms: a plan's "Quý IV", "Năm 2026" fall due on 31/12, after the 14/12 cut-off. */
  until: string;
  tasks: UpcomingTask[];
}

/**
 * The next period's focus for a report on `period` made on `today`. The window starts where the report's own figures
 * stop (a task due after that day is neither overdue there nor left out here, however late the report is made) and
 * ends with the next period's calendar end, since the data cut-off (14th) does not move the plans' deadlines.
 */
export function nextPeriodFocus(
  catalog: Catalog,
  period: Period,
  today: string,
  filter: (r: ResolvedTask) => boolean = () => true,
): NextPeriodFocus {
  const next = followingPeriod(period);
  const from = asOfDate(period, today);
  const until = parsePeriod(next.label, 'calendar')!.to;
  return { period: next, from, until, tasks: tasksFallingDue(catalog, today, from, until, filter) };
}

/**
 * Tasks open on `today` (not waiting for a condition) due from `from` to `until`, earliest first. Periodic tasks
 * ("Hằng quý") and conditions met take their due dates from `today`, as in the task figures.
 */
export function tasksFallingDue(
  catalog: Catalog,
  today: string,
  from: string,
  until: string,
  filter: (r: ResolvedTask) => boolean = () => true,
): UpcomingTask[] {
  const resolve = resolverOn(catalog, today);
  const due: UpcomingTask[] = [];
  for (const { item } of catalog.tasks) {
    const r = resolve(item);
    if (!filter(r)) continue;
    const flags = deadlineFlags(r, today, until);
    const on = r.deadline.due;
    if (!flags.open || flags.waiting || on === null || on < from || on > until) continue;
    due.push({
      id: item.id,
      plan: item.plan,
      stt: item.stt,
      title: item.title,
      lead: item.lead,
      leadUnit: r.lead.find((u) => u.kind !== 'group')?.unit ?? r.lead[0]?.unit ?? null,
      due: on,
    });
  }
  return due.sort((a, b) => a.due.localeCompare(b.due));
}
