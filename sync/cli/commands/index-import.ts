/**
 * `cchc index-import FILE.xlsx`: a criteria set, an assignment table or the units'
 * filled scoring table into the "Chỉ số CCHC" tab, merged per criterion code. What
 * the last import brought is kept beside the store (.sync/<store>.index-import.json)
 * so a re-import tells an official's edit (kept) from the file's own change.
 */
import type { Command } from 'commander';
import { criteriaFromAppendix, CRITERIA_TAB, mergeCriteria } from '../../../core/index';
import { readAppendix } from '../../excel/appendix-reader';
import { criteriaBasePath, loadCriteriaBase, saveCriteriaBase } from '../../store/criteria-base';
import { openStore, type StoreOptions } from '../../store/open-store';
import { reportConflicts, run, sheetOption, storeOption } from '../program';

const header = (key: string): string => CRITERIA_TAB.columns.find((c) => c.key === key)?.header ?? key;

export async function indexImportCommand(file: string, options: StoreOptions): Promise<number> {
  const parsed = await readAppendix(file, 'criteria');
  const store = openStore(options);
  const tables = await store.read();
  const path = criteriaBasePath(options);
  const imported = criteriaFromAppendix(parsed);
  const merge = mergeCriteria(tables['criteria'] ?? [], imported, await loadCriteriaBase(path));
  const outcome = await store.write({ criteria: merge.rows });
  await saveCriteriaBase(path, merge.base);
  console.log(
    `Đã nhập ${imported.length} dòng tiêu chí từ "${file}" vào bảng "Chỉ số CCHC": thêm ${merge.added.length}, cập nhật ${merge.changed.filter((c) => c.columns.length > 0).length}, ` +
      `${merge.untouched} tiêu chí khác giữ nguyên. Ô để trống trong tệp giữ nguyên giá trị đã có.`,
  );
  for (const c of merge.changed) {
    const parts = [];
    if (c.columns.length > 0) parts.push(`cập nhật ${c.columns.map(header).join(', ')}`);
    if (c.kept.length > 0) parts.push(`giữ giá trị cán bộ đã sửa ở ${c.kept.map(header).join(', ')} (tệp ghi khác)`);
    console.log(`  Tiêu chí ${c.code}: ${parts.join('; ')}.`);
  }
  return reportConflicts(outcome);
}

export function registerIndexImport(program: Command): void {
  program
    .command('index-import')
    .description('Nhập bộ tiêu chí, bảng phân công, biểu tự chấm Chỉ số CCHC từ Excel')
    .argument('<tệp>', 'tệp .xlsx')
    .addOption(storeOption())
    .addOption(sheetOption())
    .action(async (file: string, opts: StoreOptions) => {
      run.exitCode = await indexImportCommand(file, opts);
    });
}
