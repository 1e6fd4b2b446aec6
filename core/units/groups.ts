/**
 * Group phrases: the plural lead and coordinating phrases plans write instead of
 * one unit ("Các cơ quan, tổ chức, đơn vị thuộc UBND xã", "… liên quan", "… được
 * giao nhiệm vụ tại Kế hoạch …", "các xóm"). They vary in their qualifier, so no
 * alias list can hold them: a phrase is read as "các" + head nouns + qualifier,
 * and the head nouns and the qualifier decide which group it is. A head noun one
 * slip away ("Các quan, tổ chức, đơn vị") still counts, flagged as a typo.
 */
import { editDistance, matchKey } from '../text/vietnamese';
import type { UnitDef } from './types';

/** The standard groups; ids other tabs may refer to. */
export const GROUP_UNITS: readonly UnitDef[] = [
  {
    id: 'CQ_DV',
    name: 'Các cơ quan, tổ chức, đơn vị',
    kind: 'group',
    aliases: ['Các cơ quan, đơn vị', 'Các cơ quan, tổ chức', 'Các tổ chức, đơn vị', 'Các cơ quan, ban, ngành'],
  },
  { id: 'DV_UBND', name: 'Các cơ quan, đơn vị thuộc UBND', kind: 'group', aliases: [] },
  { id: 'DUOC_GIAO', name: 'Các cơ quan, đơn vị được giao nhiệm vụ', kind: 'group', aliases: [] },
  { id: 'DUOC_KIEM_TRA', name: 'Các cơ quan, đơn vị được kiểm tra', kind: 'group', aliases: [] },
  {
    id: 'DOAN_THE',
    name: 'Các tổ chức chính trị - xã hội',
    kind: 'group',
    aliases: ['Các đoàn thể', 'Các đoàn thể chính trị - xã hội', 'Các hội, đoàn thể'],
  },
  { id: 'DOANH_NGHIEP', name: 'Các doanh nghiệp', kind: 'group', aliases: ['Doanh nghiệp trên địa bàn', 'Các doanh nghiệp, hợp tác xã'] },
];

type Category = 'settlement' | 'enterprise' | 'school' | 'mass' | 'office';

/** Head nouns by what they name; multi-word heads are matched word by word. */
const HEADS: readonly [Category, readonly string[]][] = [
  // No bare "tổ" or "khu": they begin "tổ chức" and would swallow its typos.
  ['settlement', ['tổ dân phố', 'tổ dân cư', 'khu dân cư', 'khu phố', 'thôn', 'xóm', 'bản', 'ấp', 'TDP']],
  ['enterprise', ['doanh nghiệp', 'hợp tác xã', 'cơ sở sản xuất kinh doanh', 'hộ kinh doanh', 'HTX']],
  ['school', ['nhà trường', 'trường học', 'trường']],
  ['mass', ['tổ chức chính trị xã hội', 'đoàn thể', 'hội']],
  ['office', ['cơ quan', 'tổ chức', 'đơn vị', 'phòng', 'ban', 'ngành', 'bộ phận', 'địa phương', 'cá nhân']],
];

const KEYED_HEADS = HEADS.flatMap(([category, heads]) => heads.map((h) => ({ category, words: matchKey(h).split(' ') })))
  // Longest first, so "tổ dân phố" wins over "tổ".
  .sort((a, b) => b.words.length - a.words.length);

const CAC = matchKey('các');
const LEADS = [matchKey('tất cả các'), matchKey('toàn bộ các'), CAC].map((k) => k.split(' '));

/** Qualifiers that name a group of offices, checked in order. */
const QUALIFIERS: readonly [string, readonly string[]][] = [
  ['LIEN_QUAN', ['liên quan']],
  ['DUOC_GIAO', ['được giao', 'giao nhiệm vụ', 'được phân công', 'chủ trì']],
  ['DUOC_KIEM_TRA', ['kiểm tra']],
  ['PHONG_BAN', ['chuyên môn']],
  ['DV_UBND', ['thuộc', 'trực thuộc']],
].map(([id, phrases]) => [id as string, (phrases as string[]).map(matchKey)] as const);

export interface GroupMatch {
  id: string;
  /** A head noun was read through a slip ("Các quan" for "Các cơ quan"). */
  typo: boolean;
}

function startsAt(words: readonly string[], at: number, phrase: readonly string[]): boolean {
  return phrase.every((w, i) => words[at + i] === w);
}

/** The head noun at `at`, exact or one slip away, and how many words it covers. */
function headAt(words: readonly string[], at: number): { category: Category; length: number; typo: boolean } | null {
  for (const head of KEYED_HEADS)
    if (startsAt(words, at, head.words)) return { category: head.category, length: head.words.length, typo: false };
  for (const head of KEYED_HEADS) {
    const candidate = words.slice(at, at + head.words.length).join(' ');
    const wanted = head.words.join(' ');
    if (wanted.length >= 5 && editDistance(candidate, wanted, 2) === 1)
      return { category: head.category, length: head.words.length, typo: true };
  }
  // A dropped first word of a two-word head ("các quan" for "các cơ quan"), only right after "các".
  if (at === 1) {
    for (const head of KEYED_HEADS) {
      if (head.words.length === 2 && head.words[1] === words[at] && head.words[1]!.length >= 4)
        return { category: head.category, length: 1, typo: true };
    }
  }
  return null;
}

/** Reads a group phrase; null when the text is not one (it must start with "các" and name what it groups). */
export function matchGroup(text: string): GroupMatch | null {
  const all = matchKey(text).split(' ');
  const lead = LEADS.find((l) => startsAt(all, 0, l));
  if (!lead) return null;
  // Normalised to start at index 1, just after the single word "các".
  const words = [CAC, ...all.slice(lead.length)];
  // A second "các" starts a second group ("… liên quan và các xóm"): the caller splits there.
  if (words.indexOf(CAC, 1) > 0) return null;
  const categories = new Set<Category>();
  let typo = false;
  let at = 1;
  for (;;) {
    const head = headAt(words, at);
    if (!head) break;
    categories.add(head.category);
    typo ||= head.typo;
    at += head.length;
  }
  if (categories.size === 0) return null;
  const qualifier = words.slice(at).join(' ');
  if (categories.has('settlement')) return { id: 'TDP', typo };
  if (categories.has('enterprise')) return { id: 'DOANH_NGHIEP', typo };
  if (categories.has('school') && categories.size === 1) return { id: 'TRUONG', typo };
  if (categories.has('mass') && categories.size === 1) return { id: 'DOAN_THE', typo };
  for (const [id, phrases] of QUALIFIERS) {
    if (phrases.some((p) => ` ${qualifier} `.includes(` ${p} `))) return { id, typo };
  }
  return { id: 'CQ_DV', typo };
}
