/**
 * `cchc report --period 2026-H1 --out FILE.xlsx|FILE.docx`: the periodic report,
 * as the workbook or as the Word draft sent to the Department of Home Affairs,
 * both rendered from one report model.
 */
import { extname } from 'node:path';
import type { Command } from 'commander';
import { catalogFromTables, computeMetrics, decodeMeetings, followingPeriod, leadKey, periodReport, storeWard, tasksFallingDue } from '../../../core/index';
import { writeWorkbookAtomic } from '../../excel/atomic-write';
import { CchcError, EXIT } from '../../errors';
import { reportWorkbook, targetLines } from '../../report/report-workbook';
import { openStore } from '../../store/open-store';
import { run } from '../program';
import { wordWriter } from './word-writer';
import { periodOptions, withPeriodOptions, type MetricsCliOptions } from './metrics';

export interface ReportOptions extends MetricsCliOptions {
  out: string;
}

export async function reportCommand(options: ReportOptions): Promise<number> {
  const format = extname(options.out).toLowerCase();
  if (format !== '.xlsx' && format !== '.docx') {
    throw new CchcError('REPORT_FORMAT', `Không lập được báo cáo dạng "${format || options.out}". Ghi tên tệp .xlsx (Excel) hoặc .docx (Word).`);
  }
  const { period, today } = periodOptions(options);
  const tables = await openStore(options).read();
  const catalog = catalogFromTables(tables);
  const metrics = computeMetrics(tables, { period, today, unit: options.unit });
  const next = followingPeriod(period);
  // The metrics key sections as "plan section"; the report shows the section's own heading beside it.
  const sections = new Map(
    catalog.tasks
      .filter(({ item }) => item.section !== '' && item.sectionTitle !== '')
      .map(({ item }) => [`${item.plan} ${item.section}`, `${item.plan} ${item.section}. ${item.sectionTitle}`]),
  );
  const report = periodReport({
    metrics,
    period,
    ward: storeWard(catalog.settings, catalog.plans),
    plans: catalog.plans.filter((p) => p.year === period.year),
    targets: targetLines(metrics),
    meetings: decodeMeetings(tables['meetings'] ?? []).meetings,
    settings: catalog.settings,
    unitName: (id) => catalog.registry.get(id)?.name ?? id,
    sectionName: (key) => sections.get(key) ?? key,
    next: { period: next, tasks: tasksFallingDue(catalog, today, next.to, (r) => !options.unit || leadKey(r) === options.unit) },
  });
  if (format === '.docx') await (await wordWriter()).writeOfficialDocx(report, options.out);
  else await writeWorkbookAtomic(reportWorkbook(report, metrics.digitisation.score), options.out);
  console.log(`Đã lập báo cáo ${metrics.period.label} ra ${options.out}.`);
  return EXIT.ok;
}

export function registerReport(program: Command): void {
  withPeriodOptions(program.command('report').description('Lập báo cáo định kỳ ra Excel hoặc Word (periodic report, .xlsx or .docx)'))
    .requiredOption('--out <file>', 'tệp .xlsx (Excel) hoặc .docx (Word) cần ghi')
    .action(async (opts: ReportOptions) => {
      run.exitCode = await reportCommand(opts);
    });
}
