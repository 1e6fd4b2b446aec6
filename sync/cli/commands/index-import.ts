/**
 * `cchc index-import FILE`: a criteria set or assignment table into the "Chỉ số
 * CCHC" tab — the same import as `cchc import`, told the table is criteria (an
 * assignment table without points looks like a task appendix otherwise).
 */
import type { Command } from 'commander';
import { run, sheetOption, storeOption } from '../program';
import { importCommand, type ImportOptions } from './import';

export function registerIndexImport(program: Command): void {
  program
    .command('index-import')
    .description('Nhập bộ tiêu chí, bảng phân công Chỉ số CCHC (.xlsx hoặc .csv) vào trang "Chỉ số CCHC"')
    .argument('<file>', 'tệp .xlsx hoặc .csv')
    .addOption(storeOption())
    .addOption(sheetOption())
    .action(async (file: string, opts: ImportOptions) => {
      run.exitCode = await importCommand(file, { ...opts, criteria: true });
    });
}
