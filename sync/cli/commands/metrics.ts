/**
 * `cchc metrics`: targets against values for a period — meetings, documents,
 * digitisation and task progress — with `--json` for other tools (numbers, not strings).
 */
import type { Command } from 'commander';
import { catalogFromTables, computeMetrics, periodName } from '../../../core/index';
import { EXIT } from '../../errors';
import { openStore } from '../../store/open-store';
import { metricsText } from '../report-text';
import { periodOptions, unitOption, withPeriodOptions, type MetricsCliOptions } from '../options';
import { run } from '../outcome';

export async function metricsCommand(options: MetricsCliOptions): Promise<number> {
  const { period, today } = periodOptions(options);
  const tables = await openStore(options).read();
  const unit = unitOption(tables, options.unit);
  const report = computeMetrics(tables, { period, today, unit });
  const unitName = unit === undefined ? undefined : catalogFromTables(tables).registry.label(unit);
  console.log(options.json ? JSON.stringify(report, null, 2) : metricsText(report, periodName(period), unitName));
  return EXIT.ok;
}

export function registerMetrics(program: Command): void {
  withPeriodOptions(program.command('metrics').description('Tính chỉ số theo kỳ: hội nghị, văn bản, số hóa, tiến độ nhiệm vụ'))
    .option('--json', 'in kết quả dạng JSON (cho phần mềm khác)')
    .action(async (opts: MetricsCliOptions) => {
      run.exitCode = await metricsCommand(opts);
    });
}
