/**
 * Word's automatic numbering: a paragraph whose number Word draws (w:numPr, directly or through its style) holds no
 * number in its text, so an appendix numbered that way read as tasks without an STT. The number is computed here as
 * Word shows it, from numbering.xml: levels with their start, format (1, 01, I, i, A, a) and text ("%1.", "%1.%2."),
 * counters that run on through the document (across table cells) and restart deeper levels, lists restarted by
 * w:startOverride, and "legal" numbering (w:isLgl). Bullets carry no number and give no text.
 */
import { isW, wChild as kid, wVal, type XmlElement as Element } from './xml-tree';

interface Level {
  start: number;
  format: string;
  text: string;
  legal: boolean;
  /** w:lvlRestart: the level whose numbering restarts this one (0 = never; default: any higher level). */
  restartAfter: number | null;
}

interface List {
  abstractId: string;
  levels: Map<number, Level>;
  /** Levels this list restarts at a given number the first time it is used (w:lvlOverride/w:startOverride). */
  startOverrides: Map<number, number>;
}

const kids = (el: Element | undefined, name: string): Element[] => el?.children.filter((c) => isW(c, name)) ?? [];
const val = (el: Element | undefined): string | undefined => wVal(el) ?? undefined;
const int = (el: Element | undefined): number | undefined => {
  const v = val(el);
  return v !== undefined && Number.isInteger(Number(v)) ? Number(v) : undefined;
};

function level(lvl: Element): [number, Level] {
  const restart = int(kid(lvl, 'lvlRestart'));
  return [
    Number(lvl.attrs['ilvl'] ?? 0),
    {
      start: int(kid(lvl, 'start')) ?? 0,
      format: val(kid(lvl, 'numFmt')) ?? 'decimal',
      text: val(kid(lvl, 'lvlText')) ?? '',
      legal: kid(lvl, 'isLgl') !== undefined && val(kid(lvl, 'isLgl')) !== '0' && val(kid(lvl, 'isLgl')) !== 'false',
      restartAfter: restart ?? null,
    },
  ];
}

const ROMAN: [number, string][] = [
  [1000, 'M'],
  [900, 'CM'],
  [500, 'D'],
  [400, 'CD'],
  [100, 'C'],
  [90, 'XC'],
  [50, 'L'],
  [40, 'XL'],
  [10, 'X'],
  [9, 'IX'],
  [5, 'V'],
  [4, 'IV'],
  [1, 'I'],
];

function roman(n: number): string {
  let out = '';
  for (const [value, digits] of ROMAN) for (; n >= value; n -= value) out += digits;
  return out;
}

/** Word's letters: a…z, then aa…zz, then aaa… */
const letter = (n: number): string => String.fromCharCode(97 + ((n - 1) % 26)).repeat(Math.floor((n - 1) / 26) + 1);

function formatted(n: number, format: string): string {
  if (n <= 0 && format !== 'decimal' && format !== 'decimalZero') return String(n);
  switch (format) {
    case 'upperRoman':
      return roman(n);
    case 'lowerRoman':
      return roman(n).toLowerCase();
    case 'upperLetter':
      return letter(n).toUpperCase();
    case 'lowerLetter':
      return letter(n);
    case 'decimalZero':
      return n < 10 ? `0${n}` : String(n);
    case 'none':
      return '';
    default:
      return String(n);
  }
}

/** The elements the numbering reads, of numbering.xml and of styles.xml (parseXml's `keep`). */
export const NUMBERING_ELEMENTS: ReadonlySet<string> = new Set([
  ...['numbering', 'abstractNum', 'lvl', 'start', 'numFmt', 'lvlText', 'isLgl', 'lvlRestart'],
  ...['num', 'abstractNumId', 'lvlOverride', 'startOverride'],
  ...['styles', 'style', 'pPr', 'numPr', 'numId', 'ilvl'],
]);

/** The numbering of one document: what each numbered paragraph shows, in document order. */
export class WordNumbering {
  private readonly lists = new Map<string, List>();
  private readonly styleNumbers = new Map<string, { numId: string; ilvl: number }>();
  /** Current counter of each level, per abstract list (lists sharing one continue each other, as in Word). */
  private readonly counters = new Map<string, (number | undefined)[]>();
  private readonly overridden = new Set<string>();

  constructor(numbering: Element | undefined, styles: Element | undefined) {
    const abstracts = new Map<string, Map<number, Level>>();
    const numberingRoot = kid(numbering, 'numbering');
    for (const abs of kids(numberingRoot, 'abstractNum')) {
      abstracts.set(abs.attrs['abstractNumId'] ?? '', new Map(kids(abs, 'lvl').map(level)));
    }
    for (const num of kids(numberingRoot, 'num')) {
      const abstractId = val(kid(num, 'abstractNumId')) ?? '';
      const levels = new Map(abstracts.get(abstractId) ?? []);
      const startOverrides = new Map<number, number>();
      for (const override of kids(num, 'lvlOverride')) {
        const ilvl = Number(override.attrs['ilvl'] ?? 0);
        const start = int(kid(override, 'startOverride'));
        if (start !== undefined) startOverrides.set(ilvl, start);
        const lvl = kid(override, 'lvl');
        if (lvl) levels.set(ilvl, level(lvl)[1]);
      }
      this.lists.set(num.attrs['numId'] ?? '', { abstractId, levels, startOverrides });
    }
    // A style that numbers its paragraphs ("List Number", a heading style tied to a list).
    for (const style of kids(kid(styles, 'styles'), 'style')) {
      const numPr = kid(kid(style, 'pPr'), 'numPr');
      const numId = val(kid(numPr, 'numId'));
      if (numId !== undefined) this.styleNumbers.set(style.attrs['styleId'] ?? '', { numId, ilvl: int(kid(numPr, 'ilvl')) ?? 0 });
    }
  }

  /** The number Word draws before this paragraph ("1.", "II.", "2.1."), or '' when it draws none. */
  label(pPr: Element | undefined): string {
    const numPr = kid(pPr, 'numPr');
    const styled = this.styleNumbers.get(val(kid(pPr, 'pStyle')) ?? '');
    const numId = val(kid(numPr, 'numId')) ?? styled?.numId;
    // numId 0 switches a style's numbering off for this paragraph.
    if (numId === undefined || numId === '0') return '';
    const ilvl = int(kid(numPr, 'ilvl')) ?? styled?.ilvl ?? 0;
    const list = this.lists.get(numId);
    const lvl = list?.levels.get(ilvl);
    if (!list || !lvl || lvl.format === 'bullet') return '';
    const counters = this.counters.get(list.abstractId) ?? [];
    this.counters.set(list.abstractId, counters);
    if (!this.overridden.has(numId)) {
      // A list restarted in Word ("Restart at 1") is a new w:num that starts its levels over.
      this.overridden.add(numId);
      for (const [overriddenLevel, start] of list.startOverrides) counters[overriddenLevel] = start - 1;
    }
    counters[ilvl] = (counters[ilvl] ?? lvl.start - 1) + 1;
    for (let deeper = ilvl + 1; deeper < counters.length; deeper++) {
      const restartAfter = list.levels.get(deeper)?.restartAfter;
      if (restartAfter === null || restartAfter === undefined || (restartAfter > 0 && restartAfter - 1 >= ilvl))
        counters[deeper] = undefined;
    }
    return lvl.text.replace(/%([1-9])/g, (_, d: string) => {
      const at = Number(d) - 1;
      const shown = list.levels.get(at);
      const n = counters[at] ?? shown?.start ?? 1;
      return formatted(n, lvl.legal ? 'decimal' : (shown?.format ?? 'decimal'));
    });
  }
}
