/**
 * The issuing authority's line at the top of every document a ward sends
 * ("UBND PHƯỜNG AN TƯỜNG"). The ward setting may hold the bare name ("An Tường")
 * or the name with its kind ("xã Phúc Thuận"); a bare name takes its kind from
 * the plan titles ("… phường An Tường năm 2026"). Nothing is guessed: without a
 * kind the line names the ward only.
 */
import type { Plan } from '../model/plan-task';
import { settingText, type Settings } from '../settings/settings';
import { matchKey } from '../text/vietnamese';

const KINDS = 'phường|xã|thị trấn|đặc khu';
const KIND = new RegExp(`^(${KINDS})\\s+`, 'iu');
const KIND_IN_TEXT = new RegExp(`(?<![\\p{L}])(${KINDS})\\s+`, 'giu');

export interface WardName {
  /** "phường", "xã" …, or null when neither the setting nor the plans say. */
  kind: string | null;
  /** The name without its kind: "An Tường". */
  name: string;
}

/** The ward's kind and name from the setting, the kind looked up in `texts` (plan titles) when the setting lacks it. */
export function wardName(ward: string, texts: readonly string[] = []): WardName {
  const trimmed = ward.trim();
  const own = trimmed.match(KIND);
  if (own) return { kind: own[1]!.toLocaleLowerCase('vi'), name: trimmed.slice(own[0].length).trim() };
  const key = matchKey(trimmed);
  const length = trimmed.split(/\s+/).length;
  for (const text of key === '' ? [] : texts) {
    for (const m of text.matchAll(KIND_IN_TEXT)) {
      const words = text.slice(m.index + m[0].length).split(/\s+/);
      // Place names are capitalised word by word: a capitalised next word means a longer name ("An" is not "An Tường").
      const next = words[length] ?? '';
      if (matchKey(words.slice(0, length).join(' ')) === key && !/^\p{Lu}/u.test(next))
        return { kind: m[1]!.toLocaleLowerCase('vi'), name: trimmed };
    }
  }
  return { kind: null, name: trimmed };
}

/** "UBND PHƯỜNG AN TƯỜNG"; "UBND AN TƯỜNG" without a known kind; a dotted blank without a ward. */
export function wardHeading(ward: WardName): string {
  if (ward.name === '') return 'UBND ……………………';
  return `UBND ${ward.kind ? `${ward.kind} ` : ''}${ward.name}`.toLocaleUpperCase('vi');
}

/** "phường An Tường" for running text; the bare name without a known kind. */
export function wardInText(ward: WardName): string {
  return ward.kind ? `${ward.kind} ${ward.name}` : ward.name;
}

/** Where a kind may be read: the plans' own tier as their appendices wrote it ("xã Đông Tiến"), then their titles. */
const kindTexts = (plans: readonly Pick<Plan, 'ward' | 'tier' | 'title'>[]): string[] => [
  ...plans.filter((p) => p.tier && p.ward).map((p) => `${p.tier} ${p.ward}`),
  ...plans.map((p) => p.title),
];

/** The ward a store belongs to: the ward setting, else the plans' ward; its kind from the plans. */
export function storeWard(settings: Settings, plans: readonly Plan[]): WardName {
  const ward = settingText(settings, 'ward') || plans.find((p) => p.ward !== '')?.ward || '';
  return wardName(ward, kindTexts(plans));
}

/** One plan's ward and kind, for its own appendix. */
export function planWard(plan: Pick<Plan, 'ward' | 'tier' | 'title'>): WardName {
  return wardName(plan.ward, kindTexts([plan]));
}
