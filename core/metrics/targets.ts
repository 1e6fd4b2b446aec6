/**
 * The one list of target lines, in the order officials read them: every target
 * the plans set with its value for the period, the ward's own target and the
 * verdict. The CLI, the report workbook, the Word report and the Apps Script
 * dashboard render this list; none keeps its own.
 */
import { formatVnNumber, formatVnPercent } from '../text/number';
import type { MetricsReport } from './compute';
import type { Ratio } from './score';

export type TargetGroup = 'meetings' | 'documents' | 'digitisation' | 'outcomes';

export const TARGET_GROUP_NAMES: Record<TargetGroup, string> = {
  meetings: 'Hội nghị, cuộc họp',
  documents: 'Văn bản hành chính',
  digitisation: 'Chuyển đổi số, giải quyết TTHC',
  outcomes: 'Các chỉ tiêu khác',
};

export interface TargetLine {
  key: string;
  group: TargetGroup;
  /** What is measured, in Vietnamese ("Hội nghị tổ chức trực tuyến"). */
  name: string;
  /** Percent (or count for `unit: 'count'`); null when not applicable. */
  value: number | null;
  unit: 'percent' | 'count';
  numerator: number | null;
  denominator: number | null;
  /** The ward's target, as a number (a percent, a change in percent, or a count). */
  target: number;
  /** The target as written for officials, from the ward's own setting: "≥ 60%", "giảm ≥ 10%", "≤ 3 cuộc/năm". */
  targetText: string;
  pass: boolean | null;
  verdict: 'Đạt' | 'Chưa đạt' | 'Không áp dụng';
  /** Plain Vietnamese: what is missing, or "Đạt", or "Không áp dụng". */
  gap: string;
}

const verdictOf = (pass: boolean | null): TargetLine['verdict'] => (pass === null ? 'Không áp dụng' : pass ? 'Đạt' : 'Chưa đạt');

function ratioLine(key: string, group: TargetGroup, name: string, r: Ratio): TargetLine {
  return {
    key,
    group,
    name,
    value: r.value,
    unit: 'percent',
    numerator: r.numerator,
    denominator: r.denominator,
    target: r.target,
    targetText: `≥ ${formatVnPercent(r.target)}`,
    pass: r.pass,
    verdict: verdictOf(r.pass),
    gap: r.gap,
  };
}

/** The value as officials read it: "62,1%", "2 cuộc", "Không áp dụng". */
export function targetValueText(line: Pick<TargetLine, 'value' | 'unit'>): string {
  if (line.value === null) return 'Không áp dụng';
  return line.unit === 'percent' ? formatVnPercent(line.value) : formatVnNumber(line.value);
}

export function targetLines(m: MetricsReport): TargetLine[] {
  const mt = m.meetings;
  const change = (
    key: string,
    group: TargetGroup,
    name: string,
    c: { value: number | null; target: number; pass: boolean | null; gap: string },
    n: number,
    d: number | null,
  ): TargetLine => ({
    key,
    group,
    name,
    value: c.value,
    unit: 'percent',
    numerator: n,
    denominator: d,
    target: c.target,
    targetText: `giảm ≥ ${formatVnPercent(-c.target)}`,
    pass: c.pass,
    verdict: verdictOf(c.pass),
    gap: c.gap,
  });
  const unitDocs = m.outcomes.unitDocsOnNetwork;
  const failing = unitDocs.units
    .filter((u) => !u.ratio.pass)
    .map((u) => `${u.name} ${targetValueText({ value: u.ratio.value, unit: 'percent' })}`);
  return [
    ratioLine('onlineShare', 'meetings', 'Hội nghị tổ chức trực tuyến', mt.onlineShare),
    ratioLine('onlineShareWithHybrid', 'meetings', 'Hội nghị trực tuyến, kể cả kết hợp', mt.onlineShareWithHybrid),
    change('meetingChange', 'meetings', 'Số hội nghị so với năm trước', mt.change, mt.total, mt.change.baseline),
    {
      key: 'communeWide',
      group: 'meetings',
      name: 'Hội nghị toàn xã/phường',
      // No meeting logged in the period: nothing is known, so nothing is "met".
      value: mt.total === 0 ? null : mt.communeWide.count,
      unit: 'count',
      numerator: null,
      denominator: null,
      target: mt.communeWide.max,
      targetText: `≤ ${formatVnNumber(mt.communeWide.max)} cuộc/năm`,
      pass: mt.total === 0 ? null : mt.communeWide.pass,
      verdict: verdictOf(mt.total === 0 ? null : mt.communeWide.pass),
      gap: mt.total === 0 ? 'Không áp dụng' : mt.communeWide.gap,
    },
    {
      key: 'overLength',
      group: 'meetings',
      name: 'Hội nghị quá thời lượng quy định',
      value: mt.overLength.count,
      unit: 'count',
      numerator: null,
      denominator: null,
      target: 0,
      targetText: 'không có cuộc nào',
      pass: mt.total === 0 ? null : mt.overLength.count === 0,
      verdict: verdictOf(mt.total === 0 ? null : mt.overLength.count === 0),
      gap:
        mt.total === 0
          ? 'Không áp dụng'
          : mt.overLength.count === 0
            ? 'Đạt'
            : `${mt.overLength.count} cuộc họp dài hơn quy định của loại hội nghị`,
    },
    change(
      'documentChange',
      'documents',
      'Văn bản hành chính so với cùng kỳ năm trước',
      m.documents.change,
      m.documents.issued,
      m.documents.baseline,
    ),
    ratioLine('electronicShare', 'documents', 'Văn bản không mật gửi, nhận điện tử', m.documents.electronicShare),
    ...m.digitisation.indicators.map((i) => ratioLine(i.key, 'digitisation', i.name, i)),
    ratioLine('endToEnd', 'digitisation', 'Hồ sơ trực tuyến xử lý toàn trình', m.outcomes.endToEnd),
    {
      key: 'unitDocsOnNetwork',
      group: 'outcomes',
      name: 'Đơn vị có văn bản xử lý trên mạng đạt chỉ tiêu',
      value: unitDocs.units.length === 0 ? null : unitDocs.passing,
      unit: 'count',
      numerator: unitDocs.passing,
      denominator: unitDocs.units.length,
      target: unitDocs.target,
      targetText: `mỗi đơn vị ≥ ${formatVnPercent(unitDocs.target)}`,
      pass: unitDocs.pass,
      verdict: verdictOf(unitDocs.pass),
      gap: unitDocs.pass === null ? 'Không áp dụng' : unitDocs.pass ? 'Đạt' : `Chưa đạt: ${failing.join(', ')}`,
    },
    ratioLine('healthSatisfaction', 'outcomes', 'Mức độ hài lòng với dịch vụ y tế công', m.outcomes.healthSatisfaction),
    ratioLine('educationSatisfaction', 'outcomes', 'Mức độ hài lòng với dịch vụ giáo dục công', m.outcomes.educationSatisfaction),
    ratioLine('disbursement', 'outcomes', 'Giải ngân vốn đầu tư công', m.outcomes.disbursement),
    ratioLine('inspectedUnits', 'outcomes', 'Cơ quan, đơn vị được kiểm tra CCHC', m.outcomes.inspectedUnits),
  ];
}
