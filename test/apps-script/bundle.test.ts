import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildBundle, HANDLERS } from '../../apps-script/build';
import {
  catalogFromTables,
  criterionTasksText,
  CRITERIA_TAB,
  JOURNAL_HEADER,
  JOURNAL_MAX_LINES,
  JOURNAL_TAB,
  LAYOUT_ROWS,
  MEETINGS_TAB,
  parseJournal,
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
import { gridsFrom, load as loadIn, notesOn, wardTables } from './gas';
import { taskLine } from '../fixtures/task-rows';

const tempDir = useTempDir();
let code = '';
beforeAll(async () => {
  code = await buildBundle();
}, 60_000);

const load = (tabs: Record<string, Cell[][]>, options: { timeZone?: string } = {}) => loadIn(code, tabs, options);

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
  it('is one script under 250 KB with no import/export, readable Vietnamese, no zod, and a top-level function per handler', () => {
    expect(Buffer.byteLength(code, 'utf8')).toBeLessThan(250 * 1024);
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
      'Kiểm tra dữ liệu',
      'Xóa đánh dấu',
      'Cập nhật hạn & quá hạn',
      'Tính chỉ số',
      'Gửi nhắc việc',
      'Bật nhắc việc hằng ngày',
      'Tự chấm điểm chỉ số CCHC',
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
    const html = gas.sidebars[0]!.html;
    const shown = JSON.parse(html.slice(html.indexOf('var ISSUES = ') + 13, html.indexOf(';\n  function select'))) as ValidationIssue[];
    const byCode = (list: readonly ValidationIssue[]) => {
      const counts: Record<string, number> = {};
      for (const i of list) if ((i.tab ?? 'tasks') === 'tasks') counts[i.code] = (counts[i.code] ?? 0) + 1;
      return counts;
    };
    expect(byCode(shown)).toEqual(byCode(validateTasksTab(catalogFromTables(tables))));
  }, 120_000);
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
    expect(sheet.notes[1]![col('progress')]).toContain('[CCHC] 150% không hợp lệ');
    expect(sheet.backgrounds[2]![col('lead')]).toBe('#fff2cc');
    expect(sheet.notes[2]![col('lead')]).toContain('(UNIT_TYPO)');
    expect(sheet.notes[2]![col('lead')]).toContain('———\nChị Lan: hỏi lại tên phòng'); // still visible while marked
    expect(sheet.notes[1]![col('title')]).toBe('Ghi chú của chị Lan');
    expect(gas.sidebars[0]!.title).toBe('Kết quả kiểm tra dữ liệu');
    expect(gas.sidebars[0]!.html).toContain('"code":"PROGRESS_OUT_OF_RANGE"');
    // Marks are kept in the script's hidden tab, not in a 9 KB document property.
    expect(gas.sheet(STORE_TAB)!.hidden).toBe(true);
    expect(gas.spreadsheet.getActiveSheet().getName()).toBe('Nhiệm vụ');
    expect(gas.properties.size).toBe(0);

    gas.call('cchcValidate'); // a second check replaces its own marks, never records them as "previous"
    gas.call('cchcClearMarks');
    expect(snapshot(sheet)).toBe(before);
    expect(gas.alerts.at(-1)).toBe('Đã xóa đánh dấu ở 2 ô.');
  });

  it('a mark the official changed after the check is theirs: Xóa đánh dấu leaves it', () => {
    const gas = load({ 'Nhiệm vụ': tasksTab(5) });
    const sheet = gas.sheet('Nhiệm vụ')!;
    gas.call('cchcValidate');
    sheet.notes[1]![col('progress')] = 'Đã hỏi anh Nam, sửa sau';
    gas.call('cchcClearMarks');
    expect(sheet.notes[1]![col('progress')]).toBe('Đã hỏi anh Nam, sửa sau');
    expect(sheet.notes[2]![col('lead')]).toBe('');
    expect(gas.alerts.at(-1)).toBe('Đã xóa đánh dấu ở 1 ô. 1 ô đã được sửa tay sau khi kiểm tra nên được giữ nguyên.');
  });

  it('at 5,000 tasks and 60 units marks well over 9 KB of cells, records them all and restores them exactly', async () => {
    const gas = load(gridsFrom(await wardTables()));
    const sheet = gas.sheet('Nhiệm vụ')!;
    const before = snapshot(sheet);
    gas.call('cchcValidate');
    const marked = sheet.notes.flat().filter((n) => n.startsWith('[CCHC] ')).length;
    expect(marked).toBeGreaterThan(800);
    const records = gas.sheet(STORE_TAB)!.values.filter((r) => r[0] === 'mark');
    expect(records.length).toBeGreaterThanOrEqual(marked);
    expect(Buffer.byteLength(JSON.stringify(records))).toBeGreaterThan(9 * 1024);
    expect(gas.sidebars).toHaveLength(1);
    gas.call('cchcClearMarks');
    expect(snapshot(sheet)).toBe(before);
  }, 60_000);

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
    expect(sheet.notes[1]![length]).toContain('(MEETING_LENGTH_INVALID)');
    expect(gas.sidebars[0]!.html).toContain('"sheet":"Hội nghị"');
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
    const literal = html.slice(html.indexOf('var ISSUES = ') + 'var ISSUES = '.length, html.indexOf(';\n  function select'));
    expect(html).not.toContain('</script><b>');
    const issues = JSON.parse(literal) as { message: string }[];
    expect(issues.length).toBeGreaterThan(0);
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
      new RegExp(`^Chỉ số CCHC năm ${today.slice(0, 4)}: ${vn(expected.total.score)}/${vn(expected.total.max)} điểm;`),
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
  }, 60_000);
});

describe('onEdit', () => {
  const editOf = (gas: ReturnType<typeof load>, sheet: FakeSheet, row: number, rows = 1) =>
    gas.simple('onEdit', { source: gas.spreadsheet, range: sheet.getRange(row, 1, rows, HEADER.length) });

  it('re-checks every row of a paste as a simple trigger, clears its marks once fixed, and records them for Xóa đánh dấu', () => {
    const gas = load({ 'Nhiệm vụ': tasksTab(4, false) });
    const sheet = gas.sheet('Nhiệm vụ')!;
    sheet.notes[2]![col('title')] = 'Ghi chú của anh Nam';
    const before = snapshot(sheet);
    sheet.values[2]![col('progress')] = 150;
    sheet.values[4]![col('lead')] = 'Phòng VHXXH';
    editOf(gas, sheet, 2, 4);
    expect(sheet.backgrounds[2]![col('progress')]).toBe('#f4cccc');
    expect(sheet.notes[2]![col('progress')]).toContain('[CCHC] 150% không hợp lệ');
    expect(sheet.notes[4]![col('lead')]).toContain('(UNIT_TYPO)');
    expect(sheet.notes[2]![col('title')]).toBe('Ghi chú của anh Nam');
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
    const gas = load(gridsFrom(await wardTables()));
    const sheet = gas.sheet('Nhiệm vụ')!;
    const started = performance.now();
    editOf(gas, sheet, 100, 50);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(
      sheet.notes
        .slice(99, 149)
        .flat()
        .some((n) => n.startsWith('[CCHC]')),
    ).toBe(true);
  }, 60_000);

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
  }, 120_000);
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
  }, 60_000);

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
