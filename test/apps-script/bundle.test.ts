import vm from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildBundle, HANDLERS } from '../../apps-script/build';
import { join } from 'node:path';
import { catalogFromTables, computeMetrics, CRITERIA_TAB, indexSummary, MEETINGS_TAB, parsePeriod, TABS, targetLines, TASKS_TAB, UNITS_TAB, type MetricsReport } from '../../core/index';
import { XlsxStore } from '../../sync/store/xlsx-store';
import { cchc } from '../helpers/cli';
import { useTempDir } from '../helpers/tmp';
import { sampleTables } from '../../sync/catalog/sample';
import { fakeServices, type Cell } from './fakes';

const tempDir = useTempDir();
let code = '';
beforeAll(async () => {
  code = await buildBundle();
}, 60_000);

/** Loads the built bundle as Apps Script would: one global scope, services as globals. */
function load(tabs: Record<string, Cell[][]>) {
  const services = fakeServices(tabs);
  const context = vm.createContext({ ...services.globals });
  vm.runInContext(code, context);
  const call = (name: string, ...args: unknown[]) => (context as Record<string, (...a: unknown[]) => unknown>)[name]!(...args);
  return { ...services, context, call };
}

const HEADER = TASKS_TAB.columns.map((c) => c.header);
const col = (key: string) => TASKS_TAB.columns.findIndex((c) => c.key === key);

function taskRow(i: number, overrides: Partial<Record<string, Cell>> = {}): Cell[] {
  const values: Record<string, Cell> = {
    id: `NV-${i}`,
    plan: '1/KH',
    stt: String(i),
    title: `Nhiệm vụ ${i}`,
    lead: 'Phòng VHXH',
    product: 'Báo cáo',
    deadline: 'Quý II/2026',
    status: 'Chưa thực hiện',
    ...overrides,
  };
  return TASKS_TAB.columns.map((c) => values[c.key] ?? '');
}

function tasksTab(n: number, bad = true): Cell[][] {
  const rows = Array.from({ length: n }, (_, i) => taskRow(i + 1));
  if (bad) {
    rows[0] = taskRow(1, { progress: 150 }); // error
    rows[1] = taskRow(2, { lead: 'Phòng VHXXH' }); // warning
  }
  return [HEADER, ...rows];
}

describe('Apps Script bundle, as built', () => {
  it('is one script with no import/export, readable Vietnamese, and a top-level function per handler', () => {
    expect(code).not.toMatch(/^\s*(import|export)\s/m);
    expect(code).toContain('Kiểm tra dữ liệu');
    expect(code).not.toContain('\\u1EC3');
    for (const name of HANDLERS) expect(code).toContain(`function ${name}(a, b, c)`);
  });

  it('onOpen builds the CCHC menu and every item names a global function that exists', () => {
    const gas = load({});
    gas.call('onOpen');
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

  it('Kiểm tra dữ liệu colours bad cells, notes the Vietnamese message, and Xóa đánh dấu restores exactly what was there', () => {
    const gas = load({ 'Nhiệm vụ': tasksTab(5) });
    const sheet = gas.sheet('Nhiệm vụ')!;
    sheet.backgrounds[2]![col('lead')] = '#00ff00'; // an official's own colour on the row with the typo
    sheet.notes[1]![col('title')] = 'Ghi chú của chị Lan';
    gas.call('cchcValidate');
    expect(sheet.backgrounds[1]![col('progress')]).toBe('#f4cccc');
    expect(sheet.notes[1]![col('progress')]).toContain('[CCHC] Tiến độ 150% không hợp lệ');
    expect(sheet.backgrounds[2]![col('lead')]).toBe('#fff2cc');
    expect(sheet.notes[2]![col('lead')]).toContain('(UNIT_TYPO)');
    expect(sheet.notes[1]![col('title')]).toBe('Ghi chú của chị Lan');
    expect(gas.sidebars[0]!.title).toBe('Kết quả kiểm tra dữ liệu');
    expect(gas.sidebars[0]!.html).toContain('"code":"PROGRESS_OUT_OF_RANGE"');

    gas.call('cchcClearMarks');
    expect(sheet.backgrounds[1]![col('progress')]).toBe('#ffffff');
    expect(sheet.notes[1]![col('progress')]).toBe('');
    expect(sheet.backgrounds[2]![col('lead')]).toBe('#00ff00');
    expect(sheet.notes[1]![col('title')]).toBe('Ghi chú của chị Lan');
    expect(gas.properties.size).toBe(0);
  });

  it('makes the same number of spreadsheet calls for 10 and 10,000 rows', () => {
    const counts = [10, 10_000].map((n) => {
      const gas = load({ 'Nhiệm vụ': tasksTab(n) });
      gas.call('cchcValidate');
      const validate = gas.log.length;
      gas.log.length = 0;
      gas.call('cchcUpdateDeadlines');
      return [validate, gas.log.length];
    });
    expect(counts[0]).toEqual(counts[1]);
  }, 60_000);

  it('Cập nhật hạn & quá hạn writes due dates and colours overdue tasks', () => {
    const gas = load({ 'Nhiệm vụ': [HEADER, taskRow(1, { deadline: 'Quý I/2020' }), taskRow(2, { deadline: 'Thường xuyên' })] });
    gas.call('cchcUpdateDeadlines');
    const sheet = gas.sheet('Nhiệm vụ')!;
    const due = sheet.values[1]![col('due')] as Date;
    expect([due.getFullYear(), due.getMonth() + 1, due.getDate()]).toEqual([2020, 3, 31]);
    expect(sheet.backgrounds[1]![col('due')]).toBe('#ea9999');
    expect(sheet.values[2]![col('due')]).toBe('');
    expect(gas.alerts[0]).toContain('1 quá hạn');
  });
});

describe('Tự chấm điểm chỉ số CCHC', () => {
  it('shows the same totals as cchc index and highlights criteria without evidence', async () => {
    const criteria = (await sampleTables())['criteria']!;
    const grid: Cell[][] = [
      CRITERIA_TAB.columns.map((c) => c.header),
      ...criteria.map((r) => CRITERIA_TAB.columns.map((c) => (r[c.key] ?? '') as Cell)),
    ];
    const gas = load({ 'Chỉ số CCHC': grid });
    gas.call('cchcIndex');
    const today = new Date().toISOString().slice(0, 10);
    const period = parsePeriod(today <= `${today.slice(0, 4)}-06-30` ? `${today.slice(0, 4)}-H1` : today.slice(0, 4))!;
    const cli = indexSummary(criteria, { period, today, settings: catalogFromTables({}).settings, registry: catalogFromTables({}).registry });
    expect(gas.alerts[0]).toContain(`${cli.total.score}/${cli.total.max} điểm`);
    const evidence = CRITERIA_TAB.columns.findIndex((c) => c.key === 'evidence');
    const sheet = gas.sheet('Chỉ số CCHC')!;
    const yellow = criteria.map((r, i) => [String(r['code']), sheet.backgrounds[i + 1]![evidence]]).filter(([, bg]) => bg === '#fff2cc');
    expect(yellow.map(([code]) => code)).toEqual(cli.missingEvidence.map((m) => m.code));
  });
});

describe('Khởi tạo bảng tính', () => {
  it('creates only the missing tabs, with headers, frozen rows, dropdowns, protection and overdue colouring', () => {
    const existing: Cell[][] = [['Số kế hoạch', 'Tên kế hoạch'], ['158/KH-UBND', 'Dữ liệu của phường']];
    const gas = load({ 'Kế hoạch': existing });
    gas.call('cchcSetup');
    expect(gas.sheetNames().sort()).toEqual(TABS.map((t) => t.name).sort());
    expect(gas.sheet('Kế hoạch')!.values).toEqual([['Số kế hoạch', 'Tên kế hoạch'], ['158/KH-UBND', 'Dữ liệu của phường']]);
    const tasks = gas.sheet('Nhiệm vụ')!;
    expect(tasks.values[0]).toEqual(TASKS_TAB.columns.map((c) => c.header));
    expect(tasks.frozenRows).toBe(1);
    const statusRule = tasks.validations.find((v) => v.column === col('status') + 1)!.rule;
    expect(statusRule['requireValueInList']).toEqual([['Chưa thực hiện', 'Đang thực hiện', 'Hoàn thành', 'Hoàn thành quá hạn', 'Không thực hiện'], true]);
    const leadRule = tasks.validations.find((v) => v.column === col('lead') + 1)!.rule;
    expect(leadRule['setAllowInvalid']).toBe(true);
    expect(tasks.protections).toEqual([
      { column: col('id') + 1, warningOnly: true, description: 'Cột "Mã nhiệm vụ" do hệ thống cấp để đồng bộ; không sửa, không xóa' },
      { column: col('plan') + 1, warningOnly: true, description: 'Các cột "Kế hoạch" đến "Thời gian hoàn thành" lấy từ phụ lục kế hoạch; sửa trong phụ lục rồi nhập lại' },
      { column: col('due') + 1, warningOnly: true, description: 'Cột "Hạn (tự tính)" do hệ thống tự tính' },
    ]);
    expect(String(tasks.conditionalRules[0]!['whenFormulaSatisfied'])).toContain('<TODAY()');
    expect(gas.alerts[0]).toContain('Các trang đã có được giữ nguyên');

    gas.call('cchcSetup');
    expect(gas.alerts[1]).toBe('Bảng tính đã có đủ các trang; không thay đổi gì.');
  });
});

describe('Tính chỉ số', () => {
  it('writes the dashboard with the same numbers as cchc metrics --json, pass/fail colours and two charts', async () => {
    const tables = await sampleTables();
    const grids = Object.fromEntries(
      TABS.map((tab) => [tab.name, [tab.columns.map((c) => c.header), ...(tables[tab.key] ?? []).map((r) => tab.columns.map((c) => (r[c.key] ?? '') as Cell))]]),
    );
    const gas = load(grids);
    gas.call('cchcDashboard');
    const today = new Date().toISOString().slice(0, 10);
    // What the command line prints for the same data.
    const store = new XlsxStore(join(await tempDir(), 'cchc.xlsx'));
    await store.create(tables);
    const cli = cchc(['metrics', '--store', store.location, '--period', today.slice(0, 4), '--today', today, '--json']);
    const expected = JSON.parse(cli.stdout) as MetricsReport;
    expect(expected).toEqual(computeMetrics(tables, { period: parsePeriod(today.slice(0, 4))!, today }));
    const sheet = gas.sheet('Tổng hợp')!;
    const find = (label: string) => sheet.values.findIndex((r) => r[0] === label);
    const online = find('Hội nghị tổ chức trực tuyến');
    expect(sheet.values[online]!.slice(1, 4)).toEqual([expected.meetings.onlineShare.value, '≥ 60%', expected.meetings.onlineShare.pass ? 'Đạt' : 'Chưa đạt']);
    // Every line of the core's target list, the commune-wide cap included.
    for (const l of targetLines(expected)) expect(sheet.values[find(l.name)]!.slice(1, 4)).toEqual([l.value ?? 'Không áp dụng', l.targetText, l.verdict]);
    expect(sheet.backgrounds[online]![3]).toBe(expected.meetings.onlineShare.pass ? '#c6efce' : '#ffc7ce');
    const withHybrid = find('Hội nghị trực tuyến, kể cả kết hợp');
    expect(sheet.values[withHybrid]![1]).toBe(expected.meetings.onlineShareWithHybrid.value);
    for (const i of expected.digitisation.indicators) expect(sheet.values[find(i.name)]![1]).toBe(i.value ?? 'Không áp dụng');
    const all = find('Toàn bộ');
    expect(sheet.values[all]!.slice(1)).toEqual([
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
  it('re-checks only the edited row: marks a new problem, clears it once fixed, leaves officials\' notes', () => {
    const gas = load({ 'Nhiệm vụ': tasksTab(3, false) });
    const sheet = gas.sheet('Nhiệm vụ')!;
    const edit = (row: number) => gas.call('onEdit', { source: gas.spreadsheet, range: { getSheet: () => sheet, getRow: () => row } });
    sheet.notes[2]![col('title')] = 'Ghi chú của anh Nam';
    sheet.values[2]![col('progress')] = 150;
    edit(3);
    expect(sheet.backgrounds[2]![col('progress')]).toBe('#f4cccc');
    expect(sheet.notes[2]![col('progress')]).toContain('[CCHC] Tiến độ 150% không hợp lệ');
    expect(sheet.notes[1]![col('progress')]).toBe(''); // other rows untouched
    const calls = gas.log.length;
    sheet.values[2]![col('progress')] = 50;
    edit(3);
    expect(sheet.backgrounds[2]![col('progress')]).toBe('#ffffff');
    expect(sheet.notes[2]![col('progress')]).toBe('');
    expect(sheet.notes[2]![col('title')]).toBe('Ghi chú của anh Nam');
    expect(gas.log.length - calls).toBe(calls); // the same calls each edit
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

  it('installs one daily trigger, never a duplicate', () => {
    const gas = load({});
    gas.call('cchcEnableDailyReminders');
    gas.call('cchcEnableDailyReminders');
    expect(gas.triggers).toEqual([{ handler: 'cchcDailyReminders' }]);
    expect(gas.alerts[1]).toBe('Nhắc việc hằng ngày đã được bật từ trước.');
  });
});

describe('Kiểm tra dữ liệu on the logs', () => {
  it('marks unreadable cells of the meeting log too, and Xóa đánh dấu restores them', () => {
    const meetings: Cell[][] = [
      MEETINGS_TAB.columns.map((c) => c.header),
      ['2026-03-02', 'Văn phòng HĐND và UBND', 'Họp giao ban', 'Chuyên môn', 'Không', 'Trực tuyến', 'khoảng vài tiếng', 'Có', ''],
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

  it('every sheet handler makes the same number of spreadsheet calls for 10 and 10,000 rows', () => {
    const counts = [10, 10_000].map((n) =>
      ['cchcValidate', 'cchcClearMarks', 'cchcUpdateDeadlines', 'cchcDashboard', 'cchcIndex', 'cchcReminders'].map((handler) => {
        const gas = load({ 'Nhiệm vụ': tasksTab(n), 'Đơn vị': [UNITS_TAB.columns.map((c) => c.header)] });
        if (handler === 'cchcClearMarks') gas.call('cchcValidate');
        gas.log.length = 0;
        gas.call(handler);
        return gas.log.length;
      }),
    );
    expect(counts[0]).toEqual(counts[1]);
  }, 120_000);
});

describe('long runs continue from a trigger', () => {
  it('sends at most 50 reminders a run, says so, and a one-off trigger sends the rest', () => {
    const units: Cell[][] = [UNITS_TAB.columns.map((c) => c.header)];
    const rows: Cell[][] = [HEADER];
    for (let i = 1; i <= 60; i++) {
      units.push([`U${i}`, `Tổ dân phố số ${i}`, 'Đơn vị', '', `to${i}@phuong.gov.vn`]);
      rows.push(taskRow(i, { deadline: 'Quý I/2020', lead: `Tổ dân phố số ${i}` }));
    }
    const gas = load({ 'Nhiệm vụ': rows, 'Đơn vị': units });
    gas.call('cchcReminders');
    expect(gas.mail.sent).toHaveLength(50);
    expect(gas.alerts[1]).toContain('10 thư còn lại sẽ tự động gửi tiếp sau 1 phút');
    expect(gas.triggers).toEqual([{ handler: 'cchcContinueReminders' }]);
    gas.call('cchcContinueReminders');
    expect(gas.mail.sent).toHaveLength(60);
    expect(new Set(gas.mail.sent.map((m) => m.to)).size).toBe(60);
    expect(gas.triggers).toEqual([]);
    expect(gas.properties.size).toBe(0);
  });
});
