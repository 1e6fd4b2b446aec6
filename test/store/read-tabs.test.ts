/**
 * A store read for some tabs (`read(keys)`, what metrics, remind and export ask for) reads exactly what a whole read
 * gives for those tabs, whatever officials did to the workbook in Excel: columns moved and added, rich text, formulas
 * with cached results, dates, a link in the evidence column, a renamed tab, a broken file.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { CATALOG_TABS, MEETINGS_TAB, METRICS_TABS, TABS, TASKS_TAB, ZipArchive, type Row } from '../../core/index';
import { sampleTables } from '../../sync/samples/sample-tables';
import { streamTabs } from '../../sync/store/stream-tabs';
import { XlsxStore } from '../../sync/store/xlsx-store';
import { useTempDir } from '../helpers/tmp';

const tempDir = useTempDir();
const col = (key: string): number => TASKS_TAB.columns.findIndex((c) => c.key === key) + 1;
const pick = (tables: Record<string, Row[] | undefined>, keys: readonly string[]) =>
  Object.fromEntries(keys.map((k) => [k, tables[k] ?? []]));

/** The sample store as an official leaves it after a few weeks in Excel. */
async function editedStore(edit?: (wb: ExcelJS.Workbook) => void): Promise<string> {
  const path = join(await tempDir(), 'cchc.xlsx');
  await new XlsxStore(path).create(await sampleTables());
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const tasks = wb.getWorksheet(TASKS_TAB.name)!;
  tasks.getCell(2, col('title')).value = { richText: [{ text: 'Rà soát ', font: { bold: true } }, { text: 'thủ tục hành chính' }] };
  tasks.getCell(3, col('progress')).value = { formula: '40+10', result: 50 };
  tasks.getCell(4, col('progress')).value = { formula: 'A1/0', result: { error: '#DIV/0!' } };
  tasks.getCell(4, col('completedOn')).value = new Date('2026-03-15T00:00:00Z');
  tasks.getCell(5, col('note')).value = 'Phòng Văn hoá'.normalize('NFD');
  // Two columns swapped, and one of the official's own added.
  const [a, b] = [col('status'), col('note')];
  const width = tasks.columnCount;
  for (let r = 1; r <= tasks.rowCount; r++) {
    const row = tasks.getRow(r);
    [row.getCell(a).value, row.getCell(b).value] = [row.getCell(b).value, row.getCell(a).value];
    row.getCell(width + 1).value = r === 1 ? 'Người theo dõi' : `chị ${r}`;
  }
  const meetings = wb.getWorksheet(MEETINGS_TAB.name)!;
  meetings.getCell(2, 1).value = { formula: 'DATE(2026,4,2)', result: new Date('2026-04-02T00:00:00Z') };
  wb.addWorksheet('Ghi chép riêng').getCell('A1').value = 'Việc cần nhắc';
  edit?.(wb);
  await wb.xlsx.writeFile(path);
  return path;
}

describe('reading some tabs of the store', () => {
  it('gives, tab for tab, what a whole read gives', async () => {
    const path = await editedStore();
    // The loaded workbook's read (a whole read streams too, where it can).
    const { tables: whole } = await new XlsxStore(path).readShaped();
    expect(await new XlsxStore(path).read()).toEqual(whole);
    for (const keys of [METRICS_TABS, CATALOG_TABS, ['meetings'], ['tasks', 'criteria']]) {
      expect(await new XlsxStore(path).read(keys), keys.join()).toEqual(pick(whole, keys));
    }
    // Streamed, not loaded: the store's scan itself reads this store (it answers null where it would not be exact).
    const streamed = streamTabs(
      new ZipArchive(await readFile(path), path, 'Excel'),
      TABS.filter((t) => METRICS_TABS.includes(t.key)),
    );
    expect(streamed?.tables).toEqual(pick(whole, METRICS_TABS));
    // A sync's read of every tab with its columns, streamed, is the loaded one.
    const loaded = await new XlsxStore(path).readShaped();
    expect(streamTabs(new ZipArchive(await readFile(path), path, 'Excel'), TABS)?.shape).toEqual(loaded.shape);
    expect(await new XlsxStore(path).readShaped({ streamed: true })).toEqual(loaded);
    const [first] = (await new XlsxStore(path).read(['tasks']))['tasks']!;
    expect(first!['title']).toBe('Rà soát thủ tục hành chính');
  });

  it('reads a link in the evidence column as its address, as a whole read does', async () => {
    const path = await editedStore((wb) => {
      wb.getWorksheet(TASKS_TAB.name)!.getCell(2, col('evidence')).value = {
        text: 'Quyết định 12/QĐ',
        hyperlink: 'https://drive.google.com/qd12',
      };
    });
    const tasks = (await new XlsxStore(path).read(CATALOG_TABS))['tasks']!;
    expect(tasks.find((r) => r['evidence'] === 'https://drive.google.com/qd12')).toBeDefined();
    expect(await new XlsxStore(path).read(CATALOG_TABS)).toEqual(pick(await new XlsxStore(path).read(), CATALOG_TABS));
  });

  it('finds a tab an official renamed, by its header row', async () => {
    const path = await editedStore((wb) => (wb.getWorksheet(TASKS_TAB.name)!.name = 'NV 2026'));
    const tasks = (await new XlsxStore(path).read(['tasks']))['tasks']!;
    expect(tasks.length).toBeGreaterThan(0);
    expect(tasks).toEqual((await new XlsxStore(path).read())['tasks']);
  });

  it('says what is wrong with a missing or broken store, as a whole read does', async () => {
    const dir = await tempDir();
    await expect(new XlsxStore(join(dir, 'none.xlsx')).read(['meetings'])).rejects.toMatchObject({ code: 'STORE_MISSING' });
    await writeFile(join(dir, 'broken.xlsx'), 'không phải xlsx');
    await expect(new XlsxStore(join(dir, 'broken.xlsx')).read(['meetings'])).rejects.toMatchObject({ code: 'STORE_UNREADABLE' });
  });

  it('a write after a read of some tabs still stops if another command replaced the store in between', async () => {
    const path = await editedStore();
    const mine = new XlsxStore(path);
    const tasks = (await mine.read(['tasks']))['tasks']!;
    await new XlsxStore(path).write({ tasks: tasks.slice(1) });
    await expect(mine.write({ tasks })).rejects.toMatchObject({ code: 'STORE_CHANGED' });
  });
});
