/** `cchc index-import FILE.xlsx|FILE.docx`: a criteria set or assignment table into the "Chỉ số CCHC" tab. */
import type { Command } from 'commander';
import { criteriaFromAppendix, mergeCriteria } from '../../../core/index';
import { readAppendix } from '../../excel/appendix-reader';
import { openStore, type StoreOptions } from '../../store/open-store';
import { reportConflicts, run, sheetOption, storeOption } from '../program';

export async function indexImportCommand(file: string, options: StoreOptions): Promise<number> {
  const parsed = await readAppendix(file);
  const store = openStore(options);
  const tables = await store.read();
  const { rows, carried } = mergeCriteria(tables['criteria'] ?? [], criteriaFromAppendix(parsed));
  const outcome = await store.write({ criteria: rows });
  console.log(`Đã nhập ${rows.length} dòng tiêu chí từ "${file}" vào bảng "Chỉ số CCHC"; giữ nguyên điểm tự chấm, tài liệu kiểm chứng của ${carried} tiêu chí đã có.`);
  return reportConflicts(outcome);
}

export function registerIndexImport(program: Command): void {
  program
    .command('index-import')
    .description('Nhập bộ tiêu chí, bảng phân công Chỉ số CCHC từ Excel hoặc Word (import CCHC-index criteria)')
    .argument('<file>', 'tệp .xlsx hoặc .docx')
    .addOption(storeOption())
    .addOption(sheetOption())
    .action(async (file: string, opts: StoreOptions) => {
      run.exitCode = await indexImportCommand(file, opts);
    });
}
