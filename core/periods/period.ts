/**
 * Reporting periods, and the one parser of periods for `--period`, the logs' "Kỳ"
 * cells and settings. Reports follow the data cut-off calendar (Nghị định
 * 09/2019/NĐ-CP): quarter I runs 15/12 of the previous year to 14/3, six months
 * 15/12–14/6, nine months 15/12–14/9, quarter III 15/6–14/9, the year 15/12–14/12.
 * Calendar periods are the alternative. Months are always calendar months.
 */
import { foldAccents } from '../text/fold';
import { sentenceStart } from '../text/vietnamese';

export type PeriodKind = 'year' | 'half' | 'nine' | 'quarter' | 'month';
export type Calendar = 'cutoff' | 'calendar';

export interface Period {
  label: string;
  kind: PeriodKind;
  year: number;
  /** ISO dates, inclusive. */
  from: string;
  to: string;
}

const pad = (n: number): string => (n < 10 ? `0${n}` : String(n));
const iso = (y: number, m: number, d: number): string => `${y}-${pad(m)}-${pad(d)}`;
const lastDay = (y: number, m: number): number => new Date(y, m, 0).getDate();

/** Start month of a span ending in `endMonth` that is `months` long, in cut-off terms (15th of the month before). */
function cutoff(year: number, startMonth: number, endMonth: number): { from: string; to: string } {
  const fromYear = startMonth === 1 ? year - 1 : year;
  const fromMonth = startMonth === 1 ? 12 : startMonth - 1;
  return { from: iso(fromYear, fromMonth, 15), to: iso(year, endMonth, 14) };
}

function span(year: number, startMonth: number, endMonth: number, calendar: Calendar): { from: string; to: string } {
  return calendar === 'cutoff'
    ? cutoff(year, startMonth, endMonth)
    : { from: iso(year, startMonth, 1), to: iso(year, endMonth, lastDay(year, endMonth)) };
}

/**
 * The period reported when none is asked for: today's year, for the command line and
 * the sheet's menu alike (so "Tự chấm điểm" and `cchc index` score the same column).
 */
export function defaultPeriodText(today: string): string {
  return today.slice(0, 4);
}

const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4 };

/**
 * The period a text names, in the form used for labels: "2026", "2026-H1",
 * "2026-9M", "2026-Q3" or "2026-09". Reads what officials write — "Quý I/2026",
 * "Quý 1 năm 2026", "6 tháng đầu năm 2026", "9 tháng năm 2026", "Tháng 3/2026",
 * "Năm 2026" — as well as those labels; a text without a year ("Quý I") takes
 * `defaultYear` when one is given.
 */
function periodLabel(text: string, defaultYear?: number): string | null {
  const t = foldAccents(text).replace(/\s*([/-])\s*/g, '$1');
  const iso = t.toUpperCase().match(/^(\d{4})(?:-(H[12]|Q[1-4]|9M|\d{1,2}))?$/);
  if (iso) return iso[2] ? `${iso[1]}-${/^\d$/.test(iso[2]) ? `0${iso[2]}` : iso[2]}` : iso[1]!;
  const yearOf = (y: string | undefined): number | null => (y ? Number(y) : (defaultYear ?? null));
  const tail = '(?:\\s*(?:/|-|nam)\\s*(\\d{4}))?';
  const patterns: [RegExp, (m: RegExpMatchArray, year: number) => string | null][] = [
    [new RegExp(`^(?:bao cao\\s+)?quy\\s*(iv|iii|ii|i|[1-4])${tail}$`), (m, y) => `${y}-Q${ROMAN[m[1]!] ?? Number(m[1])}`],
    [new RegExp(`^(?:6 thang|sau thang|nua nam)\\s*(dau|cuoi)?(?:\\s*nam)?${tail}$`), (m, y) => `${y}-H${m[1] === 'cuoi' ? 2 : 1}`],
    [new RegExp(`^(?:9 thang|chin thang)(?:\\s*dau)?(?:\\s*nam)?${tail}$`), (_m, y) => `${y}-9M`],
    [
      new RegExp(`^thang\\s*(\\d{1,2})${tail}$`),
      (m, y) => (Number(m[1]) >= 1 && Number(m[1]) <= 12 ? `${y}-${m[1]!.padStart(2, '0')}` : null),
    ],
    [/^(?:ca\s*)?nam\s*(\d{4})$/, (_m, y) => `${y}`],
  ];
  for (const [re, label] of patterns) {
    const m = t.match(re);
    if (!m) continue;
    const year = yearOf(m[m.length - 1]);
    return year === null ? null : label(m, year);
  }
  return null;
}

/** Parses any form `periodLabel` reads; null when the text names no period. */
export function parsePeriod(text: string, calendar: Calendar = 'cutoff', defaultYear?: number): Period | null {
  const label = periodLabel(text, defaultYear);
  const m = label?.match(/^(\d{4})(?:-(H[12]|Q[1-4]|9M|\d{2}))?$/);
  if (!m) return null;
  const year = Number(m[1]);
  const part = m[2];
  if (!part) return { label: String(year), kind: 'year', year, ...span(year, 1, 12, calendar) };
  if (part === '9M') return { label: `${year}-9M`, kind: 'nine', year, ...span(year, 1, 9, calendar) };
  if (part.startsWith('H')) {
    const h = Number(part[1]);
    return { label: `${year}-H${h}`, kind: 'half', year, ...span(year, h === 1 ? 1 : 7, h === 1 ? 6 : 12, calendar) };
  }
  if (part.startsWith('Q')) {
    const q = Number(part[1]);
    return { label: `${year}-Q${q}`, kind: 'quarter', year, ...span(year, q * 3 - 2, q * 3, calendar) };
  }
  const month = Number(part);
  if (month < 1 || month > 12) return null;
  return { label: `${year}-${pad(month)}`, kind: 'month', year, from: iso(year, month, 1), to: iso(year, month, lastDay(year, month)) };
}

/** What to tell an official who wrote a period this parser cannot read. */
export const PERIOD_FORMS =
  '"Quý I/2026", "6 tháng đầu năm 2026", "9 tháng năm 2026", "Tháng 3/2026", "Năm 2026" (hoặc 2026-Q1, 2026-H1, 2026-03, 2026)';

/**
 * The months of a period as its totals count them: cut-off months (15th to 14th,
 * named by the month they end in) for a cut-off period, calendar months otherwise,
 * so a chart by month adds up to the period's total.
 */
export function monthsOf(period: Period): Period[] {
  const cutoff = period.from.endsWith('-15') && period.kind !== 'month';
  const months: Period[] = [];
  let y = Number(period.to.slice(0, 4));
  let m = Number(period.to.slice(5, 7));
  for (;;) {
    const from = cutoff ? (m === 1 ? iso(y - 1, 12, 15) : iso(y, m - 1, 15)) : iso(y, m, 1);
    const to = cutoff ? iso(y, m, 14) : iso(y, m, lastDay(y, m));
    if (to < period.from) break;
    months.unshift({ label: `${y}-${pad(m)}`, kind: 'month', year: y, from, to });
    if (m === 1) {
      y--;
      m = 12;
    } else m--;
  }
  return months;
}

/**
 * The day a report on `period` states its situation at ("tính đến ngày …"), and
 * the day its tasks are counted overdue or due soon on: today, until the month the
 * period ends in is over; then the period's last day. A cut-off period ends on the
 * 14th, and its report is written in the days after: a task due on the 14th is
 * overdue on the 20th, not "due today".
 */
export function asOfDate(period: Period, today: string): string {
  const [y, m] = period.to.split('-').map(Number) as [number, number];
  return today > iso(y, m, lastDay(y, m)) ? period.to : today;
}

export function inPeriod(date: string | null, period: Period): boolean {
  return date !== null && date >= period.from && date <= period.to;
}

export interface PeriodNameOptions {
  /** The wording of a report's title and body: "quý III năm 2026", "tháng 3 năm 2026". */
  title?: boolean;
  /** At the start of a sentence, a heading or a cell: "Năm 2026". */
  start?: boolean;
}

/**
 * The one Vietnamese name of a period, for every message, report and file name.
 * Inside a sentence: "năm 2026", "6 tháng đầu năm 2026", "9 tháng năm 2026",
 * "Quý III/2026" (as plans write it), "tháng 3/2026"; `title` gives the report
 * title's wording, `start` capitalises the first letter.
 */
export function periodName(period: Period, options: PeriodNameOptions = {}): string {
  const roman = ['I', 'II', 'III', 'IV'];
  const y = period.year;
  const name = ((): string => {
    switch (period.kind) {
      case 'year':
        return `năm ${y}`;
      case 'half':
        return `6 tháng ${period.label.endsWith('H1') ? 'đầu' : 'cuối'} năm ${y}`;
      case 'nine':
        return `9 tháng năm ${y}`;
      case 'quarter': {
        const q = roman[Number(period.label.slice(-1)) - 1];
        return options.title ? `quý ${q} năm ${y}` : `Quý ${q}/${y}`;
      }
      case 'month': {
        const m = Number(period.label.slice(5));
        return options.title ? `tháng ${m} năm ${y}` : `tháng ${m}/${y}`;
      }
    }
  })();
  return options.start ? sentenceStart(name) : name;
}

/** Whether a log row's own period ("Quý I/2026", "2026-03", "2026") lies within the period asked for (calendar terms). */
export function periodWithin(rowPeriod: string, period: Period): boolean {
  const row = parsePeriod(rowPeriod, 'calendar');
  const outer = parsePeriod(period.label, 'calendar');
  return row !== null && outer !== null && row.from >= outer.from && row.to <= outer.to;
}
