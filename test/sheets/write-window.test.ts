/**
 * Writes to the shared sheet that cannot duplicate or misplace rows: a batch
 * whose answer is lost and that lands late, a row inserted by an official while
 * the batch is in flight, a cell an official types into right after the write.
 * The store is the real one, over HTTP, against the emulator's injected faults.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { JOURNAL_TAB, journalLine, MEETINGS_TAB, TASKS_TAB, type Row } from '../../core/index';
import { sampleTables } from '../../sync/samples/sample-tables';
import { sheetsAuth } from '../../sync/sheets/auth';
import { defaultSleep } from '../../sync/sheets/backoff';
import { sheetsApi } from '../../sync/sheets/client';
import { SheetsStore } from '../../sync/sheets/sheets-store';
import type { SheetsEmulator } from '../sheets-emulator';
import { beforeFirstWrite, seedSheet, sheetIdOf, sheetWith, useSheetsEmulator } from './emulated-sheet';

const emulated = useSheetsEmulator();
const saved = process.env['CCHC_SHEETS_WRITE_DEADLINE_MS'];
afterEach(() => {
  if (saved === undefined) delete process.env['CCHC_SHEETS_WRITE_DEADLINE_MS'];
  else process.env['CCHC_SHEETS_WRITE_DEADLINE_MS'] = saved;
});

/** A store whose waits are real (the late batch must have time to land) and recorded. */
function realTimeStore(env: Record<string, string>, id: string, slept: number[]): SheetsStore {
  return new SheetsStore(id, async () => sheetsApi(await sheetsAuth({ env }), env), {
    sleep: async (ms) => {
      slept.push(ms);
      await defaultSleep(ms);
    },
  });
}

const ids = (emu: SheetsEmulator, id: string): string[] =>
  (emu.getValues(id, `'${TASKS_TAB.name}'!A2:A`) as string[][]).map((r) => String(r[0]));
/** The sheet holds `n` task rows, no id twice: nothing landed twice. */
function expectRowsOnce(emu: SheetsEmulator, id: string, n: number): void {
  const written = ids(emu, id);
  expect(written).toHaveLength(n);
  expect(new Set(written).size).toBe(n);
}
const column = (key: string): number => TASKS_TAB.columns.findIndex((c) => c.key === key);

/** A sheet of 3 sample tasks whose writes Google holds up to `deadlineMs` (CCHC_SHEETS_WRITE_DEADLINE_MS). */
async function sheetWithDeadline(
  deadlineMs: number,
): Promise<{ emu: SheetsEmulator; env: Record<string, string>; id: string; sample: Row[] }> {
  const { emu, env } = await emulated();
  const sample = (await sampleTables())['tasks']!;
  const id = seedSheet(emu, 'CCHC', { tasks: sample.slice(0, 3) });
  process.env['CCHC_SHEETS_WRITE_DEADLINE_MS'] = String(deadlineMs);
  return { emu, env, id, sample };
}

describe('writes during faults and edits', () => {
  it('a batch whose answer is lost and that lands late is waited for, not re-sent: no duplicate rows', async () => {
    // Google's deadline, scaled down: the lost batch lands 2.5 s after it was sent, before the 3 s deadline.
    const { emu, env, id, sample } = await sheetWithDeadline(3000);
    emu.injectFailures([{ match: { operation: 'spreadsheets.batchUpdate' }, status: 500, times: 1, lateApplyMs: 2500 }]);
    const slept: number[] = [];
    const store = realTimeStore(env, id, slept);
    await store.read();
    const result = await store.write({ tasks: sample.slice(0, 8) });
    expect(result.conflicts).toEqual([]);
    expectRowsOnce(emu, id, 8);
    // It waited until the deadline had passed, once, and sent the batch once.
    expect(slept).toHaveLength(1);
    expect(slept[0]).toBeGreaterThan(2000);
    expect(emu.requestLog.filter((r) => r.operation === 'spreadsheets.batchUpdate')).toHaveLength(1);
  });

  it("a write the client's own timeout gives up on, landing later, is waited for, not re-sent: no duplicate rows", async () => {
    const { emu, env, id, sample } = await sheetWithDeadline(3000);
    // No answer at all: the client aborts after 500 ms ("The operation was aborted."); Google carries it out at 2 s.
    emu.injectFailures([{ match: { operation: 'spreadsheets.batchUpdate' }, status: 500, times: 1, lateApplyMs: 2000, hangs: true }]);
    const slept: number[] = [];
    const store = realTimeStore({ ...env, CCHC_SHEETS_TIMEOUT_MS: '500' }, id, slept);
    await store.read();
    const result = await store.write({ tasks: sample.slice(0, 8) });
    expect(result.conflicts).toEqual([]);
    expectRowsOnce(emu, id, 8);
    expect(slept).toHaveLength(1);
    expect(emu.requestLog.filter((r) => r.operation === 'spreadsheets.batchUpdate')).toHaveLength(1);
  });

  it('a command started while an earlier one still waits for its answer waits out the deadline before it reads', async () => {
    const { emu, env, id, sample } = await sheetWithDeadline(3000);
    emu.injectFailures([{ match: { operation: 'spreadsheets.batchUpdate' }, status: 500, times: 1, lateApplyMs: 2000, hangs: true }]);
    // The first command's write hangs (as when the official then presses Ctrl-C); the second starts meanwhile.
    const first = realTimeStore({ ...env, CCHC_SHEETS_TIMEOUT_MS: '1000' }, id, []);
    await first.read();
    const hanging = first.write({ tasks: sample.slice(0, 8) }).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const slept: number[] = [];
    const second = realTimeStore(env, id, slept);
    await second.read();
    await second.write({ tasks: sample.slice(0, 8) });
    expect(slept[0]).toBeGreaterThan(1500);
    expectRowsOnce(emu, id, 8);
    await hanging;
    expectRowsOnce(emu, id, 8);
  });

  it('a lost batch that never lands is re-planned and sent once more after the deadline', async () => {
    const { emu, env, id, sample } = await sheetWithDeadline(300);
    // Lands never (after the test): the answer is lost and the request is dropped.
    emu.injectFailures([{ match: { operation: 'spreadsheets.batchUpdate' }, status: 500, times: 1, lateApplyMs: 3_600_000 }]);
    const store = realTimeStore(env, id, []);
    await store.read();
    await store.write({ tasks: sample.slice(0, 6) });
    expectRowsOnce(emu, id, 6);
  });

  it('a row inserted above while the batch is in flight: the misplaced cells are put back and the right row written', async () => {
    const { emu, store: makeStore } = await emulated();
    const sample = (await sampleTables())['tasks']!.slice(0, 5);
    const id = seedSheet(emu, 'CCHC', { tasks: sample });
    const sheetId = sheetIdOf(emu, id, TASKS_TAB.name);
    const store = makeStore(id);
    const tables = await store.read();
    const target = String(sample[3]!['id']);
    const above = String(sample[2]!['id']);
    const aboveNote = sample[2]!['note'] ?? null;
    let inserted = false;
    // Just before Google applies the batch, an official inserts a row at the top and types a task into it.
    emu.injectFailures([
      {
        match: (req) => {
          if (req.operation !== 'spreadsheets.batchUpdate' || inserted) return false;
          inserted = true;
          emu.batchUpdate(id, [{ insertDimension: { range: { sheetId, dimension: 'ROWS', startIndex: 1, endIndex: 2 } } }]);
          return false;
        },
        status: 500,
        times: 1,
      },
    ]);
    const edited: Row[] = tables['tasks']!.map((t) => (t['id'] === target ? { ...t, note: 'Ghi chú mới' } : t));
    const result = await store.write({ tasks: edited });
    expect(inserted).toBe(true);
    expect(result.conflicts.join('\n')).toContain(`dòng ${above} bị di chuyển trong lúc ghi`);
    const grid = emu.getValues(id, `'${TASKS_TAB.name}'`) as string[][];
    const row = (taskId: string) => grid.find((r) => r[0] === taskId)!;
    expect(row(target)[column('note')]).toBe('Ghi chú mới');
    expect(row(above)[column('note')] ?? '').toBe(aboveNote ?? '');
  });

  it('rows the store wrote carry tags: a row inserted above while the cells are in flight changes nothing, nothing to repair', async () => {
    const sheets = await emulated();
    const { emu } = sheets;
    const sample = (await sampleTables())['tasks']!.slice(0, 5);
    const id = await sheetWith(sheets, sample);
    const sheetId = sheetIdOf(emu, id, TASKS_TAB.name);
    const store = sheets.store(id);
    const tables = await store.read();
    const inserted = beforeFirstWrite(emu, () => {
      emu.batchUpdate(id, [{ insertDimension: { range: { sheetId, dimension: 'ROWS', startIndex: 1, endIndex: 2 } } }]);
    });
    const notes = new Map(sample.map((t, i) => [String(t['id']), `Ghi chú ${i}`]));
    const result = await store.write({ tasks: tables['tasks']!.map((t) => ({ ...t, note: notes.get(String(t['id']))! })) });
    expect(inserted()).toBe(true);
    expect(result.conflicts).toEqual([]);
    const grid = emu.getValues(id, `'${TASKS_TAB.name}'`) as string[][];
    expect(grid[1]).toEqual([]);
    for (const [task, note] of notes) expect(grid.find((r) => r[0] === task)![column('note')]).toBe(note);
    // One write, aimed by the rows' tags: nothing landed elsewhere, so nothing was put back.
    expect(emu.requestLog.filter((r) => r.kind === 'write').map((r) => r.operation)).toEqual([
      'spreadsheets.values.batchUpdateByDataFilter',
    ]);
  });

  it('log lines are tagged by a digest of their identity: a meeting edited while rows are sorted lands on its line', async () => {
    const sheets = await emulated();
    const { emu } = sheets;
    const id = await sheetWith(sheets, (await sampleTables())['tasks']!.slice(0, 2));
    const sheetId = sheetIdOf(emu, id, MEETINGS_TAB.name);
    const tags = emu
      .getSpreadsheet(id)
      .developerMetadata.filter((m) => m.metadataKey === 'cchc.key' && m.location.dimensionRange?.sheetId === sheetId);
    const store = sheets.store(id);
    const tables = await store.read();
    const meetings = tables['meetings']!;
    expect(meetings.length).toBeGreaterThan(2);
    expect(tags).toHaveLength(meetings.length);
    expect(tags.every((t) => /^#[\w-]{12}$/.test(t.metadataValue ?? ''))).toBe(true);
    const moved = beforeFirstWrite(emu, () => {
      // An official moves the first meeting to the bottom just before the write lands.
      emu.batchUpdate(id, [
        {
          moveDimension: { source: { sheetId, dimension: 'ROWS', startIndex: 1, endIndex: 2 }, destinationIndex: meetings.length + 1 },
        },
      ]);
    });
    const result = await store.write({ ...tables, meetings: meetings.map((m, i) => ({ ...m, note: `Biên bản ${i}` })) });
    expect(moved()).toBe(true);
    expect(result.conflicts).toEqual([]);
    const after = (await sheets.store(id).read())['meetings']!;
    for (const [i, m] of meetings.entries()) {
      expect(after.find((a) => a['title'] === m['title'] && a['date'] === m['date'])?.['note']).toBe(`Biên bản ${i}`);
    }
    expect(emu.requestLog.filter((r) => r.kind === 'write').map((r) => r.operation)).toEqual([
      'spreadsheets.values.batchUpdateByDataFilter',
    ]);
  });

  it('rows typed straight into the sheet get their tags at the first write; a tag on the wrong row is removed, never followed', async () => {
    const { emu, store: makeStore } = await emulated();
    const sample = (await sampleTables())['tasks']!.slice(0, 4);
    const id = seedSheet(emu, 'CCHC', { tasks: sample });
    const sheetId = sheetIdOf(emu, id, TASKS_TAB.name);
    // A tag naming task 0 sits on task 2's row (placed while rows moved).
    emu.batchUpdate(id, [
      {
        createDeveloperMetadata: {
          developerMetadata: {
            metadataKey: 'cchc.key',
            metadataValue: String(sample[0]!['id']),
            visibility: 'DOCUMENT',
            location: { dimensionRange: { sheetId, dimension: 'ROWS', startIndex: 3, endIndex: 4 } },
          },
        },
      },
    ]);
    const store = makeStore(id);
    const tables = await store.read();
    await store.write({ tasks: tables['tasks']!.map((t, i) => (i === 0 ? { ...t, note: 'Lần 1' } : t)) });
    const tags = emu
      .getSpreadsheet(id)
      .developerMetadata.filter((m) => m.metadataKey === 'cchc.key')
      .map((m) => [m.metadataValue, m.location.dimensionRange!.startIndex]);
    expect(tags.sort()).toEqual(sample.map((t, i) => [String(t['id']), i + 1]).sort());
    emu.resetCounts();
    const again = await store.read();
    await store.write({ tasks: again['tasks']!.map((t, i) => (i === 0 ? { ...t, note: 'Lần 2' } : t)) });
    expect(emu.requestLog.filter((r) => r.kind === 'write').map((r) => r.operation)).toEqual([
      'spreadsheets.values.batchUpdateByDataFilter',
    ]);
    const grid = emu.getValues(id, `'${TASKS_TAB.name}'`) as string[][];
    expect(grid[1]![column('note')]).toBe('Lần 2');
    expect(grid[3]![column('note')] ?? '').toBe(String(sample[2]!['note'] ?? ''));
  });

  it("a cell an official types just before the write lands is put back from the Apps Script's journal and reported", async () => {
    const sheets = await emulated();
    const { emu } = sheets;
    const sample = (await sampleTables())['tasks']!.slice(0, 4);
    const id = await sheetWith(sheets, sample);
    const store = sheets.store(id);
    const tables = await store.read();
    const target = String(sample[1]!['id']);
    const sheetId = sheetIdOf(emu, id, TASKS_TAB.name);
    const typed = beforeFirstWrite(emu, () => {
      // After our read, before our write: the official types, and onEdit journals it (as the Apps Script does).
      const r = (emu.getValues(id, `'${TASKS_TAB.name}'`) as string[][]).findIndex((x) => x[0] === target);
      emu.batchUpdate(id, [
        {
          updateCells: {
            start: { sheetId, rowIndex: r, columnIndex: column('note') },
            rows: [{ values: [{ userEnteredValue: { stringValue: 'Cán bộ gõ lúc đó' } }] }],
            fields: 'userEnteredValue',
          },
        },
        { addSheet: { properties: { title: JOURNAL_TAB, hidden: true } } },
      ]);
      emu.setValues(
        id,
        `'${JOURNAL_TAB}'!A1`,
        [journalLine({ at: Date.now(), tab: 'tasks', key: target, column: 'note', value: 'Cán bộ gõ lúc đó' })],
        'RAW',
      );
    });
    const result = await store.write({ tasks: tables['tasks']!.map((t) => (t['id'] === target ? { ...t, note: 'Bản ghi lên' } : t)) });
    expect(typed()).toBe(true);
    const grid = emu.getValues(id, `'${TASKS_TAB.name}'`) as string[][];
    expect(grid.find((r) => r[0] === target)![column('note')]).toBe('Cán bộ gõ lúc đó');
    expect(result.conflicts.join('\n')).toContain('"Cán bộ gõ lúc đó"');
    expect(result.conflicts.join('\n')).toContain('"Bản ghi lên"');
  });

  it('untagged rows, a row inserted above while the first write (with their new tags) is in flight: nothing is misread', async () => {
    const { emu, store: makeStore } = await emulated();
    const sample = (await sampleTables())['tasks']!.slice(0, 5);
    const id = seedSheet(emu, 'CCHC', { tasks: sample });
    const sheetId = sheetIdOf(emu, id, TASKS_TAB.name);
    const store = makeStore(id);
    const tables = await store.read();
    const inserted = beforeFirstWrite(emu, () => {
      emu.batchUpdate(id, [{ insertDimension: { range: { sheetId, dimension: 'ROWS', startIndex: 1, endIndex: 2 } } }]);
    });
    // Every tag and cell of that write lands one row low: the blank inserted row gets the first task's tag and note.
    await store.write({ tasks: tables['tasks']!.map((t, i) => ({ ...t, note: `Ghi chú ${i}` })) });
    expect(inserted()).toBe(true);
    const after = (await makeStore(id).read())['tasks']!;
    expect(after.map((t) => [t['id'], t['note']])).toEqual(sample.map((t, i) => [t['id'], `Ghi chú ${i}`]));
    const tags = emu.getSpreadsheet(id).developerMetadata.filter((m) => m.metadataKey === 'cchc.key');
    const grid = emu.getValues(id, `'${TASKS_TAB.name}'`) as string[][];
    for (const tag of tags) expect(grid[tag.location.dimensionRange!.startIndex]![0]).toBe(tag.metadataValue);
  });

  it("an official's edit right after the write is kept and reported as a conflict, not overwritten", async () => {
    const { emu, store: makeStore } = await emulated();
    const sample = (await sampleTables())['tasks']!.slice(0, 4);
    const id = seedSheet(emu, 'CCHC', { tasks: sample });
    const store = makeStore(id);
    const tables = await store.read();
    const target = String(sample[1]!['id']);
    let wrote = false;
    let typed = false;
    emu.injectFailures([
      {
        match: (req) => {
          if (req.operation === 'spreadsheets.batchUpdate') wrote = true;
          else if (wrote && !typed && req.operation === 'spreadsheets.get') {
            // Between our write and our check, an official edits the cell the push wrote.
            typed = true;
            const grid = emu.getValues(id, `'${TASKS_TAB.name}'`) as string[][];
            const r = grid.findIndex((x) => x[0] === target) + 1;
            emu.batchUpdate(id, [
              {
                updateCells: {
                  start: { sheetId: emu.getSpreadsheet(id).sheets[0]!.properties.sheetId, rowIndex: r - 1, columnIndex: column('note') },
                  rows: [{ values: [{ userEnteredValue: { stringValue: 'Cán bộ sửa' } }] }],
                  fields: 'userEnteredValue',
                },
              },
            ]);
          }
          return false;
        },
        status: 500,
        times: 1,
      },
    ]);
    const result = await store.write({ tasks: tables['tasks']!.map((t) => (t['id'] === target ? { ...t, note: 'Bản ghi lên' } : t)) });
    expect(typed).toBe(true);
    expect(result.conflicts.join('\n')).toContain('"Cán bộ sửa"');
    const grid = emu.getValues(id, `'${TASKS_TAB.name}'`) as string[][];
    expect(grid.find((r) => r[0] === target)![column('note')]).toBe('Cán bộ sửa');
  });
});
