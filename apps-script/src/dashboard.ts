/**
 * "Tính chỉ số": writes the "Tổng hợp" dashboard tab from the same computeMetrics()
 * the CLI uses — targets against values with pass/fail colours, progress per unit
 * and per section — plus charts of the online-meeting share and task progress.
 * The tab is the dashboard's own, known by its sheet id (a document property), so
 * it is rewritten each time even if renamed; a "Tổng hợp" tab an official made is
 * never touched: the dashboard then takes another name.
 */
import {
  catalogFromTables,
  computeMetrics,
  defaultPeriodText,
  doneCount,
  formatVn,
  formatVnPercent,
  parsePeriod,
  periodName,
  targetLines,
  type ProgressCounts,
} from '../../core/index';
import { menuLocked } from './lock';
import { asText, ensureGrid, ownTab, readTables, sheetById, todayIso } from './sheet-io';

export const DASHBOARD = ownTab('Tổng hợp');
/** The dashboard's name when an official's own tab is called "Tổng hợp". */
export const DASHBOARD_ALT = ownTab('Tổng hợp CCHC');
const DASHBOARD_KEY = 'cchc.dashboardSheetId';
const PASS = '#c6efce';
const FAIL = '#ffc7ce';
const NA = '#ededed';

type Line = (string | number)[];

export const cchcDashboard = menuLocked(() => {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const { tables, timeZone } = readTables(spreadsheet);
  const catalog = catalogFromTables(tables);
  const today = todayIso(timeZone);
  const period = parsePeriod(defaultPeriodText(today))!;
  const m = computeMetrics(tables, { period, today });

  const lines: Line[] = [
    [
      `Chỉ số ${periodName(period)} (${formatVn(m.period.from)} – ${formatVn(m.period.to)}), tính đến ngày ${formatVn(m.asOf)}`,
      '',
      '',
      '',
      '',
    ],
  ];
  const colours: string[] = [NA];
  const add = (line: Line, colour = '#ffffff') => {
    lines.push([...line, ...Array(5 - line.length).fill('')]);
    colours.push(colour);
  };
  const colour = (pass: boolean | null) => (pass === null ? NA : pass ? PASS : FAIL);

  // The core's one list of target lines, with the ward's own targets.
  add(['Chỉ tiêu', 'Kết quả', 'Chỉ tiêu giao', 'Đánh giá', 'Ghi chú'], NA);
  for (const l of targetLines(m)) add([l.name, l.value ?? 'Không áp dụng', l.targetText, l.verdict, l.gap], colour(l.pass));
  add(['Điểm chuyển đổi số (cách tính 766)', m.digitisation.score ?? 'Không áp dụng', '100', '', '']);

  const progress = (name: string, c: ProgressCounts) => add([name, c.total, doneCount(c), c.overdue, c.doneShare ?? 0]);
  add(['', '', '', '', '']);
  const progressHeader = lines.length + 1;
  add(['Tiến độ nhiệm vụ', 'Tổng số', 'Hoàn thành', 'Quá hạn', 'Tỷ lệ hoàn thành (%)'], NA);
  progress('Toàn bộ', m.tasks.overall);
  for (const [unit, c] of Object.entries(m.tasks.byUnit)) progress(catalog.registry.label(unit), c);
  const progressEnd = lines.length;
  for (const [section, c] of Object.entries(m.tasks.bySection)) progress(`Mục ${section}`, c);

  const props = PropertiesService.getDocumentProperties();
  const ownId = Number(props.getProperty(DASHBOARD_KEY) ?? NaN);
  const existing = sheetById(spreadsheet, ownId) ?? null;
  const name = [DASHBOARD, DASHBOARD_ALT].find((n) => !spreadsheet.getSheetByName(n));
  if (!existing && !name) {
    SpreadsheetApp.getUi().alert(
      `Các trang "${DASHBOARD}" và "${DASHBOARD_ALT}" đã có và không do menu CCHC tạo, nên không ghi đè. Đổi tên một trong hai trang rồi chọn lại Tính chỉ số.`,
    );
    return;
  }
  const sheet = existing ?? spreadsheet.insertSheet(name!);
  if (existing) {
    sheet.clear();
    for (const chart of sheet.getCharts()) sheet.removeChart(chart);
  } else props.setProperty(DASHBOARD_KEY, String(sheet.getSheetId()));
  ensureGrid(sheet, lines.length, 5);
  const range = sheet.getRange(1, 1, lines.length, 5);
  // Unit names and labels are officials' text: kept as text, never read as formulas or dates.
  range.setValues(lines.map((line) => line.map((v) => (typeof v === 'string' ? asText(v) : v))));
  range.setBackgrounds(colours.map((c) => Array(5).fill(c)));
  sheet.setFrozenRows(1);

  sheet.insertChart(
    sheet
      .newChart()
      .setChartType(Charts.ChartType.BAR)
      .addRange(sheet.getRange(progressHeader + 1, 1, progressEnd - progressHeader, 1))
      .addRange(sheet.getRange(progressHeader + 1, 5, progressEnd - progressHeader, 1))
      .setOption('title', 'Tỷ lệ hoàn thành nhiệm vụ theo đơn vị (%)')
      .setPosition(2, 7, 0, 0)
      .build(),
  );
  sheet.insertChart(
    sheet
      .newChart()
      .setChartType(Charts.ChartType.BAR)
      .addRange(sheet.getRange(3, 1, 2, 2))
      .setOption('title', `Tỷ lệ hội nghị trực tuyến (%), chỉ tiêu từ ${formatVnPercent(m.meetings.onlineShare.target)}`)
      .setPosition(20, 7, 0, 0)
      .build(),
  );
  SpreadsheetApp.getUi().alert(`Đã cập nhật trang "${sheet.getName()}".`);
});
