/** Shared pieces of the `cchc` command definitions. */
import { Option } from 'commander';
import { DEFAULT_STORE_PATH } from '../store/open-store';

export const storeOption = (): Option =>
  new Option('--store <path>', `sổ dữ liệu .xlsx (workbook path; env CCHC_STORE, default ${DEFAULT_STORE_PATH})`);

/** Commands report their exit code here (0 ok, 1 data errors, 2 unusable input). */
export const run = {
  exitCode: 0,
};
