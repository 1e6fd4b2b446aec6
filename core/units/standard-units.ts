/**
 * The standard units of a ward or commune People's Committee (Nghị định
 * 150/2025/NĐ-CP and local practice), with the spellings the seed plans use.
 * Wards add their own units and aliases in the "Đơn vị" tab.
 */
import { GROUP_UNITS } from './groups';
import type { UnitDef } from './types';

export const STANDARD_UNITS: readonly UnitDef[] = [
  {
    id: 'VP',
    name: 'Văn phòng HĐND và UBND',
    kind: 'unit',
    aliases: [
      'VP',
      'Văn phòng',
      'VP HĐND và UBND',
      'VP HĐND-UBND',
      'Văn phòng HĐND-UBND',
      'Văn phòng HĐND, UBND',
      'Văn phòng Hội đồng nhân dân và Ủy ban nhân dân',
    ],
  },
  {
    id: 'VHXH',
    name: 'Phòng Văn hóa - Xã hội',
    kind: 'unit',
    aliases: ['VHXH', 'Phòng VHXH', 'Phòng Văn hóa và Xã hội', 'Phòng Văn hóa Xã hội', 'Phòng Văn hóa - Xã hội (VHXH)'],
  },
  {
    id: 'KT',
    name: 'Phòng Kinh tế',
    kind: 'unit',
    aliases: ['Phòng KT'],
  },
  {
    id: 'KTHTDT',
    name: 'Phòng Kinh tế, Hạ tầng và Đô thị',
    kind: 'unit',
    aliases: ['KTHTĐT', 'Phòng KTHTĐT', 'Phòng KT, HT và ĐT', 'Phòng KT,HT&ĐT', 'Phòng Kinh tế - Hạ tầng và Đô thị'],
  },
  {
    id: 'TTPVHCC',
    name: 'Trung tâm Phục vụ hành chính công',
    kind: 'unit',
    aliases: ['TTPVHCC', 'Trung tâm PVHCC', 'Trung tâm Phục vụ HCC', 'TT PVHCC', 'Bộ phận một cửa'],
  },
  {
    id: 'TTDV',
    name: 'Trung tâm Dịch vụ tổng hợp',
    kind: 'unit',
    aliases: ['Trung tâm Dịch vụ công', 'Trung tâm Dịch vụ sự nghiệp công', 'Trung tâm cung ứng dịch vụ công', 'TTDVTH', 'Trung tâm DVTH'],
  },
  { id: 'UBND', name: 'UBND phường/xã', kind: 'unit', aliases: ['UBND', 'Ủy ban nhân dân', 'UBND phường', 'UBND xã'] },
  { id: 'CA', name: 'Công an', kind: 'unit', aliases: ['Công an phường', 'Công an xã'] },
  {
    id: 'QS',
    name: 'Ban Chỉ huy Quân sự',
    kind: 'unit',
    aliases: ['BCH Quân sự', 'Ban CHQS', 'BCHQS', 'Quân sự'],
  },
  { id: 'TYT', name: 'Trạm Y tế', kind: 'unit', aliases: ['Trạm y tế phường', 'Trạm y tế xã'] },
  {
    id: 'HDND',
    name: 'Thường trực HĐND',
    kind: 'unit',
    aliases: ['HĐND', 'Hội đồng nhân dân', 'Thường trực Hội đồng nhân dân', 'Các Ban HĐND'],
  },
  // The commune's Party and mass-organisation bodies lead and coordinate tasks too.
  { id: 'DANG_UY', name: 'Đảng ủy', kind: 'party', aliases: ['Ban Thường vụ Đảng ủy', 'Thường trực Đảng ủy', 'BTV Đảng ủy', 'Đảng bộ'] },
  { id: 'VP_DANG_UY', name: 'Văn phòng Đảng ủy', kind: 'party', aliases: ['VP Đảng ủy', 'Văn phòng ĐU'] },
  { id: 'BAN_XDD', name: 'Ban Xây dựng Đảng', kind: 'party', aliases: ['Ban XDĐ', 'Ban Xây dựng Đảng Đảng ủy', 'Ban Tổ chức Đảng ủy'] },
  { id: 'UBKT_DANG_UY', name: 'Ủy ban Kiểm tra Đảng ủy', kind: 'party', aliases: ['UBKT Đảng ủy', 'Ủy ban Kiểm tra'] },
  {
    id: 'MTTQ',
    name: 'Ủy ban MTTQ Việt Nam',
    kind: 'party',
    aliases: [
      'Ủy ban Mặt trận Tổ quốc Việt Nam',
      'Ủy ban Mặt trận Tổ quốc',
      'UBMTTQ',
      'UBMTTQVN',
      'MTTQ',
      'Ủy ban MTTQ',
      'Mặt trận Tổ quốc',
    ],
  },
  {
    id: 'DOAN_TN',
    name: 'Đoàn Thanh niên',
    kind: 'party',
    aliases: [
      'Đoàn TNCS Hồ Chí Minh',
      'Đoàn Thanh niên Cộng sản Hồ Chí Minh',
      'Đoàn thanh niên CSHCM',
      'Đoàn TN',
      'Xã đoàn',
      'Phường đoàn',
    ],
  },
  { id: 'HOI_PN', name: 'Hội Liên hiệp Phụ nữ', kind: 'party', aliases: ['Hội Phụ nữ', 'Hội LHPN', 'Hội LHPN Việt Nam'] },
  { id: 'HOI_ND', name: 'Hội Nông dân', kind: 'party', aliases: ['Hội ND'] },
  { id: 'HOI_CCB', name: 'Hội Cựu chiến binh', kind: 'party', aliases: ['Hội CCB'] },
  { id: 'CONG_DOAN', name: 'Công đoàn', kind: 'party', aliases: ['Công đoàn cơ sở', 'Ban Chấp hành Công đoàn'] },
  { id: 'TRUONG', name: 'Các trường học', kind: 'group', aliases: ['Các nhà trường', 'Trường học', 'Các trường'] },
  {
    id: 'TDP',
    name: 'Các tổ dân phố, thôn, xóm',
    kind: 'group',
    aliases: [
      'Các Tổ dân phố',
      'Tổ dân phố',
      'Các thôn',
      'Thôn, xóm',
      'Các thôn, xóm',
      'Các thôn, tổ dân phố',
      'Các xóm',
      'Các bản',
      'Các khu phố',
    ],
  },
  {
    id: 'PHONG_BAN',
    name: 'Các phòng, ban chuyên môn',
    kind: 'group',
    aliases: ['Các phòng ban chuyên môn', 'Các phòng chuyên môn', 'Các phòng, ban', 'Các phòng ban'],
  },
  {
    id: 'PHONG_DON_VI',
    name: 'Các phòng, đơn vị',
    kind: 'group',
    aliases: ['Các phòng, cơ quan, đơn vị', 'Các phòng, đơn vị trực thuộc', 'Các đơn vị trực thuộc', 'Các đơn vị'],
  },
  {
    id: 'LIEN_QUAN',
    name: 'Các cơ quan, đơn vị có liên quan',
    kind: 'group',
    aliases: [
      'Các cơ quan, đơn vị liên quan',
      'Các cơ quan đơn vị có liên quan',
      'Các đơn vị có liên quan',
      'Các đơn vị liên quan',
      'Các cơ quan liên quan',
    ],
  },
  ...GROUP_UNITS,
  { id: 'SO_NOI_VU', name: 'Sở Nội vụ', kind: 'external', aliases: ['SNV'] },
  { id: 'SO_KHCN', name: 'Sở Khoa học và Công nghệ', kind: 'external', aliases: ['Sở KH&CN', 'Sở KHCN'] },
  { id: 'SO_TAI_CHINH', name: 'Sở Tài chính', kind: 'external', aliases: [] },
  { id: 'UBND_TINH', name: 'UBND tỉnh', kind: 'external', aliases: ['Ủy ban nhân dân tỉnh', 'UBND thành phố'] },
];
