/** Picks the store a command works on: `--store PATH` (or CCHC_STORE), default data/cchc.xlsx. */
import type { Store } from './store';
import { XlsxStore } from './xlsx-store';

export const DEFAULT_STORE_PATH = 'data/cchc.xlsx';

export interface StoreOptions {
  store?: string;
}

export function openStore(options: StoreOptions): Store {
  return new XlsxStore(options.store ?? process.env['CCHC_STORE'] ?? DEFAULT_STORE_PATH);
}
