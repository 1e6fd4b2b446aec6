/**
 * Meeting metrics (Kết luận 226-KL/TW, Quyết định 534/QĐ-TTg): how many, the
 * online share (with and without hybrid ones), the change against last year, the
 * commune-wide conferences and the meetings longer than their kind allows.
 */
import { decodeRows, str, type Decoded } from '../layout/codec';
import type { Row } from '../layout/columns';
import { MEETINGS_TAB } from '../layout/tabs';
import { inPeriod, parsePeriod, type Period } from '../periods/period';
import { settingNumber, type Settings } from '../settings';
import { foldAccents } from '../text/fold';
import type { ValidationIssue } from '../validation/issue';
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

/**
 * Length in days from what officials write: 0,5 / "1/2 ngày" / "nửa ngày" /
 * "4 giờ" (a working day is 8 hours) / "1,5 ngày".
 */
export function parseLengthDays(text: string): number | null {
  const t = foldAccents(text).replace(',', '.');
  if (t === '') return null;
  if (/nua ngay|buoi/.test(t)) return 0.5;
  const fraction = t.match(/^(\d+)\s*\/\s*(\d+)/);
  const n = fraction ? Number(fraction[1]) / Number(fraction[2]) : Number(t.match(/^\d+(?:\.\d+)?/)?.[0] ?? NaN);
  if (!Number.isFinite(n)) return null;
  return /gio|h\b/.test(t) ? n / 8 : n;
}

function format(text: string): Meeting['format'] {
  const t = foldAccents(text);
  if (t.startsWith('truc tuyen') || t === 'online') return 'online';
  if (t.startsWith('ket hop')) return 'hybrid';
  if (t.startsWith('truc tiep')) return 'inPerson';
  return 'unknown';
}

const yes = (text: string): boolean => /^(co|x|yes|1)$/.test(foldAccents(text));

/** Logs repeat a handful of values ("Trực tuyến", "Có", "0,5") across thousands of rows. */
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
  const formatOf = memo(format);
  const isYes = memo(yes);
  const meetings = records.map((r: Decoded, i) => {
    const lengthText = str(r, 'length');
    const lengthDays = lengthOf(lengthText);
    if (lengthText !== '' && lengthDays === null) {
      issues.push({
        tab: 'meetings',
        row: rowNumbers[i]!,
        column: 'length',
        code: 'MEETING_LENGTH_INVALID',
        severity: 'error',
        message: `Thời lượng "${lengthText}" không đọc được. Ghi số ngày, ví dụ 0,5 hoặc 1.`,
      });
    }
    return {
      row: rowNumbers[i]!,
      date: (r['date'] as string | null) ?? null,
      unit: str(r, 'unit'),
      title: str(r, 'title'),
      kind: str(r, 'kind'),
      communeWide: isYes(str(r, 'communeWide')),
      format: formatOf(str(r, 'format')),
      lengthDays,
      paperless: isYes(str(r, 'paperless')),
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
  /** Change against last year's total, percent (negative = fewer); year periods only. */
  change: { baseline: number | null; value: number | null; target: number; pass: boolean | null; gap: string };
  communeWide: { count: number; max: number; pass: boolean; gap: string };
  overLength: { count: number; meetings: { row: number; title: string; kind: string; lengthDays: number; limit: number }[] };
  paperless: { count: number; share: number | null };
}

/** `perUnit`: the meetings are one unit's, so the ward's baseline does not apply to them. */
export function meetingMetrics(meetings: readonly Meeting[], period: Period, settings: Settings, perUnit = false): MeetingMetrics {
  const chosen = meetings.filter((m) => inPeriod(m.date, period));
  const online = chosen.filter((m) => m.format === 'online').length;
  const hybrid = chosen.filter((m) => m.format === 'hybrid').length;
  const total = chosen.length;
  const shareTarget = settingNumber(settings, 'onlineShareTarget', 60);

  const reduction = settingNumber(settings, 'meetingReductionTarget', 10);
  // Last year's log, when the tab holds it, is the baseline; the setting stands in when it does not.
  const lastYear = parsePeriod(String(period.year - 1));
  const logged = lastYear ? meetings.filter((m) => inPeriod(m.date, lastYear)).length : 0;
  const baselineText = settings['meetingsBaseline'] ?? '';
  const baseline = logged > 0 ? logged : baselineText === '' ? null : Number(baselineText);
  let change: MeetingMetrics['change'] = { baseline, value: null, target: -reduction, pass: null, gap: 'Không áp dụng' };
  if (period.kind === 'year' && baseline && !perUnit) {
    const value = Math.round(((total - baseline) / baseline) * 1000) / 10;
    const pass = value <= -reduction;
    change = {
      baseline,
      value,
      target: -reduction,
      pass,
      gap: pass ? 'Đạt' : `Cần giảm thêm ${Math.ceil(total - baseline * (1 - reduction / 100))} hội nghị để đạt mức giảm ${reduction}%`,
    };
  }

  const max = settingNumber(settings, 'communeWideMax', 3);
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
      gap: communeWide <= max ? 'Đạt' : `Vượt ${communeWide - max} hội nghị toàn xã/phường so với mức tối đa ${max}/năm`,
    },
    overLength: { count: over.length, meetings: over },
    paperless: { count: paperless, share: total === 0 ? null : Math.round((paperless / total) * 1000) / 10 },
  };
}
