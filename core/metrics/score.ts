/**
 * Ratios against targets, scored as the national 766 dashboard does: full marks
 * when the ratio reaches the target, else ratio × max / target; a zero
 * denominator is "không áp dụng" (not applicable), never 0%.
 */
import { formatVnNumber, formatVnPercent } from '../text/number';

export interface Ratio {
  numerator: number;
  denominator: number;
  /** Percent, or null when the denominator is zero. */
  value: number | null;
  /** Target percent. */
  target: number;
  /** null when not applicable. */
  pass: boolean | null;
  /** Score out of `max`, null when not applicable. */
  score: number | null;
  max: number;
  /** Plain Vietnamese: "Đạt", "Còn thiếu 5,0 điểm phần trăm so với chỉ tiêu 60%", "Không áp dụng". */
  gap: string;
}

const round1 = (n: number): number => Math.round(n * 10) / 10;

export function ratio(numerator: number, denominator: number, target: number, max = 100): Ratio {
  if (denominator === 0) {
    return { numerator, denominator, value: null, target, pass: null, score: null, max, gap: 'Không áp dụng' };
  }
  const value = (numerator / denominator) * 100;
  // Compare on rounded hundredths so that 60/100 meets a 60% target exactly.
  const pass = Math.round(value * 100) >= Math.round(target * 100);
  const score = pass ? max : round1((value * max) / target);
  const gap = pass ? 'Đạt' : `Còn thiếu ${formatVnNumber(target - value, 1)} điểm phần trăm so với chỉ tiêu ${formatVnPercent(target)}`;
  return { numerator, denominator, value: round1(value), target, pass, score, max, gap };
}
