/**
 * Reads many ward sheets, one request each, a few at a time and under the
 * per-minute quota, and computes each ward's metrics with the same core as
 * `cchc metrics`. A ward that cannot be read is reported, not fatal.
 */
import { computeMetrics, tablesOf, type MetricsOptions, type MetricsReport } from '../../core/index';
import { CchcError, foreignText, stopLine } from '../errors';
import type { BackoffOptions } from '../sheets/backoff';
import type { SheetsApi } from '../sheets/client';
import type { RequestRate } from '../sheets/rate-limit';
import { readSheet } from '../sheets/sheet-reader';
import type { WardSheet } from './ward-list';

export interface WardResult {
  ward: WardSheet;
  name: string;
  metrics: MetricsReport | null;
  error: string | null;
}

export interface CollectOptions {
  concurrency: number;
  rate: RequestRate;
  metrics: MetricsOptions;
  backoff?: BackoffOptions;
  onDone?: (done: number, total: number) => void;
}

function failureText(error: unknown): string {
  if (error instanceof CchcError) return stopLine(error.messageVi, error.code);
  return stopLine(`Lỗi không mong đợi khi đọc hoặc tính: ${foreignText(error)}`, 'UNEXPECTED');
}

export async function collectWards(api: SheetsApi, wards: readonly WardSheet[], options: CollectOptions): Promise<WardResult[]> {
  const results: WardResult[] = new Array(wards.length);
  let next = 0;
  let done = 0;
  const worker = async () => {
    for (let i = next++; i < wards.length; i = next++) {
      const ward = wards[i]!;
      try {
        // Every attempt, retries included, takes its place under the quota.
        const state = await readSheet(api, ward.id, { backoff: options.backoff, gate: (send) => options.rate.run(send) });
        const metrics = computeMetrics(tablesOf(state.tabs), options.metrics);
        const settingsWard = state.tabs.get('settings')?.rows.find((r) => r['key'] === 'ward')?.['value'];
        results[i] = { ward, name: ward.name ?? (settingsWard ? String(settingsWard) : state.title), metrics, error: null };
      } catch (error) {
        // One ward's bad sheet (or a bug it triggers) must not cost the province the other 99: it is listed instead.
        results[i] = { ward, name: ward.name ?? ward.id, metrics: null, error: failureText(error) };
      }
      options.onDone?.(++done, wards.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency, wards.length) }, worker));
  return results;
}
