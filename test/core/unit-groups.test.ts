import { describe, expect, it } from 'vitest';
import { UnitRegistry, validateCatalog, type Task } from '../../core/index';

const registry = UnitRegistry.withStandard();
const refs = (cell: string) => registry.parseList(cell).map((r) => [r.unit, r.kind, r.match]);

describe('group phrases', () => {
  // The lead phrases of a commune's plan, as its officials write them (the list).
  it.each([
    ['Các cơ quan, tổ chức, đơn vị', 'CQ_DV'],
    ['Các cơ quan, tổ chức, đơn vị thuộc UBND xã', 'DV_UBND'],
    ['Các cơ quan, tổ chức, đơn vị liên quan', 'LIEN_QUAN'],
    ['Các cơ quan, tổ chức, đơn vị có liên quan', 'LIEN_QUAN'],
    ['Các cơ quan, tổ chức, đơn vị được giao nhiệm vụ tại Kế hoạch số 15/KH-UBND ngày 10/01/2026', 'DUOC_GIAO'],
    ['Các cơ quan, tổ chức, đơn vị được kiểm tra năm 2026', 'DUOC_KIEM_TRA'],
    ['các xóm', 'TDP'],
    ['Các thôn, tổ dân phố trên địa bàn xã', 'TDP'],
    ['Các bản', 'TDP'],
    ['Các khu phố', 'TDP'],
    ['Các doanh nghiệp trên địa bàn', 'DOANH_NGHIEP'],
    ['Các đoàn thể', 'DOAN_THE'],
    ['CÁC CƠ QUAN, TỔ CHỨC, ĐƠN VỊ'.normalize('NFD'), 'CQ_DV'],
  ])('"%s" is the group %s', (cell, id) => {
    expect(refs(cell)).toEqual([[id, 'group', 'exact']]);
  });

  it('reads "Các quan, tổ chức, đơn vị" as the group, flagged as a typo', () => {
    const [ref] = registry.parseList('Các quan, tổ chức, đơn vị');
    expect(ref).toMatchObject({ unit: 'CQ_DV', kind: 'group', match: 'typo', suggestion: 'Các cơ quan, tổ chức, đơn vị' });
  });

  it('a group then single units, comma-separated, is the group and each unit (not one group swallowing them)', () => {
    expect(refs('Các phòng chuyên môn, Công an xã, BCH Quân sự xã')).toEqual([
      ['PHONG_BAN', 'group', 'exact'],
      ['CA', 'unit', 'exact'],
      ['QS', 'unit', 'exact'],
    ]);
  });

  it.each([
    ['Phòng VH-XH', 'VHXH'],
    ['TT DVTH', 'TTDV'],
    ['VP HĐND-UBND', 'VP'],
    ['TT PVHCC', 'TTPVHCC'],
  ])('the standard abbreviation "%s" is %s, not a typo', (cell, id) => {
    expect(refs(cell)).toEqual([[id, 'unit', 'exact']]);
  });

  it('keeps every known unit and every group of a cell', () => {
    expect(refs('Phòng Văn hóa - Xã hội và các cơ quan, tổ chức, đơn vị liên quan')).toEqual([
      ['VHXH', 'unit', 'exact'],
      ['LIEN_QUAN', 'group', 'exact'],
    ]);
    expect(refs('Các cơ quan, tổ chức, đơn vị liên quan và các xóm')).toEqual([
      ['LIEN_QUAN', 'group', 'exact'],
      ['TDP', 'group', 'exact'],
    ]);
    expect(refs('Văn phòng HĐND và UBND, Văn phòng Đảng ủy, các phòng, ban chuyên môn')).toEqual([
      ['VP', 'unit', 'exact'],
      ['VP_DANG_UY', 'party', 'exact'],
      ['PHONG_BAN', 'group', 'exact'],
    ]);
  });
});

describe('Party and mass-organisation bodies', () => {
  it.each([
    ['Văn phòng Đảng ủy', 'VP_DANG_UY'],
    ['Văn phòng Đảng uỷ xã', 'VP_DANG_UY'],
    ['Ban Xây dựng Đảng', 'BAN_XDD'],
    ['Ủy ban MTTQ xã', 'MTTQ'],
    ['Ủy ban Mặt trận Tổ quốc Việt Nam xã', 'MTTQ'],
    ['Đoàn Thanh niên', 'DOAN_TN'],
    ['Hội Phụ nữ', 'HOI_PN'],
    ['Hội Nông dân', 'HOI_ND'],
    ['Hội Cựu chiến binh', 'HOI_CCB'],
  ])('"%s" is %s', (cell, id) => {
    expect(refs(cell)).toEqual([[id, 'party', 'exact']]);
  });

  it('never suggests across kinds', () => {
    // Unknown Party bodies: the closest Party body, never "Văn phòng HĐND và UBND".
    const [party] = registry.parseList('Ban Tuyên giáo Đảng ủy');
    expect(party).toMatchObject({ unit: null, match: 'none' });
    expect(registry.get('VP')!.name).not.toBe(party!.suggestion);
    expect(registry.parseList('Văn phòng Đảng ủy')[0]!.unit).not.toBe('VP');
    // An unknown office is offered an office, not a Party body.
    const [office] = registry.parseList('Phòng Văn hóa Thông tin');
    expect(office!.suggestion).toBe('Phòng Văn hóa - Xã hội');
  });
});

describe('groups in the rules and the views', () => {
  const task = (lead: string): Task => ({
    id: 'NV-1',
    plan: '1/KH-UBND',
    section: '',
    sectionTitle: '',
    stt: '1',
    title: 'Việc',
    target: '',
    lead,
    support: '',
    product: 'Báo cáo',
    deadline: 'Quý II/2026',
    status: '',
    progress: null,
    completedOn: null,
    evidence: '',
    note: '',
  });
  const codes = (lead: string) =>
    validateCatalog({ tasks: [{ row: 2, item: task(lead) }], plans: [], registry, defaultYear: 2026 }).map((i) => i.code);

  it('fires LEAD_IS_GROUP on a group phrase, not UNIT_UNKNOWN', () => {
    expect(codes('Các cơ quan, tổ chức, đơn vị')).toEqual(['LEAD_IS_GROUP']);
    expect(codes('Các quan, tổ chức, đơn vị')).toEqual(['LEAD_IS_GROUP', 'UNIT_TYPO']);
  });

  it('takes "Phòng X và các cơ quan liên quan" as one lead: X', () => {
    expect(codes('Phòng Văn hóa - Xã hội và các cơ quan, tổ chức, đơn vị liên quan')).toEqual([]);
  });

  it('labels groups where officials read per-unit figures', () => {
    expect(registry.label('LIEN_QUAN')).toBe('Các cơ quan, đơn vị có liên quan (nhóm)');
    expect(registry.label('VHXH')).toBe('Phòng Văn hóa - Xã hội');
  });
});
