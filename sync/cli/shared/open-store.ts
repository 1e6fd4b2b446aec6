/**
 * Opens the store a command names (see store-options): the shared Google Sheet, else the local workbook. Google's
 * client is loaded only when a sheet is used, so a command on the local workbook never loads it.
 */
import type { SyncSides } from '../../sheets/sheet-sync';
import { SheetsStore } from '../../sheets/sheets-store';
import type { Store } from '../../store/store';
import { localStorePath, requireSheetId, sheetId, type StoreOptions } from '../../store/store-options';
import { syncRecord } from '../../store/sync-base';
import { XlsxStore } from '../../store/xlsx-store';

export function openSheet(spreadsheetId: string): SheetsStore {
  return new SheetsStore(spreadsheetId, async () => {
    const [{ sheetsAuth }, { sheetsApi }] = await Promise.all([import('../../sheets/auth'), import('../../sheets/client')]);
    return sheetsApi(await sheetsAuth());
  });
}

export function openStore(options: StoreOptions): Store {
  const id = sheetId(options);
  return id ? openSheet(id) : new XlsxStore(localStorePath(options));
}

/** The sides of `cchc sync`: the sheet `--sheet` names (or CCHC_SHEET_ID), the workbook at `path`, their record. */
export function openSync(options: StoreOptions, path = localStorePath(options)): SyncSides {
  const id = requireSheetId(options);
  return { local: new XlsxStore(path), sheet: openSheet(id), record: syncRecord(path, id), say: (line) => console.log(line) };
}
