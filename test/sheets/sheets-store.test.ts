import { describe, expect, it } from 'vitest';
import { catalogFromTables, MEETINGS_TAB, TABS, type Row } from '../../core/index';
import { sampleTables } from '../../sync/samples/sample-tables';
import { initialTables } from '../../sync/store/initial-tables';
import { useSheetsEmulator } from './emulated-sheet';

const emulated = useSheetsEmulator();
/** Rows as both stores hold them: no position, blank cells as null. */
const strip = (rows: readonly Row[]) =>
  rows.map(({ _row, _key, ...rest }) => Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, v === '' ? null : v])));

describe('SheetsStore against the Sheets API emulator', () => {
  it('lays out an empty spreadsheet in one read and one write (and a read to check it), then reads it back', async () => {
    const { emu, store } = await emulated();
    const id = emu.createSpreadsheet('CCHC phường Nhị Chiểu');
    const created = await store(id).create(initialTables({ ward: 'Nhị Chiểu' }));
    expect(created.sort()).toEqual(TABS.map((t) => t.name).sort());
    expect(emu.counts()).toMatchObject({ reads: 2, writes: 1 });
    const tables = await store(id).read();
    expect(catalogFromTables(tables).settings['ward']).toBe('Nhị Chiểu');
    expect(strip(tables['units']!)).toEqual(strip(initialTables()['units']!));
  });

  it('round-trips the sample catalog and logs', async () => {
    const { emu, store } = await emulated();
    const id = emu.createSpreadsheet('CCHC');
    const sample = await sampleTables();
    await store(id).create(sample);
    const back = await store(id).read();
    for (const tab of TABS) expect(strip(back[tab.key]!), tab.key).toEqual(strip(sample[tab.key] ?? []));
    // Dates are real dates officials can sort, shown dd/mm/yyyy.
    const meetings = emu.getSpreadsheet(id).sheets.find((s) => s.properties.title === MEETINGS_TAB.name)!;
    const date = meetings.rows[1]![MEETINGS_TAB.columns.findIndex((c) => c.key === 'date')]!;
    expect(date.userEnteredValue).toEqual({ numberValue: expect.any(Number) });
    expect(date.userEnteredFormat).toMatchObject({ numberFormat: { type: 'DATE', pattern: 'dd/mm/yyyy' } });
  });
});
