/**
 * The Sheets store with thousands of rows: constant request counts whatever the number of rows, a large push cut
 * off between batches finished by a re-run. Its own file so that these
 * heavy runs share the machine's cores with the rest of the suite.
 */
import { describe, expect, it } from 'vitest';
import { sampleTables } from '../../sync/samples/sample-tables';
import { CchcError } from '../../sync/errors';
import { manyTasks } from '../fixtures/many-tasks';
import { sheetWith, useSheetsEmulator } from './emulated-sheet';

const emulated = useSheetsEmulator();

describe('Sheets store with thousands of rows', () => {
  it('a push of one changed task among 1 or 5,000 takes a few requests, and never reads the whole sheet again after its write', async () => {
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
      const log = sheets.emu.requestLog;
      const write = log.findIndex((r) => r.kind === 'write');
      counts.push({ ...sheets.emu.counts(), afterWrite: log.slice(write + 1).reduce((n, r) => n + r.responseBytes, 0) });
    }
    // The test's read(), the push's two narrow reads (the tabs, then headers, ids and the changed columns), one
    // write, one read after it. A tagged row is written by its tag, then a look at the tabs' names (has the Apps
    // Script's journal come meanwhile?); a row past the tag budget by position, whose answer names the tabs, then
    // its id cell is read back to check the row was still there.
    expect(counts[0]).toMatchObject({ reads: 4, writes: 1 });
    expect(counts[1]).toMatchObject({ reads: 4, writes: 1 });
    for (const c of counts) expect(c.afterWrite, 'bytes read after the write').toBeLessThan(2_000);
  });

  it('a large push cut off between batches says so, and a re-run finishes it without writing a row twice', async () => {
    const sheets = await emulated();
    const tasks = manyTasks((await sampleTables())['tasks']!, 5_000);
    const id = sheets.emu.createSpreadsheet('CCHC');
    let writes = 0;
    sheets.emu.injectFailures([{ match: (r) => r.operation === 'spreadsheets.batchUpdate' && ++writes >= 3, status: 503, times: 100 }]);
    const error = await sheets
      .store(id)
      .apply({ tasks }, new Map())
      .catch((e: unknown) => e);
    expect((error as CchcError).code).toBe('SHEETS_PARTIAL_WRITE');
    expect((error as CchcError).messageVi).toContain('Đã ghi trọn 2 phần');
    const partial = (await sheets.store(id).read())['tasks']!;
    expect(partial.length).toBeGreaterThan(0);
    expect(partial.length).toBeLessThan(5_000);
    sheets.emu.clearFailures();
    await sheets.store(id).apply({ tasks }, new Map());
    const ids = (await sheets.store(id).read())['tasks']!.map((t) => t['id']);
    expect(ids).toEqual(tasks.map((t) => t['id']));
  });
});
