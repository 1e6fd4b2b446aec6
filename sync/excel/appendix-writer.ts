/**
 * Writes a plan's task catalog as an official appendix (Phụ lục): title rows, a
 * bold header repeated on every printed page, merged bold section rows, borders,
 * wrapped text, A4 landscape. Strings are written as text cells, so "=…" never
 * becomes a formula.
 */
import ExcelJS from 'exceljs';
import { formatVn, isHeading, planWard, wardInText, type Plan, type Task } from '../../core/index';
import { writeWorkbookAtomic } from './atomic-write';
import { OFFICIAL_FONT, officialPageSetup, printReady, THIN_BORDER } from './official-style';

interface Column {
  header: string;
  width: number;
  value: (t: Task) => ExcelJS.CellValue;
}

const BASE_COLUMNS: Column[] = [
  { header: 'STT', width: 6, value: (t) => t.stt },
  { header: 'Nội dung công việc', width: 50, value: (t) => t.title },
  { header: 'Yêu cầu', width: 24, value: (t) => t.target },
  { header: 'Cơ quan chủ trì', width: 22, value: (t) => t.lead },
  { header: 'Cơ quan phối hợp', width: 22, value: (t) => t.support },
  { header: 'Sản phẩm', width: 22, value: (t) => t.product },
  { header: 'Thời gian hoàn thành', width: 16, value: (t) => t.deadline },
  { header: 'Ghi chú', width: 20, value: (t) => t.remarks ?? '' },
];

const PROGRESS_COLUMNS: Column[] = [
  { header: 'Trạng thái', width: 16, value: (t) => t.status || 'Chưa thực hiện' },
  { header: 'Tiến độ (%)', width: 10, value: (t) => t.progress },
  { header: 'Ngày hoàn thành', width: 13, value: (t) => (t.completedOn ? formatVn(t.completedOn) : null) },
  { header: 'Minh chứng', width: 28, value: (t) => t.evidence },
];

export interface ExportOptions {
  withProgress?: boolean;
}

export function appendixWorkbook(plan: Plan, tasks: readonly Task[], options: ExportOptions = {}): ExcelJS.Workbook {
  // Columns the plan does not use are left out, as its own appendix leaves them out.
  const hasTarget = tasks.some((t) => t.target !== '');
  const hasRemarks = tasks.some((t) => (t.remarks ?? '') !== '');
  const columns = [
    ...BASE_COLUMNS.filter((c) => (hasTarget || c.header !== 'Yêu cầu') && (hasRemarks || c.header !== 'Ghi chú')),
    ...(options.withProgress ? PROGRESS_COLUMNS : []),
  ];
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'cchc-sheets';
  const ws = workbook.addWorksheet('Phụ lục');
  ws.columns = columns.map((c) => ({ width: c.width, style: { font: OFFICIAL_FONT, alignment: { vertical: 'top', wrapText: true } } }));
  const width = columns.length;

  const ward = planWard(plan);
  const by = ward.name ? ` của UBND ${wardInText(ward)}` : '';
  const titles = [
    'PHỤ LỤC',
    // Re-imported, "DANH MỤC NHIỆM VỤ: " comes off again (core/appendix), so the title does not grow.
    `DANH MỤC NHIỆM VỤ${plan.title ? `: ${plan.title.toLocaleUpperCase('vi')}` : ''}`,
    `(Kèm theo Kế hoạch số ${plan.code}${plan.date ? ` ngày ${formatVn(plan.date)}` : ''}${by})`,
  ];
  titles.forEach((text, i) => {
    const row = ws.getRow(i + 1);
    row.getCell(1).value = text;
    row.getCell(1).font = { ...OFFICIAL_FONT, bold: i < 2, italic: i === 2 };
    row.getCell(1).alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    ws.mergeCells(i + 1, 1, i + 1, width);
  });
  const headerRow = titles.length + 2;
  const header = ws.getRow(headerRow);
  columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = { ...OFFICIAL_FONT, bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = THIN_BORDER;
  });

  let r = headerRow + 1;
  const headingRow = (stt: string, title: string): void => {
    const row = ws.getRow(r++);
    row.getCell(1).value = stt;
    row.getCell(2).value = title;
    ws.mergeCells(row.number, 2, row.number, width);
    for (let c = 1; c <= width; c++) {
      row.getCell(c).font = { ...OFFICIAL_FONT, bold: true };
      row.getCell(c).border = THIN_BORDER;
    }
  };
  // Catalogs imported before headings were kept carry only each task's section: rebuild the section rows from it.
  const withHeadings = tasks.some(isHeading);
  let section = '\u0000';
  for (const task of tasks) {
    if (isHeading(task)) {
      headingRow(task.stt, task.title);
      continue;
    }
    if (!withHeadings && task.section !== section && (task.section !== '' || task.sectionTitle !== '')) headingRow(task.section, task.sectionTitle);
    section = task.section;
    const row = ws.getRow(r++);
    columns.forEach((c, i) => {
      const cell = row.getCell(i + 1);
      cell.value = c.value(task);
      cell.border = THIN_BORDER;
      if (i === 0) cell.alignment = { horizontal: 'center', vertical: 'top' };
    });
  }
  officialPageSetup(ws, headerRow);
  return printReady(workbook);
}

export async function writeAppendix(path: string, plan: Plan, tasks: readonly Task[], options: ExportOptions = {}): Promise<void> {
  await writeWorkbookAtomic(appendixWorkbook(plan, tasks, options), path);
}
