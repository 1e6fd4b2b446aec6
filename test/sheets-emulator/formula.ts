// Formulas are stored as written; the emulator is not a spreadsheet engine. It evaluates plain
// arithmetic on number literals (=1+2*3) so USER_ENTERED formulas visibly differ from RAW text,
// and reports anything else as an #ERROR! value unless the test supplies its own evaluator.

import type { ExtendedValue } from './model';

export type FormulaEvaluator = (formula: string) => ExtendedValue | undefined;

export function evaluateArithmetic(formula: string): ExtendedValue | undefined {
  const tokens = formula.slice(1).match(/\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|[-+*/()]|\S/g) ?? [];
  let pos = 0;
  const peek = (): string | undefined => tokens[pos];
  const expr = (): number => {
    let v = term();
    while (peek() === '+' || peek() === '-') v = tokens[pos++] === '+' ? v + term() : v - term();
    return v;
  };
  const term = (): number => {
    let v = factor();
    while (peek() === '*' || peek() === '/') v = tokens[pos++] === '*' ? v * factor() : v / factor();
    return v;
  };
  const factor = (): number => {
    const t = tokens[pos++];
    if (t === '-') return -factor();
    if (t === '+') return factor();
    if (t === '(') {
      const v = expr();
      if (tokens[pos++] !== ')') throw new Error('syntax');
      return v;
    }
    if (t !== undefined && /^\d/.test(t)) return Number(t);
    throw new Error('syntax');
  };
  try {
    const value = expr();
    if (pos !== tokens.length) return undefined;
    if (!Number.isFinite(value)) return { errorValue: { type: 'DIVIDE_BY_ZERO', message: 'Function DIVIDE parameter 2 cannot be zero.' } };
    return { numberValue: value };
  } catch {
    return undefined;
  }
}

export const UNSUPPORTED_FORMULA: ExtendedValue = {
  errorValue: { type: 'ERROR', message: 'sheets-emulator cannot evaluate this formula' },
};
