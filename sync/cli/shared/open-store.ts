/**
 * Opens the store a command names (see store-options): the shared Google Sheet, else the local workbook. Google's
 * client is loaded only when a sheet is used, so a command on the local workbook never loads it.
 */
import { SheetsStore } from '../../sheets/sheets-store';
import type { Store } from '../../store/store';
import { localStorePath, sheetId, type StoreOptions } from '../../store/store-options';
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
