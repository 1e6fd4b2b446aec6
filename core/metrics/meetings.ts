/**
 * Meeting metrics (Kết luận 226-KL/TW, Quyết định 534/QĐ-TTg): how many, the
 * online share (with and without hybrid ones), the change against last year, the
 * commune-wide conferences and the meetings longer than their kind allows.
 */
import { formatVn } from '../layout/date-cell';
import { decodeRows, str, type Decoded } from '../layout/codec';
import type { Row } from '../layout/columns';
import { MEETINGS_TAB } from '../layout/tabs';
import { inPeriod, type Period } from '../periods/period';
import { optionalSettingNumber, settingNumber, type Settings } from '../settings/settings';
import { foldAccents } from '../text/fold';
import { formatVnNumber, formatVnPercent } from '../text/number';
import {
  MEETING_FORMAT_WORDS,
  MEETING_KIND_WORDS,
  unknownWordMessage,
  YES_NO_WORDS,
  type Vocabulary,
  wordReader,
} from '../layout/vocabulary';
import type { ValidationIssue } from '../model/issue';
import { ratio, type Ratio } from './score';

/** Longest a meeting of each kind may last, in days. */
export const LENGTH_LIMITS: Record<string, number> = {
  'Quán triệt': 0.5,
  'Chuyên môn': 1,
  'Quan trọng có thảo luận': 1.5,
};

export interface Meeting {
  row: number;
  date: string | null;
  unit: string;
  title: string;
  kind: string;
  communeWide: boolean;
  format: 'online' | 'hybrid' | 'inPerson' | 'unknown';
  /** Days; null when not given or unreadable. */
  lengthDays: number | null;
  paperless: boolean;
}

/** Small counts officials spell out in a meeting's length ("hai buổi", "một ngày rưỡi"). */
const SPELLED: Record<string, number> = { mot: 1, hai: 2, ba: 3, bon: 4, tu: 4, nam: 5, sau: 6, bay: 7, tam: 8, chin: 9, muoi: 10 };

const LENGTH_TEXT = new RegExp(
  `^(?:(\\d+(?:\\.\\d+)?)(?:\\s*/\\s*(\\d+))?|(${Object.keys(SPELLED).join('|')}))?\\s*(ngay|buoi(?: (?:sang|chieu|toi))?|gio|tieng|h)?\\s*(ruoi)?$`,
);

/**
 * Length in days from what officials write: 0,5 / "1/2 ngày" / "nửa ngày" / "cả ngày" / "1,5 ngày" / "1 ngày rưỡi" /
 * a session, "buổi", is half a day ("2 buổi" = 1) / hours, "4 giờ", "3 tiếng", "4h" (a working day is 8 hours).
 * Null when the text says no length this reads: the row is then flagged, never counted as something else.
 */
export function parseLengthDays(text: string): number | null {
  const t = foldAccents(text).replace(/(\d),(\d)/g, '$1.$2');
  if (t === '') return null;
  if (/^(nua ngay|nua buoi ngay)$/.test(t)) return 0.5;
  if (/^(ca|tron|mot) ngay$/.test(t)) return 1;
  const m = t.match(LENGTH_TEXT);
  if (!m) return null;
  const [, digits, denominator, word, unit, half] = m;
  if (!digits && !word && !unit) return null;
  const count = digits ? Number(digits) / (denominator ? Number(denominator) : 1) : word ? SPELLED[word]! : 1;
  // "1/0" divides by zero.
  if (!Number.isFinite(count)) return null;
  // A bare number is days, as the log's column asks.
  const n = count + (half ? 0.5 : 0);
  if (!unit || unit === 'ngay') return n;
  if (unit.startsWith('buoi')) return n / 2;
  return n / 8;
}

const FORMAT_OF: Record<(typeof MEETING_FORMAT_WORDS.words)[number], Meeting['format']> = {
  'Trực tiếp': 'inPerson',
  'Trực tuyến': 'online',
  'Kết hợp': 'hybrid',
};

/** Logs repeat a handful of lengths ("0,5", "1") across thousands of rows. */
function memo<T>(fn: (text: string) => T): (text: string) => T {
  const cache = new Map<string, T>();
  return (text) => {
    if (!cache.has(text)) cache.set(text, fn(text));
    return cache.get(text)!;
  };
}

export function decodeMeetings(rows: readonly Row[]): { meetings: Meeting[]; issues: ValidationIssue[] } {
  const { records, rowNumbers, issues } = decodeRows(MEETINGS_TAB, rows);
  const lengthOf = memo(parseLengthDays);
  // Declared once, not per row: a closure made per row costs more than the row's own work at 100,000 rows.
  const readers = new Map<Vocabulary<string>, (text: string) => string | null | undefined>();
  const word = <T extends string>(r: Decoded, row: number, column: string, vocab: Vocabulary<T>, consequence: string): T | null => {
    const text = str(r, column);
    if (!readers.has(vocab)) readers.set(vocab, wordReader(vocab));
    const w = readers.get(vocab)!(text) as T | null | undefined;
    if (w === undefined) {
      const message = `${unknownWordMessage(vocab, text)} ${consequence}`;
      issues.push({ tab: 'meetings', row, column, code: 'WORD_UNKNOWN', severity: 'warning', message });
    }
    return w ?? null;
  };
  const meetings = records.map((r: Decoded, i) => {
    const row = rowNumbers[i]!;
    const lengthText = str(r, 'length');
    const lengthDays = lengthOf(lengthText);
    if (lengthText !== '' && lengthDays === null) {
      issues.push({
        tab: 'meetings',
        row,
        column: 'length',
        code: 'MEETING_LENGTH_INVALID',
        severity: 'error',
        message: `"${lengthText}" không đọc được. Ghi số ngày (ví dụ 0,5 hoặc 1), số buổi ("2 buổi") hoặc số giờ ("3 giờ").`,
      });
    }
    const kind = word(r, row, 'kind', MEETING_KIND_WORDS, 'Chưa kiểm tra được thời lượng của cuộc họp này.');
    const format = word(r, row, 'format', MEETING_FORMAT_WORDS, 'Cuộc họp không được tính là trực tuyến.');
    const communeWide = word(r, row, 'communeWide', YES_NO_WORDS, 'Được tính là không.');
    const paperless = word(r, row, 'paperless', YES_NO_WORDS, 'Được tính là không.');
    return {
      row,
      date: (r['date'] as string | null) ?? null,
      unit: str(r, 'unit'),
      title: str(r, 'title'),
      kind: kind ?? str(r, 'kind'),
      communeWide: communeWide === 'Có',
      format: format ? FORMAT_OF[format] : 'unknown',
      lengthDays,
      paperless: paperless === 'Có',
    };
  });
  return { meetings, issues };
}

export interface MeetingMetrics {
  total: number;
  online: number;
  hybrid: number;
  inPerson: number;
  /** Online meetings over all meetings, hybrids not counted as online. */
  onlineShare: Ratio;
  /** Online and hybrid meetings over all meetings. */
  onlineShareWithHybrid: Ratio;
  /**
   * Change against last year's total, percent (negative = fewer); year periods only.
   * `source`: the setting, last year's log (only when it covers the whole year), or none.
   */
  change: {
    baseline: number | null;
    source: 'setting' | 'log' | null;
    value: number | null;
    target: number;
    pass: boolean | null;
    gap: string;
  };
  communeWide: { count: number; max: number; pass: boolean; gap: string };
  overLength: { count: number; meetings: { row: number; title: string; kind: string; lengthDays: number; limit: number }[] };
  paperless: { count: number; share: number | null };
  /** Why last year's rows were not used as the baseline, when some exist. */
  issues: ValidationIssue[];
}

/** Days a log may start after, or end before, its period and still cover it: about a month. */
const COVER_SLACK_DAYS = 31;

const shiftYear = (iso: string, years: number): string => `${Number(iso.slice(0, 4)) + years}${iso.slice(4)}`;
const dayNumber = (iso: string): number => Date.parse(iso) / 86_400_000;

/**
 * The baseline for the change against last year: the setting when the ward filled
 * it in; else last year's rows in the log, but only when they run from the first to
 * the last month of last year's period (a stray row would make the baseline 1).
 */
function meetingBaseline(
  meetings: readonly Meeting[],
  period: Period,
  settings: Settings,
): { baseline: number | null; source: 'setting' | 'log' | null; issues: ValidationIssue[] } {
  const set = optionalSettingNumber(settings, 'meetingsBaseline');
  if (set !== null && set > 0) return { baseline: set, source: 'setting', issues: [] };
  const from = shiftYear(period.from, -1);
  const to = shiftYear(period.to, -1);
  const dates = meetings.flatMap((m) => (m.date !== null && m.date >= from && m.date <= to ? [m.date] : [])).sort();
  if (dates.length === 0) return { baseline: null, source: null, issues: [] };
  const first = dates[0]!;
  const last = dates[dates.length - 1]!;
  if (dayNumber(first) - dayNumber(from) <= COVER_SLACK_DAYS && dayNumber(to) - dayNumber(last) <= COVER_SLACK_DAYS) {
    return { baseline: dates.length, source: 'log', issues: [] };
  }
  const row = meetings.find((m) => m.date === first)!.row;
  return {
    baseline: null,
    source: null,
    issues: [
      {
        tab: 'meetings',
        row,
        column: 'date',
        code: 'BASELINE_PARTIAL',
        severity: 'warning',
        message: `Sổ hội nghị năm trước chỉ có ${dates.length} cuộc từ ${formatVn(first)} đến ${formatVn(last)}, không đủ cả kỳ ${formatVn(from)} – ${formatVn(to)}, nên không dùng làm số năm trước. Ghi "Tổng số hội nghị năm trước" trong trang "Cài đặt".`,
      },
    ],
  };
}

/** `perUnit`: the meetings are one unit's, so the ward's baseline does not apply to them. */
export function meetingMetrics(meetings: readonly Meeting[], period: Period, settings: Settings, perUnit = false): MeetingMetrics {
  const chosen = meetings.filter((m) => inPeriod(m.date, period));
  const online = chosen.filter((m) => m.format === 'online').length;
  const hybrid = chosen.filter((m) => m.format === 'hybrid').length;
  const total = chosen.length;
  const shareTarget = settingNumber(settings, 'onlineShareTarget');

  const reduction = settingNumber(settings, 'meetingReductionTarget');
  const { baseline, source, issues } = perUnit ? { baseline: null, source: null, issues: [] } : meetingBaseline(meetings, period, settings);
  let change: MeetingMetrics['change'] = { baseline, source, value: null, target: -reduction, pass: null, gap: 'Không áp dụng' };
  if (period.kind === 'year' && baseline) {
    const value = Math.round(((total - baseline) / baseline) * 1000) / 10;
    const pass = value <= -reduction;
    change = {
      baseline,
      source,
      value,
      target: -reduction,
      pass,
      gap: pass
        ? 'Đạt'
        : `Cần giảm thêm ${formatVnNumber(Math.ceil(total - baseline * (1 - reduction / 100)))} hội nghị để đạt mức giảm ${formatVnPercent(reduction)}`,
    };
  }

  const max = settingNumber(settings, 'communeWideMax');
  const communeWide = chosen.filter((m) => m.communeWide).length;
  const over = chosen.flatMap((m) => {
    const limit = LENGTH_LIMITS[m.kind];
    return limit !== undefined && m.lengthDays !== null && m.lengthDays > limit
      ? [{ row: m.row, title: m.title, kind: m.kind, lengthDays: m.lengthDays, limit }]
      : [];
  });
  const paperless = chosen.filter((m) => m.paperless).length;
  return {
    total,
    online,
    hybrid,
    inPerson: chosen.filter((m) => m.format === 'inPerson').length,
    onlineShare: ratio(online, total, shareTarget),
    onlineShareWithHybrid: ratio(online + hybrid, total, shareTarget),
    change,
    communeWide: {
      count: communeWide,
      max,
      pass: communeWide <= max,
      gap:
        communeWide <= max
          ? 'Đạt'
          : `Vượt ${formatVnNumber(communeWide - max)} hội nghị toàn xã/phường so với mức tối đa ${formatVnNumber(max)}/năm`,
    },
    overLength: { count: over.length, meetings: over },
    paperless: { count: paperless, share: total === 0 ? null : Math.round((paperless / total) * 1000) / 10 },
    issues: period.kind === 'year' ? issues : [],
  };
}
