/**
 * `cchc report --period 2026-H1 --out FILE.xlsx|FILE.docx`: the periodic report,
 * as the workbook or as the Word draft sent to the Department of Home Affairs,
 * both rendered from one report model.
 */
import { extname } from 'node:path';
import { METRICS_TABS, periodName, periodReportOf } from '../../../core/index';
import { CchcError, EXIT } from '../../errors';
import { checkOutput, writeOutput, writeOutputFile, type OutputOptions } from '../../files/output-guard';
import { reportWorkbook } from '../../report/report-workbook';
import { openStore } from '../shared/open-store';
import { localStorePath } from '../../store/store-options';
import { defaultOut } from '../shared/options';
import { wordWriter } from '../shared/word-writer';
import { periodOptions, unitOption, type MetricsCliOptions } from '../shared/options';

export interface ReportOptions extends MetricsCliOptions {
  out?: string;
  force?: boolean;
}

const outputOptions = (options: ReportOptions): OutputOptions => ({
  command: 'report',
  force: options.force,
  protect: [localStorePath(options)],
});

export async function reportCommand(options: ReportOptions): Promise<number> {
  const { period, today } = periodOptions(options);
  const out = options.out ?? defaultOut('bao-cao', periodName(period, { title: true }));
  await checkOutput(out, outputOptions(options));
  const format = extname(out).toLowerCase();
  if (format !== '.xlsx' && format !== '.docx') {
    throw new CchcError('REPORT_FORMAT', `Không lập được báo cáo dạng "${format || out}". Ghi tên tệp .xlsx (Excel) hoặc .docx (Word).`);
  }
  const tables = await openStore(options).read(METRICS_TABS);
  const { report, metrics } = periodReportOf(tables, { period, today, unit: unitOption(tables, options.unit) });
  let kept: string;
  if (format === '.docx') {
    const word = await wordWriter();
    kept = await writeOutputFile(out, outputOptions(options), (keywords) => word.officialDocxBytes(report, keywords));
  } else kept = await writeOutput(reportWorkbook(report, metrics.digitisation.score), out, outputOptions(options));
  console.log(`Đã lập báo cáo ${periodName(period)} ra ${out}${kept}.`);
  return EXIT.ok;
}
