/**
 * "Tính chỉ số": writes the "Tổng hợp" dashboard tab from the same computeMetrics()
 * the CLI uses — targets against values with pass/fail colours, progress per unit
 * and per section — plus charts of the online-meeting share and task progress.
 * The tab is the dashboard's own: it is rewritten each time.
 */
import { catalogFromTables, computeMetrics, defaultPeriodText, parsePeriod, type ProgressCounts, type Ratio } from '../../core/index';
import { menuLocked } from './lock';
import { asText, ensureGrid, readTables, todayIso } from './sheet-io';

export const DASHBOARD = 'Tổng hợp';
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

  const lines: Line[] = [[`Chỉ số năm ${period.year} (${m.period.from} – ${m.period.to}), tính đến ${today}`, '', '', '', '']];
  const colours: string[] = [NA];
  const add = (line: Line, colour = '#ffffff') => {
    lines.push([...line, ...Array(5 - line.length).fill('')]);
    colours.push(colour);
  };
  const verdict = (pass: boolean | null) => (pass === null ? 'Không áp dụng' : pass ? 'Đạt' : 'Chưa đạt');
  const colour = (pass: boolean | null) => (pass === null ? NA : pass ? PASS : FAIL);
  const ratioLine = (name: string, r: Ratio) => add([name, r.value ?? 'Không áp dụng', r.target, verdict(r.pass), r.gap], colour(r.pass));

  add(['Chỉ tiêu', 'Kết quả (%)', 'Chỉ tiêu (%)', 'Đánh giá', 'Ghi chú'], NA);
  ratioLine('Hội nghị trực tuyến', m.meetings.onlineShare);
  ratioLine('Hội nghị trực tuyến, kể cả kết hợp', m.meetings.onlineShareWithHybrid);
  add(['Hội nghị so với năm trước', m.meetings.change.value ?? 'Không áp dụng', m.meetings.change.target, verdict(m.meetings.change.pass), m.meetings.change.gap], colour(m.meetings.change.pass));
  add(['Văn bản hành chính so với năm trước', m.documents.change.value ?? 'Không áp dụng', m.documents.change.target, verdict(m.documents.change.pass), m.documents.change.gap], colour(m.documents.change.pass));
  ratioLine('Văn bản không mật gửi, nhận điện tử', m.documents.electronicShare);
  for (const i of m.digitisation.indicators) ratioLine(i.name, i);
  add(['Điểm chuyển đổi số (cách tính 766)', m.digitisation.score ?? 'Không áp dụng', 100, '', '']);

  const progress = (name: string, c: ProgressCounts) => add([name, c.total, c.done + c.doneLate, c.overdue, c.doneShare ?? 0]);
  add(['', '', '', '', '']);
  const progressHeader = lines.length + 1;
  add(['Tiến độ nhiệm vụ', 'Tổng số', 'Hoàn thành', 'Quá hạn', 'Tỷ lệ hoàn thành (%)'], NA);
  progress('Toàn bộ', m.tasks.overall);
  for (const [unit, c] of Object.entries(m.tasks.byUnit)) progress(catalog.registry.label(unit), c);
  const progressEnd = lines.length;
  for (const [section, c] of Object.entries(m.tasks.bySection)) progress(`Mục ${section}`, c);

  const existing = spreadsheet.getSheetByName(DASHBOARD);
  const sheet = existing ?? spreadsheet.insertSheet(DASHBOARD);
  if (existing) {
    sheet.clear();
    for (const chart of sheet.getCharts()) sheet.removeChart(chart);
  }
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
      .setOption('title', 'Tỷ lệ hội nghị trực tuyến (%), chỉ tiêu 60%')
      .setPosition(20, 7, 0, 0)
      .build(),
  );
  SpreadsheetApp.getUi().alert(`Đã cập nhật trang "${DASHBOARD}".`);
});
