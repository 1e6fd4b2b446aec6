import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { HANDLERS } from '../../apps-script/build';
import {
  catalogFromTables,
  criterionTasksText,
  CRITERIA_TAB,
  issueLabel,
  JOURNAL_HEADER,
  JOURNAL_MAX_LINES,
  JOURNAL_TAB,
  LAYOUT_ROWS,
  MEETINGS_TAB,
  parseJournal,
  protectedSpans,
  TABS,
  TASKS_TAB,
  UNITS_TAB,
  targetLines,
  validateTasksTab,
  type IndexSummary,
  type MetricsReport,
  type ValidationIssue,
} from '../../core/index';
import { sampleTables } from '../../sync/samples/sample-tables';
import { XlsxStore } from '../../sync/store/xlsx-store';
import { cchcAsync } from '../helpers/cli';
import { useTempDir } from '../helpers/tmp';
import { ERRORS, midnightIn, type Cell, type FakeSheet } from './fakes';
import { builtBundle, gridsFrom, load as loadIn, notesOn, sidebarOf, wardTables } from './gas';
import { taskLine } from '../fixtures/task-rows';

const tempDir = useTempDir();
let code = '';
beforeAll(async () => {
  code = await builtBundle();
});

const load = (tabs: Record<string, Cell[][]>, options: { timeZone?: string; cpuFactor?: number } = {}) => loadIn(code, tabs, options);

const HEADER = TASKS_TAB.columns.map((c) => c.header);
const col = (key: string) => TASKS_TAB.columns.findIndex((c) => c.key === key);
const STORE_TAB = 'CCHC – dữ liệu của menu (không sửa)';
const BUSY = 'Đang có người chạy một lệnh của menu CCHC trên bảng tính này. Vui lòng thử lại sau ít phút.';

const taskRow = (i: number, overrides: Partial<Record<string, Cell>> = {}): Cell[] => taskLine<Cell>(i, overrides);

function tasksTab(n: number, bad = true): Cell[][] {
  const rows = Array.from({ length: n }, (_, i) => taskRow(i + 1));
  if (bad) {
    rows[0] = taskRow(1, { progress: 150 }); // error
    rows[1] = taskRow(2, { lead: 'Phòng VHXXH' }); // warning
  }
  return [HEADER, ...rows];
}

/** Today in Hà Nội, as the menu (the sheet's zone) and `cchc --today` see it. */
const todayHanoi = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());

/** The day a date cell shows in a zone. */
const dayIn = (d: Date, timeZone: string) => new Intl.DateTimeFormat('en-CA', { timeZone }).format(d);

const snapshot = (sheet: FakeSheet) => JSON.stringify([sheet.backgrounds, sheet.notes]);

describe('Apps Script bundle, as built', () => {
  it("is one script under 600 KB (the import brings the core's file reader and import planner) with no import/export, readable Vietnamese, no zod, and a top-level function per handler", () => {
    expect(Buffer.byteLength(code, 'utf8')).toBeLessThan(600 * 1024);
    expect(code).not.toMatch(/^\s*(import|export)\s/m);
    expect(code).not.toContain('ZodError');
    expect(code).toContain('Kiểm tra dữ liệu');
    expect(code).not.toContain('\\u1EC3');
    for (const name of HANDLERS) expect(code).toContain(`function ${name}(a, b, c)`);
  });

  it('onOpen builds the CCHC menu and every item names a global function that exists', () => {
    const gas = load({});
    gas.simple('onOpen');
    expect(gas.menus).toHaveLength(1);
    expect(gas.menus[0]!.name).toBe('CCHC');
    expect(gas.menus[0]!.items.map(([label]) => label)).toEqual([
      'Khởi tạo bảng tính',
      'Nhập kế hoạch từ tệp Word/Excel…',
      'Kiểm tra dữ liệu',
      'Xóa đánh dấu',
      'Cập nhật hạn & quá hạn',
      'Tính chỉ số',
      'Gửi nhắc việc',
      'Bật nhắc việc hằng ngày',
      'Tự chấm điểm chỉ số CCHC',
      'Xuất phụ lục (Excel)…',
      'Xuất báo cáo định kỳ (Word)…',
    ]);
    for (const [, fn] of gas.menus[0]!.items) expect(typeof (gas.context as Record<string, unknown>)[fn]).toBe('function');
  });
});

describe('Khởi tạo bảng tính on a fresh spreadsheet (one 1,000 × 26 tab, as Google makes it)', () => {
  it('grows each new tab before writing, lays out every tab, and a rerun changes nothing', () => {
    const gas = load({ 'Trang tính1': [] });
    gas.call('cchcSetup');
    expect(gas.sheetNames().sort()).toEqual(['Trang tính1', ...TABS.map((t) => t.name)].sort());
    const tasks = gas.sheet('Nhiệm vụ')!;
    expect(tasks.getMaxRows()).toBeGreaterThanOrEqual(LAYOUT_ROWS + 1);
    expect(tasks.values[0]!.slice(0, HEADER.length)).toEqual(HEADER);
    expect(tasks.frozenRows).toBe(1);
    const statusRule = tasks.validations.find((v) => v.column === col('status') + 1)!;
    expect(statusRule).toMatchObject({ row: 2, rows: LAYOUT_ROWS });
    expect(statusRule.rule['requireValueInList']).toEqual([
      ['Chưa thực hiện', 'Đang thực hiện', 'Hoàn thành', 'Hoàn thành quá hạn', 'Không thực hiện'],
      true,
    ]);
    expect(tasks.validations.find((v) => v.column === col('lead') + 1)!.rule['setAllowInvalid']).toBe(true);
    expect(tasks.protections.map(({ column, warningOnly, description, rows }) => ({ column, warningOnly, description, rows }))).toEqual([
      {
        column: col('id') + 1,
        rows: LAYOUT_ROWS,
        warningOnly: true,
        description: 'Cột "Mã nhiệm vụ" do hệ thống cấp để đồng bộ; không sửa, không xóa',
      },
      {
        column: col('plan') + 1,
        rows: LAYOUT_ROWS,
        warningOnly: true,
        description: 'Các cột "Kế hoạch" đến "Ghi chú kế hoạch" lấy từ phụ lục kế hoạch; sửa trong phụ lục rồi nhập lại',
      },
      { column: col('due') + 1, rows: LAYOUT_ROWS, warningOnly: true, description: 'Cột "Hạn (tự tính)" do hệ thống tự tính' },
      {
        column: col('criterion') + 1,
        rows: LAYOUT_ROWS,
        warningOnly: true,
        description: 'Cột "Mã tiêu chí CCHC" lấy từ phụ lục kế hoạch; sửa trong phụ lục rồi nhập lại',
      },
    ]);
    expect(String(tasks.conditionalRules[0]!['whenFormulaSatisfied'])).toContain('<TODAY()');
    expect(gas.alerts[0]).toContain(`Đã tạo ${TABS.length} trang`);

    gas.call('cchcSetup');
    expect(gas.alerts[1]).toBe('Bảng tính đã có đủ các trang; không thay đổi gì.');
  });

  it('keeps existing tabs, found by key as the command line finds them ("Kế Hoạch ", NFD)', () => {
    const existing: Cell[][] = [
      ['Số kế hoạch', 'Tên kế hoạch'],
      ['158/KH-UBND', 'Dữ liệu của phường'],
    ];
    const gas = load({ 'Kế Hoạch ': existing, ['Nhiệm vụ'.normalize('NFD')]: [HEADER] });
    gas.call('cchcSetup');
    expect(gas.sheetNames()).not.toContain('Kế hoạch');
    expect(gas.sheetNames()).not.toContain('Nhiệm vụ');
    expect(gas.sheet('Kế Hoạch ')!.values[1]!.slice(0, 2)).toEqual(['158/KH-UBND', 'Dữ liệu của phường']);
    expect(gas.alerts[0]).toContain(`Đã tạo ${TABS.length - 2} trang`);
  });
});

describe('Khởi tạo bảng tính on sheets officials have touched', () => {
  const unitHeader = (key: string) => UNITS_TAB.columns.find((c) => c.key === key)!.header;
  const leadRule = (gas: ReturnType<typeof load>) =>
    gas.sheet('Nhiệm vụ')!.validations.find((v) => v.column === col('lead') + 1)!.rule['requireValueInRange'] as [{ a1: string }, boolean];

  it('adopts a units tab named loosely ("Đơn Vị ") with its own column order: dropdowns point at its names, no twin tab', () => {
    const units: Cell[][] = [
      [unitHeader('name'), unitHeader('id'), 'Ghi chú của phường'],
      ['Phòng Văn hóa - Xã hội', 'VHXH', 'giữ nguyên'],
    ];
    const gas = load({ 'Đơn Vị ': units });
    gas.call('cchcSetup');
    expect(gas.sheetNames()).not.toContain('Đơn vị');
    expect(leadRule(gas)[0].a1).toBe("'Đơn Vị '!$A$2:$A");
    expect(
      gas
        .sheet('Đơn Vị ')!
        .values.slice(0, 2)
        .map((r) => r.slice(0, 3)),
    ).toEqual(units);
  });

  it('adopts a units tab an official renamed, found by its header, and says so', () => {
    const gas = load({ "Danh sách đơn vị của Phường's": [UNITS_TAB.columns.map((c) => c.header), ['VHXH', 'Phòng Văn hóa - Xã hội']] });
    gas.call('cchcSetup');
    expect(gas.sheetNames()).not.toContain('Đơn vị');
    const name = UNITS_TAB.columns.findIndex((c) => c.key === 'name');
    expect(leadRule(gas)[0].a1).toBe(
      `'Danh sách đơn vị của Phường''s'!$${String.fromCharCode(65 + name)}$2:$${String.fromCharCode(65 + name)}`,
    );
    expect(gas.alerts[0]).toContain(`Dùng các trang đã có: "Danh sách đơn vị của Phường's" làm trang "Đơn vị"`);
  });

  it('lays the rules over the whole grid, the overdue colour on the due column only, dates formatted', () => {
    const gas = load({ 'Trang tính1': [] });
    gas.call('cchcSetup');
    const tasks = gas.sheet('Nhiệm vụ')!;
    for (const v of tasks.validations) expect(v.row + v.rows - 1).toBe(tasks.getMaxRows());
    const ranges = tasks.conditionalRules[0]!['setRanges'] as { getColumn(): number; getNumColumns(): number; getLastRow(): number }[];
    expect(ranges.map((r) => [r.getColumn(), r.getNumColumns(), r.getLastRow()])).toEqual([[col('due') + 1, 1, tasks.getMaxRows()]]);
    expect(tasks.formats.get(`2:${col('due') + 1}`)).toBe('dd/mm/yyyy');
    expect(tasks.formats.get(`${tasks.getMaxRows()}:${col('completedOn') + 1}`)).toBe('dd/mm/yyyy');
  });

  it("grows with the data: rows the grid gains get the tab's dropdowns, formats, protection and overdue colour at the next check", () => {
    const gas = load({ 'Trang tính1': [] });
    gas.call('cchcSetup');
    const tasks = gas.sheet('Nhiệm vụ')!;
    const laid = tasks.getMaxRows();
    tasks.insertRowsAfter(laid, 3000); // a paste of 5,000 tasks grows the tab
    gas.call('cchcValidate');
    const status = tasks.validations.filter((v) => v.column === col('status') + 1);
    expect(status.map((v) => [v.row, v.row + v.rows - 1])).toEqual([
      [2, laid],
      [laid + 1, laid + 3000],
    ]);
    expect(tasks.formats.get(`${laid + 3000}:${col('due') + 1}`)).toBe('dd/mm/yyyy');
    expect(tasks.protections.filter((p) => p.row === laid + 1)).toHaveLength(protectedSpans(TASKS_TAB).length);
    const formulas = tasks.conditionalRules.map((r) => String(r['whenFormulaSatisfied']));
    expect(formulas[1]).toContain(`$${String.fromCharCode(65 + col('due'))}${laid + 1}<TODAY()`);
    // Nothing grew: nothing is laid again.
    gas.call('cchcUpdateDeadlines');
    expect(tasks.validations.filter((v) => v.column === col('status') + 1)).toHaveLength(2);
  });

  it('is all or nothing: a failure part-way removes the tabs it made and leaves the official on their tab', () => {
    const gas = load({ 'Trang tính1': [['Số liệu của chị Lan']] });
    // Near the 10-million-cell limit: the first tabs fit, a later one does not.
    gas.spreadsheet.reserve(10_000_000 - 150_000);
    const before = gas.sheetNames();
    gas.call('cchcSetup');
    expect(gas.sheetNames()).toEqual(before);
    expect(gas.spreadsheet.getActiveSheet().getName()).toBe('Trang tính1');
    expect(gas.alerts[0]).toMatch(/^Không khởi tạo được bảng tính: .*Bảng tính được giữ nguyên như trước/);
  });
});

describe('Tính chỉ số writes to its own tab', () => {
  it('an official\'s "Tổng hợp" tab is never cleared: the dashboard takes its own tab, and keeps it when renamed', async () => {
    const tables = await sampleTables();
    const mine: Cell[][] = [['Bảng tổng hợp của chị Lan'], ['Số liệu quý I', 12]];
    const gas = load({ ...gridsFrom(tables), 'Tổng hợp': mine });
    gas.call('cchcDashboard');
    expect(
      gas
        .sheet('Tổng hợp')!
        .values.slice(0, 2)
        .map((r) => r.slice(0, 2)),
    ).toEqual([
      ['Bảng tổng hợp của chị Lan', ''],
      ['Số liệu quý I', 12],
    ]);
    expect(gas.alerts.at(-1)).toBe('Đã cập nhật trang "Tổng hợp CCHC".');
    gas.sheet('Tổng hợp CCHC')!.setName('Chỉ số 2026');
    gas.call('cchcDashboard');
    expect(gas.alerts.at(-1)).toBe('Đã cập nhật trang "Chỉ số 2026".');
    expect(gas.sheetNames().filter((n) => n.startsWith('Tổng hợp'))).toEqual(['Tổng hợp']);
  });
});

describe('a fresh spreadsheet at 5,000 tasks and 60 units with emails', () => {
  it('set up, then filled by pasting (Sheets parses the text), every menu item runs without an error', async () => {
    const gas = load({ 'Trang tính1': [] });
    gas.call('cchcSetup');
    const tables = await wardTables();
    for (const [name, grid] of Object.entries(gridsFrom(tables))) {
      const sheet = gas.sheet(name)!;
      // A paste grows the tab as needed, as Sheets does.
      if (grid.length > sheet.getMaxRows()) sheet.insertRowsAfter(sheet.getMaxRows(), grid.length - sheet.getMaxRows());
      sheet.getRange(1, 1, grid.length, grid[0]!.length).setValues(grid);
    }
    const handlers = [
      'cchcValidate',
      'cchcClearMarks',
      'cchcUpdateDeadlines',
      'cchcDashboard',
      'cchcIndex',
      'cchcReminders',
      'cchcContinueReminders',
      'cchcEnableDailyReminders',
    ];
    for (const handler of handlers) gas.call(handler);
    gas.simple('onEdit', { source: gas.spreadsheet, range: gas.sheet('Nhiệm vụ')!.getRange(2, 1, 5000, HEADER.length) });
    expect(gas.alerts.filter((a) => a === BUSY)).toEqual([]);
    expect(gas.mail.sent.filter((m) => m.to.startsWith('tdp'))).toHaveLength(60);
    // The pasted dates (read back as Date cells) give the issues the command line's rules give on the typed data.
    const shown = sidebarOf(gas, 0);
    // The sidebar's page stays small: every kind and its count, as many links as fit.
    expect(Buffer.byteLength(gas.sidebars[0]!.html)).toBeLessThanOrEqual(200 * 1024);
    const byKind = (list: readonly ValidationIssue[]) => {
      const counts: Record<string, number> = {};
      for (const i of list) if ((i.tab ?? 'tasks') === 'tasks') counts[issueLabel(i.code)] = (counts[issueLabel(i.code)] ?? 0) + 1;
      return counts;
    };
    const taskKinds = new Set(Object.keys(byKind(validateTasksTab(catalogFromTables(tables)))));
    expect(Object.fromEntries(shown.groups.filter((g) => taskKinds.has(g.kind)).map((g) => [g.kind, g.total]))).toEqual(
      byKind(validateTasksTab(catalogFromTables(tables))),
    );
  });
});

describe('Kiểm tra dữ liệu and Xóa đánh dấu', () => {
  it('colours bad cells, notes the Vietnamese message, and Xóa đánh dấu restores exactly what was there', () => {
    const gas = load({ 'Nhiệm vụ': tasksTab(5) });
    const sheet = gas.sheet('Nhiệm vụ')!;
    sheet.backgrounds[2]![col('lead')] = '#00ff00'; // an official's own colour on the row with the typo
    sheet.notes[2]![col('lead')] = 'Chị Lan: hỏi lại tên phòng';
    sheet.notes[1]![col('title')] = 'Ghi chú của chị Lan';
    const before = snapshot(sheet);
    gas.call('cchcValidate');
    expect(sheet.backgrounds[1]![col('progress')]).toBe('#f4cccc');
    expect(sheet.notes[1]![col('progress')]).toMatch(
      /^\[CCHC\] Kiểm tra dữ liệu:\n• Tiến độ ngoài khoảng 0–100%: 150% không hợp lệ.* \(lỗi\)$/,
    );
    // The official's colour stays; the note says what is wrong, in words, with no internal code.
    expect(sheet.backgrounds[2]![col('lead')]).toBe('#00ff00');
    expect(sheet.notes[2]![col('lead')]).toContain('• Tên đơn vị viết sai: "Phòng VHXXH" có thể viết sai');
    expect(sheet.notes.flat().join('\n')).not.toMatch(/\b[A-Z]+_[A-Z_]+\b/);
    expect(sheet.notes[2]![col('lead')]).toContain('———\nChị Lan: hỏi lại tên phòng'); // still visible while marked
    expect(sheet.notes[1]![col('title')]).toBe('Ghi chú của chị Lan');
    expect(gas.sidebars[0]!.title).toBe('Kết quả kiểm tra dữ liệu');
    expect(sidebarOf(gas, 0).groups.map((g) => g.kind)).toContain('Tiến độ ngoài khoảng 0–100%');
    // Marks live in the cells: no store tab, no document property, the official stays on their tab.
    expect(gas.sheet(STORE_TAB)).toBeUndefined();
    expect(gas.spreadsheet.getActiveSheet().getName()).toBe('Nhiệm vụ');
    expect(gas.properties.size).toBe(0);

    gas.call('cchcValidate'); // a second check finds its own marks in place: nothing is written
    const written = gas.spreadsheet.counts.cellsWritten;
    gas.call('cchcValidate');
    expect(gas.spreadsheet.counts.cellsWritten).toBe(written);
    gas.call('cchcClearMarks');
    expect(snapshot(sheet)).toBe(before);
    expect(gas.alerts.at(-1)).toBe('Đã xóa đánh dấu ở 2 ô. Ghi chú và màu do cán bộ tự đặt được giữ nguyên.');
  });

  it('a note or colour the official put on a marked cell is theirs: Xóa đánh dấu leaves it', () => {
    const gas = load({ 'Nhiệm vụ': tasksTab(5) });
    const sheet = gas.sheet('Nhiệm vụ')!;
    gas.call('cchcValidate');
    sheet.notes[1]![col('progress')] = 'Đã hỏi anh Nam, sửa sau';
    sheet.backgrounds[2]![col('lead')] = '#00ff00';
    sheet.notes[2]![col('lead')] += '\nChị Lan: đã báo phòng'; // typed under the mark's text
    gas.call('cchcClearMarks');
    expect(sheet.notes[1]![col('progress')]).toBe('Đã hỏi anh Nam, sửa sau');
    expect(sheet.backgrounds[2]![col('lead')]).toBe('#00ff00');
    expect(gas.alerts.at(-1)).toBe('Đã xóa đánh dấu ở 1 ô. Ghi chú và màu do cán bộ tự đặt được giữ nguyên.');
  });

  it('marks move with their rows when officials sort, insert rows or rename the tab', () => {
    const gas = load({ 'Nhiệm vụ': tasksTab(6) });
    const sheet = gas.sheet('Nhiệm vụ')!;
    sheet.notes[4]![col('note')] = 'Ghi chú của chị Lan';
    const before = snapshot(sheet);
    gas.call('cchcValidate');
    const progressNote = sheet.notes[1]![col('progress')]!;
    sheet.sortRows(col('title') + 1, false); // newest first: the 150% row moves to the bottom
    sheet.insertRowsAfter(1, 1);
    sheet.setName('Nhiệm vụ 2026');
    const row = sheet.values.findIndex((r) => r[col('progress')] === 150);
    expect(row).toBeGreaterThan(2);
    expect(sheet.notes[row]![col('progress')]).toBe(progressNote);
    gas.call('cchcValidate'); // found by its header, the same marks in place
    expect(sheet.notes[row]![col('progress')]).toBe(progressNote);
    gas.call('cchcClearMarks');
    expect(sheet.notes.flat().filter((n) => n.startsWith('[CCHC]'))).toEqual([]);
    expect(sheet.notes.flat().filter(Boolean)).toEqual(JSON.parse(before)[1].flat().filter(Boolean));
  });

  it('at 5,000 tasks and 60 units marks every bad cell in the cells themselves and restores them exactly', async () => {
    const gas = load(gridsFrom(await wardTables()));
    const sheet = gas.sheet('Nhiệm vụ')!;
    const before = snapshot(sheet);
    gas.call('cchcValidate');
    const marked = sheet.notes.flat().filter((n) => n.startsWith('[CCHC] ')).length;
    expect(marked).toBeGreaterThan(800);
    expect(gas.sheet(STORE_TAB)).toBeUndefined();
    expect(gas.sidebars).toHaveLength(1);
    gas.call('cchcClearMarks');
    expect(snapshot(sheet)).toBe(before);
  });

  it('marks unreadable cells of the meeting log too, and Xóa đánh dấu restores them', () => {
    const meetings: Cell[][] = [
      MEETINGS_TAB.columns.map((c) => c.header),
      ['02/03/2026', 'Văn phòng HĐND và UBND', 'Họp giao ban', 'Chuyên môn', 'Không', 'Trực tuyến', 'khoảng vài tiếng', 'Có', ''],
    ];
    const gas = load({ 'Nhiệm vụ': tasksTab(3, false), 'Hội nghị': meetings });
    gas.call('cchcValidate');
    const sheet = gas.sheet('Hội nghị')!;
    const length = MEETINGS_TAB.columns.findIndex((c) => c.key === 'length');
    expect(sheet.backgrounds[1]![length]).toBe('#f4cccc');
    expect(sheet.notes[1]![length]).toContain('• Thời lượng không đọc được: ');
    expect(sidebarOf(gas, 0).groups.flatMap((g) => g.items.map((i) => i[0]))).toContain('Hội nghị');
    gas.call('cchcClearMarks');
    expect(sheet.backgrounds[1]![length]).toBe('#ffffff');
    expect(sheet.notes[1]![length]).toBe('');
  });

  it('finds the tasks tab by key: "Nhiệm Vụ " with a trailing space, or NFD text', () => {
    for (const name of ['Nhiệm Vụ ', 'Nhiệm vụ'.normalize('NFD')]) {
      const gas = load({ [name]: tasksTab(3) });
      gas.call('cchcValidate');
      expect(gas.sheet(name)!.notes[1]![col('progress')]).toContain('[CCHC]');
    }
  });

  it("the sidebar shows cell text holding $' $` and </script> as typed", () => {
    const title = "Chi phí $' và $` </script><b>x</b>";
    const gas = load({ 'Nhiệm vụ': [HEADER, taskRow(1, { title, lead: 'Phòng VHXXH' })] });
    gas.call('cchcValidate');
    const html = gas.sidebars[0]!.html;
    expect(html).not.toContain('</script><b>');
    expect(sidebarOf(gas, 0).groups.length).toBeGreaterThan(0);
    expect(html.endsWith('</html>\n')).toBe(true);
  });
});

describe("dates in the spreadsheet's own time zone", () => {
  for (const timeZone of ['Asia/Ho_Chi_Minh', 'America/Los_Angeles']) {
    it(`a deadline typed 30/6/2026 becomes a date cell and still means 30/06/2026 (${timeZone})`, () => {
      const gas = load(
        {
          'Nhiệm vụ': [HEADER, taskRow(1), taskRow(2)],
          'Kế hoạch': [
            ['Số kế hoạch', 'Năm'],
            ['1/KH', 2026],
          ],
        },
        { timeZone },
      );
      const sheet = gas.sheet('Nhiệm vụ')!;
      // As an official types it in a vi_VN sheet: Sheets stores a date.
      sheet.getRange(2, col('deadline') + 1, 2, 1).setValues([['30/6/2026'], ['15/1/2026']]);
      expect(Object.prototype.toString.call(sheet.values[1]![col('deadline')])).toBe('[object Date]');
      gas.call('cchcValidate');
      expect(sheet.notes.flat().filter((n) => n.includes('DEADLINE'))).toEqual([]);
      gas.call('cchcUpdateDeadlines');
      const due = sheet.values.slice(1, 3).map((r) => dayIn(r[col('due')] as Date, timeZone));
      expect(due).toEqual(['2026-06-30', '2026-01-15']);
    });
  }

  it('a completion date typed as a date is read as that day', () => {
    const timeZone = 'Asia/Ho_Chi_Minh';
    const gas = load(
      {
        'Nhiệm vụ': [HEADER, taskRow(1, { status: 'Hoàn thành', deadline: 'Quý I/2026', completedOn: midnightIn(timeZone, 2026, 3, 31) })],
      },
      { timeZone },
    );
    gas.call('cchcValidate');
    // Done on the last day of its quarter: on time, so no "completed late" warning.
    expect(gas.sidebars[0]!.html).not.toContain('LATE');
  });
});

describe('Cập nhật hạn & quá hạn', () => {
  it("writes due dates as dates in the sheet's zone and colours overdue tasks", () => {
    const gas = load({ 'Nhiệm vụ': [HEADER, taskRow(1, { deadline: 'Quý I/2020' }), taskRow(2, { deadline: 'Thường xuyên' })] });
    gas.call('cchcUpdateDeadlines');
    const sheet = gas.sheet('Nhiệm vụ')!;
    expect(dayIn(sheet.values[1]![col('due')] as Date, 'Asia/Ho_Chi_Minh')).toBe('2020-03-31');
    expect(sheet.backgrounds[1]![col('due')]).toBe('#ea9999');
    expect(sheet.values[2]![col('due')]).toBe('');
    expect(gas.alerts[0]).toContain('1 quá hạn');
  });
});

describe("the menu gives the command line's numbers", () => {
  async function storeOf(tables: Awaited<ReturnType<typeof sampleTables>>): Promise<string> {
    const store = new XlsxStore(join(await tempDir(), 'cchc.xlsx'));
    await store.create(tables);
    return store.location;
  }

  it('Tự chấm điểm shows the totals of cchc index --json and highlights its criteria without evidence', async () => {
    const sample = await sampleTables();
    // Two tasks serve the first criterion, one another: their progress is shown against each.
    const codes = (sample['criteria'] ?? []).map((r) => String(r['code'])).filter((c) => c.includes('.'));
    let tagged = 0;
    const tables: typeof sample = {
      ...sample,
      tasks: sample['tasks']!.map((r) => (r['kind'] || tagged >= 3 ? r : { ...r, criterion: codes[tagged++ < 2 ? 0 : 1]! })),
    };
    const gas = load(gridsFrom(tables));
    gas.call('cchcIndex');
    const today = todayHanoi();
    const cli = await cchcAsync(['index', '--store', await storeOf(tables), '--today', today, '--json']);
    const expected = JSON.parse(cli.stdout) as IndexSummary;
    // Vietnamese numbers (decimal comma) and the period's Vietnamese name, as the command line prints them.
    const vn = (x: number) => String(x).replace('.', ',');
    expect(gas.alerts[0]).toMatch(
      new RegExp(
        `^Chỉ số CCHC năm ${today.slice(0, 4)}: ${vn(expected.total.score)}/${vn(expected.total.max)} điểm \\(mất ${vn(expected.total.lost)} điểm\\);`,
      ),
    );
    for (const a of expected.areas) expect(gas.alerts[0]).toContain(`${a.code}. ${a.title}: ${vn(a.totals.score)}/${vn(a.totals.max)}`);
    expect(expected.criterionTasks.map((c) => [c.code, c.counts.total])).toEqual([
      [codes[0], 2],
      [codes[1], 1],
    ]);
    for (const c of expected.criterionTasks) expect(gas.alerts[0]).toContain(`${c.code}: ${criterionTasksText(c.counts)}`);
    const evidence = CRITERIA_TAB.columns.findIndex((c) => c.key === 'evidence');
    const criteria = tables['criteria']!;
    const sheet = gas.sheet('Chỉ số CCHC')!;
    const yellow = criteria.map((r, i) => [String(r['code']), sheet.backgrounds[i + 1]![evidence]]).filter(([, bg]) => bg === '#fff2cc');
    expect(yellow.map(([code]) => code)).toEqual(expected.missingEvidence.map((m) => m.code));
  });

  it('Tính chỉ số writes the numbers of cchc metrics --json, pass/fail colours and two charts', async () => {
    const tables = await sampleTables();
    const gas = load(gridsFrom(tables));
    gas.call('cchcDashboard');
    const cli = await cchcAsync(['metrics', '--store', await storeOf(tables), '--today', todayHanoi(), '--json']);
    const expected = JSON.parse(cli.stdout) as MetricsReport;
    const sheet = gas.sheet('Tổng hợp')!;
    const find = (label: string) => sheet.values.findIndex((r) => r[0] === label);
    const online = find('Hội nghị tổ chức trực tuyến');
    expect(sheet.values[online]!.slice(1, 4)).toEqual([
      expected.meetings.onlineShare.value,
      '≥ 60%',
      expected.meetings.onlineShare.pass ? 'Đạt' : 'Chưa đạt',
    ]);
    // Every line of the core's target list, the commune-wide cap included.
    for (const l of targetLines(expected))
      expect(sheet.values[find(l.name)]!.slice(1, 4)).toEqual([l.value ?? 'Không áp dụng', l.targetText, l.verdict]);
    expect(sheet.backgrounds[online]![3]).toBe(expected.meetings.onlineShare.pass ? '#c6efce' : '#ffc7ce');
    expect(sheet.values[find('Hội nghị trực tuyến, kể cả kết hợp')]![1]).toBe(expected.meetings.onlineShareWithHybrid.value);
    for (const i of expected.digitisation.indicators) expect(sheet.values[find(i.name)]![1]).toBe(i.value ?? 'Không áp dụng');
    expect(sheet.values[find('Toàn bộ')]!.slice(1, 5)).toEqual([
      expected.tasks.overall.total,
      expected.tasks.overall.done + expected.tasks.overall.doneLate,
      expected.tasks.overall.overdue,
      expected.tasks.overall.doneShare,
    ]);
    expect(sheet.charts).toHaveLength(2);
    gas.call('cchcDashboard'); // rewriting replaces, never piles up charts
    expect(gas.sheet('Tổng hợp')!.charts).toHaveLength(2);
  });
});

describe('onEdit', () => {
  const editOf = (gas: ReturnType<typeof load>, sheet: FakeSheet, row: number, rows = 1) =>
    gas.simple('onEdit', { source: gas.spreadsheet, range: sheet.getRange(row, 1, rows, HEADER.length) });

  it('re-checks every row of a paste as a simple trigger, clears its marks once fixed, and Xóa đánh dấu clears the rest', () => {
    const gas = load({ 'Nhiệm vụ': tasksTab(4, false) });
    const sheet = gas.sheet('Nhiệm vụ')!;
    sheet.notes[2]![col('title')] = 'Ghi chú của anh Nam';
    const before = snapshot(sheet);
    sheet.values[2]![col('progress')] = 150;
    sheet.values[4]![col('lead')] = 'Phòng VHXXH';
    editOf(gas, sheet, 2, 4);
    expect(sheet.backgrounds[2]![col('progress')]).toBe('#f4cccc');
    expect(sheet.notes[2]![col('progress')]).toContain('150% không hợp lệ');
    expect(sheet.notes[4]![col('lead')]).toContain('• Tên đơn vị viết sai: ');
    expect(sheet.notes[2]![col('title')]).toBe('Ghi chú của anh Nam');
    // The journal tab is made hidden: the official stays on the tab they typed in.
    expect(gas.spreadsheet.getActiveSheet().getName()).toBe('Nhiệm vụ');
    sheet.values[2]![col('progress')] = 50;
    editOf(gas, sheet, 3);
    expect(sheet.backgrounds[2]![col('progress')]).toBe('#ffffff');
    expect(sheet.notes[2]![col('progress')]).toBe('');
    gas.call('cchcClearMarks');
    sheet.values[4]![col('lead')] = 'Phòng VHXH';
    expect(snapshot(sheet)).toBe(before);
  });

  it("reads the plans and settings the menu reads: a 2027 plan's task gets the menu's issues, no more", () => {
    const plans: Cell[][] = [
      TABS.find((t) => t.key === 'plans')!.columns.map((c) => c.header),
      ['2/KH', 'Kế hoạch 2027', '', 'Phường mẫu', 2027],
    ];
    const gas = load({ 'Nhiệm vụ': [HEADER, taskRow(1, { plan: '2/KH', deadline: 'Quý II/2027' })], 'Kế hoạch': plans });
    const sheet = gas.sheet('Nhiệm vụ')!;
    editOf(gas, sheet, 2);
    const onEditNotes = sheet.notes[1]!.filter((n) => n !== '');
    gas.call('cchcClearMarks');
    gas.call('cchcValidate');
    expect(onEditNotes).toEqual(sheet.notes[1]!.filter((n) => n !== ''));
    expect(onEditNotes.join()).not.toContain('DEADLINE_OUTSIDE_PLAN_YEAR');
  });

  it('stays far under the 30 s simple-trigger limit at 5,000 rows', async () => {
    // The run's CPU time counts three times over (Apps Script's V8 against this machine's), whatever the load.
    const gas = load(gridsFrom(await wardTables()), { cpuFactor: 3 });
    const sheet = gas.sheet('Nhiệm vụ')!;
    editOf(gas, sheet, 100, 50);
    expect(gas.executions.at(-1)!.millis!).toBeLessThan(10_000);
    expect(
      sheet.notes
        .slice(99, 149)
        .flat()
        .some((n) => n.startsWith('[CCHC]')),
    ).toBe(true);
  });

  it('journals each edited cell for the sync, in a hidden tab the sync reads back; the journal keeps its newest lines', () => {
    const gas = load({ 'Nhiệm vụ': tasksTab(4, false) });
    const sheet = gas.sheet('Nhiệm vụ')!;
    sheet.values[2]![col('note')] = 'Đã gửi báo cáo';
    sheet.values[2]![col('progress')] = 80;
    sheet.values[3]![col('note')] = '=HYPERLINK("x")';
    // A paste over rows 3–4, columns progress..note (whatever lies between is journaled too).
    const [from, to] = [col('progress'), col('note')].sort((a, b) => a - b) as [number, number];
    gas.simple('onEdit', { source: gas.spreadsheet, range: sheet.getRange(3, from + 1, 2, to - from + 1) });
    const journal = gas.sheet(JOURNAL_TAB)!;
    expect(journal.hidden).toBe(true);
    const edits = parseJournal(journal.values);
    const keys = TASKS_TAB.columns.slice(from, to + 1).map((c) => c.key);
    // Keyed by the row's identity, as the sync's merge keys rows .
    expect(edits.map((e) => [e.tab, e.key, e.column])).toEqual(['NV-2', 'NV-3'].flatMap((id) => keys.map((k) => ['tasks', id, k])));
    const value = (id: string, column: string) => edits.find((e) => e.key === id && e.column === column)?.value;
    expect(value('NV-2', 'note')).toBe('Đã gửi báo cáo');
    expect(value('NV-2', 'progress')).toBe(80);
    expect(value('NV-3', 'note')).toBe('=HYPERLINK("x")');
    expect(edits.every((e) => Math.abs(e.at - Date.now()) < 60_000)).toBe(true);
    // Full: the oldest lines make room, the header stays.
    const line = ['1', 'tasks', 'NV-9', 'note', '"cũ"'];
    journal.insertRowsAfter(journal.getMaxRows(), JOURNAL_MAX_LINES);
    journal.getRange(2, 1, JOURNAL_MAX_LINES, 5).setValues(Array.from({ length: JOURNAL_MAX_LINES }, () => [...line]));
    gas.simple('onEdit', { source: gas.spreadsheet, range: sheet.getRange(2, col('note') + 1) });
    expect(journal.getLastRow()).toBe(JOURNAL_MAX_LINES + 1);
    expect(journal.values[0]![0]).toBe(JOURNAL_HEADER[0]);
    expect(parseJournal(journal.values).at(-1)).toMatchObject({ key: 'NV-1', column: 'note' });
  });

  it('an edit while a menu run holds the lock is queued, then journaled and checked by the next run: never dropped', () => {
    const gas = load({ 'Nhiệm vụ': tasksTab(4, false) });
    const sheet = gas.sheet('Nhiệm vụ')!;
    gas.lock.heldElsewhere = true;
    sheet.values[2]![col('progress')] = 150;
    editOf(gas, sheet, 3);
    sheet.values[3]![col('note')] = 'Chị Lan gõ cùng lúc';
    gas.simple('onEdit', { source: gas.spreadsheet, range: sheet.getRange(4, col('note') + 1) });
    expect(notesOn(gas, 'Nhiệm vụ')).toEqual([]);
    expect([...gas.properties.keys()].filter((k) => k.startsWith('cchc.edit.'))).toHaveLength(2);
    gas.lock.heldElsewhere = false;
    // The next edit, of another row, takes both queued edits first.
    editOf(gas, sheet, 5);
    expect(sheet.notes[2]![col('progress')]).toContain('150% không hợp lệ');
    const journal = parseJournal(gas.sheet(JOURNAL_TAB)!.values);
    expect(journal.find((e) => e.key === 'NV-3' && e.column === 'note')?.value).toBe('Chị Lan gõ cùng lúc');
    expect(journal.some((e) => e.key === 'NV-2' && e.column === 'progress')).toBe(true);
    expect([...gas.properties.keys()].filter((k) => k.startsWith('cchc.edit.'))).toEqual([]);
  });

  it('a queued edit is also taken by the next menu run', () => {
    const gas = load({ 'Nhiệm vụ': tasksTab(4, false) });
    const sheet = gas.sheet('Nhiệm vụ')!;
    gas.lock.heldElsewhere = true;
    sheet.values[3]![col('note')] = 'Gõ khi đang kiểm tra';
    gas.simple('onEdit', { source: gas.spreadsheet, range: sheet.getRange(4, col('note') + 1) });
    gas.lock.heldElsewhere = false;
    gas.call('cchcUpdateDeadlines');
    expect(parseJournal(gas.sheet(JOURNAL_TAB)!.values).map((e) => e.value)).toContain('Gõ khi đang kiểm tra');
  });

  it('costs what it touches: one cell at 500 and 5,000 tasks reads the same few hundred cells, with the same calls', async () => {
    const cost = async (tasks: number) => {
      const gas = load(gridsFrom(await wardTables(tasks)));
      const sheet = gas.sheet('Nhiệm vụ')!;
      const before = { read: gas.spreadsheet.counts.cellsRead, calls: [...gas.calls.values()].reduce((a, b) => a + b, 0) };
      gas.simple('onEdit', { source: gas.spreadsheet, range: sheet.getRange(tasks / 2, col('progress') + 1) });
      return {
        read: gas.spreadsheet.counts.cellsRead - before.read,
        calls: [...gas.calls.values()].reduce((a, b) => a + b, 0) - before.calls,
      };
    };
    const small = await cost(500);
    const large = await cost(5000);
    expect(large.read).toBeLessThanOrEqual(10_000);
    expect(large.read).toBe(small.read);
    expect(large.calls).toBe(small.calls);
  });

  it('ignores edits outside the tasks tab and of the header', () => {
    const gas = load({ 'Nhiệm vụ': tasksTab(3), 'Đơn vị': [UNITS_TAB.columns.map((c) => c.header)] });
    gas.simple('onEdit', { source: gas.spreadsheet, range: gas.sheet('Đơn vị')!.getRange(1, 1) });
    gas.simple('onEdit', { source: gas.spreadsheet, range: gas.sheet('Nhiệm vụ')!.getRange(1, 1) });
    expect(notesOn(gas, 'Nhiệm vụ')).toEqual([]);
  });
});

describe('two officials at once', () => {
  it('every menu item tells the second one to retry, and changes nothing', () => {
    const gas = load({ 'Nhiệm vụ': tasksTab(3) });
    const sheet = gas.sheet('Nhiệm vụ')!;
    const before = snapshot(sheet);
    gas.lock.heldElsewhere = true;
    for (const handler of ['cchcSetup', 'cchcValidate', 'cchcClearMarks', 'cchcUpdateDeadlines', 'cchcDashboard', 'cchcIndex'])
      gas.call(handler);
    expect(gas.alerts).toEqual(Array(6).fill(BUSY));
    expect(snapshot(sheet)).toBe(before);
    expect(gas.sheetNames()).toEqual(['Nhiệm vụ']);
  });

  it('the lock is released after each run', () => {
    const gas = load({ 'Nhiệm vụ': tasksTab(3) });
    gas.call('cchcValidate');
    expect(gas.lock.heldHere).toBe(false);
  });
});

describe('every sheet handler', () => {
  it('makes the same number of spreadsheet calls for 10 and 10,000 rows', () => {
    const counts = [10, 10_000].map((n) =>
      ['cchcValidate', 'cchcClearMarks', 'cchcUpdateDeadlines', 'cchcDashboard', 'cchcIndex', 'cchcReminders'].map((handler) => {
        const gas = load({ 'Nhiệm vụ': tasksTab(n), 'Đơn vị': [UNITS_TAB.columns.map((c) => c.header)] });
        if (handler === 'cchcClearMarks') gas.call('cchcValidate');
        gas.log.length = 0;
        gas.call(handler);
        return gas.log.filter((l) => !l.startsWith('Nhiệm vụ.insertRowsAfter')).length;
      }),
    );
    expect(counts[0]).toEqual(counts[1]);
  });
});

describe('Gửi nhắc việc', () => {
  const units: Cell[][] = [
    UNITS_TAB.columns.map((c) => c.header),
    ['VHXH', 'Phòng Văn hóa - Xã hội', 'Đơn vị', '', 'vhxh@phuong.gov.vn'],
    ['VP', 'Văn phòng HĐND và UBND', 'Đơn vị', '', 'vp@phuong.gov.vn'],
  ];
  const tasks = (): Cell[][] => [
    HEADER,
    taskRow(1, { deadline: 'Quý I/2020' }),
    taskRow(2, { deadline: 'Quý I/2020', lead: 'Văn phòng HĐND và UBND' }),
    taskRow(3, { deadline: 'Quý I/2020', lead: 'Trạm Y tế' }),
    taskRow(4, { deadline: 'Thường xuyên' }),
  ];

  it("on a touched sheet (renamed units tab, loose tasks tab name, sorted rows, officials' notes): the right units, nothing of theirs changed", () => {
    const reordered = [units[0]!.slice().reverse(), ...units.slice(1).map((r) => r.slice().reverse())];
    const touched = [HEADER, ...tasks().slice(1).reverse(), taskRow(5, { deadline: 'Quý I/2020', lead: '' })];
    const gas = load({ 'Nhiệm Vụ ': touched, 'Danh bạ đơn vị': reordered });
    const sheet = gas.sheet('Nhiệm Vụ ')!;
    sheet.notes[2]![col('note')] = 'Chị Lan: đã nhắc miệng';
    sheet.backgrounds[3]![col('title')] = '#d9ead3';
    const before = snapshot(sheet);
    const values = JSON.stringify(sheet.values);
    gas.call('cchcReminders');
    expect(gas.mail.sent.map((m) => m.to).sort()).toEqual(['vhxh@phuong.gov.vn', 'vp@phuong.gov.vn']);
    const preview = gas.alerts.find((a) => a.startsWith('Xem trước nhắc việc'))!;
    expect(preview).toContain('Chưa có đơn vị chủ trì <chưa có email>: 1 quá hạn, 0 sắp đến hạn');
    expect(preview).toContain('Trạm Y tế <chưa có email>');
    expect(snapshot(sheet)).toBe(before);
    expect(JSON.stringify(sheet.values)).toBe(values);
  });

  it('previews, sends one email per lead unit within the daily quota, and says how many remain', () => {
    const gas = load({ 'Nhiệm vụ': tasks(), 'Đơn vị': units });
    gas.mail.quota = 1;
    gas.call('cchcReminders');
    expect(gas.alerts[0]).toContain('Xem trước nhắc việc');
    expect(gas.alerts[0]).toContain('Phòng Văn hóa - Xã hội <vhxh@phuong.gov.vn>: 1 quá hạn, 0 sắp đến hạn');
    expect(gas.alerts[0]).toContain('Trạm Y tế <chưa có email>');
    expect(gas.mail.sent).toHaveLength(1);
    expect(gas.mail.sent[0]!.to).toBe('vhxh@phuong.gov.vn');
    expect(gas.mail.sent[0]!.body).toContain('[Quá hạn] 1/KH STT 1: Nhiệm vụ 1 (hạn 31/03/2020)');
    expect(gas.alerts[1]).toBe(
      'Đã gửi 1 thư nhắc việc. 1 đơn vị chưa có email trong trang "Đơn vị". 1 thư chưa gửi vì hết hạn mức hôm nay; chạy lại vào ngày mai. Hạn mức còn lại: 0.',
    );
  });

  it('a malformed address fails alone: the others go out, it is named, and a rerun sends nothing twice', () => {
    const bad = units.map((r) => [...r]);
    bad[2]![4] = 'vp@phuong'; // no domain
    const gas = load({ 'Nhiệm vụ': tasks(), 'Đơn vị': bad });
    gas.call('cchcReminders');
    expect(gas.mail.sent.map((m) => m.to)).toEqual(['vhxh@phuong.gov.vn']);
    expect(gas.alerts[1]).toContain('1 thư không gửi được: Văn phòng HĐND và UBND <vp@phuong> (Invalid email: vp@phuong)');
    gas.sheet('Đơn vị')!.values[2]![4] = 'vp@phuong.gov.vn';
    gas.call('cchcReminders');
    expect(gas.mail.sent.map((m) => m.to)).toEqual(['vhxh@phuong.gov.vn', 'vp@phuong.gov.vn']);
    expect(gas.alerts[3]).toContain('1 đơn vị đã được nhắc hôm nay nên không gửi lại');
  });

  it('installs one daily trigger per spreadsheet, not one per official', () => {
    const gas = load({});
    gas.call('cchcEnableDailyReminders');
    gas.call('cchcEnableDailyReminders');
    gas.user.email = 'nam@phuong.gov.vn';
    gas.call('cchcEnableDailyReminders');
    expect(gas.triggers.map((t) => [t.handler, t.owner, t.kind, t.atHour])).toEqual([
      ['cchcDailyReminders', 'lan@phuong.gov.vn', 'daily', 7],
    ]);
    expect(gas.alerts[1]).toBe('Nhắc việc hằng ngày đã được bật từ trước.');
    expect(gas.alerts[2]).toContain('Một cán bộ khác đã bật nhắc việc hằng ngày');
  });

  it('a daily run that finds a menu run holding the lock sends from a continuation, not never', () => {
    const gas = load({ 'Nhiệm vụ': tasks(), 'Đơn vị': units });
    gas.lock.heldElsewhere = true;
    gas.call('cchcDailyReminders');
    expect(gas.mail.sent).toHaveLength(0);
    expect(gas.triggers.map((t) => t.handler)).toEqual(['cchcContinueReminders']);
    gas.lock.heldElsewhere = false;
    gas.call('cchcContinueReminders');
    expect(gas.mail.sent).toHaveLength(2);
    expect(gas.triggers).toEqual([]);
  });

  it("two officials' daily triggers still send each unit one email a day", () => {
    const gas = load({ 'Nhiệm vụ': tasks(), 'Đơn vị': units });
    gas.call('cchcDailyReminders');
    gas.user.email = 'nam@phuong.gov.vn';
    gas.call('cchcDailyReminders');
    expect(gas.mail.sent.map((m) => m.to).sort()).toEqual(['vhxh@phuong.gov.vn', 'vp@phuong.gov.vn']);
  });
});

describe('long runs continue from a trigger', () => {
  it('at 5,000 tasks and 60 units: 50 emails a run, one continuation across officials, all 60 sent once', async () => {
    const gas = load(gridsFrom(await wardTables()));
    gas.call('cchcReminders');
    expect(gas.mail.sent).toHaveLength(50);
    expect(gas.alerts[1]).toContain('thư còn lại sẽ tự động gửi tiếp sau 1 phút');
    expect(gas.triggers.map((t) => t.handler)).toEqual(['cchcContinueReminders']);
    // A second official runs the menu before the continuation fires: no second continuation.
    gas.user.email = 'nam@phuong.gov.vn';
    gas.call('cchcReminders');
    expect(gas.mail.sent.length).toBeLessThanOrEqual(60);
    expect(gas.triggers.map((t) => t.handler)).toEqual(['cchcContinueReminders']);
    gas.user.email = 'lan@phuong.gov.vn';
    gas.call('cchcContinueReminders');
    const to = gas.mail.sent.map((m) => m.to).filter((a) => a.startsWith('tdp'));
    expect(new Set(to).size).toBe(60);
    expect(to).toHaveLength(60);
    expect(gas.triggers).toEqual([]);
    // Nothing held in document properties grows with the ward.
    for (const v of gas.properties.values()) expect(v.length).toBeLessThan(100);
    gas.call('cchcReminders'); // a rerun the same day sends nothing twice
    expect(gas.mail.sent.map((m) => m.to).filter((a) => a.startsWith('tdp'))).toHaveLength(60);
  });

  it('past the quota MailApp throws: the rest wait for tomorrow, what went out is recorded', () => {
    const units: Cell[][] = [UNITS_TAB.columns.map((c) => c.header)];
    const rows: Cell[][] = [HEADER];
    for (let i = 1; i <= 5; i++) {
      units.push([`U${i}`, `Tổ dân phố số ${i}`, 'Đơn vị', '', `to${i}@phuong.gov.vn`]);
      rows.push(taskRow(i, { deadline: 'Quý I/2020', lead: `Tổ dân phố số ${i}` }));
    }
    const gas = load({ 'Nhiệm vụ': rows, 'Đơn vị': units });
    // Another script used the quota after the run read it.
    const mailApp = gas.globals['MailApp'] as { sendEmail: (...a: string[]) => void };
    const send = mailApp.sendEmail;
    let calls = 0;
    mailApp.sendEmail = (...a: string[]) => {
      if (++calls > 2) throw new Error(ERRORS.mailQuota);
      send(...a);
    };
    gas.call('cchcReminders');
    expect(gas.mail.sent).toHaveLength(2);
    expect(gas.alerts[1]).toContain('3 thư chưa gửi vì hết hạn mức hôm nay');
    expect(gas.sheet(STORE_TAB)!.values.filter((r) => r[0] === 'sent')).toHaveLength(2);
  });
});
