/**
 * Deadline phrases → due dates. Plans write deadlines in words ("Quý I/2026",
 * "Tháng 3 - 6/2026", "Trước 15/01/2026", "Thường xuyên; báo cáo trước 15/12",
 * "Định kỳ 6 tháng", "Sau khi có hướng dẫn …"); this turns each into a kind and,
 * where one exists, a due date. It never throws: a phrase it cannot read comes
 * back as kind `unknown` for validation to flag.
 */
// One module per function: the date-fns index loads all ~250 of them (≈ 30 MB in every command).
import { addDays } from 'date-fns/addDays';
import { endOfMonth } from 'date-fns/endOfMonth';
import { endOfQuarter } from 'date-fns/endOfQuarter';
import { endOfYear } from 'date-fns/endOfYear';
import { isValid } from 'date-fns/isValid';
import { startOfMonth } from 'date-fns/startOfMonth';
import { startOfQuarter } from 'date-fns/startOfQuarter';
import { startOfYear } from 'date-fns/startOfYear';
import { subDays } from 'date-fns/subDays';
import { nfc } from '../text/vietnamese';
import { foldAccents } from '../text/fold';
import type { Deadline, DeadlineKind, Recurrence } from './types';

const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4 };

const pad = (n: number): string => (n < 10 ? `0${n}` : String(n));
// date-fns' format() parses its pattern on every call; this runs for every deadline cell.
const iso = (d: Date): string => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

interface Period {
  kind: Exclude<DeadlineKind, 'conditional' | 'recurring' | 'unknown'>;
  start: Date;
  end: Date;
  /** How a loose phrase was read ("Đầu năm" → Quý I). */
  note?: string;
}

function result(text: string, kind: DeadlineKind, extra: Partial<Deadline> = {}): Deadline {
  return {
    text,
    kind,
    due: null,
    start: null,
    condition: null,
    recurrence: null,
    basis: null,
    note: null,
    daysAfter: null,
    conditionMetOn: null,
    ...extra,
  };
}

const QUARTER = 'quy\\s*(iv|iii|ii|i|[1-4])\\b';
const YEAR_TAIL = '(?:\\s*(?:\\/|-|nam)\\s*(\\d{4}))?';
const RANGE = '\\s*(?:-|–|den|toi)\\s*';
/** "Tháng 3 - 6/2026", "tháng 3 đến tháng 6 năm 2026": read before dates, which "3 - 6/2026" also looks like. */
const MONTH_RANGE = new RegExp(`thang\\s*(\\d{1,2})${RANGE}(?:thang\\s*)?(\\d{1,2})${YEAR_TAIL}`);
/** "Quý II-III/2026", "Quý II đến Quý III năm 2026". */
const QUARTER_RANGE = new RegExp(`${QUARTER}${RANGE}(?:quy\\s*)?(iv|iii|ii|i|[1-4])\\b${YEAR_TAIL}`);

const quarterOf = (roman: string): number => ROMAN[roman] ?? Number(roman);

function validDate(year: number, month: number, day: number): Date | null {
  const d = new Date(year, month - 1, day);
  if (!isValid(d) || d.getFullYear() !== year || d.getMonth() !== month - 1 || d.getDate() !== day) return null;
  return d;
}

function yearOf(text: string | undefined, fallback: number): number {
  if (!text) return fallback;
  const y = Number(text);
  return text.length === 2 ? 2000 + y : y;
}

/**
 * Finds the period a (folded) phrase names; the last mention wins ("Quý I - Quý II/2026").
 * A malformed date or quarter ("31/02/2026", "Quý V") names none: guessing the year
 * from it would hide the typo.
 */
function findPeriod(t: string, planYear: number): Period | null {
  // Ranges end where their last month or quarter ends.
  const monthRange = t.match(MONTH_RANGE);
  if (monthRange) {
    const year = yearOf(monthRange[3], planYear);
    const [from, to] = [Number(monthRange[1]), Number(monthRange[2])];
    if (from >= 1 && to <= 12 && from <= to) {
      return { kind: 'month', start: startOfMonth(new Date(year, from - 1, 1)), end: endOfMonth(new Date(year, to - 1, 1)) };
    }
    return null;
  }
  const quarterRange = t.match(QUARTER_RANGE);
  if (quarterRange) {
    const year = yearOf(quarterRange[3], planYear);
    const [from, to] = [quarterOf(quarterRange[1]!), quarterOf(quarterRange[2]!)];
    if (from > to) return null;
    return {
      kind: 'quarter',
      start: startOfQuarter(new Date(year, (from - 1) * 3, 1)),
      end: endOfQuarter(new Date(year, (to - 1) * 3, 1)),
    };
  }
  const loose = t.match(/(?<!thang )\b(dau|giua) nam(?:\s*(20\d{2}))?/);
  if (loose) {
    const year = yearOf(loose[2], planYear);
    return loose[1] === 'dau'
      ? { kind: 'quarter', start: new Date(year, 0, 1), end: new Date(year, 2, 31), note: 'Đầu năm: tính hạn đến hết Quý I' }
      : { kind: 'half-year', start: new Date(year, 0, 1), end: new Date(year, 5, 30), note: 'Giữa năm: tính hạn đến hết tháng 6' };
  }
  // A full date: dd/mm/yyyy, dd-mm-yyyy, dd.mm.yyyy, or "ngày 15 tháng 01 năm 2026".
  const dates = [
    ...t.matchAll(/(\d{1,2})\s*[/.-]\s*(\d{1,2})(?:\s*[/.-]\s*(\d{4}|\d{2}))?(?!\d)/g),
    ...t.matchAll(/ngay (\d{1,2}) thang (\d{1,2})(?: nam (\d{4}))?/g),
  ];
  if (dates.length > 0) {
    const m = dates.sort((a, b) => (a.index ?? 0) - (b.index ?? 0))[dates.length - 1]!;
    const d = validDate(yearOf(m[3], planYear), Number(m[2]), Number(m[1]));
    // "3/2026" alone is a month, handled below; only accept a date with a plausible day/month.
    return d ? { kind: 'date', start: d, end: d } : null;
  }
  const quarters = [...t.matchAll(new RegExp(`${QUARTER}${YEAR_TAIL}`, 'g'))];
  if (quarters.length === 0 && /\bquy\s*[a-z0-9]/.test(t)) return null;
  if (quarters.length > 0) {
    const m = quarters[quarters.length - 1]!;
    const q = quarterOf(m[1]!);
    const anchor = new Date(yearOf(m[2], planYear), (q - 1) * 3, 1);
    return { kind: 'quarter', start: startOfQuarter(anchor), end: endOfQuarter(anchor) };
  }
  const halves = t.match(/6 thang (dau|cuoi) nam(?:\s*(\d{4}))?|nua (dau|cuoi) nam(?:\s*(\d{4}))?/);
  if (halves) {
    const first = (halves[1] ?? halves[3]) === 'dau';
    const year = yearOf(halves[2] ?? halves[4], planYear);
    return first
      ? { kind: 'half-year', start: new Date(year, 0, 1), end: new Date(year, 5, 30) }
      : { kind: 'half-year', start: new Date(year, 6, 1), end: new Date(year, 11, 31) };
  }
  const months = [...t.matchAll(/thang\s*(\d{1,2})(?:\s*(?:\/|-|nam)\s*(\d{4}))?/g)];
  if (months.length > 0) {
    const m = months[months.length - 1]!;
    const month = Number(m[1]);
    if (month >= 1 && month <= 12) {
      const anchor = new Date(yearOf(m[2], planYear), month - 1, 1);
      return { kind: 'month', start: startOfMonth(anchor), end: endOfMonth(anchor) };
    }
  }
  const years = [...t.matchAll(/(?:nam\s*)?\b(20\d{2})\b/g)];
  if (years.length > 0) {
    const anchor = new Date(Number(years[years.length - 1]![1]), 0, 1);
    return { kind: 'year', start: startOfYear(anchor), end: endOfYear(anchor) };
  }
  if (/\b(trong|ca|cuoi) nam\b|^nam$/.test(t)) {
    const anchor = new Date(planYear, 0, 1);
    return { kind: 'year', start: startOfYear(anchor), end: endOfYear(anchor) };
  }
  return null;
}

/**
 * "sau khi …", "khi có …", "(sau khi UBND tỉnh ban hành)": the condition as
 * written, if any. In a title only the bracketed form counts: "… khi có yêu cầu"
 * in a task's wording is part of the task, not a condition on its deadline.
 */
function findCondition(text: string, bracketedOnly = false): { condition: string; rest: string } | null {
  const paren = text.match(/\(([^)]*)\)/);
  if (paren && /^\s*(sau khi|khi|tuy thuoc|theo huong dan|cho)/.test(foldAccents(paren[1]!))) {
    return { condition: nfc(paren[1]!), rest: text.replace(paren[0], ' ') };
  }
  if (bracketedOnly) return null;
  const lead = foldAccents(text).search(/(^|[,;]\s*)(sau khi|khi co|khi nao co|tuy thuoc|theo huong dan)\b/);
  if (lead >= 0) {
    return { condition: nfc(text.slice(lead).replace(/^[,;]?\s*/, '')), rest: text.slice(0, lead) };
  }
  return null;
}

function findRecurrence(t: string): Recurrence | null {
  if (/^(thuong xuyen|lien tuc)/.test(t)) return 'continuous';
  if (/(hang|moi) nam|dinh ky (hang )?nam/.test(t)) return 'yearly';
  if (/(hang|moi|dinh ky) 6 thang|6 thang (mot|1) lan|dinh ky (hang )?(nua nam|6 thang)/.test(t)) return 'half-yearly';
  if (/(hang|moi) quy|dinh ky (hang )?quy/.test(t)) return 'quarterly';
  if (/(hang|moi) thang|dinh ky (hang )?thang/.test(t)) return 'monthly';
  return null;
}

const MONTHS_PER: Partial<Record<Recurrence, number>> = { 'half-yearly': 6, quarterly: 3, monthly: 1 };

/**
 * The next due date of a periodic task: the end of the period `today` falls in,
 * kept inside the plan year (a plan tracks its own year's occurrences). Without
 * `today` there is no "next" one, so none.
 */
function nextDue(recurrence: Recurrence, planYear: number, from: number, today: string | undefined): string | null {
  if (planYear < from) return null;
  if (recurrence === 'yearly') return iso(new Date(planYear, 11, 31));
  const months = MONTHS_PER[recurrence];
  if (!months || !today) return null;
  const clamped = today < `${planYear}-01-01` ? `${planYear}-01-01` : today > `${planYear}-12-31` ? `${planYear}-12-31` : today;
  const month = Number(clamped.slice(5, 7)) - 1;
  return iso(endOfMonth(new Date(planYear, Math.floor(month / months) * months + months - 1, 1)));
}

/** One phrase without a condition. */
function parsePhrase(text: string, body: string, planYear: number, today: string | undefined): Deadline {
  const recurrence = findRecurrence(body);
  if (recurrence) {
    const since = body.match(/(?:tu|bat dau tu)(?: nam)? (20\d{2})/);
    const from = since ? Number(since[1]) : planYear;
    return result(text, 'recurring', { recurrence, start: iso(new Date(from, 0, 1)), due: nextDue(recurrence, planYear, from, today) });
  }
  const period = findPeriod(body, planYear);
  // "Trước …" anywhere in the phrase ("báo cáo kết quả trước 30/11", "(trước ngày 21/6)"): the day before.
  const before = /\btruoc\b/.test(body);
  if (!period) return result(text, 'unknown');
  const due = before ? subDays(period.start, 1) : period.end;
  return result(text, period.kind, { due: iso(due), start: iso(period.start), note: period.note ?? null });
}

/**
 * Several phrases in one cell ("Thường xuyên; báo cáo trước 15/12/2026"): a
 * continuous task with a dated report falls due on the report date; otherwise
 * the latest date counts, the task being done when all its parts are.
 */
function combine(text: string, parts: readonly Deadline[]): Deadline {
  const dated = parts.filter((p) => p.due !== null && p.kind !== 'unknown');
  const last = dated.reduce<Deadline | null>((a, b) => (a && a.due! >= b.due! ? a : b), null);
  const rhythm = parts.find((p) => p.kind === 'recurring');
  if (rhythm) return { ...rhythm, text, due: last && last !== rhythm ? last.due : rhythm.due };
  if (last) return { ...last, text };
  return result(text, 'unknown');
}

/**
 * Parses a deadline phrase or a real date cell. `planYear` fills in a missing
 * year; `today` (ISO) picks the next due date of periodic tasks ("Hằng quý").
 */
export function parseDeadline(input: string | Date | null | undefined, planYear: number, today?: string): Deadline {
  if (input instanceof Date) {
    if (!isValid(input)) return result('', 'unknown');
    // Spreadsheet date cells are midnight UTC; read the calendar day they show.
    const d = new Date(input.getUTCFullYear(), input.getUTCMonth(), input.getUTCDate());
    return result(`${pad(d.getDate())}/${pad(d.getMonth() + 1)}/${d.getFullYear()}`, 'date', { due: iso(d), start: iso(d) });
  }
  const text = nfc(input ?? '');
  if (text === '') return result('', 'unknown');

  const cond = findCondition(text);
  const body = foldAccents(cond ? cond.rest : text);
  // A report named after the main phrase starts a phrase of its own (line breaks are folded by now).
  const pieces = body.split(/\s*(?:;|,\s*(?=(?:gui )?bao cao\b)|\s(?=(?:gui )?bao cao\b))\s*/).filter((p) => p !== '');
  const phrase =
    pieces.length > 1
      ? combine(
          text,
          pieces.map((p) => parsePhrase(text, p, planYear, today)),
        )
      : parsePhrase(text, body, planYear, today);
  if (!cond) return phrase;
  if (phrase.kind === 'recurring') return { ...phrase, condition: cond.condition };
  const within = foldAccents(text).match(/(?:trong|trong vong|cham nhat) (\d{1,3}) ngay/);
  return result(text, 'conditional', {
    condition: cond.condition,
    due: phrase.due,
    start: phrase.start,
    basis: phrase.kind === 'unknown' ? null : (phrase.kind as Deadline['basis']),
    note: phrase.note,
    daysAfter: within ? Number(within[1]) : null,
  });
}

/**
 * The deadline a task runs against: its phrase, made conditional by a condition
 * written in its title ("… (sau khi UBND tỉnh ban hành)"), and counted from the
 * day officials recorded the condition met: the period's end if that is still
 * ahead, else the days the phrase allows ("trong 30 ngày"), else `graceDays`.
 */
export function taskDeadline(phrase: Deadline, title: string, conditionMetOn: string | null, graceDays: number): Deadline {
  let d = phrase;
  if (d.kind !== 'conditional' && d.kind !== 'recurring') {
    const inTitle = findCondition(title, true);
    if (inTitle) d = { ...d, kind: 'conditional', condition: inTitle.condition, basis: d.kind === 'unknown' ? null : d.kind };
  }
  if (d.kind !== 'conditional' || !conditionMetOn) return d;
  const met = new Date(Number(conditionMetOn.slice(0, 4)), Number(conditionMetOn.slice(5, 7)) - 1, Number(conditionMetOn.slice(8, 10)));
  const due =
    d.daysAfter !== null ? iso(addDays(met, d.daysAfter)) : d.due && d.due >= conditionMetOn ? d.due : iso(addDays(met, graceDays));
  return { ...d, due, conditionMetOn };
}
