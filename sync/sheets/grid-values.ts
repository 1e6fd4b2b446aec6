/**
 * Cell values between the store's plain values and the API's CellData. Strings
 * are always sent as stringValue, so a task titled "=IMPORTXML(...)" stays text
 * (no formula injection); dates go as serial numbers with a dd/mm/yyyy format,
 * so officials see and sort real dates.
 */
import type { sheets_v4 } from '@googleapis/sheets';
import type { CellValue, ColumnSpec } from '../../core/index';

const DAY_MS = 86_400_000;
const SERIAL_EPOCH = Date.UTC(1899, 11, 30);

export const DATE_FORMAT: sheets_v4.Schema$NumberFormat = { type: 'DATE', pattern: 'dd/mm/yyyy' };

/** The day of a serial date-time: the fraction is the time of day, so 15/01/2026 14:00 is still the 15th. */
export function isoFromSerial(serial: number): string {
  return new Date(SERIAL_EPOCH + Math.floor(serial) * DAY_MS).toISOString().slice(0, 10);
}

export function serialFromIso(iso: string): number | null {
  const m = iso.match(/^(\d{4})-(\d{2})-(\d{2})$/);
  return m ? (Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) - SERIAL_EPOCH) / DAY_MS : null;
}

/** What a cell holds, from its effectiveValue; a date column's serial number becomes an ISO date. */
export function plainFromCell(cell: sheets_v4.Schema$CellData | undefined, column: ColumnSpec | undefined): CellValue {
  const v = cell?.effectiveValue;
  if (!v) return null;
  if (typeof v.numberValue === 'number') return column?.type === 'date' ? isoFromSerial(v.numberValue) : v.numberValue;
  if (typeof v.stringValue === 'string') return v.stringValue;
  if (typeof v.boolValue === 'boolean') return v.boolValue;
  return null; // #ERROR!, #REF!: nothing usable
}

export function cellFromPlain(value: CellValue | undefined, column: ColumnSpec): sheets_v4.Schema$CellData {
  if (value === null || value === undefined || value === '') return {};
  if (typeof value === 'number') return { userEnteredValue: { numberValue: value } };
  if (typeof value === 'boolean') return { userEnteredValue: { boolValue: value } };
  if (column.type === 'date') {
    const serial = serialFromIso(value);
    if (serial !== null) return { userEnteredValue: { numberValue: serial }, userEnteredFormat: { numberFormat: DATE_FORMAT } };
  }
  return { userEnteredValue: { stringValue: value } };
}
