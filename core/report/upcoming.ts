/**
 * What the next period must deliver: the open tasks falling due from the day of
 * the report to the end of the next period of the same kind.
 */
import type { Catalog } from '../catalog/catalog';
import type { ResolvedTask } from '../catalog/resolve';
import { deadlineFlags, resolverOn, type TaskAlert } from '../metrics/task-progress';
import { parsePeriod, type Period } from '../periods/period';

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

/** Open tasks (not waiting for a condition) due after `today` up to `until`, earliest first. */
export function tasksFallingDue(
  catalog: Catalog,
  today: string,
  until: string,
  filter: (r: ResolvedTask) => boolean = () => true,
): UpcomingTask[] {
  const resolve = resolverOn(catalog, today);
  const due: UpcomingTask[] = [];
  for (const { item } of catalog.tasks) {
    const r = resolve(item);
    // "Due soon" with the window reaching `until` is exactly "falls due by then".
    if (!filter(r) || !deadlineFlags(r, today, until).dueSoon) continue;
    due.push({
      id: item.id,
      plan: item.plan,
      stt: item.stt,
      title: item.title,
      lead: item.lead,
      leadUnit: r.lead[0]?.unit ?? null,
      due: r.deadline.due!,
    });
  }
  return due.sort((a, b) => a.due.localeCompare(b.due));
}
