/**
 * `cchc import-stats FILE [--period "Quý I/2026"]`: the province procedure
 * system's statistics export into the "Số hóa" tab. The same import as `cchc
 * import` (which recognises the export by its header); kept for the name wards know.
 */
import type { Command } from 'commander';
import { sheetOption, storeOption } from '../options';
import { run } from '../outcome';
import { importCommand, type ImportOptions } from './import';

export function registerImportStats(program: Command): void {
  program
    .command('import-stats')
    .description('Nhập số liệu từ Hệ thống giải quyết TTHC của tỉnh vào trang "Số hóa" (như cchc import)')
    .argument('<tệp>', 'tệp .xlsx hoặc .csv xuất từ hệ thống của tỉnh')
    .addOption(storeOption())
    .addOption(sheetOption())
    .option('--period <kỳ>', 'kỳ của số liệu khi tệp không có cột "Kỳ", ví dụ "Quý I/2026"')
    .action(async (file: string, opts: ImportOptions) => {
      run.exitCode = await importCommand(file, opts);
    });
}
