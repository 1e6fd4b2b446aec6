/**
 * exceljs cell values → plain cell values. Cells pasted from Word arrive as rich
 * text, formulas carry cached results, dates are Date objects at UTC midnight
 * (a serial number with a date format, in any column).
 */
import type { CellValue as ExcelValue } from 'exceljs';
import { dateCellValue, isoFromUtcDate, type CellValue, type ColumnSpec } from '../../core/index';

/** A cell's value for `column` (a date cell follows the core's dateCellValue rule; without a column, the day as shown). */
export function plainValue(value: ExcelValue | undefined, column?: ColumnSpec): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : dateCellValue(isoFromUtcDate(value), column);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('formula' in value || 'sharedFormula' in value) {
      return plainValue((value as { result?: ExcelValue }).result as ExcelValue, column);
    }
    // A link cell reads as the text it shows (a title is never its address); see linkAddress for evidence.
    if ('hyperlink' in value) return plainText(value.text) || value.hyperlink || null;
    if ('error' in value) return null;
  }
  return null;
}

/** A link cell's address (evidence columns keep the link, not its label); null for other cells. */
export function linkAddress(value: ExcelValue | undefined): string | null {
  return value && typeof value === 'object' && 'hyperlink' in value && value.hyperlink ? value.hyperlink : null;
}

function plainText(text: unknown): string {
  if (typeof text === 'string') return text;
  if (text && typeof text === 'object' && 'richText' in text) {
    return (text as { richText: { text: string }[] }).richText.map((p) => p.text).join('');
  }
  return '';
}
