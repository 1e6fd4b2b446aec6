// Public surface of the Sheets API v4 emulator used by tests (see README.md).

export { startSheetsEmulator } from './emulator';
export type { RequestCounts, SheetsEmulator, SheetsEmulatorOptions } from './emulator';
export type { FailureMatch, FailureRule, QuotaOptions, RequestInfo, RequestLogEntry } from './server';
export type { Cell, DeveloperMetadata, ExtendedValue, GridRange, NewSheet, SheetModel, SpreadsheetModel } from './model';
export type { RenderedValue, ValueInputOption, ValueRenderOption } from './cells';
export type { FormulaEvaluator } from './formula';
export { parseRange, quoteTitle } from './a1';
export { METADATA_CHARS_PER_LOCATION } from './developer-metadata';
