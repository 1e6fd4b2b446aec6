/**
 * What the last imports brought, kept beside the store in `.sync/<store or sheet id>.<kind>.json`, so a re-import
 * tells an official's edit (kept) from the file's own change (taken): per criterion code for the criteria
 * (`index-import.json`), per task id as short fingerprints for a plan's appendix (`plan-import.json`).
 */
import { readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { CriteriaBase, ImportBase } from '../../core/index';
import { writeFileDurable } from '../files/durable-write';
import { localStorePath, sheetId, type StoreOptions } from './store-options';

function basePath(options: StoreOptions, kind: 'index-import' | 'plan-import'): string {
  const local = localStorePath(options);
  return join(dirname(local), '.sync', `${sheetId(options) ?? basename(local, '.xlsx')}.${kind}.json`);
}

export const criteriaBasePath = (options: StoreOptions): string => basePath(options, 'index-import');
export const planBasePath = (options: StoreOptions): string => basePath(options, 'plan-import');

/** An absent or unreadable base: every difference is then the file's to make (criteria) or an official's (a plan). */
export async function loadImportBase<T extends CriteriaBase | ImportBase>(path: string): Promise<T> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as T;
  } catch {
    return {} as T;
  }
}

export async function saveImportBase(path: string, base: CriteriaBase | ImportBase): Promise<void> {
  await writeFileDurable(path, JSON.stringify(base));
}
