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
  { key: 'conditionDays', label: 'Số ngày thực hiện việc có điều kiện kể từ ngày đủ điều kiện (khi kế hoạch không ghi)', defaultValue: '30' },
  { key: 'meetingsBaseline', label: 'Tổng số hội nghị năm trước (khi không có sổ năm trước)', defaultValue: '' },
  { key: 'indexLastYear', label: 'Điểm Chỉ số CCHC năm trước', defaultValue: '' },
  { key: 'indexScoreStep', label: 'Bước điểm tự chấm Chỉ số CCHC (ví dụ 0,25)', defaultValue: '0.25' },
  { key: 'indexDeadlineH1', label: 'Hạn gửi tự chấm điểm 6 tháng (dd/mm/yyyy)', defaultValue: '21/06/2026' },
  { key: 'indexDeadlineYear', label: 'Hạn gửi tự chấm điểm năm (dd/mm/yyyy)', defaultValue: '01/12/2026' },
  { key: 'reportQuarterDay', label: 'Hạn nộp báo cáo quý: ngày trong tháng cuối quý', defaultValue: '15' },
  { key: 'reportHalfDate', label: 'Hạn nộp báo cáo 6 tháng (dd/mm)', defaultValue: '15/06' },
  { key: 'reportYearDate', label: 'Hạn nộp báo cáo năm (dd/mm)', defaultValue: '15/12' },
];

/**
 * The 2026 targets the plans set (domain notes), kept in their own "Chỉ tiêu" tab
 * in the same label / value / key layout, so each ward can change them.
 */
export const TARGET_SPECS: SettingSpec[] = [
  { key: 'onlineShareTarget', label: 'Chỉ tiêu tỷ lệ hội nghị trực tuyến (%)', defaultValue: '60' },
  { key: 'meetingReductionTarget', label: 'Chỉ tiêu giảm số hội nghị so với năm trước (%)', defaultValue: '10' },
  { key: 'communeWideMax', label: 'Số hội nghị toàn xã/phường tối đa mỗi năm', defaultValue: '3' },
  { key: 'documentReductionTarget', label: 'Chỉ tiêu giảm văn bản hành chính so với năm trước (%)', defaultValue: '15' },
  { key: 'electronicExchangeTarget', label: 'Chỉ tiêu văn bản không mật gửi, nhận điện tử (%)', defaultValue: '100' },
  { key: 'onlineHandlingTarget', label: 'Chỉ tiêu hồ sơ TTHC xử lý trên môi trường số (%)', defaultValue: '95' },
  { key: 'onTimeTarget', label: 'Chỉ tiêu hồ sơ giải quyết đúng hạn (%)', defaultValue: '95' },
  { key: 'digitisedTarget', label: 'Chỉ tiêu số hóa hồ sơ, văn bản (%)', defaultValue: '95' },
  { key: 'eResultsTarget', label: 'Chỉ tiêu cấp kết quả điện tử (%)', defaultValue: '100' },
  { key: 'reuseTarget', label: 'Chỉ tiêu tái sử dụng kết quả số hóa (%)', defaultValue: '90' },
  { key: 'paymentEnabledTarget', label: 'Chỉ tiêu TTHC có thu phí cho phép thanh toán trực tuyến (%)', defaultValue: '100' },
  { key: 'paymentUsedTarget', label: 'Chỉ tiêu TTHC có phát sinh giao dịch thanh toán trực tuyến (%)', defaultValue: '70' },
  { key: 'paidOnlineTarget', label: 'Chỉ tiêu hồ sơ thanh toán trực tuyến (%)', defaultValue: '90' },
  { key: 'docsOnNetworkTarget', label: 'Chỉ tiêu văn bản xử lý trên mạng (%)', defaultValue: '70' },
  { key: 'inspectionsDigitalTarget', label: 'Chỉ tiêu hoạt động kiểm tra qua môi trường số (%)', defaultValue: '70' },
  { key: 'docsOnNetworkUnitTarget', label: 'Chỉ tiêu văn bản xử lý trên mạng của mỗi đơn vị (%)', defaultValue: '90' },
  { key: 'satisfactionTarget', label: 'Chỉ tiêu mức độ hài lòng với dịch vụ y tế, giáo dục công lập (%)', defaultValue: '90' },
  { key: 'disbursementTarget', label: 'Chỉ tiêu giải ngân vốn đầu tư công (%)', defaultValue: '90' },
  { key: 'indexTarget', label: 'Chỉ tiêu điểm Chỉ số CCHC', defaultValue: '90' },
  { key: 'inspectedUnitsTarget', label: 'Chỉ tiêu tỷ lệ cơ quan, đơn vị được kiểm tra CCHC (%)', defaultValue: '20' },
];

export type Settings = Record<string, string>;

/** Settings and targets with their defaults: code reads both through one Settings map. */
export function defaultSettings(): Settings {
  return Object.fromEntries([...SETTING_SPECS, ...TARGET_SPECS].map((s) => [s.key, s.defaultValue]));
}

export function settingNumber(settings: Settings, key: string, fallback: number): number {
  const n = Number(settings[key]);
  return Number.isFinite(n) && settings[key] !== '' ? n : fallback;
}
