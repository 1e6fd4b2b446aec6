/** `cchc report --period 2026-H1 --out FILE.xlsx`: the periodic report workbook. */
import type { Command } from 'commander';
import { catalogFromTables, computeMetrics, decodeMeetings } from '../../../core/index';
import { EXIT } from '../../errors';
import { reportWorkbook } from '../../report/report-workbook';
import { checkOutput, writeOutput, type OutputOptions } from '../../files/output-guard';
import { localStorePath, openStore } from '../../store/open-store';
import { defaultOut, run } from '../program';
import { periodOptions, withPeriodOptions, type MetricsCliOptions } from './metrics';

export interface ReportOptions extends MetricsCliOptions {
  out?: string;
  force?: boolean;
}

const outputOptions = (options: ReportOptions): OutputOptions => ({ command: 'report', force: options.force, protect: [localStorePath(options)] });

export async function reportCommand(options: ReportOptions): Promise<number> {
  const { period, today } = periodOptions(options);
  const out = options.out ?? defaultOut('bao-cao', period.label);
  await checkOutput(out, outputOptions(options));
  const tables = await openStore(options).read();
  const catalog = catalogFromTables(tables);
  const metrics = computeMetrics(tables, { period, today, unit: options.unit });
  const workbook = reportWorkbook({
    metrics,
    period,
    settings: catalog.settings,
    meetings: decodeMeetings(tables['meetings'] ?? []).meetings,
    unitName: (id) => catalog.registry.label(id),
  });
  await writeOutput(workbook, out, outputOptions(options));
  console.log(`Đã lập báo cáo ${metrics.period.label} ra ${out}.`);
  return EXIT.ok;
}

export function registerReport(program: Command): void {
  withPeriodOptions(program.command('report').description('Lập báo cáo định kỳ ra Excel'))
    .option('--out <tệp>', 'tệp .xlsx cần ghi (mặc định: bao-cao-<kỳ>.xlsx)')
    .option('--force', 'thay tệp --out đã có (bản cũ giữ thành .bak)')
    .action(async (opts: ReportOptions) => {
      run.exitCode = await reportCommand(opts);
    });
}
