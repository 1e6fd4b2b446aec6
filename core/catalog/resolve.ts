/** A task with its unit cells and deadline phrase resolved: what rules and metrics work on. */
import { parseDeadline, taskDeadline } from '../deadline/parse';
import type { Deadline } from '../deadline/types';
import type { UnitRegistry } from '../units/registry';
import type { UnitRef } from '../units/types';
import type { Plan, Task } from '../model/plan-task';

export interface ResolvedTask {
  task: Task;
  lead: UnitRef[];
  support: UnitRef[];
  deadline: Deadline;
  planYear: number;
}

export interface ResolveContext {
  registry: UnitRegistry;
  /** Year used when a deadline phrase names none: the plan's year, else this. */
  defaultYear: number;
  plans?: readonly Plan[];
  /** ISO day: picks the next due date of periodic tasks. */
  today?: string;
  /** Days a conditional task has once its condition is met, when its phrase names none (default 30). */
  conditionDays?: number;
}

export function makeResolver(ctx: ResolveContext): (task: Task) => ResolvedTask {
  const deadlineOf = makeDeadlineResolver(ctx);
  return (task) => ({
    task,
    lead: ctx.registry.parseList(task.lead),
    support: ctx.registry.parseList(task.support),
    ...deadlineOf(task),
  });
}

/** The deadline alone (a store's "Hạn" column): no unit parsing, for every row of a large catalog. */
export function makeDeadlineResolver(ctx: Omit<ResolveContext, 'registry'>): (task: Task) => Pick<ResolvedTask, 'deadline' | 'planYear'> {
  const yearByPlan = new Map((ctx.plans ?? []).map((p) => [p.code, p.year]));
  // A catalog repeats a few dozen deadline phrases across thousands of rows.
  const deadlines = new Map<string, Deadline>();
  return (task) => {
    const planYear = yearByPlan.get(task.plan) || ctx.defaultYear;
    const memoKey = `${planYear}|${task.deadline}`;
    let phrase = deadlines.get(memoKey);
    if (!phrase) {
      phrase = parseDeadline(task.deadline, planYear, ctx.today);
      deadlines.set(memoKey, phrase);
    }
    return { deadline: taskDeadline(phrase, task.title, task.conditionMetOn ?? null, ctx.conditionDays ?? 30), planYear };
  };
}
