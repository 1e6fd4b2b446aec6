/**
 * `cchc metrics`: targets against values for a period — meetings, documents,
 * digitisation and task progress — with `--json` for other tools (numbers, not strings).
 */
import { catalogFromTables, computeMetrics, METRICS_TABS, periodName } from '../../../core/index';
import { EXIT } from '../../errors';
import { openStore } from '../shared/open-store';
import { metricsText } from '../shared/report-text';
import { periodOptions, unitOption, type MetricsCliOptions } from '../shared/options';

export async function metricsCommand(options: MetricsCliOptions): Promise<number> {
  const { period, today } = periodOptions(options);
  const tables = await openStore(options).read(METRICS_TABS);
  const unit = unitOption(tables, options.unit);
  const report = computeMetrics(tables, { period, today, unit });
  const unitName = unit === undefined ? undefined : catalogFromTables(tables).registry.label(unit);
  console.log(options.json ? JSON.stringify(report, null, 2) : metricsText(report, periodName(period), unitName));
  return EXIT.ok;
}
