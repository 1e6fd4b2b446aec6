/**
 * The Sheets store with thousands of rows, under the 2 MB body limit: inserts and updates alike go in whole-row
 * batches. Its own file so that these heavy runs share the machine's cores with the rest of the suite.
 */
import { describe, expect, it } from 'vitest';
import { TASKS_TAB } from '../../core/index';
import { sampleTables } from '../../sync/samples/sample-tables';
import { ROW_TAG_BUDGET } from '../../sync/sheets/sheet-writer';
import { manyTasks } from '../fixtures/many-tasks';
import { sheetWith, useSheetsEmulator } from './emulated-sheet';

const emulated = useSheetsEmulator();
const TWO_MB = 2 * 1024 * 1024;

describe('Sheets store: 2 MB batches of thousands of rows', () => {
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
    // Row tags stop at each sheet's metadata budget; the rest are found by their id cell.
    const spreadsheet = sheets.emu.getSpreadsheet(id);
    const tasksSheet = spreadsheet.sheets.find((s) => s.properties.title === TASKS_TAB.name)!.properties.sheetId;
    const tags = spreadsheet.developerMetadata.filter((m) => m.location.dimensionRange?.sheetId === tasksSheet);
    const chars = tags.reduce((sum, m) => sum + m.metadataKey.length + (m.metadataValue ?? '').length, 0);
    expect(tags.length).toBeGreaterThan(1_000);
    expect(tags.length).toBeLessThan(5_000);
    expect(chars).toBeLessThanOrEqual(ROW_TAG_BUDGET);
  });

  it('many changed cells are split under 2 MB too', async () => {
    const sheets = await emulated();
    const tasks = manyTasks((await sampleTables())['tasks']!, 3_000);
    const id = await sheetWith(sheets, tasks);
    const long = 'Đã hoàn thành, có văn bản báo cáo kèm theo. '.repeat(10);
    const edited = tasks.map((t, i) => ({
      ...t,
      note: `${long}${i}`,
      evidence: `https://drive.google.com/file/d/${'x'.repeat(40)}${i}/view`,
    }));
    const result = await sheets.store(id).apply({ tasks: edited }, new Map([['tasks', new Map(tasks.map((t) => [String(t['id']), t]))]]));
    const writes = sheets.emu.requestLog.filter((r) => r.kind === 'write');
    expect(writes.length).toBeGreaterThan(1);
    for (const w of writes) expect(w.bodyBytes).toBeLessThan(TWO_MB);
    expect(writes.every((w) => w.status === 200)).toBe(true);
    expect(result.plan.updatedCells).toBe(6_000);
    const back = (await sheets.store(id).read())['tasks']!;
    expect(back[2_999]!['note']).toBe(`${long}2999`);
  });
});
