/**
 * `cchc index`: the CCHC-index self-assessment — totals per area and unit, points
 * lost, criteria without evidence, days to the deadline; `--out` also writes the
 * self-scoring table with clickable evidence links (.xlsx) or the report a ward
 * sends with its self-scores (.docx).
 */
import { extname } from 'node:path';
import {
  CATALOG_TABS,
  catalogFromTables,
  CRITERIA_TAB,
  decodeCriteria,
  indexReport,
  indexSummary,
  periodName,
  storeWard,
  taskProgress,
} from '../../../core/index';
import { criteriaWorkbook } from '../../excel/criteria-writer';
import { CchcError, EXIT } from '../../errors';
import { checkOutput, writeOutput, writeOutputFile, type OutputOptions } from '../../files/output-guard';
import { openStore } from '../shared/open-store';
import { localStorePath } from '../../store/store-options';
import { indexText } from '../shared/report-text';
import { wordWriter } from '../shared/word-writer';
import { periodOptions, type MetricsCliOptions } from '../shared/options';

export interface IndexOptions extends MetricsCliOptions {
  out?: string;
  force?: boolean;
}

const outputOptions = (options: IndexOptions): OutputOptions => ({
  command: 'index',
  force: options.force,
  protect: [localStorePath(options)],
});

export async function indexCommand(options: IndexOptions): Promise<number> {
  const { period, today } = periodOptions(options);
  // Never the store, whatever the name: that refusal comes before the format's.
  if (options.out) await checkOutput(options.out, outputOptions(options));
  const format = options.out ? extname(options.out).toLowerCase() : null;
  if (format !== null && format !== '.xlsx' && format !== '.docx') {
    throw new CchcError(
      'INDEX_FORMAT',
      `Không xuất được dạng "${format || options.out}". Ghi tên tệp .xlsx (biểu tự chấm) hoặc .docx (báo cáo Word).`,
    );
  }
  const tables = await openStore(options).read([...CATALOG_TABS, CRITERIA_TAB.key]);
  const catalog = catalogFromTables(tables);
  if ((tables['criteria'] ?? []).length === 0) {
    console.log(
      `Trang "${CRITERIA_TAB.name}" chưa có tiêu chí nào. Nhập bộ tiêu chí của tỉnh hoặc bảng phân công bằng lệnh: cchc index-import TỆP.xlsx (biểu mẫu: templates/bieu-chi-so-cchc.xlsx).`,
    );
    return EXIT.dataErrors;
  }
  const summary = indexSummary(tables['criteria'] ?? [], {
    period,
    today,
    settings: catalog.settings,
    registry: catalog.registry,
    // The plan's tasks that serve the criteria, so their progress reads against each criterion.
    progress: taskProgress(catalog, today),
  });
  console.log(options.json ? JSON.stringify(summary, null, 2) : indexText(summary, periodName(period)));
  if (options.out) {
    const { criteria } = decodeCriteria(tables['criteria'] ?? []);
    const ward = storeWard(catalog.settings, catalog.plans);
    let kept: string;
    if (format === '.docx') {
      const word = await wordWriter();
      kept = await writeOutputFile(options.out, outputOptions(options), (keywords) =>
        word.officialDocxBytes(indexReport({ summary, criteria, period, ward }), keywords),
      );
    } else kept = await writeOutput(criteriaWorkbook(criteria, summary, period, ward), options.out, outputOptions(options));
    if (!options.json)
      console.log(`Đã xuất ${format === '.docx' ? 'báo cáo tự chấm điểm' : 'biểu tự chấm điểm'} ra ${options.out}${kept}.`);
  }
  return summary.issues.some((i) => i.severity === 'error') ? EXIT.dataErrors : EXIT.ok;
}
