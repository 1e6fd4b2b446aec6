/**
 * The province's comparison workbook: one row per ward with each target's value
 * coloured pass/fail (the same rows as a ward's own report), task progress, and
 * the wards that could not be read.
 */
import ExcelJS from 'exceljs';
import { formatVn, periodName, type Period } from '../../core/index';
import { fill, FILL, tableSheet, targetRows } from '../report/report-workbook';
import type { WardResult } from './collect';

export function rollupWorkbook(results: readonly WardResult[], period: Period, today: string): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'cchc-sheets';
  const read = results.filter((r) => r.metrics);
  const names = read.length > 0 ? targetRows(read[0]!.metrics!).map((t) => String(t.row[0])) : [];
  const headers = [
    { header: 'STT', width: 5 },
    { header: 'Phường/xã', width: 22 },
    ...names.map((name) => ({ header: name, width: 12 })),
    { header: 'Số chỉ tiêu đạt', width: 10 },
    { header: 'Điểm chuyển đổi số (766)', width: 11 },
    { header: 'Nhiệm vụ', width: 9 },
    { header: 'Tỷ lệ hoàn thành (%)', width: 11 },
    { header: 'Quá hạn', width: 9 },
    { header: 'Ghi chú', width: 40 },
  ];
  const rows = results.map((r, i) => {
    if (!r.metrics) return [i + 1, r.name, ...names.map(() => null), null, null, null, null, null, r.error];
    const targets = targetRows(r.metrics);
    const t = r.metrics.tasks.overall;
    return [
      i + 1,
      r.name,
      ...targets.map((x) => x.row[1] as number | null),
      `${targets.filter((x) => x.pass === true).length}/${targets.filter((x) => x.pass !== null).length}`,
      r.metrics.digitisation.score,
      t.total,
      t.doneShare,
      t.overdue,
      null,
    ];
  });
  const ws = tableSheet(
    workbook,
    'So sánh',
    `SO SÁNH KẾT QUẢ CẢI CÁCH HÀNH CHÍNH CÁC PHƯỜNG, XÃ — ${periodName(period).toLocaleUpperCase('vi')} (tính đến ${formatVn(today)})`,
    headers,
    rows,
  );
  results.forEach((r, i) => {
    if (!r.metrics) return;
    targetRows(r.metrics).forEach((x, c) => {
      ws.getRow(4 + i).getCell(3 + c).fill = fill(x.pass === null ? FILL.na : x.pass ? FILL.pass : FILL.fail);
    });
  });
  ws.views = [{ state: 'frozen', xSplit: 2, ySplit: 3 }];
  return workbook;
}
