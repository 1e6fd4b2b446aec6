/**
 * Task progress on a given day: done, done late, in progress, not started,
 * overdue and due soon, overall, per lead unit and per section. "Thường xuyên"
 * tasks are overdue only by a report date written with them; conditional tasks
 * ("sau khi …") wait until officials record the day their condition was met.
 */
// One module per function: the date-fns index loads all ~250 of them (≈ 30 MB in every command).
import { addDays } from 'date-fns/addDays';
import { format } from 'date-fns/format';
import { parseISO } from 'date-fns/parseISO';
import type { Catalog } from '../catalog/catalog';
import type { Task } from '../model/plan-task';
import { makeResolver, type ResolvedTask } from '../catalog/resolve';
import { settingNumber } from '../settings/settings';

/** `doneUndated`: "Hoàn thành" without a completion date, so neither on time nor late can be told. */
export type TaskState = 'done' | 'doneLate' | 'doneUndated' | 'inProgress' | 'notStarted' | 'dropped';

export interface ProgressCounts {
  total: number;
  done: number;
  doneLate: number;
  /** Done without a completion date: counted done, but never as on time. */
  doneUndated: number;
  inProgress: number;
  notStarted: number;
  dropped: number;
  overdue: number;
  dueSoon: number;
  /** Conditional tasks waiting for their condition, not counted overdue. */
  waiting: number;
  /** Share of tasks done (on time, late or undated), percent; null with no tasks. */
  doneShare: number | null;
}

export interface TaskAlert {
  id: string;
  plan: string;
  stt: string;
  title: string;
  lead: string;
  leadUnit: string | null;
  due: string;
  daysLate: number;
}

/** Where one task stands on the day: what the sheet's "Hạn (tự tính)" column and its overdue colour show. */
export interface TaskStanding {
  /** The task's row in the tasks tab. */
  row: number;
  id: string;
  /** Its due date as of the day (a periodic task's next one); null when it has none yet. */
  due: string | null;
  overdue: boolean;
  dueSoon: boolean;
}

/** A done task without its completion date, listed so officials fill it in (it may have no deadline either). */
export type UndatedTask = Omit<TaskAlert, 'daysLate' | 'due'> & { due: string | null };

export interface TaskProgress {
  today: string;
  soonDays: number;
  overall: ProgressCounts;
  byUnit: Record<string, ProgressCounts>;
  bySection: Record<string, ProgressCounts>;
  /** Tasks by the CCHC-index criterion they serve (the tasks tab's "Mã tiêu chí CCHC"), where they name one. */
  byCriterion: Record<string, ProgressCounts>;
  overdue: TaskAlert[];
  dueSoon: TaskAlert[];
  /** Every task counted, in catalog order. */
  standings: TaskStanding[];
  doneUndated: UndatedTask[];
}

export function taskState(status: string, completedOn: string | null, due: string | null): TaskState {
  switch (status) {
    case 'Hoàn thành':
      // Without its day, "on time" would be a guess (validation asks for the day: COMPLETION_DATE_MISSING).
      if (!completedOn) return 'doneUndated';
      return due && completedOn > due ? 'doneLate' : 'done';
    case 'Hoàn thành quá hạn':
      return 'doneLate';
    case 'Đang thực hiện':
      return 'inProgress';
    case 'Không thực hiện':
      return 'dropped';
    default:
      return 'notStarted';
  }
}

/** Tasks done, on time, late or without their day. */
export function doneCount(c: ProgressCounts): number {
  return c.done + c.doneLate + c.doneUndated;
}

export interface DeadlineFlags {
  state: TaskState;
  /** Still to be done: in progress or not started. */
  open: boolean;
  overdue: boolean;
  dueSoon: boolean;
  /** Open and waiting for its condition ("sau khi …"), so never overdue. */
  waiting: boolean;
}

/**
 * Where a task stands against its deadline on `today`; `soonLimit` ends the "due
 * soon" window. A task completed after `today` was still open on that day (a
 * report for a past period shows the tasks as they stood at its end).
 */
export function deadlineFlags(r: ResolvedTask, today: string, soonLimit: string): DeadlineFlags {
  const due = r.deadline.due;
  const stated = taskState(r.task.status, r.task.completedOn, due);
  const doneLater = (stated === 'done' || stated === 'doneLate') && r.task.completedOn !== null && r.task.completedOn > today;
  const state: TaskState = doneLater ? 'inProgress' : stated;
  const open = state === 'inProgress' || state === 'notStarted';
  const waiting = open && r.deadline.kind === 'conditional' && r.deadline.conditionMetOn === null;
  const dated = open && !waiting && due !== null;
  return { state, open, overdue: dated && due! < today, dueSoon: dated && due! >= today && due! <= soonLimit, waiting };
}

const empty = (): ProgressCounts => ({
  total: 0,
  done: 0,
  doneLate: 0,
  doneUndated: 0,
  inProgress: 0,
  notStarted: 0,
  dropped: 0,
  overdue: 0,
  dueSoon: 0,
  waiting: 0,
  doneShare: null,
});

function daysBetween(from: string, to: string): number {
  return Math.round((parseISO(to).getTime() - parseISO(from).getTime()) / 86_400_000);
}

/**
 * Lead unit key for grouping: the registry id, else the text as written. A
 * single unit beats a group written beside it ("Phòng X và các cơ quan liên quan").
 */
export function leadKey(r: ResolvedTask): string {
  const first = r.lead.find((u) => u.kind !== 'group') ?? r.lead[0];
  return first ? (first.unit ?? first.text) : '(chưa có)';
}

/**
 * The one way tasks are resolved as of a day, wherever a due date is shown or
 * counted: a periodic task's next due date after `today`, a met condition's days
 * from the settings.
 */
export function resolverOn(catalog: Catalog, today: string): (task: Task) => ResolvedTask {
  return makeResolver({ ...catalog, today, conditionDays: settingNumber(catalog.settings, 'conditionDays') });
}

export function taskProgress(catalog: Catalog, today: string, filter: (r: ResolvedTask) => boolean = () => true): TaskProgress {
  const soonDays = settingNumber(catalog.settings, 'soonDays');
  const soonLimit = format(addDays(parseISO(today), soonDays), 'yyyy-MM-dd');
  const resolve = resolverOn(catalog, today);
  const result: TaskProgress = {
    today,
    soonDays,
    overall: empty(),
    byUnit: {},
    bySection: {},
    byCriterion: {},
    overdue: [],
    dueSoon: [],
    doneUndated: [],
    standings: [],
  };

  for (const { row, item } of catalog.tasks) {
    const r = resolve(item);
    if (!filter(r)) continue;
    const due = r.deadline.due;
    const { state, overdue, dueSoon: soon, waiting } = deadlineFlags(r, today, soonLimit);
    result.standings.push({ row, id: item.id, due, overdue, dueSoon: soon });
    const unit = leadKey(r);
    const section = item.section || item.sectionTitle || '(không có mục)';
    const criterion = (item.criterion ?? '').trim();
    for (const counts of [
      result.overall,
      (result.byUnit[unit] ??= empty()),
      (result.bySection[`${item.plan} ${section}`.trim()] ??= empty()),
      ...(criterion === '' ? [] : [(result.byCriterion[criterion] ??= empty())]),
    ]) {
      counts.total++;
      counts[state]++;
      if (overdue) counts.overdue++;
      if (soon) counts.dueSoon++;
      if (waiting) counts.waiting++;
    }
    const leadUnit = r.lead.find((u) => u.kind !== 'group')?.unit ?? r.lead[0]?.unit ?? null;
    if (overdue || soon) {
      const alert: TaskAlert = {
        id: item.id,
        plan: item.plan,
        stt: item.stt,
        title: item.title,
        lead: item.lead,
        leadUnit,
        due: due!,
        daysLate: overdue ? daysBetween(due!, today) : -daysBetween(today, due!),
      };
      (overdue ? result.overdue : result.dueSoon).push(alert);
    }
    if (state === 'doneUndated') {
      result.doneUndated.push({ id: item.id, plan: item.plan, stt: item.stt, title: item.title, lead: item.lead, leadUnit, due });
    }
  }
  for (const counts of [
    result.overall,
    ...Object.values(result.byUnit),
    ...Object.values(result.bySection),
    ...Object.values(result.byCriterion),
  ]) {
    counts.doneShare = counts.total === 0 ? null : Math.round((doneCount(counts) / counts.total) * 1000) / 10;
  }
  result.overdue.sort((a, b) => a.due.localeCompare(b.due));
  result.dueSoon.sort((a, b) => a.due.localeCompare(b.due));
  return result;
}
