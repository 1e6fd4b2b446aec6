/** Shared pieces of the `cchc` command definitions. */
import { Option } from 'commander';
import { DEFAULT_STORE_PATH } from '../store/open-store';
import type { WriteOutcome } from '../store/store';
import { EXIT } from '../errors';

export const storeOption = (): Option =>
  new Option('--store <tệp>', `sổ dữ liệu .xlsx (hoặc biến môi trường CCHC_STORE; mặc định ${DEFAULT_STORE_PATH})`);

/** Every command works on the shared sheet as on the local workbook. */
export const sheetOption = (): Option => new Option('--sheet <mã>', 'mã bảng tính Google dùng chung (hoặc biến môi trường CCHC_SHEET_ID)');

/** Commands report their exit code here (0 ok, 1 data errors, 2 unusable input). */
export const run = {
  exitCode: 0,
};

/** Lists what a shared store left alone: cells an official changed too, rows without an id. Exit 1 when any. */
export function reportConflicts(outcome: WriteOutcome): number {
  for (const line of outcome.skipped) console.log(`Chưa đồng bộ: ${line}`);
  if (outcome.conflicts.length > 0) {
    console.log(`\n${outcome.conflicts.length} ô không ghi vì đã được sửa khác ở nơi nhận (xung đột):`);
    for (const line of outcome.conflicts) console.log(`  - ${line}`);
  }
  return outcome.conflicts.length + outcome.skipped.length > 0 ? EXIT.dataErrors : EXIT.ok;
}

/**
 * The file a command writes when `--out` is not given: a name an official recognises, built from the document and
 * what it covers (`bao-cao-2026-H1.xlsx`, `phu-luc-158-KH-UBND.xlsx`), in the working folder.
 */
export function defaultOut(document: 'bao-cao' | 'phu-luc' | 'tong-hop', covers: string, extension = '.xlsx'): string {
  const slug = covers
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `${document}-${slug}${extension}`;
}
