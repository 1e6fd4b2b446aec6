/**
 * Vietnamese text helpers shared by every adapter.
 *
 * Officials paste from Word, type on phones and use old-style tone marks, so the
 * same unit name arrives in many byte forms. `nfc` is what we store; `matchKey`
 * is what we compare.
 */

/** Combining marks that carry a syllable's tone (sắc, huyền, hỏi, ngã, nặng) → a digit. */
const TONE_DIGITS: Record<string, string> = {
  '\u0301': '1',
  '\u0300': '2',
  '\u0309': '3',
  '\u0303': '4',
  '\u0323': '5',
};

/** Unicode NFC with non-breaking and odd spaces folded to one plain space, trimmed. */
const ODD_SPACE = /[\u00a0\u2000-\u200b\u202f\u205f\u3000\t\r\n]| {2}/;

export function nfc(text: string): string {
  // Most cells are already clean: skip the rewriting passes (this runs on every cell read).
  if (!ODD_SPACE.test(text)) return text.normalize('NFC').trim();
  return text
    .normalize('NFC')
    .replace(/[\u00a0\u2000-\u200b\u202f\u205f\u3000\t\r\n]+/g, ' ')
    .replace(/ {2,}/g, ' ')
    .trim();
}

/**
 * Normalise a cell that may hold several lines (Word paragraphs): NFC, odd spaces
 * folded, but line breaks kept.
 */
export function nfcMultiline(text: string): string {
  if (!text.includes('\n')) return nfc(text);
  return text
    .normalize('NFC')
    .split(/\r?\n/)
    .map((line) => nfc(line))
    .filter((line, i, all) => line !== '' || (i > 0 && i < all.length - 1))
    .join('\n')
    .trim();
}

/** After NFKD, Vietnamese is Latin letters, đ and combining marks; anything else separates words. */
// eslint-disable-next-line no-misleading-character-class -- decomposed marks are matched one by one on purpose
const NON_WORD = /[^a-z0-9\u00c0-\u024f\u0300-\u036f\u1e00-\u1eff]+/g;
/** A tone mark and the rest of its syllable. */
const TONE_IN_SYLLABLE = /(\u0300|\u0301|\u0303|\u0309|\u0323)([^ ]*)/g;

/**
 * A comparison key for names: compatibility-decomposed, Ð→Đ, lower case,
 * punctuation to spaces, "&" read as "và", spaces folded, and each syllable's tone
 * mark moved to a digit at its end, so old and new placements ("hoá"/"hóa",
 * "uỷ"/"ủy") and NFD input give the same key. Whole-string regex passes only:
 * this runs on every title of every validation.
 */
export function matchKey(text: string): string {
  return text
    .replace(/&/g, ' và ')
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[\u00d0\u00f0]/g, '\u0111')
    .replace(NON_WORD, ' ')
    .trim()
    .replace(TONE_IN_SYLLABLE, (_, mark: string, rest: string) => rest + TONE_DIGITS[mark]);
}

/** Levenshtein distance, used to suggest the closest known name for a typo. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let prev = new Array<number>(b.length + 1);
  let curr = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    curr[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      curr[j] = Math.min(prev[j]! + 1, curr[j - 1]! + 1, prev[j - 1]! + cost);
    }
    [prev, curr] = [curr, prev];
  }
  return prev[b.length]!;
}
