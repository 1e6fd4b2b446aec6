/**
 * `cchc rollup --sheets FILE --out FILE.xlsx`: the province (or a district
 * office) compares its wards. Each ward sheet is read with one request, a few
 * at a time, under the per-minute read quota; unreadable sheets are listed in
 * the workbook and make the exit code 1.
 */
import { periodName } from '../../../core/index';
import { EXIT } from '../../errors';
import { checkOutput, writeOutput, type OutputOptions } from '../../files/output-guard';
import { collectWards } from '../../rollup/collect';
import { rollupWorkbook } from '../../rollup/rollup-workbook';
import { readWardList } from '../../rollup/ward-list';
import { sheetsAuth } from '../../sheets/auth';
import { sheetsApi } from '../../sheets/client';
import { RequestRate } from '../../sheets/rate-limit';
import { localStorePath } from '../../store/store-options';
import { defaultOut, periodOptions, type MetricsCliOptions } from '../shared/options';

export interface RollupOptions extends Pick<MetricsCliOptions, 'period' | 'today' | 'calendar'> {
  sheets: string;
  out?: string;
  force?: boolean;
  concurrency: number;
  perMinute: number;
}

export async function rollupCommand(options: RollupOptions): Promise<number> {
  const { period, today } = periodOptions(options);
  // Checked before any ward is read: a file of the official's, or the store, is never replaced without --force.
  const out = options.out ?? defaultOut('tong-hop', periodName(period, { title: true }));
  const guard: OutputOptions = { command: 'rollup', force: options.force, protect: [localStorePath({})] };
  await checkOutput(out, guard);
  const wards = await readWardList(options.sheets);
  const api = sheetsApi(await sheetsAuth());
  const progress = process.stderr.isTTY
    ? (done: number, total: number) => process.stderr.write(`\rĐã đọc ${done}/${total} bảng tính`)
    : undefined;
  const results = await collectWards(api, wards, {
    concurrency: options.concurrency,
    rate: new RequestRate(options.perMinute),
    metrics: { period, today },
    onDone: progress,
  });
  if (progress) process.stderr.write('\n');
  const kept = await writeOutput(rollupWorkbook(results, period, today), out, guard);
  const failed = results.filter((r) => r.error);
  console.log(`Đã tổng hợp ${results.length - failed.length}/${results.length} phường, xã (${periodName(period)}) ra ${out}${kept}.`);
  for (const f of failed) console.log(`  Không đọc được ${f.name} (dòng ${f.ward.line}): ${f.error}`);
  return failed.length > 0 ? EXIT.dataErrors : EXIT.ok;
}
