/**
 * The CCHC menu's handlers. Each reads every range it needs once and writes once,
 * using the same core rules and metrics as the `cchc` command line, under the
 * document lock (lock.ts).
 */
import {
  catalogFromTables,
  DATE_PATTERN,
  criterionTasksText,
  daysLeftText,
  DUE_COLOURS,
  defaultPeriodText,
  formatVn,
  formatVnNumber,
  indexScoreText,
  indexStanding,
  indexSummaryOf,
  isMarked,
  issueLocation,
  MARK_COLOURS,
  NO_COLOUR,
  parsePeriod,
  periodName,
  taskProgress,
  TASKS_TAB,
  unmarkedLook,
  VALIDATED_TABS,
  validateTables,
  type ValidationIssue,
} from '../../core/index';
import { menuLocked } from './lock';
import { issuesByCell, markBlock, readBlock, restyle } from './marks';
import { growLayout } from './setup-sheet';
import { dateWriter, readTables, todayIso, type TabData } from './sheet-io';
import { showSidebar } from './sidebar';

function ui(): GoogleAppsScript.Base.Ui {
  return SpreadsheetApp.getUi();
}

export function onOpen(): void {
  ui()
    .createMenu('CCHC')
    .addItem('Khởi tạo bảng tính', 'cchcSetup')
    .addItem('Nhập kế hoạch từ tệp Word/Excel…', 'cchcImportPlan')
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
    .addSeparator()
    .addItem('Xuất phụ lục (Excel)…', 'cchcExportAppendix')
    .addItem('Xuất báo cáo định kỳ (Word)…', 'cchcExportReport')
    .addToUi();
}

/** Marks every validated tab's cells with the issues found; returns how many cells changed. */
function markTabs(tabs: ReadonlyMap<string, TabData>, issues: readonly ValidationIssue[]): number {
  let changed = 0;
  for (const key of VALIDATED_TABS) {
    const data = tabs.get(key);
    if (!data || data.rows.length === 0) continue;
    const block = readBlock(data.sheet, 2, data.rows.length, data.width);
    const own = issues.filter((i) => (i.tab ?? 'tasks') === key);
    changed += markBlock(
      block,
      issuesByCell(own, (column) => data.columns.get(column)),
    );
  }
  return changed;
}

export const cchcValidate = menuLocked(() => {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  growLayout(spreadsheet);
  const { tables, tabs } = readTables(spreadsheet);
  if (!tabs.get('tasks')) {
    ui().alert(`Chưa có trang "${TASKS_TAB.name}". Chọn CCHC → Khởi tạo bảng tính trước khi kiểm tra.`);
    return;
  }
  const { issues } = validateTables(tables);
  markTabs(tabs, issues);
  // Each tab's name read once: getName is a service call, and there may be thousands of issues.
  const names = new Map([...tabs].map(([key, data]) => [key, data.sheet.getName()]));
  showSidebar(issues, (tab, column) => ({ sheet: names.get(tab) ?? TASKS_TAB.name, col: tabs.get(tab)?.columns.get(column) ?? 1 }));
});

export const cchcClearMarks = menuLocked(() => {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const { tabs } = readTables(spreadsheet, VALIDATED_TABS);
  let cleared = 0;
  for (const key of VALIDATED_TABS) {
    const data = tabs.get(key);
    if (!data || data.rows.length === 0) continue;
    const block = readBlock(data.sheet, 2, data.rows.length, data.width);
    cleared += restyle(block, (current) => (isMarked(current) ? unmarkedLook(current) : null));
  }
  ui().alert(
    cleared === 0
      ? 'Không có đánh dấu kiểm tra nào cần xóa.'
      : `Đã xóa đánh dấu ở ${cleared} ô. Ghi chú và màu do cán bộ tự đặt được giữ nguyên.`,
  );
});

export const cchcUpdateDeadlines = menuLocked(() => {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  growLayout(spreadsheet);
  const { tables, tabs, timeZone } = readTables(spreadsheet);
  const data = tabs.get('tasks');
  const dueCol = data?.columns.get('due');
  if (!data || !dueCol) {
    ui().alert(`Trang "${TASKS_TAB.name}" cần cột "Hạn (tự tính)".`);
    return;
  }
  const catalog = catalogFromTables(tables);
  const today = todayIso(timeZone);
  // The command line's rule, as of today: periodic tasks get their next due date, met conditions their days.
  const progress = taskProgress(catalog, today);
  const byRow = new Map(progress.standings.map((s) => [s.row, s]));
  const dateCell = dateWriter(timeZone);
  const values: (Date | string)[][] = [];
  const colours: (string | null)[][] = [];
  for (let i = 0; i < data.rows.length; i++) {
    const standing = byRow.get(i + 2);
    values.push([standing?.due ? dateCell(standing.due) : '']);
    colours.push([standing?.overdue ? DUE_COLOURS.overdue : standing?.dueSoon ? DUE_COLOURS.soon : null]);
  }
  if (values.length > 0) {
    const range = data.sheet.getRange(2, dueCol, values.length, 1);
    range.setValues(values);
    range.setNumberFormat(DATE_PATTERN);
    range.setBackgrounds(colours);
  }
  ui().alert(
    `Đã cập nhật hạn ${values.length} nhiệm vụ: ${progress.overdue.length} quá hạn, ${progress.dueSoon.length} đến hạn trong ${progress.soonDays} ngày (tính đến ${formatVn(today)}).`,
  );
});

/** A dialog shows this many of the index's issues; the validation sidebar lists them all. */
const INDEX_ISSUES_SHOWN = 10;

export const cchcIndex = menuLocked(() => {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const { tables, tabs, timeZone } = readTables(spreadsheet);
  const catalog = catalogFromTables(tables);
  const today = todayIso(timeZone);
  const period = parsePeriod(defaultPeriodText(today))!;
  const s = indexSummaryOf(catalog, tables['criteria'] ?? [], { period, today });

  // Highlight the evidence cell of every criterion scored without evidence or explanation; clear it once either arrives.
  const data = tabs.get('criteria');
  const evidenceCol = data?.columns.get('evidence');
  if (data && evidenceCol && data.rows.length > 0) {
    const missing = new Set(s.missingEvidence.map((m) => m.code));
    const range = data.sheet.getRange(2, evidenceCol, data.rows.length, 1);
    const current = range.getBackgrounds();
    // An official's own colour on an evidence cell stays theirs.
    range.setBackgrounds(
      data.rows.map((row, i) => {
        const before = current[i]![0]!;
        const ours = before === MARK_COLOURS.warning || before === NO_COLOUR;
        if (missing.has(String(row['code'] ?? ''))) return [ours ? MARK_COLOURS.warning : before];
        return [before === MARK_COLOURS.warning ? NO_COLOUR : before];
      }),
    );
  }
  const n = formatVnNumber;
  const areas = s.areas.map((a) => `${a.code}. ${a.title}: ${n(a.totals.score)}/${n(a.totals.max)}`).join('\n');
  // As `cchc index` says it; an alert holds a screenful of criteria, the rest are counted.
  const shown = s.criterionTasks.slice(0, 15).map((c) => `${c.code}: ${criterionTasksText(c.counts)}`);
  const criterionTasks =
    shown.length === 0
      ? ''
      : `\n\nNhiệm vụ theo tiêu chí:\n${shown.join('\n')}${s.criterionTasks.length > shown.length ? `\n… và ${s.criterionTasks.length - shown.length} tiêu chí khác (cột "Mã tiêu chí CCHC" ở trang "Nhiệm vụ")` : ''}`;
  ui().alert(
    `Chỉ số CCHC ${periodName(period)}: ${indexScoreText(s, 'mất')}; ${indexStanding(s).text}; năm trước ${s.lastYear === null ? 'chưa nhập' : n(s.lastYear)}.\n` +
      (s.deadline ? `Hạn gửi: ${formatVn(s.deadline)} (${daysLeftText(s.daysLeft!)}).\n` : '') +
      `\n${areas}${criterionTasks}\n\nChấm điểm nhưng chưa có tài liệu kiểm chứng hoặc giải trình (tô vàng): ${s.missingEvidence.map((m) => m.code).join(', ') || 'không'}.` +
      (s.issues.length
        ? `\nCó ${s.issues.length} vấn đề cần sửa trong trang "Chỉ số CCHC":\n` +
          s.issues
            .slice(0, INDEX_ISSUES_SHOWN)
            .map((i) => `- ${issueLocation(i)}: ${i.message}`)
            .join('\n') +
          (s.issues.length > INDEX_ISSUES_SHOWN
            ? `\n… và ${s.issues.length - INDEX_ISSUES_SHOWN} vấn đề khác: chọn CCHC → Kiểm tra dữ liệu để xem tất cả.`
            : '')
        : ''),
  );
});
