/**
 * Maps the province procedure system's statistics export onto the "Số hóa" tab.
 * Its column names differ from ours ("Tổng số hồ sơ tiếp nhận", "Tiếp nhận trực
 * tuyến", "Giải quyết đúng hạn" …), so headers are matched by synonyms.
 */
import type { GridRow } from '../appendix/parse-appendix';
import { rowsUnder } from './log-table';
import type { Row } from '../layout/columns';
import { DIGITISATION_TAB } from '../layout/tabs';
import { matchKey } from '../text/vietnamese';

/** Column key → header phrases seen in province exports (our own header first). */
const SYNONYMS: Record<string, readonly string[]> = {
  period: ['Kỳ', 'Kỳ báo cáo', 'Thời gian', 'Tháng', 'Quý'],
  unit: ['Đơn vị', 'Cơ quan', 'Tên đơn vị'],
  received: ['Hồ sơ tiếp nhận', 'Tổng số hồ sơ tiếp nhận', 'Tổng hồ sơ tiếp nhận', 'Số hồ sơ tiếp nhận', 'Tiếp nhận'],
  online: ['Hồ sơ trực tuyến', 'Tiếp nhận trực tuyến', 'Hồ sơ tiếp nhận trực tuyến', 'Trực tuyến'],
  endToEnd: ['Hồ sơ trực tuyến toàn trình', 'Trực tuyến toàn trình', 'Toàn trình'],
  onTime: ['Hồ sơ giải quyết đúng hạn', 'Giải quyết đúng hạn', 'Đúng hạn', 'Trước và đúng hạn'],
  resolved: ['Hồ sơ đã giải quyết', 'Đã giải quyết', 'Tổng số hồ sơ đã giải quyết', 'Số hồ sơ giải quyết'],
  digitised: ['Hồ sơ được số hóa', 'Số hóa hồ sơ', 'Hồ sơ số hóa', 'Đã số hóa'],
  eResults: ['Kết quả điện tử', 'Cấp kết quả điện tử', 'Trả kết quả điện tử'],
  reused: ['Kết quả được tái sử dụng', 'Tái sử dụng', 'Khai thác, sử dụng lại'],
  feeProcedures: ['TTHC có thu phí', 'TTHC có phí, lệ phí', 'Thủ tục có thu phí'],
  paymentEnabled: ['TTHC cho phép thanh toán trực tuyến', 'TTHC triển khai thanh toán trực tuyến'],
  paymentUsed: ['TTHC có giao dịch thanh toán', 'TTHC phát sinh thanh toán trực tuyến'],
  feeDossiers: ['Hồ sơ có thu phí', 'Hồ sơ phải nộp phí'],
  paidOnline: ['Hồ sơ thanh toán trực tuyến', 'Thanh toán trực tuyến'],
  docsOnNetwork: ['Văn bản xử lý trên mạng', 'Văn bản điện tử'],
  docsTotal: ['Tổng văn bản', 'Tổng số văn bản'],
  inspectionsDigital: ['Cuộc kiểm tra qua hệ thống số', 'Kiểm tra qua môi trường số'],
  inspectionsTotal: ['Tổng cuộc kiểm tra', 'Tổng số cuộc kiểm tra'],
};

const KEYED = Object.entries(SYNONYMS).map(([key, names]) => [key, names.map(matchKey)] as const);

/** The column each of our keys sits in, for a header row; exact names win over prefixes. */
export function provinceColumns(header: readonly string[]): Map<string, number> {
  const found = new Map<string, number>();
  const keys = header.map(matchKey);
  for (const exact of [true, false]) {
    for (const [key, names] of KEYED) {
      if (found.has(key)) continue;
      const c = keys.findIndex(
        (k, i) => ![...found.values()].includes(i) && names.some((n) => (exact ? k === n : k.startsWith(`${n} `) || k.endsWith(` ${n}`))),
      );
      if (c >= 0) found.set(key, c);
    }
  }
  return found;
}

/**
 * When the grid's row `h` is the export's header, turns the rows below it into "Số hóa" tab rows, cells
 * as written (the tab's decoder reads the numbers) and located at the file's rows.
 */
export function provinceStatsAt(
  grid: readonly GridRow[],
  h: number,
): { rows: Row[]; headerRow: number; columns: Map<string, number> } | null {
  const columns = provinceColumns(grid[h]!.cells);
  if (!columns.has('received') || columns.size < 3) return null;
  return { rows: rowsUnder(grid, h, DIGITISATION_TAB, columns), headerRow: grid[h]!.row, columns };
}
