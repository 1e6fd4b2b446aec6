/**
 * `cchc index`: the CCHC-index self-assessment — totals per area and unit, points
 * lost, criteria without evidence, days to the deadline; `--out` also writes the
 * self-scoring table with clickable evidence links (.xlsx) or the report a ward
 * sends with its self-scores (.docx).
 */
import {
  CATALOG_TABS,
  catalogFromTables,
  CRITERIA_TAB,
  decodeCriteria,
  indexReport,
  indexSummaryOf,
  periodName,
  storeWard,
} from '../../../core/index';
import { criteriaWorkbook } from '../../excel/criteria-writer';
import { CchcError, EXIT } from '../../errors';
import { DocumentOutput, type DocumentOptions } from '../shared/document-output';
import { openStore } from '../shared/open-store';
import { indexText } from '../shared/report-text';
import { wordWriter } from '../shared/word-writer';
import { periodOptions, type MetricsCliOptions } from '../shared/options';

export interface IndexOptions extends MetricsCliOptions, DocumentOptions {}

export async function indexCommand(options: IndexOptions): Promise<number> {
  const { period, today } = periodOptions(options);
  const output = new DocumentOutput('index', options);
  const format = options.out
    ? await output.check(
        options.out,
        (shown) =>
          new CchcError('INDEX_FORMAT', `Không xuất được dạng "${shown}". Ghi tên tệp .xlsx (biểu tự chấm) hoặc .docx (báo cáo Word).`),
      )
    : null;
  const tables = await openStore(options).read([...CATALOG_TABS, CRITERIA_TAB.key]);
  const catalog = catalogFromTables(tables);
  if ((tables['criteria'] ?? []).length === 0) {
    console.log(
      `Trang "${CRITERIA_TAB.name}" chưa có tiêu chí nào. Nhập bộ tiêu chí của tỉnh hoặc bảng phân công bằng lệnh: cchc index-import TỆP.xlsx (biểu mẫu: templates/bieu-chi-so-cchc.xlsx).`,
    );
    return EXIT.dataErrors;
  }
  const summary = indexSummaryOf(catalog, tables['criteria'] ?? [], { period, today });
  console.log(options.json ? JSON.stringify(summary, null, 2) : indexText(summary, periodName(period)));
  if (options.out) {
    const { criteria } = decodeCriteria(tables['criteria'] ?? []);
    const ward = storeWard(catalog.settings, catalog.plans);
    const line = await output.write(
      options.out,
      {
        workbook: () => criteriaWorkbook(criteria, summary, period, ward),
        word: async (keywords) => (await wordWriter()).officialDocxBytes(indexReport({ summary, criteria, period, ward }), keywords),
      },
      `Đã xuất ${format === '.docx' ? 'báo cáo tự chấm điểm' : 'biểu tự chấm điểm'}`,
    );
    if (!options.json) console.log(line);
  }
  return summary.issues.some((i) => i.severity === 'error') ? EXIT.dataErrors : EXIT.ok;
}
