// One cell's value in and out: how RAW / USER_ENTERED input becomes a userEnteredValue, and how a
// stored cell renders as FORMATTED_VALUE / UNFORMATTED_VALUE / FORMULA (the values.* endpoints).

import { type FormulaEvaluator, UNSUPPORTED_FORMULA } from './formula';
import type { Cell, ExtendedValue } from './model';
import { dateToSerial, formatNumber, isDateFormat, type NumberFormat } from './number-format';
import { invalidArgument } from './errors';

export type ValueInputOption = 'RAW' | 'USER_ENTERED';
export type ValueRenderOption = 'FORMATTED_VALUE' | 'UNFORMATTED_VALUE' | 'FORMULA';
export type DateTimeRenderOption = 'SERIAL_NUMBER' | 'FORMATTED_STRING';
export type RenderedValue = string | number | boolean;

export interface ParsedInput {
  /** undefined clears the value (an empty string does that in Sheets). */
  value?: ExtendedValue;
  /** Number format Sheets infers when it parses a percent or a date. */
  format?: NumberFormat;
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Parses one input value; null means "leave the cell as it is" (the API skips nulls). */
export function parseInput(raw: unknown, option: ValueInputOption, locale: string, where: string): ParsedInput | null {
  if (raw === null || raw === undefined) return null;
  if (typeof raw === 'boolean') return { value: { boolValue: raw } };
  if (typeof raw === 'number') return { value: { numberValue: raw } };
  if (typeof raw !== 'string') throw invalidArgument(`Invalid values${where}: ${Array.isArray(raw) ? 'list_value' : 'struct_value'} {}`);
  if (raw === '') return {};
  if (option === 'RAW') return { value: { stringValue: raw } };
  return parseUserEntered(raw, locale);
}

function parseUserEntered(text: string, locale: string): ParsedInput {
  if (text.startsWith("'")) return { value: { stringValue: text.slice(1) } };
  if (text.startsWith('=') && text.length > 1) return { value: { formulaValue: text } };
  const trimmed = text.trim();
  if (/^(true|false)$/i.test(trimmed)) return { value: { boolValue: trimmed.toLowerCase() === 'true' } };
  if (NUMBER.test(trimmed)) return { value: { numberValue: Number(trimmed) } };
  const percent = /^([+-]?(?:\d+\.?\d*|\.\d+))\s*%$/.exec(trimmed);
  if (percent) return { value: { numberValue: Number(percent[1]) / 100 }, format: { type: 'PERCENT', pattern: '0%' } };
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(trimmed);
  if (iso) return dateInput(+iso[1]!, +iso[2]!, +iso[3]!, 'yyyy-mm-dd') ?? { value: { stringValue: text } };
  const slash = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(trimmed);
  if (slash) {
    // en_US reads month/day/year; most other locales (vi_VN included) read day/month/year.
    const monthFirst = locale === 'en_US';
    const [a, b, y] = [+slash[1]!, +slash[2]!, +slash[3]!];
    const parsed = monthFirst ? dateInput(y, a, b, 'm/d/yyyy') : dateInput(y, b, a, 'dd/mm/yyyy');
    if (parsed) return parsed;
  }
  return { value: { stringValue: text } };
}

function dateInput(year: number, month: number, day: number, pattern: string): ParsedInput | undefined {
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return undefined;
  return { value: { numberValue: dateToSerial(year, month, day) }, format: { type: 'DATE', pattern } };
}

/** Writes parsed input into a cell, keeping its format unless Sheets would infer one. */
export function applyInput(cell: Cell, input: ParsedInput): void {
  if (input.value) cell.userEnteredValue = input.value;
  else delete cell.userEnteredValue;
  const current = cell.userEnteredFormat?.numberFormat;
  if (input.format && !current) cell.userEnteredFormat = { ...cell.userEnteredFormat, numberFormat: input.format };
}

export function effectiveValue(cell: Cell | undefined, evaluate: FormulaEvaluator): ExtendedValue | undefined {
  const v = cell?.userEnteredValue;
  if (!v) return undefined;
  if (v.formulaValue !== undefined) return evaluate(v.formulaValue) ?? UNSUPPORTED_FORMULA;
  return v;
}

const ERROR_TEXT: Record<string, string> = {
  DIVIDE_BY_ZERO: '#DIV/0!',
  VALUE: '#VALUE!',
  REF: '#REF!',
  NAME: '#NAME?',
  NUM: '#NUM!',
  N_A: '#N/A',
  NULL_VALUE: '#NULL!',
  LOADING: 'Loading...',
};

function numberFormatOf(cell: Cell | undefined): NumberFormat | undefined {
  return cell?.userEnteredFormat?.numberFormat as NumberFormat | undefined;
}

export function formattedValue(cell: Cell | undefined, evaluate: FormulaEvaluator): string | undefined {
  const v = effectiveValue(cell, evaluate);
  if (!v) return undefined;
  if (v.stringValue !== undefined) return v.stringValue;
  if (v.boolValue !== undefined) return v.boolValue ? 'TRUE' : 'FALSE';
  if (v.numberValue !== undefined) return formatNumber(v.numberValue, numberFormatOf(cell));
  if (v.errorValue) return ERROR_TEXT[v.errorValue.type] ?? '#ERROR!';
  return undefined;
}

export interface RenderOptions {
  valueRenderOption: ValueRenderOption;
  dateTimeRenderOption: DateTimeRenderOption;
  evaluate: FormulaEvaluator;
}

/** The value values.get returns for one cell; '' for an empty cell. */
export function renderCell(cell: Cell | undefined, opts: RenderOptions): RenderedValue {
  const entered = cell?.userEnteredValue;
  if (!entered) return '';
  if (opts.valueRenderOption === 'FORMATTED_VALUE') return formattedValue(cell, opts.evaluate) ?? '';
  if (opts.valueRenderOption === 'FORMULA' && entered.formulaValue !== undefined) return entered.formulaValue;
  const v = effectiveValue(cell, opts.evaluate)!;
  if (v.numberValue !== undefined) {
    const dateLike = isDateFormat(numberFormatOf(cell));
    return dateLike && opts.dateTimeRenderOption === 'FORMATTED_STRING' ? formattedValue(cell, opts.evaluate)! : v.numberValue;
  }
  if (v.boolValue !== undefined) return v.boolValue;
  if (v.stringValue !== undefined) return v.stringValue;
  return formattedValue(cell, opts.evaluate) ?? '';
}
