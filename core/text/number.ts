/**
 * The one number parser and the one number formatter for what officials type and
 * read. Vietnamese writes "1.234,5" (thousands dot, decimal comma); exports from
 * other systems write "1,234.5" or "1.5". A cell holding "—", "-" or nothing is
 * blank, not zero and not an error.
 */

/** Dashes and the like that mean "no figure". */
const BLANK = /^[-–—_.x*/]*$/i;
/** What the logs' counts count, as officials write it after the figure ("12 cuộc", "45 TTHC"): the word adds nothing. */
const COUNTED = /^(.*\d)\s*(?:cuộc(?:\s*họp)?|hội\s*nghị|văn\s*bản|vb|thủ\s*tục|tthc|hồ\s*sơ|lượt|dịch\s*vụ|dvc)$/iu;

/**
 * A number from a cell's text: `null` for a blank (empty, "—", "-"), `undefined`
 * when the text is not a number. A trailing "%" is dropped (the columns hold percents),
 * and so is the word a count names ("12 cuộc").
 */
export function parseVnNumber(value: string | number | boolean | null | undefined): number | null | undefined {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'boolean') return undefined;
  const text = value
    .normalize('NFC')
    .trim()
    .replace(COUNTED, '$1')
    .replace(/[\s\u00a0\u202f]/g, '')
    .replace(/%$/, '');
  if (BLANK.test(text)) return null;
  const m = text.match(/^([+-]?)([\d.,]+)$/);
  if (!m) return undefined;
  const digits = m[2]!;
  const dots = (digits.match(/\./g) ?? []).length;
  const commas = (digits.match(/,/g) ?? []).length;
  let normal: string;
  if (dots > 0 && commas > 0) {
    // Both: the last one is the decimal mark ("1.234,5" or "1,234.5").
    const decimal = digits.lastIndexOf(',') > digits.lastIndexOf('.') ? ',' : '.';
    const thousands = decimal === ',' ? '.' : ',';
    if (digits.indexOf(decimal) !== digits.lastIndexOf(decimal) || !groupedOk(digits.split(decimal)[0]!, thousands)) return undefined;
    normal = digits.split(thousands).join('').replace(',', '.');
  } else if (commas > 0) {
    // "0,5" is a decimal; "1,234,567" (several commas) is thousands from an English export.
    if (commas > 1) {
      if (!groupedOk(digits, ',')) return undefined;
      normal = digits.replace(/,/g, '');
    } else normal = digits.replace(',', '.');
  } else if (dots > 1) {
    // "1.234.567": Vietnamese thousands.
    if (!groupedOk(digits, '.')) return undefined;
    normal = digits.replace(/\./g, '');
  } else if (dots === 1 && /^\d{1,3}\.\d{3}$/.test(digits) && !/^0\./.test(digits)) {
    // "1.234" is a thousand and more to a Vietnamese reader, never 1,234 (counts are whole numbers here).
    normal = digits.replace('.', '');
  } else {
    normal = digits;
  }
  if (!/^\d*\.?\d+$|^\d+\.$/.test(normal)) return undefined;
  const n = Number(`${m[1]}${normal}`);
  return Number.isFinite(n) ? n : undefined;
}

/** "1.234.567" style groups: 1–3 digits, then groups of exactly three. */
function groupedOk(digits: string, separator: string): boolean {
  const parts = digits.split(separator);
  return parts.every((p, i) => (i === 0 ? /^\d{1,3}$/.test(p) : /^\d{3}$/.test(p)));
}

/** A number as officials read it: "1.234", "72,75", "0,5"; at most `decimals` decimals, none trailing. */
export function formatVnNumber(n: number, decimals = 2): string {
  const factor = 10 ** decimals;
  const rounded = Math.round(n * factor) / factor;
  const [int, frac] = Math.abs(rounded).toFixed(decimals).split('.');
  const grouped = int!.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  const tail = (frac ?? '').replace(/0+$/, '');
  return `${rounded < 0 ? '-' : ''}${grouped}${tail ? `,${tail}` : ''}`;
}

/** A percent as officials read it: "62,1%" (one decimal by default). */
export function formatVnPercent(n: number, decimals = 1): string {
  return `${formatVnNumber(n, decimals)}%`;
}
