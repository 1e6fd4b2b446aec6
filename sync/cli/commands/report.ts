/** `cchc report --period 2026-H1 --out FILE.xlsx`: the periodic report workbook. */
import type { Command } from 'commander';
import { catalogFromTables, committeeName, computeMetrics, decodeMeetings } from '../../../core/index';
import { writeWorkbookAtomic } from '../../excel/atomic-write';
import { EXIT } from '../../errors';
import { reportWorkbook } from '../../report/report-workbook';
import { openStore } from '../../store/open-store';
import { run } from '../program';
import { periodOptions, withPeriodOptions, type MetricsCliOptions } from './metrics';

export interface ReportOptions extends MetricsCliOptions {
  out: string;
}

export async function reportCommand(options: ReportOptions): Promise<number> {
  const { period, today } = periodOptions(options);
  const tables = await openStore(options).read();
  const catalog = catalogFromTables(tables);
  const metrics = computeMetrics(tables, { period, today, unit: options.unit });
  const workbook = reportWorkbook({
    metrics,
    period,
    settings: catalog.settings,
    meetings: decodeMeetings(tables['meetings'] ?? []).meetings,
    unitName: (id) => catalog.registry.label(id),
    committee: committeeName(catalog.settings['ward'] ?? '', catalog.plans),
  });
  await writeWorkbookAtomic(workbook, options.out);
  console.log(`Đã lập báo cáo ${metrics.period.label} ra ${options.out}.`);
  return EXIT.ok;
}

export function registerReport(program: Command): void {
  withPeriodOptions(program.command('report').description('Lập báo cáo định kỳ ra Excel (periodic report workbook)'))
    .requiredOption('--out <file>', 'tệp .xlsx cần ghi')
    .action(async (opts: ReportOptions) => {
      run.exitCode = await reportCommand(opts);
    });
}
