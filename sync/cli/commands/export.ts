/** `cchc export [--out FILE.xlsx|FILE.docx]`: a plan's catalog as an official appendix, optionally with progress. */
import { appendixExport, CATALOG_TABS } from '../../../core/index';
import { appendixWorkbook } from '../../excel/appendix-writer';
import { CchcError, EXIT } from '../../errors';
import { DocumentOutput, type DocumentOptions } from '../shared/document-output';
import { openStore } from '../shared/open-store';
import { defaultOut } from '../shared/options';

export interface ExportOptions extends DocumentOptions {
  plan?: string;
  withProgress?: boolean;
}

export async function exportCommand(options: ExportOptions): Promise<number> {
  const output = new DocumentOutput('export', options);
  // A named output is checked before any work; the default name needs the plan, so it is checked when written.
  // Any other name would get an .xlsx under a name that says otherwise.
  if (options.out) {
    await output.check(
      options.out,
      (shown) => new CchcError('EXPORT_FORMAT', `Không xuất được phụ lục dạng "${shown}". Ghi tên tệp .xlsx (Excel) hoặc .docx (Word).`),
    );
  }
  const found = appendixExport(await openStore(options).read(CATALOG_TABS), options.plan);
  if ('error' in found) throw new CchcError(found.code, found.error);
  const { plan, rows, tasks } = found;
  const out = options.out ?? defaultOut('phu-luc', plan.code);
  const layout = { withProgress: options.withProgress };
  const line = await output.write(
    out,
    {
      workbook: () => appendixWorkbook(plan, rows, layout),
      // The docx package is loaded only for a Word export: it would otherwise slow every command's start.
      word: async (keywords) => (await import('../../word/appendix-docx')).appendixDocxBytes(plan, rows, layout, keywords),
    },
    `Đã xuất phụ lục kế hoạch ${plan.code} (${tasks} nhiệm vụ)`,
  );
  console.log(line);
  return EXIT.ok;
}
