import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { catalogFromTables, TASKS_TAB } from '../../core/index';
import { sampleTables } from '../../sync/samples/sample-tables';
import { CchcError } from '../../sync/errors';
import { initialTables } from '../../sync/store/initial-tables';
import type { Tables } from '../../sync/store/store';
import { XlsxStore } from '../../sync/store/xlsx-store';
import { useTempDir } from '../helpers/tmp';

const tempDir = useTempDir();

describe('XlsxStore', () => {
  it('round-trips the sample catalog through a real .xlsx file', async () => {
    const store = new XlsxStore(join(await tempDir(), 'cchc.xlsx'));
    const tables = await sampleTables();
    await store.create(tables);
    const catalog = catalogFromTables(await store.read());
    expect(catalog.plans).toHaveLength(3);
    expect(catalog.tasks).toHaveLength(74);
    const original = catalogFromTables(tables);
    expect(catalog.tasks.map((t) => t.item)).toEqual(original.tasks.map((t) => t.item));
    expect(catalog.tasks[0]!.row).toBe(2);
    expect(catalog.decodeIssues).toEqual([]);
  });

  it('lays out the tasks tab with Vietnamese headers, a frozen header and real date cells', async () => {
    const path = join(await tempDir(), 'cchc.xlsx');
    await new XlsxStore(path).create(await sampleTables());
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    const ws = wb.getWorksheet('Nhiệm vụ')!;
    expect(ws.getRow(1).values).toEqual([undefined, ...TASKS_TAB.columns.map((c) => c.header)]);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const dueColumn = TASKS_TAB.columns.findIndex((c) => c.key === 'due') + 1;
    expect(ws.getRow(2).getCell(dueColumn).value).toBeInstanceOf(Date);
  });

  it('writes only the tabs it is given and keeps a backup of the previous file', async () => {
    const dir = await tempDir();
    const store = new XlsxStore(join(dir, 'cchc.xlsx'));
    await store.create(await sampleTables());
    const before = await readFile(store.location);
    const tables = await store.read();
    await store.write({ tasks: tables['tasks']!.slice(0, 5) });
    const after = await store.read();
    expect(after['tasks']).toHaveLength(5);
    expect(after['plans']).toHaveLength(3);
    expect(after['units']).toEqual(tables['units']);
    expect(await readFile(`${store.location}.bak`)).toEqual(before);
    expect((await readdir(dir)).sort()).toEqual(['cchc.xlsx', 'cchc.xlsx.bak', 'cchc.xlsx.versions']);
    // The same previous file is the newest of the store's versions, named after what replaced it.
    const [newest, ...older] = await store.versions();
    expect(older).toEqual([]);
    expect(newest).toMatchObject({ number: 1, tasks: tables['tasks']!.length });
    expect(await readFile(newest!.path)).toEqual(before);
  });

  it('a read for a write (import) and the write give the store a plain read and write give; a write by another command in between still stops it', async () => {
    const dir = await tempDir();
    const [plain, kept] = [new XlsxStore(join(dir, 'a.xlsx')), new XlsxStore(join(dir, 'b.xlsx'))];
    for (const store of [plain, kept]) await store.create(await sampleTables());
    const change = (tables: Tables): Tables => ({ tasks: tables['tasks']!.map((r, i) => (i === 3 ? { ...r, note: 'Đã đổi' } : r)) });
    await plain.write(change(await plain.read()));
    await kept.write(change(await kept.read(undefined, { thenWrite: true })));
    expect(await new XlsxStore(kept.location).read()).toEqual(await new XlsxStore(plain.location).read());
    // Twice in a row: the second write loads what the first wrote.
    await kept.write({ tasks: [] });
    expect((await new XlsxStore(kept.location).read())['tasks']).toEqual([]);

    const tables = await plain.read(undefined, { thenWrite: true });
    await new XlsxStore(plain.location).write({ tasks: tables['tasks']!.slice(1) });
    await expect(plain.write(change(tables))).rejects.toMatchObject({ code: 'STORE_CHANGED' });
    expect((await new XlsxStore(plain.location).read())['tasks']).toEqual(tables['tasks']!.slice(1).map((r, i) => ({ ...r, _row: i + 2 })));
  });

  it('reads columns by header, so officials may reorder them and add their own', async () => {
    const path = join(await tempDir(), 'cchc.xlsx');
    const store = new XlsxStore(path);
    await store.create(initialTables());
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    const ws = wb.getWorksheet('Nhiệm vụ')!;
    ws.spliceRows(1, 1, ['Người theo dõi', 'Trạng thái', 'Nội dung nhiệm vụ', 'Mã nhiệm vụ', 'Thời gian hoàn thành']);
    ws.addRow(['chị Lan', 'Đang thực hiện', 'Rà soát TTHC', 'NV-1', 'Quý III/2026']);
    await wb.xlsx.writeFile(path);
    const catalog = catalogFromTables(await store.read());
    expect(catalog.tasks[0]!.item).toMatchObject({ id: 'NV-1', title: 'Rà soát TTHC', status: 'Đang thực hiện', deadline: 'Quý III/2026' });
    // Writing back keeps the official's own column and its value.
    await store.write({ tasks: await store.read().then((t) => t['tasks']!) });
    const again = new ExcelJS.Workbook();
    await again.xlsx.readFile(path);
    expect(again.getWorksheet('Nhiệm vụ')!.getRow(2).getCell(1).value).toBe('chị Lan');
  });

  it('reports a missing or corrupt workbook with a Vietnamese message and leaves it alone', async () => {
    const dir = await tempDir();
    await expect(new XlsxStore(join(dir, 'none.xlsx')).read()).rejects.toMatchObject({ code: 'STORE_MISSING' });
    const broken = join(dir, 'broken.xlsx');
    await writeFile(broken, 'không phải xlsx');
    const error = await new XlsxStore(broken).read().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CchcError);
    expect((error as CchcError).code).toBe('STORE_UNREADABLE');
    expect(await readFile(broken, 'utf8')).toBe('không phải xlsx');
  });

  it('stores text as NFC', async () => {
    const store = new XlsxStore(join(await tempDir(), 'cchc.xlsx'));
    await store.create(initialTables());
    await store.write({ tasks: [{ id: 'NV-1', title: 'Phòng Văn hoá'.normalize('NFD'), lead: 'Phòng VHXH' }] });
    const [task] = catalogFromTables(await store.read()).tasks;
    expect(task!.item.title).toBe('Phòng Văn hoá'.normalize('NFC'));
  });
});
