/**
 * The CCHC menu's handlers. Each reads every range it needs once and writes once,
 * using the same core rules and metrics as the `cchc` command line.
 */
import {
  catalogFromTables,
  deadlineFlags,
  formatVn,
  indexSummary,
  makeResolver,
  parsePeriod,
  settingNumber,
  tabByKey,
  TASKS_TAB,
  validateTables,
  type ValidationIssue,
} from '../../core/index';
import { readTab, readTables, todayIso } from './sheet-io';
import { showSidebar } from './sidebar';

export const COLOURS = { error: '#f4cccc', warning: '#fff2cc', overdue: '#ea9999', soon: '#ffe599' } as const;
/** Notes validation writes start with this, so "Xóa đánh dấu" can tell them from officials' notes. */
export const NOTE_PREFIX = '[CCHC] ';
const MARKS_KEY = 'cchc.validationMarks';

/** What validation changed, to undo exactly that: [sheet, row, column, previous background, previous note]. */
type Marks = { cells: [string, number, number, string, string][] };

function ui(): GoogleAppsScript.Base.Ui {
  return SpreadsheetApp.getUi();
}

export function onOpen(): void {
  ui()
    .createMenu('CCHC')
    .addItem('Khởi tạo bảng tính', 'cchcSetup')
    .addItem('Kiểm tra dữ liệu', 'cchcValidate')
    .addItem('Xóa đánh dấu', 'cchcClearMarks')
    .addSeparator()
    .addItem('Cập nhật hạn & quá hạn', 'cchcUpdateDeadlines')
    .addItem('Tính chỉ số', 'cchcDashboard')
    .addSeparator()
    .addItem('Gửi nhắc việc', 'cchcReminders')
    .addItem('Bật nhắc việc hằng ngày', 'cchcEnableDailyReminders')
    .addSeparator()
    .addItem('Tự chấm điểm chỉ số CCHC', 'cchcIndex')
    .addToUi();
}

/** Undoes validation marks on one sheet's grid (in memory); returns how many cells were restored. */
function undoMarks(marks: Marks | null, sheet: string, bgs: string[][], notes: string[][], firstRow: number): number {
  let restored = 0;
  for (const [name, row, col, bg, note] of marks?.cells ?? []) {
    const r = row - firstRow;
    if (name !== sheet || !bgs[r] || bgs[r]![col - 1] === undefined) continue;
    // Only cells still showing our mark: an official may have recoloured or re-noted since.
    if ((notes[r]![col - 1] ?? '').startsWith(NOTE_PREFIX)) {
      bgs[r]![col - 1] = bg;
      notes[r]![col - 1] = note;
      restored++;
    }
  }
  return restored;
}

export function loadMarks(props: GoogleAppsScript.Properties.Properties): Marks | null {
  const text = props.getProperty(MARKS_KEY);
  return text ? (JSON.parse(text) as Marks) : null;
}

/** The tabs validation checks and marks: the catalog and the logs metrics read. */
const CHECKED = ['tasks', 'plans', 'meetings', 'documents', 'digitisation', 'settings', 'targets', 'criteria'];

export function cchcValidate(): void {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const { tables, tabs } = readTables(spreadsheet);
  if (!tabs.get('tasks')) {
    ui().alert(`Chưa có trang "${TASKS_TAB.name}". Tạo trang nhiệm vụ trước khi kiểm tra.`);
    return;
  }
  const { issues } = validateTables(tables);
  const props = PropertiesService.getDocumentProperties();
  const previous = loadMarks(props);
  const marks: Marks = { cells: [] };
  for (const key of CHECKED) {
    const data = tabs.get(key);
    if (!data || data.rows.length === 0) continue;
    const name = data.sheet.getName();
    const range = data.sheet.getRange(2, 1, data.rows.length, Math.max(1, data.width));
    const bgs = range.getBackgrounds();
    const notes = range.getNotes();
    undoMarks(previous, name, bgs, notes, 2);
    const byCell = new Map<string, ValidationIssue[]>();
    for (const issue of issues.filter((i) => (i.tab ?? 'tasks') === key)) {
      const cell = `${issue.row}:${data.columns.get(issue.column) ?? 1}`;
      byCell.set(cell, [...(byCell.get(cell) ?? []), issue]);
    }
    for (const [cell, list] of byCell) {
      const [row, col] = cell.split(':').map(Number) as [number, number];
      const r = row - 2;
      if (!bgs[r]) continue;
      marks.cells.push([name, row, col, bgs[r]![col - 1]!, notes[r]![col - 1]!]);
      bgs[r]![col - 1] = list.some((i) => i.severity === 'error') ? COLOURS.error : COLOURS.warning;
      notes[r]![col - 1] = NOTE_PREFIX + list.map((i) => `${i.message} (${i.code})`).join('\n');
    }
    range.setBackgrounds(bgs);
    range.setNotes(notes);
  }
  props.setProperty(MARKS_KEY, JSON.stringify(marks));
  showSidebar(issues, (tab, column) => {
    const data = tabs.get(tab);
    return { sheet: data?.sheet.getName() ?? TASKS_TAB.name, col: data?.columns.get(column) ?? 1 };
  });
}

export function cchcClearMarks(): void {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const props = PropertiesService.getDocumentProperties();
  const marks = loadMarks(props);
  if (!marks) {
    ui().alert('Không có đánh dấu kiểm tra nào cần xóa.');
    return;
  }
  let restored = 0;
  for (const key of CHECKED) {
    const data = readTab(spreadsheet, tabByKey(key));
    if (!data || data.rows.length === 0 || !marks.cells.some(([name]) => name === data.sheet.getName())) continue;
    const range = data.sheet.getRange(2, 1, data.rows.length, Math.max(1, data.width));
    const bgs = range.getBackgrounds();
    const notes = range.getNotes();
    restored += undoMarks(marks, data.sheet.getName(), bgs, notes, 2);
    range.setBackgrounds(bgs);
    range.setNotes(notes);
  }
  props.deleteProperty(MARKS_KEY);
  ui().alert(`Đã xóa đánh dấu ở ${restored} ô.`);
}

export function cchcUpdateDeadlines(): void {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const { tables, tabs } = readTables(spreadsheet);
  const data = tabs.get('tasks');
  const dueCol = data?.columns.get('due');
  if (!data || !dueCol) {
    ui().alert(`Trang "${TASKS_TAB.name}" cần cột "Hạn (tự tính)".`);
    return;
  }
  const catalog = catalogFromTables(tables);
  const resolve = makeResolver(catalog);
  const today = todayIso();
  const soon = settingNumber(catalog.settings, 'soonDays');
  const limit = Utilities.formatDate(new Date(Date.now() + soon * 86_400_000), 'Asia/Ho_Chi_Minh', 'yyyy-MM-dd');
  const byRow = new Map(catalog.tasks.map((t) => [t.row, t.item]));
  const values: (Date | string)[][] = [];
  const colours: (string | null)[][] = [];
  let overdue = 0;
  let dueSoon = 0;
  for (let i = 0; i < data.rows.length; i++) {
    const task = byRow.get(i + 2);
    const r = task ? resolve(task) : null;
    const due = r?.deadline.due ?? null;
    const flags = r ? deadlineFlags(r, today, limit) : null;
    const isOverdue = flags?.overdue ?? false;
    const isSoon = flags?.dueSoon ?? false;
    if (isOverdue) overdue++;
    if (isSoon) dueSoon++;
    values.push([due ? new Date(Number(due.slice(0, 4)), Number(due.slice(5, 7)) - 1, Number(due.slice(8, 10))) : '']);
    colours.push([isOverdue ? COLOURS.overdue : isSoon ? COLOURS.soon : null]);
  }
  if (values.length > 0) {
    const range = data.sheet.getRange(2, dueCol, values.length, 1);
    range.setValues(values);
    range.setBackgrounds(colours);
  }
  ui().alert(`Đã cập nhật hạn ${values.length} nhiệm vụ: ${overdue} quá hạn, ${dueSoon} đến hạn trong ${soon} ngày (tính đến ${formatVn(today)}).`);
}

export function cchcIndex(): void {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const { tables, tabs } = readTables(spreadsheet);
  const catalog = catalogFromTables(tables);
  const today = todayIso();
  const period = parsePeriod(today <= `${today.slice(0, 4)}-06-30` ? `${today.slice(0, 4)}-H1` : today.slice(0, 4))!;
  const s = indexSummary(tables['criteria'] ?? [], { period, today, settings: catalog.settings, registry: catalog.registry });

  // Highlight the evidence cell of every criterion still without evidence; clear it once evidence arrives.
  const data = tabs.get('criteria');
  const evidenceCol = data?.columns.get('evidence');
  if (data && evidenceCol && data.rows.length > 0) {
    const missing = new Set(s.missingEvidence.map((m) => m.code));
    const range = data.sheet.getRange(2, evidenceCol, data.rows.length, 1);
    const current = range.getBackgrounds();
    range.setBackgrounds(
      data.rows.map((row, i) => {
        const before = current[i]![0]!;
        if (missing.has(String(row['code'] ?? ''))) return [COLOURS.warning];
        return [before === COLOURS.warning ? null : before];
      }),
    );
  }
  const areas = s.areas.map((a) => `${a.code}. ${a.title}: ${a.totals.score}/${a.totals.max}`).join('\n');
  ui().alert(
    `Chỉ số CCHC (${period.label}): ${s.total.score}/${s.total.max} điểm; chỉ tiêu ${s.target}; năm trước ${s.lastYear ?? 'chưa nhập'}.\n` +
      (s.deadline ? `Hạn gửi: ${formatVn(s.deadline)} (còn ${s.daysLeft} ngày).\n` : '') +
      `\n${areas}\n\nChưa có tài liệu kiểm chứng (tô vàng): ${s.missingEvidence.map((m) => m.code).join(', ') || 'không'}.` +
      (s.issues.length ? `\nCó ${s.issues.length} vấn đề cần sửa (chạy lệnh cchc index để xem chi tiết).` : ''),
  );
}
