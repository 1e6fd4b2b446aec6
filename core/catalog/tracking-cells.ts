/**
 * A progress file's tracking cells (the exported appendix with progress, the task template), read as the tasks tab
 * holds them. What an official types is read generously: a status in any casing, with or without tone marks or a
 * synonym ("đã xong"); a progress as "80", "80%", "80,5" or an Excel percent cell's fraction (0,8 — Excel keeps 80%
 * as 0.8, and 100% as 1, so a bare number from 0 to 1 is a fraction: one percent is written "1%"); a completion day
 * as dd/mm/yyyy, an Excel date cell or an Excel serial day. What still cannot be read is a problem named to the
 * official, never a value: the store keeps what it has.
 */
import { isoFromSerial } from '../layout/date-cell';
import { parseDateText } from '../layout/codec';
import { canonicalWord, STATUS_WORDS, unknownWordMessage } from '../layout/vocabulary';
import { parseVnNumber } from '../text/number';
import { nfcMultiline } from '../text/vietnamese';
import type { FileTracking, FileTrackingField } from './merge-import';

export interface TrackingProblem {
  field: Extract<FileTrackingField, 'status' | 'progress' | 'completedOn'>;
  text: string;
  /** Why, in Vietnamese, for the official: what to write instead. */
  reason: string;
}

/** Excel serial days from 2000 to 2099: a bare number in a date column that is a day, not a typo. */
const SERIAL_DAYS = { min: 36_526, max: 73_050 };

/** Progress from a cell's text: `null` blank, `undefined` unreadable or outside 0–100. */
export function readProgress(text: string): number | null | undefined {
  const trimmed = text.trim();
  const n = parseVnNumber(trimmed);
  if (n === null || n === undefined) return n;
  const percent = trimmed.endsWith('%') ? n : n >= 0 && n <= 1 ? n * 100 : n;
  // Two decimals at most, so 0,8 × 100 is 80, not 80.00000000000001.
  const rounded = Math.round(percent * 100) / 100;
  return rounded >= 0 && rounded <= 100 ? rounded : undefined;
}

/** A completion day (yyyy-MM-dd) from a cell's text: `null` blank, `undefined` unreadable. */
export function readDay(text: string): string | null | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  if (/^\d{5}$/.test(trimmed)) {
    const serial = Number(trimmed);
    return serial >= SERIAL_DAYS.min && serial <= SERIAL_DAYS.max ? isoFromSerial(serial) : undefined;
  }
  return parseDateText(trimmed);
}

/** The tracking values a row gives (blank cells absent) and the cells that could not be read. */
export function readTrackingCells(cells: Readonly<Record<FileTrackingField, string>>): {
  tracking: FileTracking;
  problems: TrackingProblem[];
} {
  const tracking: FileTracking = {};
  const problems: TrackingProblem[] = [];
  const status = canonicalWord(STATUS_WORDS, cells.status);
  if (status) tracking.status = status;
  else if (status === undefined)
    problems.push({ field: 'status', text: cells.status.trim(), reason: unknownWordMessage(STATUS_WORDS, cells.status.trim()) });
  const progress = readProgress(cells.progress);
  if (progress !== null && progress !== undefined) tracking.progress = progress;
  else if (progress === undefined) {
    problems.push({
      field: 'progress',
      text: cells.progress.trim(),
      reason: `"${cells.progress.trim()}" không phải tỷ lệ phần trăm từ 0 đến 100. Ghi số, ví dụ 80 hoặc 80%.`,
    });
  }
  const day = readDay(cells.completedOn);
  if (day) tracking.completedOn = day;
  else if (day === undefined) {
    problems.push({
      field: 'completedOn',
      text: cells.completedOn.trim(),
      reason: `"${cells.completedOn.trim()}" không phải một ngày. Ghi ngày dạng ngày/tháng/năm, ví dụ 15/03/2026.`,
    });
  }
  for (const f of ['evidence', 'note'] as const) {
    const text = nfcMultiline(cells[f]).trim();
    if (text !== '') tracking[f] = text;
  }
  return { tracking, problems };
}
