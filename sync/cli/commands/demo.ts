/**
 * `cchc demo` (what `npm start` runs): builds a local workbook from the bundled
 * sample appendices, reads it back through the store and prints the summary.
 */
import { rm } from 'node:fs/promises';
import { catalogFromTables, computeMetrics, indexSummary, parsePeriod, periodName, validateTasksTab } from '../../../core/index';
import { sampleTables } from '../../samples/sample-tables';
import { EXIT } from '../../errors';
import { XlsxStore } from '../../store/xlsx-store';
import { indexText, metricsText } from '../shared/report-text';
import { catalogSummary } from '../shared/summary';
import { todayInVietnam } from '../shared/options';

export const DEMO_STORE = 'data/demo/cchc-demo.xlsx';

export async function demoCommand(): Promise<number> {
  const store = new XlsxStore(DEMO_STORE);
  await rm(DEMO_STORE, { force: true });
  await store.create(await sampleTables());
  const tables = await store.read();
  const catalog = catalogFromTables(tables);
  console.log(`cchc-sheets — chạy thử với dữ liệu mẫu, sổ dữ liệu: ${store.location}\n`);
  console.log(catalogSummary(catalog, validateTasksTab(catalog)));
  const today = todayInVietnam();
  const period = parsePeriod(today.slice(0, 4))!;
  console.log(`\n${metricsText(computeMetrics(tables, { period, today }), periodName(period))}`);
  const h1 = parsePeriod(`${period.year}-H1`)!;
  const index = indexSummary(tables['criteria'] ?? [], { period: h1, today, settings: catalog.settings, registry: catalog.registry });
  console.log(`\n${indexText(index, periodName(h1))}`);
  console.log(`\nXem chi tiết: npx cchc validate --store ${DEMO_STORE}`);
  return EXIT.ok;
}
