/**
 * Reporting periods. Reports follow the data cut-off calendar (Nghị định
 * 09/2019/NĐ-CP): quarter I runs 15/12 of the previous year to 14/3, six months
 * 15/12–14/6, quarter III 15/6–14/9, the year 15/12–14/12. Calendar periods are
 * the alternative. Months are always calendar months.
 */
export type PeriodKind = 'year' | 'half' | 'quarter' | 'month';
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

/** Parses "2026", "2026-H1", "2026-Q3" or "2026-09"; null when the text is none of these. */
export function parsePeriod(text: string, calendar: Calendar = 'cutoff'): Period | null {
  const m = text.trim().toUpperCase().match(/^(\d{4})(?:-(H[12]|Q[1-4]|\d{2}))?$/);
  if (!m) return null;
  const year = Number(m[1]);
  const part = m[2];
  if (!part) return { label: String(year), kind: 'year', year, ...span(year, 1, 12, calendar) };
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

export function inPeriod(date: string | null, period: Period): boolean {
  return date !== null && date >= period.from && date <= period.to;
}

/** Vietnamese name of a period, for reports: "6 tháng đầu năm 2026", "Quý III/2026". */
export function periodName(period: Period): string {
  const roman = ['I', 'II', 'III', 'IV'];
  switch (period.kind) {
    case 'year':
      return `Năm ${period.year}`;
    case 'half':
      return period.label.endsWith('H1') ? `6 tháng đầu năm ${period.year}` : `6 tháng cuối năm ${period.year}`;
    case 'quarter':
      return `Quý ${roman[Number(period.label.slice(-1)) - 1]}/${period.year}`;
    case 'month':
      return `Tháng ${Number(period.label.slice(5))}/${period.year}`;
  }
}

/** Whether a log row's own period ("2026-Q1", "2026-03", "2026") lies within the period asked for (calendar terms). */
export function periodWithin(rowPeriod: string, period: Period): boolean {
  const row = parsePeriod(rowPeriod, 'calendar');
  const outer = parsePeriod(period.label, 'calendar');
  return row !== null && outer !== null && row.from >= outer.from && row.to <= outer.to;
}
