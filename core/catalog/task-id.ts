/**
 * Stable task ids. An id is derived once, from the plan and the task's wording, so
 * renumbering the appendix does not change it; it is then stored and kept.
 */
import { matchKey } from '../text/vietnamese';

/** FNV-1a 32-bit: tiny, deterministic, the same in Node and Apps Script. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

export function taskId(planCode: string, title: string, taken: ReadonlySet<string> = new Set()): string {
  return taskIdOfKeys(matchKey(planCode), matchKey(title), taken);
}

/** taskId from the plan's and the title's matchKey, for a caller that has them already (a merge of many tasks). */
export function taskIdOfKeys(planKey: string, titleKey: string, taken: ReadonlySet<string> = new Set()): string {
  const base = `NV-${fnv1a(`${planKey}|${titleKey}`).toString(36).toUpperCase().padStart(7, '0')}`;
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return id;
}
