/**
 * The CCHC menu's handlers. Each reads every range it needs once and writes once,
 * using the same core rules and metrics as the `cchc` command line, under the
 * document lock (lock.ts).
 */
import {
  catalogFromTables,
  criterionTasksText,
  daysLeftText,
  deadlineFlags,
  defaultPeriodText,
  formatVn,
  formatVnNumber,
  indexSummary,
  makeResolver,
  parsePeriod,
  periodName,
  settingNumber,
  taskProgress,
  TASKS_TAB,
  validateTables,
  type ValidationIssue,
} from '../../core/index';
import { menuLocked } from './lock';
import { COLOURS, loadMarks, markIssues, saveMarks, undoMarks, type Block, type Mark } from './marks';
import { openStore } from './script-store';
import { addDays, dateWriter, readTables, todayIso, type TabData } from './sheet-io';
import { showSidebar } from './sidebar';

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

/** The tabs validation checks and marks: the catalog and the logs metrics read. */
export const CHECKED = ['tasks', 'plans', 'meetings', 'documents', 'digitisation', 'settings', 'targets', 'criteria'];

/** The data rows' backgrounds and notes of a tab, as one block. */
export function readBlock(data: TabData, firstRow: number, rows: number): { block: Block; range: GoogleAppsScript.Spreadsheet.Range } {
  const range = data.sheet.getRange(firstRow, 1, rows, Math.max(1, data.width));
  return { block: { sheet: data.sheet.getName(), firstRow, bgs: range.getBackgrounds(), notes: range.getNotes() }, range };
}

/** Where each issue's cell is: its column number in its tab. */
export function issueColumns(issues: readonly ValidationIssue[], data: TabData): { issue: ValidationIssue; col: number }[] {
  return issues.map((issue) => ({ issue, col: data.columns.get(issue.column) ?? 1 }));
}

export const cchcValidate = menuLocked(() => {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const { tables, tabs } = readTables(spreadsheet);
  if (!tabs.get('tasks')) {
    ui().alert(`Chưa có trang "${TASKS_TAB.name}". Chọn CCHC → Khởi tạo bảng tính trước khi kiểm tra.`);
    return;
  }
  const { issues } = validateTables(tables);
  const store = openStore(spreadsheet);
  let previous: Mark[] = loadMarks(store);
  const marks: Mark[] = [];
  for (const key of CHECKED) {
    const data = tabs.get(key);
    if (!data || data.rows.length === 0) continue;
    const { block, range } = readBlock(data, 2, data.rows.length);
    previous = undoMarks(previous, block).kept;
    marks.push(
      ...markIssues(
        block,
        issueColumns(
          issues.filter((i) => (i.tab ?? 'tasks') === key),
          data,
        ),
      ),
    );
    range.setBackgrounds(block.bgs);
    range.setNotes(block.notes);
  }
  // Marks on rows no longer in a checked tab's data cannot be restored here; they are kept for Xóa đánh dấu.
  saveMarks(store, [...previous, ...marks]);
  store.save();
  // Each tab's name read once: getName is a service call, and there may be thousands of issues.
  const names = new Map([...tabs].map(([key, data]) => [key, data.sheet.getName()]));
  showSidebar(issues, (tab, column) => ({ sheet: names.get(tab) ?? TASKS_TAB.name, col: tabs.get(tab)?.columns.get(column) ?? 1 }));
});

export const cchcClearMarks = menuLocked(() => {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const store = openStore(spreadsheet);
  let marks = loadMarks(store);
  if (marks.length === 0) {
    ui().alert('Không có đánh dấu kiểm tra nào cần xóa.');
    return;
  }
  const recorded = marks.length;
  let restored = 0;
  const sheets = new Map(spreadsheet.getSheets().map((s) => [s.getName(), s]));
  for (const name of new Set(marks.map((m) => m.sheet))) {
    const sheet = sheets.get(name);
    if (!sheet) continue;
    const own = marks.filter((m) => m.sheet === name);
    const firstRow = Math.min(...own.map((m) => m.row));
    const rows = Math.min(Math.max(...own.map((m) => m.row)), sheet.getMaxRows()) - firstRow + 1;
    const cols = Math.min(Math.max(...own.map((m) => m.col)), sheet.getMaxColumns());
    if (rows < 1 || cols < 1) continue;
    const range = sheet.getRange(firstRow, 1, rows, cols);
    const block: Block = { sheet: name, firstRow, bgs: range.getBackgrounds(), notes: range.getNotes() };
    const undone = undoMarks(marks, block);
    marks = undone.kept;
    restored += undone.restored;
    range.setBackgrounds(block.bgs);
    range.setNotes(block.notes);
  }
  saveMarks(store, []);
  store.save();
  const changed = recorded - restored;
  ui().alert(`Đã xóa đánh dấu ở ${restored} ô.` + (changed ? ` ${changed} ô đã được sửa tay sau khi kiểm tra nên được giữ nguyên.` : ''));
});

export const cchcUpdateDeadlines = menuLocked(() => {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const { tables, tabs, timeZone } = readTables(spreadsheet);
  const data = tabs.get('tasks');
  const dueCol = data?.columns.get('due');
  if (!data || !dueCol) {
    ui().alert(`Trang "${TASKS_TAB.name}" cần cột "Hạn (tự tính)".`);
    return;
  }
  const catalog = catalogFromTables(tables);
  const resolve = makeResolver(catalog);
  const today = todayIso(timeZone);
  const soon = settingNumber(catalog.settings, 'soonDays');
  const limit = addDays(today, soon);
  const byRow = new Map(catalog.tasks.map((t) => [t.row, t.item]));
  const dateCell = dateWriter(timeZone);
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
    values.push([due ? dateCell(due) : '']);
    colours.push([isOverdue ? COLOURS.overdue : isSoon ? COLOURS.soon : null]);
  }
  if (values.length > 0) {
    const range = data.sheet.getRange(2, dueCol, values.length, 1);
    range.setValues(values);
    range.setBackgrounds(colours);
  }
  ui().alert(
    `Đã cập nhật hạn ${values.length} nhiệm vụ: ${overdue} quá hạn, ${dueSoon} đến hạn trong ${soon} ngày (tính đến ${formatVn(today)}).`,
  );
});

export const cchcIndex = menuLocked(() => {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const { tables, tabs, timeZone } = readTables(spreadsheet);
  const catalog = catalogFromTables(tables);
  const today = todayIso(timeZone);
  const period = parsePeriod(defaultPeriodText(today))!;
  const s = indexSummary(tables['criteria'] ?? [], {
    period,
    today,
    settings: catalog.settings,
    registry: catalog.registry,
    progress: taskProgress(catalog, today),
  });

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
  const n = formatVnNumber;
  const areas = s.areas.map((a) => `${a.code}. ${a.title}: ${n(a.totals.score)}/${n(a.totals.max)}`).join('\n');
  // As `cchc index` says it; an alert holds a screenful, the command every criterion.
  const shown = s.criterionTasks.slice(0, 15).map((c) => `${c.code}: ${criterionTasksText(c.counts)}`);
  const criterionTasks =
    shown.length === 0
      ? ''
      : `\n\nNhiệm vụ theo tiêu chí:\n${shown.join('\n')}${s.criterionTasks.length > shown.length ? '\n… (xem đủ: lệnh cchc index)' : ''}`;
  ui().alert(
    `Chỉ số CCHC ${periodName(period)}: ${n(s.total.score)}/${n(s.total.max)} điểm; chỉ tiêu ${n(s.target)}; năm trước ${s.lastYear === null ? 'chưa nhập' : n(s.lastYear)}.\n` +
      (s.deadline ? `Hạn gửi: ${formatVn(s.deadline)} (${daysLeftText(s.daysLeft!)}).\n` : '') +
      `\n${areas}${criterionTasks}\n\nChưa có tài liệu kiểm chứng (tô vàng): ${s.missingEvidence.map((m) => m.code).join(', ') || 'không'}.` +
      (s.issues.length ? `\nCó ${s.issues.length} vấn đề cần sửa (chạy lệnh cchc index để xem chi tiết).` : ''),
  );
});
