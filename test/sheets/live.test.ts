/**
 * Against a real Google Sheet, only when asked: set CCHC_LIVE_SHEET_ID to a
 * scratch spreadsheet shared with your credentials (CCHC_GOOGLE_ACCESS_TOKEN,
 * CCHC_GOOGLE_KEY_FILE or GOOGLE_APPLICATION_CREDENTIALS). The test lays out its
 * tabs, pushes the sample catalog, checks an official's edit survives a push,
 * and deletes the tabs it created. See docs/huong-dan-ket-noi-google-sheet.md.
 */
import { describe, expect, it } from 'vitest';
import { baseOf, TABS, TASKS_TAB } from '../../core/index';
import { sampleTables } from '../../sync/samples/sample-tables';
import { sheetsAuth } from '../../sync/sheets/auth';
import { sheetsApi } from '../../sync/sheets/client';
import { openSheet } from '../../sync/cli/shared/open-store';

const id = process.env['CCHC_LIVE_SHEET_ID'];
const credentials = ['CCHC_GOOGLE_ACCESS_TOKEN', 'CCHC_GOOGLE_KEY_FILE', 'GOOGLE_APPLICATION_CREDENTIALS'].some((v) => process.env[v]);

describe.runIf(id && credentials)('live Google Sheet (CCHC_LIVE_SHEET_ID)', () => {
  it("init, push, an official's edit kept, pull", async () => {
    const store = openSheet(id!);
    const before = await store.state();
    expect(before.tabs.size, 'use an empty scratch spreadsheet: it must not hold cchc tabs yet').toBe(0);
    const api = sheetsApi(await sheetsAuth());
    try {
      const sample = await sampleTables();
      expect((await store.create(sample)).length).toBe(TABS.length);
      const read = await store.read();
      expect(read['tasks']).toHaveLength(sample['tasks']!.length);
      const first = String(read['tasks']![0]!['id']);
      const status = TASKS_TAB.columns.findIndex((c) => c.key === 'status');
      const letter = String.fromCharCode(65 + status);
      await api.spreadsheets.values.update({
        spreadsheetId: id!,
        range: `'${TASKS_TAB.name}'!${letter}2`,
        valueInputOption: 'RAW',
        requestBody: { values: [['Đang thực hiện']] },
      });
      const edited = read['tasks']!.map((t) => (t['id'] === first ? { ...t, note: 'kiểm thử trực tiếp' } : t));
      const result = await store.apply({ tasks: edited }, baseOf(read));
      expect(result.conflicts).toEqual([]);
      const after = (await store.read())['tasks']!.find((t) => t['id'] === first)!;
      expect(after).toMatchObject({ status: 'Đang thực hiện', note: 'kiểm thử trực tiếp' });
    } finally {
      const state = await store.state();
      const created = [...state.tabs.values()].map((t) => ({ deleteSheet: { sheetId: t.sheetId } }));
      // A spreadsheet keeps at least one sheet: leave the scratch spreadsheet's own first sheet.
      if (created.length > 0 && created.length < state.sheetIds.size)
        await api.spreadsheets.batchUpdate({ spreadsheetId: id!, requestBody: { requests: created } });
    }
  });
});
