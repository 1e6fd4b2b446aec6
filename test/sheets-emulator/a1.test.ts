import { describe, expect, it } from 'vitest';
import { columnLetter } from '../../core/layout/columns';
import { columnIndex, formatRange, parseRange, quoteTitle } from './a1';

describe('A1 notation', () => {
  it('parses the range forms clients send', () => {
    expect(parseRange("'Nhiệm vụ'!A1:D")).toEqual({ title: 'Nhiệm vụ', area: { startRow: 0, startCol: 0, endCol: 4 } });
    expect(parseRange('Tab!A:Z')).toEqual({ title: 'Tab', area: { startRow: 0, startCol: 0, endCol: 26 } });
    expect(parseRange('Tab!2:5')).toEqual({ title: 'Tab', area: { startRow: 1, startCol: 0, endRow: 5 } });
    expect(parseRange('Tab!$B$2')).toEqual({ title: 'Tab', area: { startRow: 1, startCol: 1, endRow: 2, endCol: 2, anchor: true } });
    expect(parseRange('Tab!C3:A1')).toEqual({ title: 'Tab', area: { startRow: 0, startCol: 0, endRow: 3, endCol: 3 } });
    expect(parseRange("'O''Brien''s tab'")).toEqual({ title: "O'Brien's tab" });
    expect(parseRange('Cài đặt')).toEqual({ title: 'Cài đặt' });
    expect(parseRange('A1:B2')).toEqual({ bare: 'A1:B2', area: { startRow: 0, startCol: 0, endRow: 2, endCol: 2 } });
    expect(parseRange("'unterminated!A1")).toBeUndefined();
    expect(parseRange('Tab!A0')).toBeUndefined();
    expect(parseRange('Tab!A1:B2:C3')).toBeUndefined();
  });

  it('formats ranges the way the API echoes them', () => {
    expect(formatRange('Nhiệm vụ', { startRow: 0, startCol: 0, endRow: 1000, endCol: 26 })).toBe("'Nhiệm vụ'!A1:Z1000");
    expect(formatRange('Sheet1', { startRow: 4, startCol: 27, endRow: 5, endCol: 28 })).toBe('Sheet1!AB5');
    expect(formatRange("O'Brien", { startRow: 0, startCol: 0, endRow: 2, endCol: 1 })).toBe("'O''Brien'!A1:A2");
    expect(quoteTitle('AB12')).toBe("'AB12'");
    expect(quoteTitle('Đơnvị')).toBe("'Đơnvị'");
  });

  it('reads column letters (the shared columnLetter writes them)', () => {
    expect([0, 25, 26, 701, 702, 18277].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'ZZ', 'AAA', 'ZZZ']);
    expect(['A', 'z', 'AA', 'ZZZ'].map(columnIndex)).toEqual([0, 25, 26, 18277]);
  });
});
