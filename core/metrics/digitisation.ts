/**
 * Digitisation ratios from the province procedure system's counts, each with its
 * numerator, denominator, target and 766-style score; the overall score is the
 * mean of the applicable ones, out of 100.
 */
import { settingNumber, type Settings } from '../settings';
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

/** [key, name, numerator column, denominator column, target setting, default target]. */
const INDICATORS: readonly [string, string, string, string, string, number][] = [
  ['onlineHandling', 'Hồ sơ TTHC xử lý trên môi trường số', 'online', 'received', 'onlineHandlingTarget', 95],
  ['onTime', 'Hồ sơ giải quyết đúng hạn', 'onTime', 'resolved', 'onTimeTarget', 95],
  ['digitised', 'Hồ sơ được số hóa', 'digitised', 'received', 'digitisedTarget', 95],
  ['eResults', 'Kết quả giải quyết điện tử', 'eResults', 'resolved', 'eResultsTarget', 100],
  ['reuse', 'Tái sử dụng kết quả số hóa', 'reused', 'received', 'reuseTarget', 90],
  ['paymentEnabled', 'TTHC có thu phí cho phép thanh toán trực tuyến', 'paymentEnabled', 'feeProcedures', 'paymentEnabledTarget', 100],
  ['paymentUsed', 'TTHC có giao dịch thanh toán trực tuyến', 'paymentUsed', 'feeProcedures', 'paymentUsedTarget', 70],
  ['paidOnline', 'Hồ sơ thanh toán trực tuyến', 'paidOnline', 'feeDossiers', 'paidOnlineTarget', 90],
  ['docsOnNetwork', 'Văn bản, hồ sơ công việc xử lý trên mạng', 'docsOnNetwork', 'docsTotal', 'docsOnNetworkTarget', 70],
  ['inspectionsDigital', 'Hoạt động kiểm tra qua môi trường số', 'inspectionsDigital', 'inspectionsTotal', 'inspectionsDigitalTarget', 70],
];

export function digitisationMetrics(totals: Record<string, number>, settings: Settings): DigitisationMetrics {
  const indicators = INDICATORS.map(([key, name, n, d, setting, fallback]) => ({
    key,
    name,
    ...ratio(totals[n] ?? 0, totals[d] ?? 0, settingNumber(settings, setting, fallback)),
  }));
  const scored = indicators.filter((i) => i.score !== null);
  const score = scored.length === 0 ? null : Math.round((scored.reduce((s, i) => s + i.score!, 0) / scored.length) * 10) / 10;
  return { indicators, score };
}
