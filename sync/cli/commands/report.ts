/**
 * `cchc report --period 2026-H1 --out FILE.xlsx|FILE.docx`: the periodic report,
 * as the workbook or as the Word draft sent to the Department of Home Affairs,
 * both rendered from one report model.
 */
import { METRICS_TABS, periodName, periodReportOf } from '../../../core/index';
import { CchcError, EXIT } from '../../errors';
import { reportWorkbook } from '../../report/report-workbook';
import { DocumentOutput, type DocumentOptions } from '../shared/document-output';
import { openStore } from '../shared/open-store';
import { defaultOut } from '../shared/options';
import { wordWriter } from '../shared/word-writer';
import { periodOptions, unitOption, type MetricsCliOptions } from '../shared/options';

export interface ReportOptions extends MetricsCliOptions, DocumentOptions {}

export async function reportCommand(options: ReportOptions): Promise<number> {
  const { period, today } = periodOptions(options);
  const out = options.out ?? defaultOut('bao-cao', periodName(period, { title: true }));
  const output = new DocumentOutput('report', options);
  await output.check(
    out,
    (shown) => new CchcError('REPORT_FORMAT', `Không lập được báo cáo dạng "${shown}". Ghi tên tệp .xlsx (Excel) hoặc .docx (Word).`),
  );
  const tables = await openStore(options).read(METRICS_TABS);
  const { report, metrics } = periodReportOf(tables, { period, today, unit: unitOption(tables, options.unit) });
  const line = await output.write(
    out,
    {
      workbook: () => reportWorkbook(report, metrics.digitisation.score),
      word: async (keywords) => (await wordWriter()).officialDocxBytes(report, keywords),
    },
    `Đã lập báo cáo ${periodName(period)}`,
  );
  console.log(line);
  return EXIT.ok;
}
