/**
 * Push and pull of 5,000 tasks (plus the sample logs) against the Sheets API
 * emulator over real HTTP with the real client: time and requests. The
 * emulator answers in-process, so the times are our side's cost plus local
 * HTTP; against Google add the network round trips (one per request).
 */
import { performance } from 'node:perf_hooks';
import { indexRows, mergeTab, TASKS_TAB } from '../core/index';
import { sampleTables } from '../sync/samples/sample-tables';
import { sheetsAuth } from '../sync/sheets/auth';
import { sheetsApi } from '../sync/sheets/client';
import { READ_FIELDS, readSheet, sheetState } from '../sync/sheets/sheet-reader';
import { planWrite } from '../sync/sheets/sheet-writer';
import { SheetsStore } from '../sync/sheets/sheets-store';
import { manyTasks } from '../test/fixtures/many-tasks';
import { startSheetsEmulator } from '../test/sheets-emulator';

const TASKS = 5_000;
const emu = await startSheetsEmulator();
const env = { CCHC_SHEETS_API_URL: emu.url, CCHC_GOOGLE_ACCESS_TOKEN: 'bench' };
const store = (id: string) => new SheetsStore(id, async () => sheetsApi(await sheetsAuth({ env }), env));
const sample = await sampleTables();
const tables = { ...sample, tasks: manyTasks(sample['tasks']!, TASKS) };

async function measure(label: string, fn: () => Promise<unknown>): Promise<void> {
  emu.resetCounts();
  const start = performance.now();
  await fn();
  const ms = performance.now() - start;
  const c = emu.counts();
  const bytes = emu.requestLog.reduce((sum, r) => sum + r.bodyBytes, 0);
  console.log(`${label}: ${ms.toFixed(0)} ms, ${c.reads} read + ${c.writes} write requests, ${(bytes / 1e6).toFixed(2)} MB sent`);
}

try {
  const id = emu.createSpreadsheet('bench');
  await measure(`first push of ${TASKS.toLocaleString('en')} tasks into an empty sheet`, () => store(id).create(tables));
  await measure(`pull (read everything)`, () => store(id).read());
  // How much of a pull is ours: turning the API's grid data into rows.
  const api = sheetsApi(await sheetsAuth({ env }), env);
  const response = await api.spreadsheets.get({ spreadsheetId: id, includeGridData: true, fields: READ_FIELDS });
  const start = performance.now();
  sheetState(id, response.data);
  console.log(`  of which decoding the grid on our side: ${(performance.now() - start).toFixed(0)} ms (the rest is the emulator and HTTP)`);
  const changed = tables.tasks.map((t, i) => (i === 4_321 ? { ...t, status: 'Đang thực hiện', progress: 30 } : t));
  const base = new Map([[TASKS_TAB.key, indexRows(TASKS_TAB, tables.tasks)]]);
  await measure(`push with one task changed`, () => store(id).apply({ tasks: changed }, base));
  const state = await readSheet(api, id);
  const mergeStart = performance.now();
  const merge = mergeTab(TASKS_TAB, { base: base.get(TASKS_TAB.key)!, target: state.tabs.get(TASKS_TAB.key)!.rows, source: changed });
  planWrite(state, new Map([[TASKS_TAB.key, merge]]));
  console.log(`  of which the three-way merge and write plan on our side: ${(performance.now() - mergeStart).toFixed(0)} ms`);
  await measure(`push with nothing changed`, () => store(id).apply({ tasks: changed }, base));
} finally {
  await emu.close();
}
