/** `cchc export [--out FILE.xlsx|FILE.docx]`: a plan's catalog as an official appendix, optionally with progress. */
import { extname } from 'node:path';
import { appendixExport, CATALOG_TABS } from '../../../core/index';
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
  const found = appendixExport(await openStore(options).read(CATALOG_TABS), options.plan);
  if ('error' in found) throw new CchcError(found.code, found.error);
  const { plan, rows, tasks } = found;
  const out = options.out ?? defaultOut('phu-luc', plan.code);
  let kept: string;
  if (/\.docx$/i.test(out)) {
    // The docx package is loaded only for a Word export: it would otherwise slow every command's start.
    const word = await import('../../word/appendix-docx');
    kept = await writeOutputFile(out, outputOptions(options), (keywords) =>
      word.appendixDocxBytes(plan, rows, { withProgress: options.withProgress }, keywords),
    );
  } else kept = await writeOutput(appendixWorkbook(plan, rows, { withProgress: options.withProgress }), out, outputOptions(options));
  console.log(`Đã xuất phụ lục kế hoạch ${plan.code} (${tasks} nhiệm vụ) ra ${out}${kept}.`);
  return EXIT.ok;
}
