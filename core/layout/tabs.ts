/** The tabs of the shared sheet (and of the local workbook that mirrors it). */
import { ROW_KIND_LABELS, TASK_STATUSES } from '../model/plan-task';
import { UNIT_KIND_LABELS } from '../units/labels';
import { matchKey } from '../text/vietnamese';
import { col, headerKeys, type TabSpec } from './columns';

export const PLANS_TAB: TabSpec = {
  key: 'plans',
  name: 'Kế hoạch',
  frozenRows: 1,
  columns: [
    col('code', 'Số kế hoạch', 'text', 'key', 18),
    col('title', 'Tên kế hoạch', 'text', 'catalog', 60, { wrap: true }),
    col('date', 'Ngày ban hành', 'date', 'catalog', 14),
    col('ward', 'Phường/xã', 'text', 'catalog', 20),
    col('year', 'Năm', 'number', 'catalog', 8),
    // A plan reported on its own dates (Nhị Chiểu: 10/6 and 10/12); blank follows the ward's settings.
    col('reportHalf', 'Hạn báo cáo 6 tháng (dd/mm)', 'text', 'tracking', 14),
    col('reportYear', 'Hạn báo cáo năm (dd/mm)', 'text', 'tracking', 14),
    // Last, so plans tabs laid out before the column keep their positions.
    col('tier', 'Cấp (phường/xã/thị trấn)', 'text', 'catalog', 10),
  ],
};

export const TASKS_TAB: TabSpec = {
  key: 'tasks',
  name: 'Nhiệm vụ',
  frozenRows: 1,
  columns: [
    col('id', 'Mã nhiệm vụ', 'text', 'key', 14),
    col('plan', 'Kế hoạch', 'text', 'catalog', 14),
    col('kind', 'Loại dòng', 'text', 'catalog', 10, { choices: Object.values(ROW_KIND_LABELS) }),
    col('section', 'Mục', 'text', 'catalog', 6),
    col('sectionTitle', 'Lĩnh vực', 'text', 'catalog', 24, { wrap: true }),
    col('group', 'Nhóm', 'text', 'catalog', 24, { wrap: true }),
    col('stt', 'STT', 'text', 'catalog', 6),
    col('title', 'Nội dung nhiệm vụ', 'text', 'catalog', 60, { wrap: true }),
    col('target', 'Yêu cầu', 'text', 'catalog', 30, { wrap: true }),
    col('lead', 'Cơ quan chủ trì', 'text', 'catalog', 28, { wrap: true, choicesFrom: { tab: 'units', column: 'name' } }),
    col('support', 'Cơ quan phối hợp', 'text', 'catalog', 28, { wrap: true }),
    col('product', 'Sản phẩm', 'text', 'catalog', 28, { wrap: true }),
    col('deadline', 'Thời gian hoàn thành', 'text', 'catalog', 22, { wrap: true }),
    col('remarks', 'Ghi chú kế hoạch', 'text', 'catalog', 24, { wrap: true }),
    col('due', 'Hạn (tự tính)', 'date', 'computed', 13),
    col('status', 'Trạng thái', 'text', 'tracking', 18, { choices: TASK_STATUSES }),
    col('progress', 'Tiến độ (%)', 'number', 'tracking', 10),
    col('completedOn', 'Ngày hoàn thành', 'date', 'tracking', 14),
    col('conditionMetOn', 'Ngày đủ điều kiện', 'date', 'tracking', 14),
    col('evidence', 'Minh chứng', 'text', 'tracking', 30, { wrap: true }),
    col('note', 'Ghi chú', 'text', 'tracking', 30, { wrap: true }),
    // The CCHC-index criterion a task serves, by code, so its progress reads against the criterion; a PAR plan's import
    // fills it. Last, so tasks tabs laid out before the column keep their positions.
    col('criterion', 'Mã tiêu chí CCHC', 'text', 'catalog', 10),
  ],
};

export const UNITS_TAB: TabSpec = {
  key: 'units',
  name: 'Đơn vị',
  frozenRows: 1,
  columns: [
    col('id', 'Mã đơn vị', 'text', 'key', 14),
    col('name', 'Tên đơn vị', 'text', 'tracking', 40),
    col('kind', 'Loại', 'text', 'tracking', 16, { choices: Object.values(UNIT_KIND_LABELS) }),
    col('aliases', 'Tên gọi khác (cách nhau bởi dấu ;)', 'text', 'tracking', 50, { wrap: true }),
    col('email', 'Email nhắc việc', 'text', 'tracking', 30),
  ],
};

export const SETTINGS_TAB: TabSpec = {
  key: 'settings',
  name: 'Cài đặt',
  frozenRows: 1,
  columns: [
    col('label', 'Mục cài đặt', 'text', 'computed', 50, { wrap: true }),
    col('value', 'Giá trị', 'text', 'tracking', 30),
    // The code reads settings by these English keys; officials need not see them.
    col('key', 'Mã', 'text', 'key', 22, { hidden: true }),
  ],
};

/** The targets, editable per ward; the settings tab's columns, headed as targets. */
export const TARGETS_TAB: TabSpec = {
  ...SETTINGS_TAB,
  key: 'targets',
  name: 'Chỉ tiêu',
  columns: SETTINGS_TAB.columns.map((c) =>
    c.key === 'label'
      ? { ...c, header: 'Chỉ tiêu', formerHeaders: [c.header] }
      : c.key === 'value'
        ? { ...c, header: 'Mức chỉ tiêu', formerHeaders: [c.header] }
        : c,
  ),
};

export const MEETING_KINDS = ['Quán triệt', 'Chuyên môn', 'Quan trọng có thảo luận', 'Khác'] as const;
export const MEETING_FORMATS = ['Trực tiếp', 'Trực tuyến', 'Kết hợp'] as const;
export const YES_NO = ['Có', 'Không'] as const;

export const MEETINGS_TAB: TabSpec = {
  key: 'meetings',
  name: 'Hội nghị',
  frozenRows: 1,
  identity: ['date', 'unit', 'title'],
  columns: [
    col('date', 'Ngày', 'date', 'tracking', 12),
    col('unit', 'Đơn vị tổ chức', 'text', 'tracking', 26, { choicesFrom: { tab: 'units', column: 'name' } }),
    col('title', 'Tên hội nghị/cuộc họp', 'text', 'tracking', 44, { wrap: true }),
    col('kind', 'Loại', 'text', 'tracking', 22, { choices: MEETING_KINDS }),
    col('communeWide', 'Phạm vi toàn xã/phường', 'text', 'tracking', 14, { choices: YES_NO }),
    col('format', 'Hình thức', 'text', 'tracking', 14, { choices: MEETING_FORMATS }),
    col('length', 'Thời lượng (ngày)', 'text', 'tracking', 12),
    col('paperless', 'Không giấy', 'text', 'tracking', 11, { choices: YES_NO }),
    col('note', 'Ghi chú', 'text', 'tracking', 28, { wrap: true }),
  ],
};

export const DOCUMENTS_TAB: TabSpec = {
  key: 'documents',
  name: 'Văn bản',
  frozenRows: 1,
  identity: ['period', 'unit'],
  columns: [
    col('period', 'Kỳ', 'text', 'tracking', 10),
    col('unit', 'Đơn vị', 'text', 'tracking', 26, { choicesFrom: { tab: 'units', column: 'name' } }),
    col('issued', 'Văn bản hành chính ban hành', 'number', 'tracking', 16),
    col('baseline', 'Cùng kỳ năm trước', 'number', 'tracking', 14),
    col('exchanged', 'Văn bản đi, đến không mật', 'number', 'tracking', 16),
    col('electronic', 'Gửi, nhận điện tử', 'number', 'tracking', 14),
    col('note', 'Ghi chú', 'text', 'tracking', 28, { wrap: true }),
  ],
};

/** A figure of a per-period log: its key, its header, and `true` for a level (the latest value counts, see period-counts). */
type Figure = readonly [key: string, header: string, stock?: boolean];

/** A log of figures per period (and optionally per unit): Kỳ, Đơn vị, the figures, then the official's note where it has one. */
function periodLog(
  key: string,
  name: string,
  widths: { period: number; figure: number },
  figures: readonly Figure[],
  note: boolean,
): TabSpec {
  return {
    key,
    name,
    frozenRows: 1,
    identity: ['period', 'unit'],
    columns: [
      col('period', 'Kỳ', 'text', 'tracking', widths.period),
      col('unit', 'Đơn vị', 'text', 'tracking', 24, { choicesFrom: { tab: 'units', column: 'name' } }),
      ...figures.map(([k, header, stock]) => col(k, header, 'number', 'tracking', widths.figure, stock ? { stock } : {})),
      ...(note ? [col('note', 'Ghi chú', 'text', 'tracking', 28, { wrap: true })] : []),
    ],
  };
}

/** Counts from the province's procedure system, per period (and optionally per unit). */
export const DIGITISATION_TAB: TabSpec = periodLog(
  'digitisation',
  'Số hóa',
  { period: 10, figure: 14 },
  [
    ['received', 'Hồ sơ tiếp nhận'],
    ['online', 'Hồ sơ trực tuyến'],
    ['endToEnd', 'Hồ sơ trực tuyến toàn trình'],
    ['onTime', 'Hồ sơ giải quyết đúng hạn'],
    ['resolved', 'Hồ sơ đã giải quyết'],
    ['digitised', 'Hồ sơ được số hóa'],
    ['eResults', 'Kết quả điện tử'],
    ['reused', 'Kết quả được tái sử dụng'],
    // Procedures (TTHC) are counted in the ward's list of procedures, a level: 36 all year, never 36 a quarter.
    ['feeProcedures', 'TTHC có thu phí', true],
    ['paymentEnabled', 'TTHC cho phép thanh toán trực tuyến', true],
    ['paymentUsed', 'TTHC có giao dịch thanh toán', true],
    ['feeDossiers', 'Hồ sơ có thu phí'],
    ['paidOnline', 'Hồ sơ thanh toán trực tuyến'],
    ['docsOnNetwork', 'Văn bản xử lý trên mạng'],
    ['docsTotal', 'Tổng văn bản'],
    ['inspectionsDigital', 'Cuộc kiểm tra qua hệ thống số'],
    ['inspectionsTotal', 'Tổng cuộc kiểm tra'],
  ],
  false,
);

/**
 * Figures for the plans' other targets, per period (and optionally per unit): the
 * satisfaction surveys of public health and education, public-investment
 * disbursement and the units inspected for administrative reform.
 */
export const OUTCOMES_TAB: TabSpec = periodLog(
  'outcomes',
  'Kết quả khác',
  { period: 14, figure: 16 },
  [
    ['healthSurveyed', 'Phiếu khảo sát dịch vụ y tế công'],
    ['healthSatisfied', 'Phiếu hài lòng dịch vụ y tế công'],
    ['educationSurveyed', 'Phiếu khảo sát dịch vụ giáo dục công'],
    ['educationSatisfied', 'Phiếu hài lòng dịch vụ giáo dục công'],
    // The year's allocation and the units to inspect are levels; disbursements and inspections add up.
    ['capitalPlanned', 'Vốn đầu tư công được giao (triệu đồng)', true],
    ['capitalDisbursed', 'Vốn đầu tư công đã giải ngân (triệu đồng)'],
    ['unitsTotal', 'Số cơ quan, đơn vị thuộc diện kiểm tra CCHC', true],
    ['unitsInspected', 'Số cơ quan, đơn vị được kiểm tra CCHC'],
  ],
  true,
);

/** The CCHC index (Chỉ số CCHC) criteria, their points, evidence and self-scores. */
export const CRITERIA_TAB: TabSpec = {
  key: 'criteria',
  name: 'Chỉ số CCHC',
  frozenRows: 1,
  identity: ['code'],
  columns: [
    col('code', 'Mã tiêu chí', 'text', 'catalog', 9),
    col('title', 'Lĩnh vực, tiêu chí', 'text', 'catalog', 50, { wrap: true }),
    col('maxPoints', 'Điểm tối đa', 'number', 'catalog', 9),
    col('requirement', 'Yêu cầu năm 2026', 'text', 'catalog', 30, { wrap: true }),
    col('deadline', 'Thời hạn', 'text', 'catalog', 16, { wrap: true }),
    col('lead', 'Cơ quan chủ trì thực hiện', 'text', 'catalog', 24, { wrap: true, choicesFrom: { tab: 'units', column: 'name' } }),
    col('support', 'Cơ quan phối hợp', 'text', 'catalog', 24, { wrap: true }),
    col('evidence', 'Tài liệu kiểm chứng (mỗi dòng một liên kết)', 'text', 'tracking', 36, { wrap: true }),
    col('scoreH1', 'Tự chấm 6 tháng', 'number', 'tracking', 9),
    col('scoreYear', 'Tự chấm năm', 'number', 'tracking', 9),
    col('explanation', 'Giải trình khi thiếu tài liệu kiểm chứng', 'text', 'tracking', 30, { wrap: true }),
    col('appraised', 'Điểm thẩm định', 'number', 'tracking', 9),
    col('note', 'Ghi chú', 'text', 'tracking', 24, { wrap: true }),
  ],
};

/** Every tab, in the order they appear in the workbook. Later features append theirs. */
export const TABS: readonly TabSpec[] = [
  TASKS_TAB,
  PLANS_TAB,
  UNITS_TAB,
  SETTINGS_TAB,
  TARGETS_TAB,
  MEETINGS_TAB,
  DOCUMENTS_TAB,
  DIGITISATION_TAB,
  CRITERIA_TAB,
  OUTCOMES_TAB,
];

export function tabByKey(key: string): TabSpec {
  const tab = TABS.find((t) => t.key === key);
  if (!tab) throw new Error(`Unknown tab key: ${key}`);
  return tab;
}

/**
 * The tab a sheet's name stands for, matched by key as every adapter reads names
 * ("Nhiệm Vụ", a trailing space or NFD text still find "Nhiệm vụ").
 */
export function tabForName(name: string): TabSpec | undefined {
  const key = matchKey(name);
  return TABS.find((t) => matchKey(t.name) === key);
}

/** Which of the tab's columns a header row holds, by header text as every adapter reads headers: key → 0-based position (the first of two alike wins). */
export function columnsByHeader(tab: TabSpec, headers: readonly string[]): Map<string, number> {
  const byHeader = new Map(tab.columns.flatMap((c) => headerKeys(c, matchKey).map((k) => [k, c.key] as const)));
  const columns = new Map<string, number>();
  headers.forEach((text, index) => {
    const key = byHeader.get(matchKey(text));
    if (key && !columns.has(key)) columns.set(key, index);
  });
  return columns;
}

/**
 * The tabs (among `tabs`) a sheet may stand for by its header row alone (a tab an
 * official renamed): those holding the largest share of their columns there, if
 * that is at least half of them and two. More than one: the row cannot tell them apart.
 */
export function tabsForHeaders(headers: readonly string[], tabs: readonly TabSpec[] = TABS): TabSpec[] {
  const scored = tabs
    .map((tab) => ({ tab, found: columnsByHeader(tab, headers).size }))
    .filter(({ tab, found }) => found >= 2 && found * 2 >= tab.columns.length)
    .map(({ tab, found }) => ({ tab, share: found / tab.columns.length }));
  const best = Math.max(...scored.map((s) => s.share));
  return scored.filter((s) => s.share === best).map((s) => s.tab);
}
