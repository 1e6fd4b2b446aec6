/**
 * The CCHC-index self-assessment report a ward sends with its self-scores: the
 * totals, the points lost by criterion and by unit, and the evidence list with
 * its links. Built from the index summary, rendered by the Word writer.
 */
import { formatVn } from '../layout/date-cell';
import { indexScoreText, indexStanding, type Criterion, type IndexSummary } from '../par-index/scoring';
import { periodName, type Period } from '../periods/period';
import { formatVnNumber } from '../text/number';
import { sentenceStart } from '../text/vietnamese';
import { issueLocation } from '../validation/labels';
import { blank, cell, documentHead, numberCell, type Block, type OfficialDocument, type ReportTable } from './document';
import { wardHeading, wardInText, type WardName } from './heading';

export interface IndexReportInput {
  summary: IndexSummary;
  criteria: readonly Criterion[];
  period: Period;
  ward: WardName;
}

const points = (n: number): string => `${formatVnNumber(n)} điểm`;

export function indexReport({ summary: s, criteria, period, ward }: IndexReportInput): OfficialDocument {
  const inText = wardInText(ward) || '……';
  const when = periodName(period, { title: true });
  const scoreOf = (c: Criterion): number | null => c[s.scoreColumn];

  const areas: ReportTable = {
    title: 'Điểm tự chấm theo lĩnh vực',
    columns: [
      { header: 'Mã', width: 6 },
      { header: 'Lĩnh vực', width: 44 },
      { header: 'Điểm tối đa', width: 10, numeric: true },
      { header: 'Điểm tự chấm', width: 10, numeric: true },
      { header: 'Điểm bị trừ', width: 10, numeric: true },
    ],
    rows: [
      ...s.areas.map((a) => ({
        cells: [cell(a.code), cell(a.title), numberCell(a.totals.max), numberCell(a.totals.score), numberCell(a.totals.lost)],
      })),
      { cells: [cell(''), cell('Tổng cộng'), numberCell(s.total.max), numberCell(s.total.score), numberCell(s.total.lost)], bold: true },
    ],
    empty: 'Chưa có tiêu chí.',
  };
  const lost: ReportTable = {
    title: '1. Theo tiêu chí',
    columns: [
      { header: 'Mã', width: 7 },
      { header: 'Tiêu chí', width: 36 },
      { header: 'Cơ quan chủ trì', width: 22 },
      { header: 'Điểm tối đa', width: 9, numeric: true },
      { header: 'Điểm tự chấm', width: 9, numeric: true },
      { header: 'Điểm bị trừ', width: 9, numeric: true },
    ],
    rows: s.lost.map((l) => ({
      cells: [cell(l.code), cell(l.title), cell(l.lead), numberCell(l.max), numberCell(l.score), numberCell(l.lost)],
    })),
    empty: 'Không tiêu chí nào bị trừ điểm.',
  };
  const units: ReportTable = {
    title: '2. Theo đơn vị chủ trì',
    columns: [
      { header: 'Đơn vị', width: 44 },
      { header: 'Điểm tối đa', width: 10, numeric: true },
      { header: 'Điểm tự chấm', width: 10, numeric: true },
      { header: 'Điểm bị trừ', width: 10, numeric: true },
    ],
    rows: s.units.map((u) => ({ cells: [cell(u.name), numberCell(u.totals.max), numberCell(u.totals.score), numberCell(u.totals.lost)] })),
    empty: 'Chưa phân công đơn vị.',
  };
  // One row per evidence document, so that each link is its own clickable cell.
  const evidence: ReportTable = {
    title: 'Danh mục tài liệu kiểm chứng',
    columns: [
      { header: 'Mã', width: 7 },
      { header: 'Tiêu chí', width: 30 },
      { header: 'Điểm tự chấm', width: 9, numeric: true },
      { header: 'Tài liệu kiểm chứng', width: 50 },
    ],
    rows: criteria
      .filter((c) => !c.group && c.evidence.length > 0)
      .flatMap((c) =>
        c.evidence.map((e, i) => ({
          cells: [
            cell(i === 0 ? c.code : ''),
            cell(i === 0 ? c.title : ''),
            i === 0 ? numberCell(scoreOf(c)) : cell(''),
            cell(e, /^https?:\/\//.test(e) ? { link: e } : {}),
          ],
        })),
      ),
    empty: 'Chưa có tài liệu kiểm chứng.',
  };

  const verdict = indexStanding(s).text;
  const errors = s.issues.filter((i) => i.severity === 'error');
  const body: Block[] = [
    {
      kind: 'paragraph',
      parts: [`Ủy ban nhân dân ${inText} báo cáo kết quả tự đánh giá, chấm điểm Chỉ số cải cách hành chính (Chỉ số CCHC) ${when} như sau:`],
    },
    { kind: 'heading', level: 1, text: 'I. KẾT QUẢ TỰ CHẤM ĐIỂM' },
    {
      kind: 'paragraph',
      parts: [
        `Tổng điểm tự chấm: ${indexScoreText(s)}, ${verdict}` + `${s.lastYear === null ? '' : `; năm trước đạt ${points(s.lastYear)}`}.`,
      ],
    },
    ...(s.deadline
      ? [{ kind: 'paragraph', parts: [`Hạn gửi kết quả tự chấm điểm và tài liệu kiểm chứng: ${formatVn(s.deadline)}.`] } as Block]
      : []),
    { kind: 'table', table: areas },
    { kind: 'heading', level: 1, text: 'II. CÁC TIÊU CHÍ BỊ TRỪ ĐIỂM' },
    { kind: 'table', table: lost },
    { kind: 'table', table: units },
    { kind: 'heading', level: 1, text: 'III. TÀI LIỆU KIỂM CHỨNG' },
    { kind: 'table', table: evidence },
    ...(s.missingEvidence.length === 0
      ? []
      : [
          {
            kind: 'paragraph',
            parts: [
              `Còn ${formatVnNumber(s.missingEvidence.length)} tiêu chí đã chấm điểm nhưng chưa có tài liệu kiểm chứng hoặc giải trình:`,
            ],
          } as Block,
          ...s.missingEvidence.map((m): Block => ({ kind: 'bullet', parts: [`${m.code} ${m.title} (${m.lead || 'chưa phân công'}).`] })),
        ]),
    ...(errors.length === 0
      ? []
      : [
          { kind: 'paragraph', parts: [`Biểu tự chấm còn ${formatVnNumber(errors.length)} lỗi cần sửa trước khi gửi:`] } as Block,
          ...errors.map((i): Block => ({ kind: 'bullet', parts: [`${sentenceStart(issueLocation(i))}: ${i.message}`] })),
        ]),
    { kind: 'heading', level: 1, text: 'IV. TỒN TẠI, HẠN CHẾ VÀ GIẢI PHÁP KHẮC PHỤC' },
    { kind: 'paragraph', parts: [blank('Nêu nguyên nhân các tiêu chí bị trừ điểm và giải pháp khắc phục')] },
    { kind: 'heading', level: 1, text: 'V. ĐỀ XUẤT, KIẾN NGHỊ' },
    { kind: 'paragraph', parts: [blank('Nêu đề xuất, kiến nghị (nếu có)')] },
    {
      kind: 'paragraph',
      parts: [`Trên đây là báo cáo kết quả tự đánh giá, chấm điểm Chỉ số CCHC ${when} của Ủy ban nhân dân ${inText}./.`],
    },
  ];
  return {
    ...documentHead(wardHeading(ward), 'BC-UBND', ward.name, period.year),
    kind: 'BÁO CÁO',
    title: `Kết quả tự đánh giá, chấm điểm Chỉ số cải cách hành chính ${when}`,
    body,
    recipients: [['Sở Nội vụ tỉnh ', blank('tên tỉnh'), ';'], ['Chủ tịch, các Phó Chủ tịch UBND ', inText, ';'], ['Lưu: VT, VHXH.']],
    signature: { capacity: 'TM. ỦY BAN NHÂN DÂN', title: 'CHỦ TỊCH', name: [blank('Ký, ghi rõ họ tên')] },
  };
}
