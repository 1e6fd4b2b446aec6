import { describe, expect, it } from 'vitest';
import { TASKS_TAB } from '../../core/index';
import { cellFromPlain, isoFromSerial, plainFromCell, serialFromIso } from '../../sync/sheets/grid-values';

const column = (key: string) => TASKS_TAB.columns.find((c) => c.key === key)!;

describe('cell values between the store and the Sheets API', () => {
  it('reads a date-time as its day, whatever the time of day', () => {
    const day = serialFromIso('2026-01-15')!;
    expect(day).toBe(46037);
    expect(isoFromSerial(day)).toBe('2026-01-15');
    expect(isoFromSerial(day + 14 / 24)).toBe('2026-01-15');
    expect(plainFromCell({ effectiveValue: { numberValue: day + 0.99 } }, column('completedOn'))).toBe('2026-01-15');
    expect(plainFromCell({ effectiveValue: { numberValue: 40 } }, column('progress'))).toBe(40);
  });

  it('writes text as stringValue and dates as serial numbers shown dd/mm/yyyy', () => {
    expect(cellFromPlain('=HYPERLINK("x")', column('title'))).toEqual({ userEnteredValue: { stringValue: '=HYPERLINK("x")' } });
    expect(cellFromPlain('2026-01-15', column('completedOn'))).toEqual({
      userEnteredValue: { numberValue: 46037 },
      userEnteredFormat: { numberFormat: { type: 'DATE', pattern: 'dd/mm/yyyy' } },
    });
    expect(cellFromPlain('', column('note'))).toEqual({});
  });
});
