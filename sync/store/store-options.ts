/**
 * Which store a command names: the shared Google Sheet with `--sheet ID` (or CCHC_SHEET_ID), else the local
 * workbook `--store PATH` (or CCHC_STORE, default data/cchc.xlsx). An explicit option beats an environment variable.
 * Apart from open-store so that the command line's options load neither exceljs nor the Sheets client.
 */
import { environment } from '../environment';
import { CchcError } from '../errors';

export const DEFAULT_STORE_PATH = 'data/cchc.xlsx';

export interface StoreOptions {
  store?: string;
  sheet?: string;
}

export function localStorePath(options: StoreOptions): string {
  return options.store ?? environment().store ?? DEFAULT_STORE_PATH;
}

/**
 * The spreadsheet id to use, if any: `--sheet`, else CCHC_SHEET_ID, except that
 * `--store` alone means the local workbook. `sync` names both (its `--store` is
 * the workbook to sync), so it asks with `{ sheet }` only.
 */
export function sheetId(options: StoreOptions): string | undefined {
  const id = options.sheet?.trim() || (options.store ? undefined : environment().sheetId);
  return id || undefined;
}

/** For commands that always work on the shared sheet (sync): --sheet or CCHC_SHEET_ID, even beside --store. */
export function requireSheetId(options: StoreOptions): string {
  const id = sheetId({ sheet: options.sheet });
  if (!id)
    throw new CchcError('SHEET_REQUIRED', 'Chưa chọn bảng tính Google. Ghi mã bảng tính bằng --sheet MÃ hoặc đặt biến CCHC_SHEET_ID.');
  return id;
}
