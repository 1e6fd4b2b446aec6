/**
 * `cchc index`: the CCHC-index self-assessment — totals per area and unit, points
 * lost, criteria without evidence, days to the deadline; `--out` also writes the
 * self-scoring table with clickable evidence links.
 */
import type { Command } from 'commander';
import { catalogFromTables, CRITERIA_TAB, decodeCriteria, formatVnNumber, settingText, formatVn, indexSummary, periodName, type IndexSummary } from '../../../core/index';
import { writeWorkbookAtomic } from '../../excel/atomic-write';
import { criteriaWorkbook } from '../../excel/criteria-writer';
import { EXIT } from '../../errors';
import { openStore } from '../../store/open-store';
import { formatIssue, table } from '../format';
import { run } from '../program';
import { periodOptions, withPeriodOptions, type MetricsCliOptions } from './metrics';

export interface IndexOptions extends MetricsCliOptions {
  out?: string;
}

const n = (x: number): string => formatVnNumber(x);

export function indexText(s: IndexSummary, label: string): string {
  const lines = [
    `Chỉ số CCHC — tự chấm ${label}: ${n(s.total.score)}/${n(s.total.max)} điểm (mất ${n(s.total.lost)} điểm)`,
    `  Năm trước: ${s.lastYear === null ? 'chưa nhập' : n(s.lastYear)}; chỉ tiêu: ${n(s.target)}${s.total.score >= s.target ? ' — Đạt' : ` — còn thiếu ${n(Math.round((s.target - s.total.score) * 100) / 100)} điểm`}`,
  ];
  if (s.deadline) lines.push(`  Hạn gửi tự chấm điểm: ${formatVn(s.deadline)} (${s.daysLeft! >= 0 ? `còn ${s.daysLeft} ngày` : `đã quá ${-s.daysLeft!} ngày`})`);
  lines.push('', 'Theo lĩnh vực:', table(s.areas.map((a) => [`${a.code}. ${a.title}`, `${n(a.totals.score)}/${n(a.totals.max)}`])));
  lines.push('', 'Theo đơn vị chủ trì:', table(s.units.map((u) => [u.name, `${n(u.totals.score)}/${n(u.totals.max)}`])));
  if (s.lost.length > 0) lines.push('', 'Mất điểm nhiều nhất:', table(s.lost.slice(0, 5).map((l) => [`${l.code} ${l.title}`, `-${n(l.lost)}`])));
  lines.push('', `Chưa có tài liệu kiểm chứng: ${s.missingEvidence.length} tiêu chí${s.missingEvidence.length ? ` (${s.missingEvidence.map((m) => m.code).join(', ')})` : ''}`);
  for (const issue of s.issues) lines.push(formatIssue(issue));
  return lines.join('\n');
}

export async function indexCommand(options: IndexOptions): Promise<number> {
  const { period, today } = periodOptions(options);
  const tables = await openStore(options).read();
  const catalog = catalogFromTables(tables);
  if ((tables['criteria'] ?? []).length === 0) {
    console.log(`Trang "${CRITERIA_TAB.name}" chưa có tiêu chí nào. Nhập bộ tiêu chí của tỉnh hoặc bảng phân công bằng lệnh: cchc index-import TỆP.xlsx (biểu mẫu: templates/bieu-chi-so-cchc.xlsx).`);
    return EXIT.dataErrors;
  }
  const summary = indexSummary(tables['criteria'] ?? [], { period, today, settings: catalog.settings, registry: catalog.registry });
  console.log(options.json ? JSON.stringify(summary, null, 2) : indexText(summary, periodName(period)));
  if (options.out) {
    const { criteria } = decodeCriteria(tables['criteria'] ?? []);
    await writeWorkbookAtomic(criteriaWorkbook(criteria, summary, period, settingText(catalog.settings, 'ward')), options.out);
    if (!options.json) console.log(`Đã xuất biểu tự chấm điểm ra ${options.out}.`);
  }
  return summary.issues.some((i) => i.severity === 'error') ? EXIT.dataErrors : EXIT.ok;
}

export function registerIndex(program: Command): void {
  withPeriodOptions(program.command('index').description('Tự chấm điểm Chỉ số CCHC (CCHC-index self-assessment)'))
    .option('--out <file>', 'xuất biểu tự chấm điểm ra .xlsx')
    .option('--json', 'machine-readable output')
    .action(async (opts: IndexOptions) => {
      run.exitCode = await indexCommand(opts);
    });
}
