/**
 * Ward settings, kept in the "Cài đặt" tab as label / value / key rows so
 * officials can edit values in Vietnamese while code reads stable keys.
 */
export interface SettingSpec {
  key: string;
  label: string;
  defaultValue: string;
}

export const SETTING_SPECS: SettingSpec[] = [
  { key: 'ward', label: 'Tên phường/xã', defaultValue: '' },
  { key: 'planYear', label: 'Năm kế hoạch', defaultValue: '2026' },
  { key: 'soonDays', label: 'Số ngày báo trước hạn (sắp đến hạn)', defaultValue: '14' },
  { key: 'meetingsBaseline', label: 'Tổng số hội nghị năm trước (khi không có sổ năm trước)', defaultValue: '' },
  { key: 'onlineShareTarget', label: 'Chỉ tiêu tỷ lệ hội nghị trực tuyến (%)', defaultValue: '60' },
  { key: 'meetingReductionTarget', label: 'Chỉ tiêu giảm số hội nghị so với năm trước (%)', defaultValue: '10' },
  { key: 'communeWideMax', label: 'Số hội nghị toàn xã/phường tối đa mỗi năm', defaultValue: '3' },
];

export type Settings = Record<string, string>;

export function defaultSettings(): Settings {
  return Object.fromEntries(SETTING_SPECS.map((s) => [s.key, s.defaultValue]));
}

export function settingNumber(settings: Settings, key: string, fallback: number): number {
  const n = Number(settings[key]);
  return Number.isFinite(n) && settings[key] !== '' ? n : fallback;
}
