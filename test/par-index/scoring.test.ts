import { describe, expect, it } from 'vitest';
import {
  defaultSettings,
  indexReport,
  indexScoreText,
  indexStanding,
  indexSummary,
  decodeCriteria,
  parsePeriod,
  UnitRegistry,
  wardName,
  type Row,
} from '../../core/index';

const c = (code: string, title: string, maxPoints: number | null, extra: Partial<Record<string, string | number | null>> = {}): Row => ({
  code,
  title,
  maxPoints,
  lead: 'Phòng Văn hóa - Xã hội',
  ...extra,
});

// 100 points: area 1 (30) with a group 1.2 of two criteria; area 2 (70) as one criterion.
const rows: Row[] = [
  c('1', 'Công tác chỉ đạo, điều hành CCHC', 30, { lead: '' }),
  c('1.1', 'Kế hoạch CCHC năm', 10, { scoreYear: 10, evidence: 'https://drive.google.com/kh' }),
  c('1.2', 'Báo cáo CCHC', 20, { lead: '' }),
  c('1.2.1', 'Báo cáo quý đúng hạn', 12, { scoreYear: 15, evidence: 'https://drive.google.com/bc' }), // above its maximum
  c('1.2.2', 'Báo cáo năm', 8, { scoreYear: 6, explanation: 'Chờ số liệu tháng 12', lead: 'Văn phòng HĐND và UBND' }),
  c('2', 'Cải cách thủ tục hành chính', 70, { scoreYear: 50, lead: 'Trung tâm Phục vụ hành chính công' }), // no evidence, no explanation
];

const summary = (r: Row[] = rows, settings: Record<string, string> = {}, period = '2026', today = '2026-11-23') =>
  indexSummary(r, {
    period: parsePeriod(period)!,
    today,
    settings: { ...defaultSettings(), indexLastYear: '87', ...settings },
    registry: UnitRegistry.withStandard(),
  });

describe('CCHC index self-scoring', () => {
  it('totals with hand-computed figures: a score above its maximum counts only up to it', () => {
    const s = summary();
    // 10 + min(15, 12) + 6 + 50 = 78 of 100.
    expect(s.total).toEqual({ max: 100, score: 78, lost: 22 });
    expect(s.areas).toEqual([
      { code: '1', title: 'Công tác chỉ đạo, điều hành CCHC', totals: { max: 30, score: 28, lost: 2 } },
      { code: '2', title: 'Cải cách thủ tục hành chính', totals: { max: 70, score: 50, lost: 20 } },
    ]);
    expect(s.units.find((u) => u.unit === 'VHXH')!.totals).toEqual({ max: 22, score: 22, lost: 0 });
    expect(s.lost.map((l) => [l.code, l.lost])).toEqual([
      ['2', 20],
      ['1.2.2', 2],
    ]);
    expect(s).toMatchObject({ lastYear: 87, target: 90, deadline: '2026-11-30', daysLeft: 7 });
  });

  it('flags a score above the maximum, a score without evidence, and keeps group rows out of the leaves', () => {
    const codes = summary().issues.map((i) => [i.code, i.row]);
    expect(codes).toEqual([
      ['SCORE_OUT_OF_RANGE', 5],
      ['EVIDENCE_MISSING', 7],
    ]);
    // 1.2.2 has no evidence but an explanation: explained, not missing.
    expect(summary().missingEvidence.map((m) => m.code)).toEqual(['2']);
  });

  it('lists as missing evidence only criteria scored above zero with neither evidence nor explanation', () => {
    const r = [
      c('1', 'Lĩnh vực', 100, { lead: '' }),
      c('1.1', 'Có điểm, không tài liệu', 40, { scoreYear: 30 }),
      c('1.2', 'Chấm 0 điểm', 20, { scoreYear: 0 }),
      c('1.3', 'Có giải trình', 20, { scoreYear: 10, explanation: 'Văn bản đang trình ký' }),
      c('1.4', 'Có tài liệu', 20, { scoreYear: 20, evidence: 'https://drive.google.com/x' }),
    ];
    const s = summary(r);
    expect(s.missingEvidence.map((m) => m.code)).toEqual(['1.1']);
    // The same criteria as the EVIDENCE_MISSING errors: one rule.
    expect(s.issues.filter((i) => i.code === 'EVIDENCE_MISSING').map((i) => i.row)).toEqual([3]);
  });

  it('credits every lead unit of a criterion, not only the first', () => {
    const r = [
      c('1', 'Tiêu chí chung', 60, { scoreYear: 45, evidence: 'x', lead: 'Phòng Văn hóa - Xã hội; Văn phòng HĐND và UBND' }),
      c('2', 'Tiêu chí riêng', 40, { scoreYear: 40, evidence: 'x', lead: 'Văn phòng HĐND và UBND' }),
    ];
    const units = Object.fromEntries(summary(r).units.map((u) => [u.unit, u.totals]));
    expect(units['VHXH']).toEqual({ max: 60, score: 45, lost: 15 });
    expect(units['VP']).toEqual({ max: 100, score: 85, lost: 15 });
  });

  it('says in words what is missing when criteria lack their maximum points, never "0/0" or "còn thiếu 90"', () => {
    const none = [c('1', 'Tiêu chí A', null, { scoreYear: 5, evidence: 'x' }), c('2', 'Tiêu chí B', null)];
    const s = summary(none);
    expect(indexScoreText(s)).toBe('chưa tính được');
    // Some points known: the score so far, and the standing names how many criteria still lack theirs.
    const some = summary([c('1', 'Tiêu chí A', 40, { scoreYear: 30, evidence: 'x' }), c('2', 'Tiêu chí B', null)]);
    expect(indexScoreText(some)).toBe('30/40 điểm (bị trừ 10 điểm)');
    expect(indexScoreText(some, 'mất')).toBe('30/40 điểm (mất 10 điểm)');
    expect(indexStanding(some).text).toBe('chưa so được với chỉ tiêu 90 điểm: 1 tiêu chí chưa có điểm tối đa (nhập bộ tiêu chí của tỉnh)');
    expect(indexStanding(summary([])).text).toBe(
      'chưa so được với chỉ tiêu 90 điểm: chưa có tiêu chí nào (nhập bộ tiêu chí của tỉnh bằng lệnh cchc index-import)',
    );
    const doc = indexReport({
      summary: s,
      criteria: decodeCriteria(none).criteria,
      period: parsePeriod('2026')!,
      ward: wardName('phường An Tường'),
    });
    const text = doc.body.flatMap((b) => ('parts' in b ? [b.parts.map((p) => (typeof p === 'string' ? p : '')).join('')] : []));
    expect(text.find((x) => x.startsWith('Tổng điểm tự chấm'))).toBe(
      'Tổng điểm tự chấm: chưa tính được, chưa so được với chỉ tiêu 90 điểm: các tiêu chí chưa có điểm tối đa (nhập bộ tiêu chí của tỉnh); năm trước đạt 87 điểm.',
    );
    expect(text.join('\n')).not.toMatch(/0\/0|còn thiếu 90/);
  });

  it('criteria without maximum points are not "90 points short": the standing says what is missing', () => {
    expect(indexStanding({ total: { max: 0, score: 0, lost: 0 }, target: 90 }).text).toBe(
      'chưa so được với chỉ tiêu 90 điểm: các tiêu chí chưa có điểm tối đa (nhập bộ tiêu chí của tỉnh)',
    );
    expect(indexStanding({ total: { max: 100, score: 85.5, lost: 14.5 }, target: 90 })).toEqual({
      met: false,
      text: 'còn thiếu 4,5 điểm so với chỉ tiêu 90 điểm',
    });
    expect(indexStanding({ total: { max: 100, score: 92, lost: 8 }, target: 90 })).toEqual({ met: true, text: 'đạt chỉ tiêu 90 điểm' });
  });

  it('checks sub-totals, the total of 100, score steps and one responsible unit', () => {
    const broken = [
      c('1', 'Lĩnh vực 1', 25),
      c('1.1', 'Tiêu chí', 10, { scoreYear: 3.3, evidence: 'x' }),
      c('1.2', 'Tiêu chí', 20, { lead: 'Phòng VHXH; Văn phòng HĐND và UBND' }),
    ];
    const codes = summary(broken).issues.map((i) => i.code);
    expect(codes).toEqual(['SUBTOTAL_MISMATCH', 'SCORE_STEP', 'LEAD_MULTIPLE', 'TOTAL_NOT_100']);
    // The issue is on the "Điểm tối đa" column; the message does not name it again.
    expect(summary(broken).issues[0]!.message).toBe('Nhóm 1 ghi 25 điểm nhưng các tiêu chí con cộng lại 30 điểm. Sửa lại cho khớp.');
    // A score off the step names its criterion: the table may hold a hundred.
    expect(summary(broken).issues[1]!.message).toBe('Điểm 3,3 của tiêu chí 1.1 không đúng bước chấm 0,25. Làm tròn theo bước 0,25.');
    expect(summary([c('1', 'x', 100, { scoreYear: 0.5, evidence: 'x' })], { indexScoreStep: '0.5' }).issues).toEqual([]);
  });

  it('uses the six-month column and deadline for 2026-H1', () => {
    const s = summary([c('1', 'x', 100, { scoreH1: 40, scoreYear: 90, evidence: 'x' })], {}, '2026-H1', '2026-06-01');
    expect(s).toMatchObject({ scoreColumn: 'scoreH1', total: { score: 40 }, deadline: '2026-06-20', daysLeft: 19 });
  });
});
