/** The options the `cchc` commands share, and how they are read: store, sheet, period, day, unit, output name. */
import { InvalidArgumentError, Option, type Command } from 'commander';
import {
  catalogFromTables,
  defaultPeriodText,
  parseDateText,
  parsePeriod,
  PERIOD_FORMS,
  resolveUnit,
  type Period,
  type Row,
} from '../../../core/index';
import { CchcError } from '../../errors';
import { DEFAULT_STORE_PATH, type StoreOptions } from '../../store/store-options';

export const storeOption = (): Option =>
  new Option('--store <tệp>', `sổ dữ liệu .xlsx (hoặc biến môi trường CCHC_STORE; mặc định ${DEFAULT_STORE_PATH})`);

/** Every command works on the shared sheet as on the local workbook. */
export const sheetOption = (): Option => new Option('--sheet <mã>', 'mã bảng tính Google dùng chung (hoặc biến môi trường CCHC_SHEET_ID)');

export interface MetricsCliOptions extends StoreOptions {
  period?: string;
  today?: string;
  calendar?: boolean;
  unit?: string;
  json?: boolean;
}

/** Today in the ward's time zone (Asia/Ho_Chi_Minh), as an ISO date. */
export function todayInVietnam(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(now);
}

/** The period and day a metrics or report command works on, from its options. */
/** The day `--today` names, else today in Vietnam. */
export function todayOf(text: string | undefined): string {
  const today = text === undefined ? todayInVietnam() : parseDateText(text);
  if (!today) throw new CchcError('TODAY_INVALID', `Ngày "${text}" không hợp lệ. Ghi dạng dd/mm/yyyy, ví dụ 14/06/2026.`);
  return today;
}

export function periodOptions(options: Pick<MetricsCliOptions, 'period' | 'today' | 'calendar'>): { period: Period; today: string } {
  const today = todayOf(options.today);
  const periodText = options.period ?? defaultPeriodText(today);
  // A period without a year ("Quý I", "9 tháng") is this year's.
  const period = parsePeriod(periodText, options.calendar ? 'calendar' : 'cutoff', Number(today.slice(0, 4)));
  if (!period) throw new CchcError('PERIOD_INVALID', `Kỳ "${periodText}" không hợp lệ. Ghi ${PERIOD_FORMS}.`);
  return { period, today };
}

/** The registry id `--unit` names; an unknown unit stops the command with a suggestion. */
export function unitOption(tables: Record<string, readonly Row[] | undefined>, text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const found = resolveUnit(catalogFromTables(tables).registry, text);
  if ('error' in found) throw new CchcError('UNIT_UNKNOWN', found.error);
  return found.unit;
}

export const periodOption = (): Option =>
  new Option('--period <kỳ>', 'kỳ: "Quý I/2026", "6 tháng đầu năm 2026", "9 tháng", "Tháng 3/2026", "Năm 2026" (mặc định: năm nay)');
export const calendarOption = (): Option => new Option('--calendar', 'dùng kỳ theo lịch thay vì kỳ chốt số liệu');
export const todayOption = (): Option => new Option('--today <ngày>', 'ngày tính, dd/mm/yyyy (mặc định: hôm nay, giờ Việt Nam)');

/** The local workbook or the shared sheet: every command that reads or writes the store takes both. */
export function withStoreOptions(command: Command): Command {
  return command.addOption(storeOption()).addOption(sheetOption());
}

/** The store, period, calendar, day and unit options that metrics and report share. */
export function withPeriodOptions(command: Command): Command {
  return withStoreOptions(command)
    .addOption(periodOption())
    .addOption(calendarOption())
    .addOption(todayOption())
    .option('--unit <đơn vị>', 'chỉ một đơn vị chủ trì: mã (ví dụ VHXH) hoặc tên đơn vị');
}

/**
 * The file a command writes when `--out` is not given: a name an official recognises, built from the document and
 * what it covers (`bao-cao-6-thang-dau-nam-2026.xlsx` from the period's name, `phu-luc-158-KH-UBND.xlsx`), in the working folder.
 */
export function defaultOut(document: 'bao-cao' | 'phu-luc' | 'tong-hop', covers: string, extension = '.xlsx'): string {
  const slug = covers
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `${document}-${slug}${extension}`;
}

/** Google allows 60 reads per minute per user; leave room for the retries. */
export const DEFAULT_READS_PER_MINUTE = 55;

/** A commander parser for a count: a whole number of at least 1. */
export const positive = (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('Cần một số nguyên dương.');
  return n;
};
