/**
 * Deadline phrases → due dates. Plans write deadlines in words ("Quý I/2026",
 * "Trước 15/01/2026", "Thường xuyên", "Sau khi có hướng dẫn …"); this turns each
 * into a kind and, where one exists, a due date. It never throws: a phrase it
 * cannot read comes back as kind `unknown` for validation to flag.
 */
import {
  endOfMonth,
  endOfQuarter,
  endOfYear,
  isValid,
  startOfMonth,
  startOfQuarter,
  startOfYear,
  subDays,
} from 'date-fns';
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
}

function result(text: string, kind: DeadlineKind, extra: Partial<Deadline> = {}): Deadline {
  return { text, kind, due: null, start: null, condition: null, recurrence: null, basis: null, ...extra };
}

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
  const quarters = [...t.matchAll(/quy\s*(iv|iii|ii|i|[1-4])\b(?:\s*(?:\/|-|nam)\s*(\d{4}))?/g)];
  if (quarters.length === 0 && /\bquy\s*[a-z0-9]/.test(t)) return null;
  if (quarters.length > 0) {
    const m = quarters[quarters.length - 1]!;
    const q = ROMAN[m[1]!] ?? Number(m[1]);
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

/** "sau khi …", "khi có …", "(sau khi UBND tỉnh ban hành)": the condition as written, if any. */
function findCondition(text: string): { condition: string; rest: string } | null {
  const paren = text.match(/\(([^)]*)\)/);
  if (paren && /^\s*(sau khi|khi|tuy thuoc|theo huong dan|cho)/.test(foldAccents(paren[1]!))) {
    return { condition: nfc(paren[1]!), rest: text.replace(paren[0], ' ') };
  }
  const lead = foldAccents(text).search(/(^|[,;]\s*)(sau khi|khi co|khi nao co|tuy thuoc|theo huong dan)\b/);
  if (lead >= 0) {
    return { condition: nfc(text.slice(lead).replace(/^[,;]\s*/, '')), rest: text.slice(0, lead) };
  }
  return null;
}

function findRecurrence(t: string): Recurrence | null {
  if (/^(thuong xuyen|lien tuc)/.test(t)) return 'continuous';
  if (/(hang|moi) nam|dinh ky nam/.test(t)) return 'yearly';
  if (/(hang|moi) quy|dinh ky quy/.test(t)) return 'quarterly';
  if (/(hang|moi) thang|dinh ky thang/.test(t)) return 'monthly';
  return null;
}

/** Parses a deadline phrase or a real date cell. `planYear` fills in a missing year. */
export function parseDeadline(input: string | Date | null | undefined, planYear: number): Deadline {
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
  const recurrence = findRecurrence(body);
  if (recurrence) {
    const since = body.match(/(?:tu|bat dau tu)(?: nam)? (20\d{2})/);
    const from = since ? Number(since[1]) : planYear;
    const start = iso(new Date(from, 0, 1));
    // A yearly task falls due at the end of each year; the plan tracks its own year's occurrence.
    const due = recurrence === 'yearly' && planYear >= from ? iso(new Date(planYear, 11, 31)) : null;
    return result(text, 'recurring', { recurrence, start, due, condition: cond?.condition ?? null });
  }

  const period = findPeriod(body, planYear);
  const before = /^(truoc|truoc ngay)\b/.test(body);
  let due: Date | null = null;
  if (period) due = before ? subDays(period.start, 1) : period.end;

  if (cond) {
    return result(text, 'conditional', {
      condition: cond.condition,
      due: due ? iso(due) : null,
      start: period ? iso(period.start) : null,
      basis: period?.kind ?? null,
    });
  }
  if (!period || !due) return result(text, 'unknown');
  return result(text, period.kind, { due: iso(due), start: iso(period.start) });
}
