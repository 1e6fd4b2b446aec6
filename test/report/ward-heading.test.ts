import { describe, expect, it } from 'vitest';
import { wardHeading, wardInText, wardName } from '../../core/index';

describe('the ward heading on covers', () => {
  it('takes the kind written in the setting', () => {
    expect(wardHeading(wardName('xã Phúc Thuận'))).toBe('UBND XÃ PHÚC THUẬN');
    expect(wardHeading(wardName('Phường An Tường'))).toBe('UBND PHƯỜNG AN TƯỜNG');
  });

  it('takes the kind from a plan title when the setting has the name only, whatever the tone-mark style', () => {
    const titles = ['Kế hoạch Cải cách hành chính phường An Tường năm 2026'];
    expect(wardHeading(wardName('An Tường', titles))).toBe('UBND PHƯỜNG AN TƯỜNG');
    expect(wardInText(wardName('An Tường', titles))).toBe('phường An Tường');
    // Seed 002: "trên địa bàn phường Nhị Chiểu".
    expect(
      wardHeading(wardName('Nhị Chiểu', ['Kế hoạch triển khai thực hiện Quyết định số 534/QĐ-TTg trên địa bàn phường Nhị Chiểu'])),
    ).toBe('UBND PHƯỜNG NHỊ CHIỂU');
    expect(wardName('Thanh Hoá', ['Kế hoạch CCHC xã Thanh Hóa năm 2026']).kind).toBe('xã');
  });

  it('does not guess: another ward in the titles, or none, leaves the kind out; no ward leaves a blank', () => {
    expect(wardHeading(wardName('Đông Tiến', ['Kế hoạch CCHC phường An Tường năm 2026']))).toBe('UBND ĐÔNG TIẾN');
    expect(wardHeading(wardName('An', ['Kế hoạch CCHC phường An Tường năm 2026']))).toBe('UBND AN');
    expect(wardHeading(wardName(''))).toBe('UBND ……………………');
  });
});
