/**
 * What the last criteria import brought (per criterion code), kept beside the store in
 * `.sync/<store or sheet id>.index-import.json`, so a re-import of the province set tells
 * an official's edit (kept) from the file's own change (taken).
 */
import { readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { CriteriaBase } from '../../core/index';
import { writeFileDurable } from '../files/durable-write';
import { localStorePath, sheetId, type StoreOptions } from './store-options';

export function criteriaBasePath(options: StoreOptions): string {
  const local = localStorePath(options);
  return join(dirname(local), '.sync', `${sheetId(options) ?? basename(local, '.xlsx')}.index-import.json`);
}

/** An absent or unreadable base: every difference is then the file's to make. */
export async function loadCriteriaBase(path: string): Promise<CriteriaBase> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as CriteriaBase;
  } catch {
    return {};
  }
}

export async function saveCriteriaBase(path: string, base: CriteriaBase): Promise<void> {
  await writeFileDurable(path, JSON.stringify(base));
}
