/** Opens the store a command names (see store-options): the shared Google Sheet, else the local workbook. */
import { sheetsAuth } from '../sheets/auth';
import { sheetsApi } from '../sheets/client';
import { SheetsStore } from '../sheets/sheets-store';
import type { Store } from './store';
import { localStorePath, sheetId, type StoreOptions } from './store-options';
import { XlsxStore } from './xlsx-store';

export function openSheet(spreadsheetId: string): SheetsStore {
  return new SheetsStore(spreadsheetId, async () => sheetsApi(await sheetsAuth()));
}

export function openStore(options: StoreOptions): Store {
  const id = sheetId(options);
  return id ? openSheet(id) : new XlsxStore(localStorePath(options));
}
