/**
 * Digitisation ratios from the province procedure system's counts, each with its
 * numerator, denominator, target and 766-style score; the overall score is the
 * mean of the applicable ones, out of 100.
 */
import { settingNumber, type SettingKey, type Settings } from '../settings/settings';
import { ratio, type Ratio } from './score';

export interface DigitisationIndicator extends Ratio {
  key: string;
  /** Vietnamese name, as in the plans. */
  name: string;
}

export interface DigitisationMetrics {
  indicators: DigitisationIndicator[];
  /** Mean score of applicable indicators (0–100), null when none applies. */
  score: number | null;
}

/** [key, name, numerator column, denominator column, target setting]. */
const INDICATORS: readonly [string, string, string, string, SettingKey][] = [
  ['onlineHandling', 'Hồ sơ TTHC xử lý trên môi trường số', 'online', 'received', 'onlineHandlingTarget'],
  ['onTime', 'Hồ sơ giải quyết đúng hạn', 'onTime', 'resolved', 'onTimeTarget'],
  ['digitised', 'Hồ sơ được số hóa', 'digitised', 'received', 'digitisedTarget'],
  ['eResults', 'Kết quả giải quyết điện tử', 'eResults', 'resolved', 'eResultsTarget'],
  ['reuse', 'Tái sử dụng kết quả số hóa', 'reused', 'received', 'reuseTarget'],
  ['paymentEnabled', 'TTHC có thu phí cho phép thanh toán trực tuyến', 'paymentEnabled', 'feeProcedures', 'paymentEnabledTarget'],
  ['paymentUsed', 'TTHC có giao dịch thanh toán trực tuyến', 'paymentUsed', 'feeProcedures', 'paymentUsedTarget'],
  ['paidOnline', 'Hồ sơ thanh toán trực tuyến', 'paidOnline', 'feeDossiers', 'paidOnlineTarget'],
  ['docsOnNetwork', 'Văn bản, hồ sơ công việc xử lý trên mạng', 'docsOnNetwork', 'docsTotal', 'docsOnNetworkTarget'],
  ['inspectionsDigital', 'Hoạt động kiểm tra qua môi trường số', 'inspectionsDigital', 'inspectionsTotal', 'inspectionsDigitalTarget'],
];

/** `perUnit`: the counts are one unit's, held to the per-unit target for documents on the network (90%, not the committee's 70%). */
export function digitisationMetrics(totals: Record<string, number>, settings: Settings, perUnit = false): DigitisationMetrics {
  const indicators = INDICATORS.map(([key, name, n, d, setting]) => ({
    key,
    name,
    ...ratio(
      totals[n] ?? 0,
      totals[d] ?? 0,
      settingNumber(settings, perUnit && key === 'docsOnNetwork' ? 'docsOnNetworkUnitTarget' : setting),
    ),
  }));
  const scored = indicators.filter((i) => i.score !== null);
  const score = scored.length === 0 ? null : Math.round((scored.reduce((s, i) => s + i.score!, 0) / scored.length) * 10) / 10;
  return { indicators, score };
}
