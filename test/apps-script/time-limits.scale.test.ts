/**
 * The built bundle against Apps Script's time limits, on the fakes' clock
 * (fakes.ts): each service call costs simulated time, a run past 6 minutes (a
 * simple trigger past 30 s) throws at its next call, and trigger runs stop being
 * started past 90 minutes of trigger runtime a day.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { JOURNAL_MAX_CELLS_PER_EDIT, JOURNAL_TAB, TASKS_TAB } from '../../core/index';
import type { Tables } from '../../sync/store/store';
import { LIMITS, type Cell } from './fakes';
import { builtBundle, gridsFrom, load as loadIn, notesOn, wardTables, type Gas } from './gas';
import { taskLine } from '../fixtures/task-rows';

let code = '';
let ward: Tables;
beforeAll(async () => {
  code = await builtBundle();
  ward = await wardTables();
});

/** 07:00 in Hà Nội: simulated hours of sending stay within one day of the sheet's zone and of Google's (UTC) quota day. */
const MORNING = Date.UTC(2026, 11, 1, 0, 0);
const HOUR = 3_600_000;
const MINUTE = 60_000;
const UNITS = 60;

const load = (tabs: Record<string, Cell[][]> = gridsFrom(ward), options: { cpuFactor?: number } = {}) =>
  loadIn(code, tabs, { ...options, now: MORNING });

/** The ward's units emailed (wardTables gives each an address tdpN@…). */
const unitsSent = (gas: Gas) => gas.mail.sent.map((m) => m.to).filter((to) => to.startsWith('tdp'));

/** Fires the one-off triggers as they fall due, as Google does, until none is pending. */
function fireAll(gas: Gas): number {
  let fired = 0;
  while (gas.fireNext()) if (++fired > 50) throw new Error('continuations never end');
  return fired;
}

function enableAndFireDaily(gas: Gas): void {
  gas.call('cchcEnableDailyReminders');
  gas.fire(gas.triggers.find((t) => t.handler === 'cchcDailyReminders')!);
}

describe('reminders at 5,000 tasks and 60 units keep to the 6-minute run', () => {
  it('each email taking 10 s: the daily trigger and its continuations send every reminder exactly once, no run near 6 minutes', () => {
    const gas = load();
    gas.costs.mail = 10_000;
    enableAndFireDaily(gas);
    const continuations = fireAll(gas);
    const to = unitsSent(gas);
    expect(to).toHaveLength(UNITS);
    expect(new Set(to).size).toBe(UNITS);
    // 60 emails of 10 s are 10 minutes of sending: more than one run's 6.
    expect(continuations).toBeGreaterThanOrEqual(2);
    const runs = gas.executions.filter((e) => e.kind === 'trigger');
    for (const r of runs) expect(r.millis!).toBeLessThan(5 * MINUTE);
    expect(gas.triggers.map((t) => t.handler)).toEqual(['cchcDailyReminders']);
  });

  it('the official takes 3 minutes over the preview: the run counts it, stops sending in time, and a trigger sends the rest once', () => {
    const gas = load();
    gas.costs.mail = 10_000;
    gas.answer.waits = [3 * MINUTE];
    gas.call('cchcReminders');
    expect(gas.alerts[1]).toContain('thư còn lại sẽ tự động gửi tiếp sau 1 phút');
    expect(gas.executions[0]!.millis!).toBeLessThan(5.5 * MINUTE);
    const first = unitsSent(gas).length;
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThan(UNITS);
    fireAll(gas);
    const to = unitsSent(gas);
    expect(to).toHaveLength(UNITS);
    expect(new Set(to).size).toBe(UNITS);
  });
});

describe("reminders keep to the day's trigger runtime", () => {
  it("the official's other scripts used 40 minutes: slow continuations stop within the budget, none fails, none sends twice", () => {
    const gas = load();
    gas.costs.mail = MINUTE;
    const day = new Date(MORNING).toISOString().slice(0, 10);
    gas.triggerMillis.set(`${gas.user.email} ${day}`, 40 * MINUTE);
    enableAndFireDaily(gas);
    fireAll(gas);
    const ours = gas.executions.filter((e) => e.kind === 'trigger').reduce((n, e) => n + e.millis!, 0);
    // Half of Google's 90 minutes, so the official's other scripts keep the rest.
    expect(ours).toBeLessThanOrEqual(LIMITS.triggerMillisPerDay / 2);
    expect(gas.triggerMillis.get(`${gas.user.email} ${day}`)!).toBeLessThanOrEqual(LIMITS.triggerMillisPerDay);
    const to = unitsSent(gas);
    expect(new Set(to).size).toBe(to.length);
    expect(to.length).toBeLessThan(UNITS);
    expect(gas.triggers.filter((t) => !t.fired && t.kind === 'after')).toEqual([]);

    // A menu run is no trigger run: it still sends, and says why the rest is not scheduled.
    gas.call('cchcReminders');
    expect(gas.alerts.at(-1)).toContain('các lần chạy tự động đã dùng hết thời gian dành cho chúng');
    const after = unitsSent(gas);
    expect(after.length).toBeGreaterThan(to.length);
    expect(new Set(after).size).toBe(after.length);

    // The next day the daily trigger starts again.
    gas.clock.advance(24 * HOUR);
    const before = gas.mail.sent.length;
    gas.fire(gas.triggers.find((t) => t.handler === 'cchcDailyReminders')!);
    expect(gas.mail.sent.length).toBeGreaterThan(before);
  });
});

describe('service calls per row', () => {
  it('Cập nhật hạn & quá hạn at 5,000 tasks parses each distinct due date once, not once per row', () => {
    const gas = load();
    gas.call('cchcUpdateDeadlines');
    const sheet = gas.sheet('Nhiệm vụ')!;
    const due = TASKS_TAB.columns.findIndex((c) => c.key === 'due');
    const days = new Set(
      sheet.values
        .slice(1, ward['tasks']!.length + 1)
        .map((r) => r[due])
        .filter((v) => v !== '')
        .map((d) => (d as Date).getTime()),
    );
    expect(days.size).toBeGreaterThan(1);
    expect(gas.calls.get('Utilities.parseDate')).toBe(days.size);
  });

  it('every other action makes the same service calls, of every service, for 100 and 5,000 tasks', async () => {
    const small = gridsFrom(await wardTables(100));
    // Marks are written one call per distinct colour and per distinct note (never per cell): those grow with the kinds of text, not with rows.
    const perValue = new Set(['SpreadsheetApp.getRangeList', 'SpreadsheetApp.setNote', 'SpreadsheetApp.setBackground']);
    const counts = [small, gridsFrom(ward)].map((tabs) => {
      const gas = load(tabs);
      return ['cchcValidate', 'cchcClearMarks', 'cchcDashboard', 'cchcIndex', 'onEdit'].map((handler) => {
        gas.calls.clear();
        if (handler === 'onEdit') gas.simple('onEdit', { source: gas.spreadsheet, range: gas.sheet('Nhiệm vụ')!.getRange(50, 1, 50, 17) });
        else gas.call(handler);
        const notes = new Set(gas.sheet('Nhiệm vụ')!.notes.flat().filter(Boolean));
        expect(gas.calls.get('SpreadsheetApp.setNote') ?? 0).toBeLessThanOrEqual(notes.size + 1);
        return Object.fromEntries([...gas.calls].filter(([name]) => !perValue.has(name)).sort());
      });
    });
    expect(counts[1]).toEqual(counts[0]);
  });
});

describe('onEdit inside 30 s', () => {
  const HEADER = TASKS_TAB.columns.map((c) => c.header);
  /** A task row with no problem the checks can find. */
  const clean = (i: number): Cell[] => taskLine<Cell>(i);

  it('a paste that changes no mark writes no mark: only its journal lines are written', () => {
    const gas = load({ 'Nhiệm vụ': [HEADER, ...Array.from({ length: 3000 }, (_, i) => clean(i + 1))] });
    gas.simple('onEdit', { source: gas.spreadsheet, range: gas.sheet('Nhiệm vụ')!.getRange(2, 1, 3000, HEADER.length) });
    const writes = [...gas.calls].filter(([name]) => /\.set[A-Z]/.test(name));
    // The journal's header and its lines, nothing else.
    expect(writes).toEqual([['SpreadsheetApp.setValues', 2]]);
    expect(gas.sheet(JOURNAL_TAB)!.getLastRow()).toBe(1 + JOURNAL_MAX_CELLS_PER_EDIT);
    expect(notesOn(gas, 'Nhiệm vụ')).toEqual([]);
  });

  it("a 5,000-row paste of the ward's tasks stays inside 30 s with cells three times as slow as the default", () => {
    const gas = load();
    gas.costs.cell *= 3;
    gas.simple('onEdit', { source: gas.spreadsheet, range: gas.sheet('Nhiệm vụ')!.getRange(2, 1, 5000, HEADER.length) });
    expect(
      gas
        .sheet('Nhiệm vụ')!
        .notes.flat()
        .some((n) => n.startsWith('[CCHC]')),
    ).toBe(true);
    expect(gas.executions[0]!.millis!).toBeLessThan(LIMITS.simpleTriggerMillis);
  });
});

describe('every action at 5,000 tasks, with Apps Script computing 3 times slower than this machine', () => {
  const figures: string[] = [];
  const HEADER = TASKS_TAB.columns.map((c) => c.header);

  it('each menu item stays well inside 6 minutes, onOpen and a 5,000-row paste inside 30 s', () => {
    const gas = load(gridsFrom(ward), { cpuFactor: 3 });
    const menu = ['cchcValidate', 'cchcClearMarks', 'cchcUpdateDeadlines', 'cchcDashboard', 'cchcIndex', 'cchcReminders'];
    for (const handler of menu) gas.call(handler);
    gas.simple('onOpen');
    gas.simple('onEdit', { source: gas.spreadsheet, range: gas.sheet('Nhiệm vụ')!.getRange(2, 1, 5000, HEADER.length) });
    const names = [...menu, 'onOpen', 'onEdit (5,000 rows)'];
    gas.executions.forEach((e, i) => figures.push(`${names[i]}: ${(e.millis! / 1000).toFixed(1)} s`));
    console.log(`simulated run times: ${figures.join('; ')}`);
    for (const e of gas.executions) expect(e.millis!).toBeLessThan(e.limit / 2);
  });
});
