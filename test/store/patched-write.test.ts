/**
 * A store write patches the sheets whose values change inside the package (store/sheet-patch.ts) and copies every
 * other part as it is: what it writes reads back, with exceljs and with the core's reader, as what the loading
 * write gives; officials' additions stay; where a patch cannot be exact (a formula, a merge, a link under a changed
 * cell) the store loads the workbook and writes as before.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readTableFile, TASKS_TAB, zipDirectory, type Row } from '../../core/index';
import { sampleTables } from '../../sync/samples/sample-tables';
import { XlsxStore } from '../../sync/store/xlsx-store';
import { useTempDir } from '../helpers/tmp';

const tempDir = useTempDir();
const col = (key: string): number => TASKS_TAB.columns.findIndex((c) => c.key === key) + 1;
const OWN_COLUMN = TASKS_TAB.columns.length + 1;

/** Each part's stored (compressed) bytes, by name. */
function storedParts(bytes: Buffer): Map<string, Buffer> {
  const { entries } = zipDirectory((at, length) => bytes.subarray(at, at + length), bytes.length, 'store', 'Excel');
  return new Map(
    entries.map((e) => {
      const start = e.localHeaderOffset + 30 + bytes.readUInt16LE(e.localHeaderOffset + 26) + bytes.readUInt16LE(e.localHeaderOffset + 28);
      return [e.name, bytes.subarray(start, start + e.compressedSize)];
    }),
  );
}

/** A sample store with an official's own column (a value in every task row) and a filled cell. */
async function officialsStore(edit?: (ws: ExcelJS.Worksheet) => void): Promise<XlsxStore> {
  const store = new XlsxStore(join(await tempDir(), 'cchc.xlsx'));
  await store.create(await sampleTables());
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(store.location);
  const ws = wb.getWorksheet(TASKS_TAB.name)!;
  ws.getCell(1, OWN_COLUMN).value = 'Người theo dõi';
  for (let r = 2; r <= ws.rowCount; r++) ws.getCell(r, OWN_COLUMN).value = `chị Lan ${r}`;
  ws.getCell(3, col('title')).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFFF00' } };
  edit?.(ws);
  await wb.xlsx.writeFile(store.location);
  return store;
}

const numbered = (rows: readonly Row[]): Row[] => rows.map((r, i) => ({ ...r, _row: i + 2 }));

describe('a store write patches only what changes', () => {
  it('changes, adds and empties rows as the loading write does; every other part stays byte for byte', async () => {
    const store = await officialsStore();
    const before = await readFile(store.location);
    const tables = await store.read(undefined, { thenWrite: true });
    const old = tables['tasks']!;
    const tasks: Row[] = [
      { ...old[0]!, title: 'Rà soát <thủ tục> & "hồ sơ"  ', due: '2026-09-30', progress: 40, note: null },
      ...old.slice(1, 10),
      { ...old[10]!, id: 'NV-MOI', status: 'Đang thực hiện', completedOn: '2026-03-02', progress: 0 },
    ];
    await store.write({ tasks });

    // Read back by loading the workbook (exceljs), by streaming it, and by the core's reader.
    const fresh = new XlsxStore(store.location);
    expect((await fresh.readShaped()).tables['tasks']).toEqual(numbered(tasks));
    expect((await fresh.read(['tasks']))['tasks']).toEqual(numbered(tasks));
    const after = await readFile(store.location);
    const read = readTableFile('cchc.xlsx', after);
    if (!read.ok) throw new Error(read.message);
    const grid = read.sheets.find((s) => s.sheet === TASKS_TAB.name)!.grid;
    expect(grid.length).toBeLessThanOrEqual(old.length + 1);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(store.location);
    const ws = wb.getWorksheet(TASKS_TAB.name)!;
    expect(ws.getCell(2, col('title')).value).toBe('Rà soát <thủ tục> & "hồ sơ"  ');
    expect(ws.getCell(2, col('due')).value).toEqual(new Date('2026-09-30T00:00:00Z'));
    expect(ws.getCell(2, col('due')).numFmt).toBe(ws.getCell(3, col('due')).numFmt);
    expect(ws.getCell(2, col('title')).font).toEqual(ws.getCell(4, col('title')).font);
    expect(ws.getCell(2, col('progress')).value).toBe(40);
    expect(ws.getCell(12, col('completedOn')).value).toEqual(new Date('2026-03-02T00:00:00Z'));
    // The official's column and fill stay where rows stay; rows past the new data are emptied, all their cells.
    expect(ws.getCell(2, OWN_COLUMN).value).toBe('chị Lan 2');
    expect(ws.getCell(3, col('title')).fill).toMatchObject({ fgColor: { argb: 'FFFFFF00' } });
    expect(ws.getCell(13, col('title')).value).toBeNull();
    expect(ws.getCell(13, OWN_COLUMN).value).toBeNull();
    expect(ws.getCell(13, col('title')).font).toEqual(ws.getCell(4, col('title')).font);

    // Only the tasks sheet was written again: every other part is the same compressed bytes.
    const [was, is] = [storedParts(before), storedParts(after)];
    expect([...is.keys()]).toEqual([...was.keys()]);
    const changed = [...is].filter(([name, bytes]) => !bytes.equals(was.get(name)!)).map(([name]) => name);
    expect(changed).toEqual(['xl/worksheets/sheet1.xml']);
    // The previous file is the .bak and the newest version, as with every store write.
    expect(await readFile(`${store.location}.bak`)).toEqual(before);
    expect(await readFile((await store.versions())[0]!.path)).toEqual(before);
  });

  it('writes nothing when nothing changes, and a second write patches what the first wrote', async () => {
    const store = await officialsStore();
    const tables = await store.read();
    const before = await readFile(store.location);
    expect(await store.write({ tasks: tables['tasks']! })).toMatchObject({ unchanged: true });
    expect(await readFile(store.location)).toEqual(before);
    const renamed = tables['tasks']!.map((r) => ({ ...r, product: `${String(r['product'] ?? '')} (bản mới)` }));
    await store.write({ tasks: renamed });
    await store.write({ tasks: renamed.slice(0, 3) });
    expect((await new XlsxStore(store.location).readShaped()).tables['tasks']).toEqual(numbered(renamed.slice(0, 3)));
  });

  it.each([
    ['a formula', (ws: ExcelJS.Worksheet) => (ws.getCell(2, col('note')).value = { formula: '"ghi "&"chú"', result: 'ghi chú' })],
    ['a merge', (ws: ExcelJS.Worksheet) => ws.mergeCells(3, OWN_COLUMN, 3, OWN_COLUMN + 1)],
    ['a link', (ws: ExcelJS.Worksheet) => (ws.getCell(2, col('note')).value = { text: 'xem', hyperlink: 'https://example.vn/a' })],
  ])('under %s the store loads the workbook and writes what it should', async (_, edit) => {
    const store = await officialsStore(edit);
    const before = storedParts(await readFile(store.location));
    // The first task's note changed, the other rows emptied.
    const tasks = [{ ...(await store.read())['tasks']![0]!, note: 'Đã đổi' }];
    await store.write({ tasks });
    expect((await new XlsxStore(store.location).readShaped()).tables['tasks']).toEqual(numbered(tasks));
    // Written by exceljs, which puts the new text among the shared strings (a patch writes it in the sheet).
    const after = storedParts(await readFile(store.location));
    expect(after.get('xl/sharedStrings.xml')!.equals(before.get('xl/sharedStrings.xml')!)).toBe(false);
  });
});
