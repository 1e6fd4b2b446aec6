/**
 * The one rule for a cell that holds a date (a Date from Apps Script, a serial number
 * with a date format from the Sheets API, a Date from exceljs), wherever it sits.
 * Officials in a vi_VN sheet type "30/6/2026" into text columns too ("Thời gian hoàn
 * thành"), and the sheet turns it into a date: read as the day the cell shows.
 */
import type { CellValue, ColumnSpec } from './columns';

/** The number format of every date cell the project writes (Sheets, Excel): the day as officials write it. */
export const DATE_PATTERN = 'dd/mm/yyyy';

/** An ISO day (yyyy-mm-dd) as officials write it: dd/mm/yyyy. */
export function formatVn(isoDate: string): string {
  const [y, m, d] = isoDate.split('-');
  return `${d}/${m}/${y}`;
}

const DAY_MS = 86_400_000;
/** Day 0 of the serial dates Sheets and Excel count in. */
const SERIAL_EPOCH = Date.UTC(1899, 11, 30);

const pad = (n: number): string => (n < 10 ? `0${n}` : String(n));

/**
 * A date cell's value, from the calendar day it shows (yyyy-MM-dd, in the sheet's own
 * time zone): a date column keeps the ISO day; any other column gets the day as
 * officials write it (dd/mm/yyyy), which the deadline parser and text rules read as typed.
 */
export function dateCellValue(isoDay: string, column: ColumnSpec | undefined): CellValue {
  if (column?.type === 'date') return isoDay;
  const [y, m, d] = isoDay.split('-');
  return `${d}/${m}/${y}`;
}

/** The day of a serial date-time: the fraction is the time of day, so 15/01/2026 14:00 is still the 15th. */
export function isoFromSerial(serial: number): string {
  return new Date(SERIAL_EPOCH + Math.floor(serial) * DAY_MS).toISOString().slice(0, 10);
}

/** The serial day of an ISO day; null when the text is not yyyy-MM-dd. */
export function serialFromIso(iso: string): number | null {
  const m = iso.match(/^(\d{4})-(\d{2})-(\d{2})$/);
  return m ? (Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) - SERIAL_EPOCH) / DAY_MS : null;
}

/** The day a Date shows when its calendar fields are read in UTC (exceljs keeps dates at UTC midnight). */
export function isoFromUtcDate(date: Date): string {
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}
