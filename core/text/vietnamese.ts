/**
 * Vietnamese text helpers shared by every adapter.
 *
 * Officials paste from Word, type on phones and use old-style tone marks, so the
 * same unit name arrives in many byte forms. `nfc` is what we store; `matchKey`
 * is what we compare.
 */

/**
 * Each tone mark (sắc, huyền, hỏi, ngã, nặng) and the rest of its syllable → the
 * rest followed by a digit. Five plain replaces beat one replace with a callback.
 */
const TONE_TO_DIGIT: readonly [RegExp, string][] = [
  [/\u0301([^ ]*)/g, '$11'],
  [/\u0300([^ ]*)/g, '$12'],
  [/\u0309([^ ]*)/g, '$13'],
  [/\u0303([^ ]*)/g, '$14'],
  [/\u0323([^ ]*)/g, '$15'],
];

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

/** A phrase written to open a sentence, a heading or a cell: its first letter capitalised ("năm 2026" → "Năm 2026"). */
export function sentenceStart(text: string): string {
  return text.charAt(0).toLocaleUpperCase('vi') + text.slice(1);
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
/** Word separators: spaces, ASCII and Latin-1 punctuation, dashes, quotes and other general punctuation. */
const SEPARATORS = /[\s!-/:-@[-`{-~\u00a0-\u00bf\u00d7\u00f7\u2000-\u206f]+/g;

/**
 * A comparison key for names: compatibility-decomposed, Ð→Đ, lower case,
 * punctuation to spaces, "&" read as "và", spaces folded, and each syllable's tone
 * mark moved to a digit at its end, so old and new placements ("hoá"/"hóa",
 * "uỷ"/"ủy") and NFD input give the same key. Whole-string regex passes only:
 * this runs on every title of every validation.
 */
export function matchKey(text: string): string {
  let key = text
    .replace(/&/g, ' và ')
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[\u00d0\u00f0]/g, '\u0111')
    .replace(SEPARATORS, ' ')
    .trim();
  for (const [mark, digit] of TONE_TO_DIGIT) key = key.replace(mark, digit);
  return key;
}

// The two rows of the distance table, kept between calls: a sheet of thousands of unit cells looks each up.
let prevRow = new Int32Array(64);
let currRow = new Int32Array(64);

/**
 * Levenshtein distance, used to suggest the closest known name for a typo. With a `limit`, a distance of `limit` or
 * more comes back as `limit` as soon as no cheaper path is left: a search for the closest name skips the rest of
 * each candidate that is already farther than the best found.
 */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (a === b) return 0;
  if (a.length === 0) return Math.min(b.length, limit);
  if (b.length === 0) return Math.min(a.length, limit);
  if (prevRow.length <= b.length) {
    prevRow = new Int32Array(b.length + 1);
    currRow = new Int32Array(b.length + 1);
  }
  let prev = prevRow;
  let curr = currRow;
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    curr[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const cost = ca === b.charCodeAt(j - 1) ? 0 : 1;
      const d = Math.min(prev[j]! + 1, curr[j - 1]! + 1, prev[j - 1]! + cost);
      curr[j] = d;
      if (d < rowMin) rowMin = d;
    }
    // Every later row's least value is at least this one's.
    if (rowMin >= limit) return limit;
    [prev, curr] = [curr, prev];
  }
  return Math.min(prev[b.length]!, limit);
}
