/** `cchc export --out FILE.xlsx`: a plan's catalog as an official appendix, optionally with progress. */
import type { Command } from 'commander';
import { catalogFromTables } from '../../../core/index';
import { writeAppendix } from '../../excel/appendix-writer';
import { CchcError, EXIT } from '../../errors';
import { openStore, type StoreOptions } from '../../store/open-store';
import { run, sheetOption, storeOption } from '../program';

export interface ExportOptions extends StoreOptions {
  out: string;
  plan?: string;
  withProgress?: boolean;
}

export async function exportCommand(options: ExportOptions): Promise<number> {
  const catalog = catalogFromTables(await openStore(options).read());
  if (catalog.plans.length === 0) throw new CchcError('NO_PLANS', 'Sổ dữ liệu chưa có kế hoạch nào. Nhập phụ lục bằng "cchc import" trước.');
  const plan = options.plan ? catalog.plans.find((p) => p.code === options.plan) : catalog.plans.length === 1 ? catalog.plans[0] : undefined;
  if (!plan) {
    const codes = catalog.plans.map((p) => p.code).join(', ');
    throw new CchcError(
      options.plan ? 'PLAN_NOT_FOUND' : 'PLAN_REQUIRED',
      options.plan ? `Không có kế hoạch "${options.plan}". Các kế hoạch hiện có: ${codes}.` : `Sổ có nhiều kế hoạch; chọn một bằng --plan (${codes}).`,
    );
  }
  const tasks = catalog.tasks.map((t) => t.item).filter((t) => t.plan === plan.code);
  // Headings (sections, groups) go out as the bold rows they were in the plan.
  await writeAppendix(options.out, plan, catalog.rows.map((t) => t.item).filter((t) => t.plan === plan.code), { withProgress: options.withProgress });
  console.log(`Đã xuất phụ lục kế hoạch ${plan.code} (${tasks.length} nhiệm vụ) ra ${options.out}.`);
  return EXIT.ok;
}

export function registerExport(program: Command): void {
  program
    .command('export')
    .description('Xuất phụ lục nhiệm vụ ra Excel theo mẫu (export a plan appendix .xlsx)')
    .requiredOption('--out <file>', 'tệp .xlsx cần ghi')
    .addOption(storeOption())
    .addOption(sheetOption())
    .option('--plan <code>', 'số kế hoạch (required when the store holds several plans)')
    .option('--with-progress', 'thêm cột trạng thái, tiến độ, ngày hoàn thành, minh chứng')
    .action(async (opts: ExportOptions) => {
      run.exitCode = await exportCommand(opts);
    });
}
