/**
 * Ward settings, kept in the "Cài đặt" tab as label / value / key rows so
 * officials can edit values in Vietnamese while code reads stable keys.
 */
import { parseDeadline } from '../deadline/parse';
import { parseDateText } from '../layout/codec';
import { parseVnNumber } from '../text/number';

/** What a setting's value is, so validation can say when an official typed something else. */
export type SettingType = 'text' | 'number' | 'date' | 'year';

export interface SettingSpec {
  key: string;
  label: string;
  defaultValue: string;
  /** Numbers unless said otherwise. */
  type?: SettingType;
}

export const SETTING_SPECS = [
  { key: 'ward', label: 'Tên phường/xã', defaultValue: '', type: 'text' },
  { key: 'planYear', label: 'Năm kế hoạch', defaultValue: '2026', type: 'year' },
  { key: 'soonDays', label: 'Số ngày báo trước hạn (sắp đến hạn)', defaultValue: '14' },
  {
    key: 'conditionDays',
    label: 'Số ngày thực hiện việc có điều kiện kể từ ngày đủ điều kiện (khi kế hoạch không ghi)',
    defaultValue: '30',
  },
  { key: 'meetingsBaseline', label: 'Tổng số hội nghị năm trước (khi không có sổ năm trước)', defaultValue: '' },
  { key: 'indexLastYear', label: 'Điểm Chỉ số CCHC năm trước', defaultValue: '' },
  { key: 'indexScoreStep', label: 'Bước điểm tự chấm Chỉ số CCHC (ví dụ 0,25)', defaultValue: '0.25' },
  {
    key: 'indexDeadlineH1',
    label: 'Hạn gửi tự chấm điểm 6 tháng (dd/mm hoặc "trước ngày dd/mm", theo năm kế hoạch; hoặc dd/mm/yyyy)',
    // As plans write it (Đông Quang: "gửi trước ngày 21/6"), read by the deadline rule: due 20/06.
    defaultValue: 'trước ngày 21/6',
    type: 'date',
  },
  {
    key: 'indexDeadlineYear',
    label: 'Hạn gửi tự chấm điểm năm (dd/mm hoặc "trước ngày dd/mm", theo năm kế hoạch; hoặc dd/mm/yyyy)',
    defaultValue: 'trước ngày 01/12',
    type: 'date',
  },
  { key: 'reportQuarterDay', label: 'Hạn nộp báo cáo quý: ngày trong tháng cuối quý', defaultValue: '15' },
  { key: 'reportHalfDate', label: 'Hạn nộp báo cáo 6 tháng (dd/mm)', defaultValue: '15/06', type: 'date' },
  { key: 'reportYearDate', label: 'Hạn nộp báo cáo năm (dd/mm)', defaultValue: '15/12', type: 'date' },
] as const satisfies readonly SettingSpec[];

/**
 * The 2026 targets the plans set (domain notes), kept in their own "Chỉ tiêu" tab
 * in the same label / value / key layout, so each ward can change them.
 */
export const TARGET_SPECS = [
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
  { key: 'endToEndTarget', label: 'Chỉ tiêu hồ sơ trực tuyến được xử lý toàn trình (%)', defaultValue: '100' },
  { key: 'docsOnNetworkUnitTarget', label: 'Chỉ tiêu văn bản xử lý trên mạng của mỗi đơn vị (%)', defaultValue: '90' },
  { key: 'satisfactionTarget', label: 'Chỉ tiêu mức độ hài lòng với dịch vụ y tế, giáo dục công lập (%)', defaultValue: '90' },
  { key: 'disbursementTarget', label: 'Chỉ tiêu giải ngân vốn đầu tư công (%)', defaultValue: '90' },
  { key: 'indexTarget', label: 'Chỉ tiêu điểm Chỉ số CCHC', defaultValue: '90' },
  { key: 'inspectedUnitsTarget', label: 'Chỉ tiêu tỷ lệ cơ quan, đơn vị được kiểm tra CCHC (%)', defaultValue: '20' },
] as const satisfies readonly SettingSpec[];

export type SettingKey = (typeof SETTING_SPECS)[number]['key'] | (typeof TARGET_SPECS)[number]['key'];

const SPECS: ReadonlyMap<string, SettingSpec> = new Map([...SETTING_SPECS, ...TARGET_SPECS].map((s) => [s.key, s]));

export function settingSpec(key: string): SettingSpec | undefined {
  return SPECS.get(key);
}

export type Settings = Record<string, string>;

/** Settings and targets with their defaults: code reads both through one Settings map. */
export function defaultSettings(): Settings {
  return Object.fromEntries([...SETTING_SPECS, ...TARGET_SPECS].map((s) => [s.key, s.defaultValue]));
}

/** A setting's text as the ward wrote it; its default when absent. */
export function settingText(settings: Settings, key: SettingKey): string {
  return (settings[key] ?? SPECS.get(key)!.defaultValue).trim();
}

/** A number setting ("0,5", "1.234", "60%"), or null when blank; an unreadable one takes the default (validation names it). */
export function optionalSettingNumber(settings: Settings, key: SettingKey): number | null {
  const n = parseVnNumber(settingText(settings, key));
  if (n !== undefined) return n;
  return parseVnNumber(SPECS.get(key)!.defaultValue) ?? null;
}

/**
 * A date setting in the given year: a date cell (ISO), "dd/mm/yyyy", "dd/mm" (the
 * year given) or a phrase such as "trước ngày 21/6", read by the deadline parser so
 * that "trước ngày X" means the same here as in a plan. Null when unreadable.
 */
export function dateInYear(text: string, year: number): string | null {
  const exact = parseDateText(text);
  if (exact) return exact;
  // A date cell in a text column of a Google Sheet arrives as its serial day number (46183 = 10/06/2026).
  if (/^\d{5}$/.test(text) && Number(text) > 30000 && Number(text) < 80000)
    return new Date(Date.UTC(1899, 11, 30) + Number(text) * 86_400_000).toISOString().slice(0, 10);
  const d = parseDeadline(text, year);
  return d.kind === 'date' ? d.due : null;
}

/** A plan year: four digits, 2000 to 2100 ("26", "1999" and "2101" are typing slips, not years a plan runs). */
const isPlanYear = (text: string): boolean => /^\s*\d{4}\s*$/.test(text) && Number(text) >= 2000 && Number(text) <= 2100;

/** Whether a setting's value reads as its kind; a date without its year (dd/mm) is read in `year`. */
export function settingValueOk(spec: SettingSpec, value: string, year: number): boolean {
  const type = spec.type ?? 'number';
  if (type === 'text') return true;
  if (type === 'number') return typeof parseVnNumber(value) === 'number';
  if (type === 'year') return isPlanYear(value);
  return dateInYear(value, year) !== null;
}

/** How to write a setting of this kind, for the message that says it did not read. */
export const SETTING_FORMS: Record<SettingType, string> = {
  text: '',
  number: 'một số, ví dụ 0,5 hoặc 60',
  date: 'ngày dạng dd/mm hoặc dd/mm/yyyy',
  year: 'năm kế hoạch đủ bốn chữ số, từ 2000 đến 2100, ví dụ 2026',
};

export function settingDate(settings: Settings, key: SettingKey, year: number): string {
  return dateInYear(settingText(settings, key), year) ?? dateInYear(SPECS.get(key)!.defaultValue, year)!;
}

/** A number setting with a default in its spec. */
export function settingNumber(settings: Settings, key: SettingKey): number {
  return optionalSettingNumber(settings, key) ?? parseVnNumber(SPECS.get(key)!.defaultValue)!;
}
