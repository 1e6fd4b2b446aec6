/**
 * Cell values between the store's plain values and the API's CellData. Strings
 * are always sent as stringValue, so a task titled "=IMPORTXML(...)" stays text
 * (no formula injection); dates go as serial numbers with a dd/mm/yyyy format,
 * so officials see and sort real dates.
 */
import type { sheets_v4 } from '@googleapis/sheets';
import { DATE_PATTERN, dateCellValue, isoFromSerial, serialFromIso, type CellValue, type ColumnSpec } from '../../core/index';

export const DATE_FORMAT: sheets_v4.Schema$NumberFormat = { type: 'DATE', pattern: DATE_PATTERN };

// Serial days are the core's (date-cell.ts); re-exported for the writer and its tests.
export { isoFromSerial, serialFromIso };

const DATE_TYPES = new Set(['DATE', 'DATE_TIME']);

/**
 * What a cell holds, from its effectiveValue. A serial number is a date in a date
 * column, and in any column whose cell is formatted as a date (a vi_VN sheet turns
 * "30/6/2026" typed in "Thời gian hoàn thành" into one): the core's dateCellValue rule.
 */
export function plainFromCell(cell: sheets_v4.Schema$CellData | undefined, column: ColumnSpec | undefined): CellValue {
  const v = cell?.effectiveValue;
  if (!v) return null;
  if (typeof v.numberValue === 'number') {
    const format = cell?.effectiveFormat?.numberFormat?.type ?? cell?.userEnteredFormat?.numberFormat?.type;
    return column?.type === 'date' || DATE_TYPES.has(format ?? '') ? dateCellValue(isoFromSerial(v.numberValue), column) : v.numberValue;
  }
  if (typeof v.stringValue === 'string') return v.stringValue;
  if (typeof v.boolValue === 'boolean') return v.boolValue;
  return null; // #ERROR!, #REF!: nothing usable
}

/**
 * The same value for a RAW values write: strings stay text (RAW never parses a
 * formula), dates go as serial numbers into the date-formatted column, and an
 * empty value is "" (the values API skips null but clears on "").
 */
export function rawFromPlain(value: CellValue | undefined, column: ColumnSpec): string | number | boolean {
  const v = cellFromPlain(value, column).userEnteredValue;
  return v?.numberValue ?? v?.boolValue ?? v?.stringValue ?? '';
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
