/** `cchc validate`: checks every tab with the core rules (the same ones the Apps Script menu uses). */
import { countBySeverity, tabByKey, validateTables } from '../../../core/index';
import type { Command } from 'commander';
import { EXIT } from '../../errors';
import { openStore, type StoreOptions } from '../../store/open-store';
import { formatIssue, issueSummary, sortIssues } from '../format';
import { sheetOption, storeOption } from '../options';
import { run } from '../outcome';

export interface ValidateOptions extends StoreOptions {
  json?: boolean;
}

export async function validateCommand(options: ValidateOptions): Promise<number> {
  const store = openStore(options);
  const { issues, rows } = validateTables(await store.read());
  const { errors } = countBySeverity(issues);
  if (options.json) {
    console.log(JSON.stringify({ store: store.location, tasks: rows['tasks'] ?? 0, rows, ...countBySeverity(issues), issues }, null, 2));
  } else {
    const counted = Object.entries(rows)
      .filter(([key, n]) => n > 0 || key === 'tasks')
      .map(([key, n]) => `${n} dòng "${tabByKey(key).name}"`);
    console.log(`Kiểm tra ${store.location}: ${counted.join(', ')} — ${issueSummary(issues)}.`);
    for (const issue of sortIssues(issues)) console.log(formatIssue(issue));
  }
  return errors > 0 ? EXIT.dataErrors : EXIT.ok;
}

export function registerValidate(program: Command): void {
  program
    .command('validate')
    .description('Kiểm tra dữ liệu mọi trang: nhiệm vụ, hội nghị, văn bản, số hóa, cài đặt, chỉ tiêu; mã thoát 1 khi có lỗi')
    .addOption(storeOption())
    .addOption(sheetOption())
    .option('--json', 'in kết quả dạng JSON (cho phần mềm khác)')
    .action(async (opts: ValidateOptions) => {
      run.exitCode = await validateCommand(opts);
    });
}
