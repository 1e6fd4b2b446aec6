/** `cchc validate`: checks the whole catalog with the core rules. */
import { catalogFromTables, countBySeverity, validateTasksTab, type ValidationIssue } from '../../../core/index';
import type { Command } from 'commander';
import { EXIT } from '../../errors';
import { openStore, type StoreOptions } from '../../store/open-store';
import { formatIssue, issueSummary } from '../format';
import { run, sheetOption, storeOption } from '../program';

export interface ValidateOptions extends StoreOptions {
  json?: boolean;
}

export async function validateCommand(options: ValidateOptions): Promise<number> {
  const store = openStore(options);
  const catalog = catalogFromTables(await store.read());
  const issues = validateTasksTab(catalog);
  const { errors } = countBySeverity(issues);
  if (options.json) {
    console.log(JSON.stringify({ store: store.location, tasks: catalog.tasks.length, ...countBySeverity(issues), issues }, null, 2));
  } else {
    console.log(`Kiểm tra ${store.location}: ${catalog.tasks.length} nhiệm vụ — ${issueSummary(issues)}.`);
    for (const issue of sortIssues(issues)) console.log(formatIssue(issue));
  }
  return errors > 0 ? EXIT.dataErrors : EXIT.ok;
}

function sortIssues(issues: ValidationIssue[]): ValidationIssue[] {
  const rank = (i: ValidationIssue): number => (i.severity === 'error' ? 0 : 1);
  return [...issues].sort((a, b) => rank(a) - rank(b) || a.row - b.row);
}

export function registerValidate(program: Command): void {
  program
    .command('validate')
    .description('Kiểm tra dữ liệu nhiệm vụ; mã thoát 1 khi có lỗi')
    .addOption(storeOption())
    .addOption(sheetOption())
    .option('--json', 'in kết quả dạng JSON (cho phần mềm khác)')
    .action(async (opts: ValidateOptions) => {
      run.exitCode = await validateCommand(opts);
    });
}
