/**
 * `cchc rollup --sheets FILE --out FILE.xlsx`: the province (or a district
 * office) compares its wards. Each ward sheet is read with one request, a few
 * at a time, under the per-minute read quota; unreadable sheets are listed in
 * the workbook and make the exit code 1.
 */
import { InvalidArgumentError, type Command } from 'commander';
import { EXIT } from '../../errors';
import { writeWorkbookAtomic } from '../../excel/atomic-write';
import { collectWards } from '../../rollup/collect';
import { rollupWorkbook } from '../../rollup/rollup-workbook';
import { readWardList } from '../../rollup/ward-list';
import { sheetsAuth } from '../../sheets/auth';
import { sheetsApi } from '../../sheets/client';
import { RequestRate } from '../../sheets/rate-limit';
import { run } from '../program';
import { periodOptions, type MetricsCliOptions } from './metrics';

interface RollupOptions extends Pick<MetricsCliOptions, 'period' | 'today' | 'calendar'> {
  sheets: string;
  out: string;
  concurrency: number;
  perMinute: number;
}

/** Google allows 60 reads per minute per user; leave room for the retries. */
const DEFAULT_PER_MINUTE = 55;

const positive = (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('cần một số nguyên dương (a positive integer)');
  return n;
};

export async function rollupCommand(options: RollupOptions): Promise<number> {
  const { period, today } = periodOptions(options);
  const wards = await readWardList(options.sheets);
  const api = sheetsApi(await sheetsAuth());
  const progress = process.stderr.isTTY ? (done: number, total: number) => process.stderr.write(`\rĐã đọc ${done}/${total} bảng tính`) : undefined;
  const results = await collectWards(api, wards, {
    concurrency: options.concurrency,
    rate: new RequestRate(options.perMinute),
    metrics: { period, today },
    onDone: progress,
  });
  if (progress) process.stderr.write('\n');
  await writeWorkbookAtomic(rollupWorkbook(results, period, today), options.out);
  const failed = results.filter((r) => r.error);
  console.log(`Đã tổng hợp ${results.length - failed.length}/${results.length} phường, xã (${period.label}) ra ${options.out}.`);
  for (const f of failed) console.log(`  Không đọc được ${f.name} (dòng ${f.ward.line}): ${f.error}`);
  return failed.length > 0 ? EXIT.dataErrors : EXIT.ok;
}

export function registerRollup(program: Command): void {
  program
    .command('rollup')
    .description('Tổng hợp, so sánh chỉ số của nhiều phường, xã từ bảng tính Google (province roll-up)')
    .requiredOption('--sheets <file>', 'tệp danh sách mã bảng tính, mỗi dòng một mã (kèm tên phường/xã nếu muốn)')
    .requiredOption('--out <file>', 'tệp .xlsx cần ghi')
    .option('--period <period>', 'kỳ: 2026 | 2026-H1 | 2026-Q3 | 2026-09 (default: this year)')
    .option('--calendar', 'dùng kỳ theo lịch thay vì kỳ chốt số liệu')
    .option('--today <date>', 'ngày tính, YYYY-MM-DD (default: today in Asia/Ho_Chi_Minh)')
    .option('--concurrency <n>', 'số bảng tính đọc cùng lúc (parallel reads)', positive, 4)
    .option('--per-minute <n>', `tối đa số lượt đọc mỗi phút (quota; default ${DEFAULT_PER_MINUTE})`, positive, Number(process.env['CCHC_SHEETS_READS_PER_MINUTE'] ?? DEFAULT_PER_MINUTE))
    .action(async (opts: RollupOptions) => {
      run.exitCode = await rollupCommand(opts);
    });
}
