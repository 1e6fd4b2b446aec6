/**
 * The unit registry: resolves the unit names officials write in "Cơ quan chủ trì"
 * and "Cơ quan phối hợp" cells to stable ids, tolerating abbreviations, old tone
 * marks, NFD text, a trailing "phường"/"xã" and one-letter typos. Group phrases
 * ("Các cơ quan, tổ chức, đơn vị liên quan") are read by their own grammar
 * (groups.ts). Typos and suggestions stay within the kind the name reads as: a
 * Party body is never taken for, or offered as, an office of the committee.
 */
import { foldAccents } from '../text/fold';
import { editDistance, matchKey, nfc } from '../text/vietnamese';
import { matchGroup } from './groups';
import { STANDARD_UNITS } from './standard-units';
import type { UnitDef, UnitKind, UnitRef } from './types';

/** The kind a name reads as, from its words; unit names of each kind share these words. */
function kindOf(text: string): UnitKind {
  const t = ` ${foldAccents(text).replace(/[^a-z0-9]+/g, ' ')} `;
  if (/^ (cac|tat ca|toan bo) /.test(t)) return 'group';
  if (/ (dang|doan|mat tran|mttq|cong doan|chi bo|cuu chien binh|ccb|phu nu|nong dan|thanh nien) | hoi (?!dong)/.test(t)) return 'party';
  if (/ (so|bo|tinh|trung uong|chinh phu) /.test(t)) return 'external';
  return 'unit';
}

/** Words that only say which tier the unit belongs to ("Phòng VHXH phường"). */
const TIER_WORDS = new Set(['phường', 'xã', 'thị trấn', 'phuong', 'xa'].map(matchKey));

function unitKey(text: string): string {
  const words = matchKey(text.replace(/\([^)]*\)\s*$/, ' ')).split(' ');
  while (words.length > 1 && TIER_WORDS.has(words[words.length - 1]!)) words.pop();
  return words.join(' ');
}

/** Splits on "," and " và " while keeping the separators, so pieces can be re-joined as written. */
const SOFT_SEPARATOR = /(\s*,\s*|\s+và\s+|\s+&\s+)/iu;
const HARD_SEPARATOR = /[;\n+]/u;

const SEGMENT_COST = 0.01;
const TYPO_COST = 0.5;
const UNKNOWN_COST = 1;

export class UnitRegistry {
  private readonly byId = new Map<string, UnitDef>();
  private readonly byKey = new Map<string, UnitDef>();
  /** Fuzzy candidates per kind: a typo or a suggestion never crosses kinds. */
  private readonly keysByKind = new Map<UnitKind, [string, UnitDef][]>();
  private readonly cache = new Map<string, UnitRef[]>();
  /** Fuzzy look-ups are the cost of a big sheet: each distinct name is looked up once per registry. */
  private readonly looked = new Map<string, UnitRef>();

  constructor(units: readonly UnitDef[]) {
    for (const unit of units) {
      const previous = this.byId.get(unit.id);
      // A ward's own row for a standard id refines it: its name wins, aliases add up.
      const merged: UnitDef = previous ? { ...previous, ...unit, aliases: [...previous.aliases, ...unit.aliases, previous.name] } : unit;
      this.byId.set(unit.id, merged);
    }
    for (const unit of this.byId.values()) {
      for (const name of [unit.id, unit.name, ...unit.aliases]) {
        const key = unitKey(name);
        if (key !== '' && !this.byKey.has(key)) this.byKey.set(key, unit);
      }
    }
    for (const [key, unit] of this.byKey) {
      const list = this.keysByKind.get(unit.kind) ?? [];
      list.push([key, unit]);
      this.keysByKind.set(unit.kind, list);
    }
  }

  /** The standard ward/commune units plus the ward's own. */
  static withStandard(own: readonly UnitDef[] = []): UnitRegistry {
    return new UnitRegistry([...STANDARD_UNITS, ...own]);
  }

  get(id: string): UnitDef | undefined {
    return this.byId.get(id);
  }

  all(): UnitDef[] {
    return [...this.byId.values()];
  }

  /** The name officials read for an id; groups say they are groups. */
  label(id: string): string {
    const unit = this.byId.get(id);
    if (!unit) return id;
    return unit.kind === 'group' ? `${unit.name} (nhóm)` : unit.name;
  }

  /** Resolves one unit name. */
  lookup(name: string): UnitRef {
    const text = nfc(name);
    let found = this.looked.get(text);
    if (!found) this.looked.set(text, (found = this.resolveName(text)));
    return found;
  }

  private resolveName(text: string): UnitRef {
    const key = unitKey(text);
    const exact = this.byKey.get(key);
    if (exact) return ref(text, exact, 'exact');
    const group = this.groupRef(text);
    if (group) return group;
    const [closest, distance] = this.closest(key, kindOf(text));
    if (closest && isTypo(key, distance)) return { ...ref(text, closest, 'typo'), suggestion: closest.name };
    const suggest = closest && distance <= Math.max(3, Math.floor(key.length * 0.4)) ? closest.name : null;
    return { text, unit: null, name: null, kind: null, match: 'none', suggestion: suggest };
  }

  /**
   * Resolves a whole cell, which may name several units separated by ";", ",",
   * "và" or new lines — separators that also occur inside unit names ("Phòng
   * Kinh tế, Hạ tầng và Đô thị"). Picks the split with the most known names.
   */
  parseList(cell: string | null | undefined): UnitRef[] {
    const text = nfc(cell ?? '');
    if (text === '') return [];
    const cached = this.cache.get(text);
    if (cached) return cached;
    const refs = (cell ?? '')
      .normalize('NFC')
      .split(HARD_SEPARATOR)
      .map((part) =>
        nfc(part)
          .replace(/^[-–•.]\s*/, '')
          .replace(/[.,;]+$/, ''),
      )
      .filter((part) => part !== '')
      .flatMap((part) => this.splitPart(part));
    this.cache.set(text, refs);
    return refs;
  }

  private splitPart(part: string): UnitRef[] {
    const tokens = part.split(SOFT_SEPARATOR);
    // tokens alternate piece, separator, piece …; pieces sit at even indexes.
    const pieces = tokens.filter((_, i) => i % 2 === 0);
    const joined = (from: number, to: number): string => tokens.slice(from * 2, to * 2 - 1).join('');
    const n = pieces.length;
    const best: { cost: number; refs: UnitRef[] }[] = [{ cost: 0, refs: [] }];
    for (let end = 1; end <= n; end++) {
      let choice: { cost: number; refs: UnitRef[] } | null = null;
      for (let start = 0; start < end; start++) {
        const prev = best[start]!;
        const text = nfc(joined(start, end));
        const exact = this.byKey.get(unitKey(text));
        const group = exact ? null : this.groupRef(text);
        // Fuzzy look-ups only for single pieces or the whole part, to stay linear in practice.
        const r = exact
          ? ref(text, exact, 'exact')
          : (group ?? (end - start === 1 || (start === 0 && end === n) ? this.lookup(text) : null));
        if (!r) continue;
        // A group phrase read across commas costs a little more than the same pieces read one by one, so "Các phòng
        // chuyên môn, Công an xã, BCH Quân sự xã" is a group and two units, not one group swallowing the units.
        const spread = group && end - start > 1 ? (end - start - 1) * SEGMENT_COST + SEGMENT_COST / 10 : 0;
        const cost = prev.cost + SEGMENT_COST + spread + (r.match === 'exact' ? 0 : r.match === 'typo' ? TYPO_COST : UNKNOWN_COST);
        if (!choice || cost < choice.cost) choice = { cost, refs: [...prev.refs, r] };
      }
      best.push(choice!);
    }
    return best[n]!.refs;
  }

  /** The group a group phrase names; a slip in it is a typo with the group's name as suggestion. */
  private groupRef(text: string): UnitRef | null {
    const match = matchGroup(text);
    const unit = match && this.byId.get(match.id);
    if (!unit) return null;
    return match.typo ? { ...ref(text, unit, 'typo'), suggestion: unit.name } : ref(text, unit, 'exact');
  }

  private closest(key: string, kind: UnitKind): [UnitDef | null, number] {
    let bestUnit: UnitDef | null = null;
    let bestDistance = Infinity;
    for (const [candidate, unit] of this.keysByKind.get(kind) ?? []) {
      if (Math.abs(candidate.length - key.length) >= bestDistance) continue;
      const d = editDistance(key, candidate, bestDistance);
      if (d < bestDistance) {
        bestDistance = d;
        bestUnit = unit;
      }
    }
    return [bestUnit, bestDistance];
  }
}

/** One slip of the keyboard in a name long enough not to collide with another abbreviation. */
function isTypo(key: string, distance: number): boolean {
  return (distance === 1 && key.length >= 6) || (distance === 2 && key.length >= 14);
}

function ref(text: string, unit: UnitDef, match: UnitRef['match']): UnitRef {
  return { text, unit: unit.id, name: unit.name, kind: unit.kind, match, suggestion: null };
}
