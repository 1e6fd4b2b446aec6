import { describe, expect, it } from 'vitest';
import { matchKey, UnitRegistry } from '../../core/index';

const registry = UnitRegistry.withStandard();
const ids = (cell: string) => registry.parseList(cell).map((r) => r.unit);

describe('matchKey', () => {
  it('is the same for NFC, NFD, old tone marks, Ð and case', () => {
    const key = matchKey('Phòng Văn hóa - Xã hội');
    expect(matchKey('Phòng Văn hóa - Xã hội'.normalize('NFD'))).toBe(key);
    expect(matchKey('PHÒNG VĂN HOÁ - XÃ HỘI')).toBe(key);
    expect(matchKey('Phòng  Văn\u00a0hoá – Xã hội')).toBe(key);
    expect(matchKey('Ủy ban')).toBe(matchKey('Uỷ ban'));
    expect(matchKey('Ðô thị')).toBe(matchKey('Đô thị'));
  });
});

describe('UnitRegistry', () => {
  it('resolves abbreviations and aliases', () => {
    expect(ids('Phòng VHXH')).toEqual(['VHXH']);
    expect(ids('Trung tâm PVHCC')).toEqual(['TTPVHCC']);
    expect(ids('Trung tâm Phục vụ HCC')).toEqual(['TTPVHCC']);
    expect(ids('VP')).toEqual(['VP']);
    expect(ids('BCH Quân sự phường')).toEqual(['QS']);
  });

  it('ignores a trailing phường/xã and NFD or old tone marks', () => {
    expect(ids('Phòng Văn hóa - Xã hội phường')).toEqual(['VHXH']);
    expect(ids('Phòng Văn hoá - Xã hội'.normalize('NFD'))).toEqual(['VHXH']);
    expect(ids('Văn phòng HĐND và UBND xã')).toEqual(['VP']);
  });

  it('accepts the typo "Phòng VHXXH" as VHXH but flags it', () => {
    const [ref] = registry.parseList('Phòng VHXXH');
    expect(ref).toMatchObject({ unit: 'VHXH', match: 'typo', suggestion: 'Phòng Văn hóa - Xã hội' });
  });

  it('keeps unknown names as written, with the closest suggestion', () => {
    const [ref] = registry.parseList('Phòng Văn hóa Thông tin');
    expect(ref).toMatchObject({ text: 'Phòng Văn hóa Thông tin', unit: null, match: 'none' });
    expect(ref!.suggestion).toBe('Phòng Văn hóa - Xã hội');
  });

  it('splits cells on ; , và without breaking names that contain them', () => {
    expect(ids('Phòng Kinh tế, Hạ tầng và Đô thị phường')).toEqual(['KTHTDT']);
    expect(ids('Văn phòng HĐND và UBND phường và các phòng, đơn vị')).toEqual(['VP', 'PHONG_DON_VI']);
    expect(ids('Trung tâm PVHCC, Các phòng, ban chuyên môn')).toEqual(['TTPVHCC', 'PHONG_BAN']);
    expect(ids('Sở Khoa học và Công nghệ, Các phòng, ban chuyên môn')).toEqual(['SO_KHCN', 'PHONG_BAN']);
    expect(ids('Phòng Văn hóa - Xã hội phường; Trung tâm Dịch vụ công phường')).toEqual(['VHXH', 'TTDV']);
    expect(ids('Văn phòng HĐND và UBND, Trung tâm Phục vụ hành chính công phường')).toEqual(['VP', 'TTPVHCC']);
  });

  it('recognises group phrases as groups', () => {
    for (const cell of ['Các phòng, ban chuyên môn', 'Các cơ quan, đơn vị có liên quan', 'Các cơ quan đơn vị có liên quan']) {
      expect(registry.parseList(cell)).toHaveLength(1);
      expect(registry.parseList(cell)[0]!.kind).toBe('group');
    }
  });

  it('lets a ward add its own units and aliases', () => {
    const own = UnitRegistry.withStandard([
      { id: 'TP', name: 'Phòng Tư pháp', kind: 'unit', aliases: ['Tư pháp - Hộ tịch'] },
      { id: 'VHXH', name: 'Phòng Văn hóa - Xã hội', kind: 'unit', aliases: ['Phòng VH-XH-TT'] },
    ]);
    expect(own.parseList('Tư pháp - Hộ tịch xã').map((r) => r.unit)).toEqual(['TP']);
    expect(own.parseList('Phòng VH-XH-TT').map((r) => r.unit)).toEqual(['VHXH']);
    expect(own.parseList('Phòng VHXH').map((r) => r.unit)).toEqual(['VHXH']); // standard aliases kept
  });
});
