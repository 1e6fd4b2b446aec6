/**
 * Vietnamese text helpers shared by every adapter.
 *
 * Officials paste from Word, type on phones and use old-style tone marks, so the
 * same unit name arrives in many byte forms. `nfc` is what we store; `matchKey`
 * is what we compare.
 */

/** Combining marks that carry a syllable's tone (huyền, sắc, ngã, hỏi, nặng). */
const TONE_MARKS: Record<string, string> = {
  '\u0300': '2', // huyền
  '\u0301': '1', // sắc
  '\u0303': '4', // ngã
  '\u0309': '3', // hỏi
  '\u0323': '5', // nặng
};
const TONE_RE = /[\u0300\u0301\u0303\u0309\u0323]/g;

/** Unicode NFC with non-breaking and odd spaces folded to one plain space, trimmed. */
export function nfc(text: string): string {
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
  return text
    .normalize('NFC')
    .split(/\r?\n/)
    .map((line) => nfc(line))
    .filter((line, i, all) => line !== '' || (i > 0 && i < all.length - 1))
    .join('\n')
    .trim();
}

/**
 * Move each syllable's tone mark out of the way so that old and new placements
 * ("hoá"/"hóa", "uỷ"/"ủy") and NFD input give the same key: the tone becomes a
 * digit at the end of the syllable.
 */
function toneKey(syllable: string): string {
  const decomposed = syllable.normalize('NFD');
  let tone = '';
  const base = decomposed.replace(TONE_RE, (mark) => {
    tone = TONE_MARKS[mark] ?? '';
    return '';
  });
  return base.normalize('NFC') + tone;
}

/**
 * A comparison key for names: NFKC, Ð→Đ, lower case, punctuation to spaces,
 * "&" read as "và", tone marks canonicalised, spaces folded.
 */
export function matchKey(text: string): string {
  const folded = text
    .normalize('NFKC')
    .replace(/[\u0110\u00d0\u00f0]/g, 'đ')
    .replace(/\u0111/g, 'đ')
    .toLowerCase()
    .replace(/&/g, ' và ')
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, ' ')
    .trim();
  if (folded === '') return '';
  return folded.split(' ').map(toneKey).join(' ');
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
