/**
 * `cchc index-import FILE`: a criteria set, an assignment table or the units' filled
 * scoring table into the "Chỉ số CCHC" tab, merged per criterion code — the same
 * import as `cchc import`, told to take criteria only (a task appendix is refused,
 * so it can never replace the criteria rows).
 */
import type { Command } from 'commander';
import { sheetOption, storeOption } from '../options';
import { run } from '../outcome';
import { importCommand, type ImportOptions } from './import';

export function registerIndexImport(program: Command): void {
  program
    .command('index-import')
    .description('Nhập bộ tiêu chí, bảng phân công, biểu tự chấm Chỉ số CCHC (.xlsx, .csv hoặc Word .docx) vào trang "Chỉ số CCHC"')
    .argument('<tệp>', 'tệp .xlsx, .csv hoặc .docx')
    .addOption(storeOption())
    .addOption(sheetOption())
    .action(async (file: string, opts: ImportOptions) => {
      run.exitCode = await importCommand(file, { ...opts, criteria: true });
    });
}
