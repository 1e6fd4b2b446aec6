/**
 * Administrative documents: at least 15% fewer than the previous year, and every
 * non-secret document between agencies sent and received electronically.
 */
import { settingNumber, type Settings } from '../settings/settings';
import { formatVnNumber, formatVnPercent } from '../text/number';
import { ratio, type Ratio } from './score';

export interface DocumentMetrics {
  issued: number;
  baseline: number;
  /** Change against the same period last year, percent; null without a baseline. */
  change: { value: number | null; target: number; pass: boolean | null; gap: string };
  electronicShare: Ratio;
}

export function documentMetrics(totals: Record<string, number>, settings: Settings): DocumentMetrics {
  const issued = totals['issued'] ?? 0;
  const baseline = totals['baseline'] ?? 0;
  const reduction = settingNumber(settings, 'documentReductionTarget');
  let change: DocumentMetrics['change'] = { value: null, target: -reduction, pass: null, gap: 'Không áp dụng' };
  if (baseline > 0) {
    const value = Math.round(((issued - baseline) / baseline) * 1000) / 10;
    const pass = value <= -reduction;
    const needed = Math.ceil(issued - baseline * (1 - reduction / 100));
    change = {
      value,
      target: -reduction,
      pass,
      gap: pass ? 'Đạt' : `Cần giảm thêm ${formatVnNumber(needed)} văn bản để đạt mức giảm ${formatVnPercent(reduction)}`,
    };
  }
  return {
    issued,
    baseline,
    change,
    electronicShare: ratio(totals['electronic'] ?? 0, totals['exchanged'] ?? 0, settingNumber(settings, 'electronicExchangeTarget')),
  };
}
