/**
 * The province's comparison workbook: one row per ward with each target's value
 * coloured pass/fail (the same lines as a ward's own report), task progress, and
 * the wards that could not be read.
 */
import ExcelJS from 'exceljs';
import {
  asOfDate,
  cell,
  formatVn,
  numberCell,
  periodName,
  targetLines,
  type Period,
  type ReportTable,
  type TableCell,
} from '../../core/index';
import { printReady } from '../excel/official-style';
import { tableSheet } from '../report/report-workbook';
import type { WardResult } from './collect';

export function rollupWorkbook(results: readonly WardResult[], period: Period, today: string): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'cchc-sheets';
  const read = results.filter((r) => r.metrics);
  const names = read.length > 0 ? targetLines(read[0]!.metrics!).map((t) => t.name) : [];
  const columns = [
    { header: 'STT', width: 5 },
    { header: 'Phường/xã', width: 22 },
    ...names.map((name) => ({ header: name, width: 12, numeric: true })),
    { header: 'Số chỉ tiêu đạt', width: 10 },
    { header: 'Điểm chuyển đổi số (766)', width: 11, numeric: true },
    { header: 'Nhiệm vụ', width: 9, numeric: true },
    { header: 'Tỷ lệ hoàn thành (%)', width: 11, numeric: true },
    { header: 'Quá hạn', width: 9, numeric: true },
    { header: 'Ghi chú', width: 40 },
  ];
  const rows = results.map((r, i): { cells: TableCell[] } => {
    if (!r.metrics)
      return { cells: [numberCell(i + 1), cell(r.name), ...[...names, 1, 2, 3, 4, 5].map(() => numberCell(null)), cell(r.error ?? '')] };
    const targets = targetLines(r.metrics);
    const t = r.metrics.tasks.overall;
    return {
      cells: [
        numberCell(i + 1),
        cell(r.name),
        ...targets.map((x) => ({
          ...numberCell(x.value),
          tone: x.pass === null ? ('na' as const) : x.pass ? ('pass' as const) : ('fail' as const),
        })),
        cell(`${targets.filter((x) => x.pass === true).length}/${targets.filter((x) => x.pass !== null).length}`),
        numberCell(r.metrics.digitisation.score),
        numberCell(t.total),
        numberCell(t.doneShare),
        numberCell(t.overdue),
        cell(''),
      ],
    };
  });
  const table: ReportTable = {
    title: `SO SÁNH KẾT QUẢ CẢI CÁCH HÀNH CHÍNH CÁC PHƯỜNG, XÃ — ${periodName(period).toLocaleUpperCase('vi')} (tính đến ngày ${formatVn(asOfDate(period, today))})`,
    columns,
    rows,
    empty: 'Chưa có phường, xã nào.',
  };
  const ws = tableSheet(workbook, 'So sánh', table);
  ws.views = [{ state: 'frozen', xSplit: 2, ySplit: 3 }];
  return printReady(workbook);
}
