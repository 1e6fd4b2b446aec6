/** `cchc export [--out FILE.xlsx|FILE.docx]`: a plan's catalog as an official appendix, optionally with progress. */
import { extname } from 'node:path';
import { CATALOG_TABS, catalogFromTables } from '../../../core/index';
import { appendixWorkbook } from '../../excel/appendix-writer';
import { CchcError, EXIT } from '../../errors';
import { checkOutput, writeOutput, writeOutputFile, type OutputOptions } from '../../files/output-guard';
import { openStore } from '../shared/open-store';
import { localStorePath, type StoreOptions } from '../../store/store-options';
import { defaultOut } from '../shared/options';

export interface ExportOptions extends StoreOptions {
  out?: string;
  plan?: string;
  withProgress?: boolean;
  force?: boolean;
}

const outputOptions = (options: ExportOptions): OutputOptions => ({
  command: 'export',
  force: options.force,
  protect: [localStorePath(options)],
});

export async function exportCommand(options: ExportOptions): Promise<number> {
  // A named output is checked before any work; the default name needs the plan, so it is checked when written.
  if (options.out) {
    await checkOutput(options.out, outputOptions(options));
    const format = extname(options.out).toLowerCase();
    // Any other name would get an .xlsx under a name that says otherwise.
    if (format !== '.xlsx' && format !== '.docx') {
      throw new CchcError(
        'EXPORT_FORMAT',
        `Không xuất được phụ lục dạng "${format || options.out}". Ghi tên tệp .xlsx (Excel) hoặc .docx (Word).`,
      );
    }
  }
  const catalog = catalogFromTables(await openStore(options).read(CATALOG_TABS));
  if (catalog.plans.length === 0)
    throw new CchcError('NO_PLANS', 'Sổ dữ liệu chưa có kế hoạch nào. Nhập phụ lục bằng "cchc import" trước.');
  const plan = options.plan
    ? catalog.plans.find((p) => p.code === options.plan)
    : catalog.plans.length === 1
      ? catalog.plans[0]
      : undefined;
  if (!plan) {
    const codes = catalog.plans.map((p) => p.code).join(', ');
    throw new CchcError(
      options.plan ? 'PLAN_NOT_FOUND' : 'PLAN_REQUIRED',
      options.plan
        ? `Không có kế hoạch "${options.plan}". Các kế hoạch hiện có: ${codes}.`
        : `Sổ có nhiều kế hoạch; chọn một bằng --plan (${codes}).`,
    );
  }
  const tasks = catalog.tasks.map((t) => t.item).filter((t) => t.plan === plan.code);
  const out = options.out ?? defaultOut('phu-luc', plan.code);
  // Headings (sections, groups) go out as the bold rows they were in the plan.
  const rows = catalog.rows.map((t) => t.item).filter((t) => t.plan === plan.code);
  let kept: string;
  if (/\.docx$/i.test(out)) {
    // The docx package is loaded only for a Word export: it would otherwise slow every command's start.
    const word = await import('../../word/appendix-docx');
    kept = await writeOutputFile(out, outputOptions(options), (keywords) =>
      word.appendixDocxBytes(plan, rows, { withProgress: options.withProgress }, keywords),
    );
  } else kept = await writeOutput(appendixWorkbook(plan, rows, { withProgress: options.withProgress }), out, outputOptions(options));
  console.log(`Đã xuất phụ lục kế hoạch ${plan.code} (${tasks.length} nhiệm vụ) ra ${out}${kept}.`);
  return EXIT.ok;
}
