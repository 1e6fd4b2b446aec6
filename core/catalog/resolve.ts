/** A task with its unit cells and deadline phrase resolved: what rules and metrics work on. */
import { parseDeadline } from '../deadline/parse';
import type { Deadline } from '../deadline/types';
import type { UnitRegistry } from '../units/registry';
import type { UnitRef } from '../units/types';
import type { Plan, Task } from './model';

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
}

export function makeResolver(ctx: ResolveContext): (task: Task) => ResolvedTask {
  const yearByPlan = new Map((ctx.plans ?? []).map((p) => [p.code, p.year]));
  // A catalog repeats a few dozen deadline phrases across thousands of rows.
  const deadlines = new Map<string, Deadline>();
  return (task) => {
    const planYear = yearByPlan.get(task.plan) || ctx.defaultYear;
    const memoKey = `${planYear}|${task.deadline}`;
    let deadline = deadlines.get(memoKey);
    if (!deadline) {
      deadline = parseDeadline(task.deadline, planYear);
      deadlines.set(memoKey, deadline);
    }
    return {
      task,
      lead: ctx.registry.parseList(task.lead),
      support: ctx.registry.parseList(task.support),
      deadline,
      planYear,
    };
  };
}
