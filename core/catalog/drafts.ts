/**
 * Drafts: an appendix whose plan has no number yet ("Kế hoạch số /KH-UBND", the
 * usual state of a draft) is imported as a draft plan of its ward, year and
 * title. When the numbered plan is imported later, it adopts the draft: the same
 * tasks move to the plan's number with their ids and tracking, and the plan row
 * is renamed, so tracking carries on and no task is counted twice.
 */
import { matchKey } from '../text/vietnamese';
import type { Plan, Task } from '../model/plan-task';
import { taskId } from './task-id';

const DRAFT_CODE = /^DT-\d{4}-[0-9A-Z]+$/;

export function isDraftCode(code: string): boolean {
  return DRAFT_CODE.test(code);
}

/** A draft's code: stable for the same ward, year and title, so re-importing the draft finds it again. */
export function draftCode(ward: string, year: number, title: string): string {
  return `DT-${year}-${taskId(`${ward}|${year}`, title).slice(3)}`;
}

export interface Adoption {
  plans: Plan[];
  tasks: Task[];
  /** The draft the plan took over, if any. */
  adopted: Plan | null;
  /** How many of its tasks moved to the plan's number. */
  moved: number;
}

/**
 * Moves a draft of the same ward and year to `plan`'s number: the draft with the
 * same title, else the ward's only draft for that year (titles change between
 * draft and signature). Nothing happens when `plan` is itself a draft, is
 * already in the catalog, or no draft fits.
 */
export function adoptDraft(plans: readonly Plan[], tasks: readonly Task[], plan: Plan): Adoption {
  const none: Adoption = { plans: [...plans], tasks: [...tasks], adopted: null, moved: 0 };
  if (isDraftCode(plan.code) || plans.some((p) => p.code === plan.code)) return none;
  const drafts = plans.filter((p) => isDraftCode(p.code) && p.year === plan.year && matchKey(p.ward) === matchKey(plan.ward));
  const draft = drafts.find((p) => matchKey(p.title) === matchKey(plan.title)) ?? (drafts.length === 1 ? drafts[0]! : null);
  if (!draft) return none;
  let moved = 0;
  const next = tasks.map((t) => {
    if (t.plan !== draft.code) return t;
    moved++;
    return { ...t, plan: plan.code };
  });
  return { plans: plans.map((p) => (p === draft ? { ...plan } : p)), tasks: next, adopted: draft, moved };
}
