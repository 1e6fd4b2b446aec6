/** A Sheets API emulator plus what production code needs to reach it, as the CLI would (env variables). */
import { afterEach } from 'vitest';
import { TABS, type Row } from '../../core/index';
import { sampleTables } from '../../sync/samples/sample-tables';
import type { Tables } from '../../sync/store/store';
import { sheetsAuth } from '../../sync/sheets/auth';
import { sheetsApi } from '../../sync/sheets/client';
import { SheetsStore } from '../../sync/sheets/sheets-store';
import { startSheetsEmulator, type SheetsEmulator } from '../sheets-emulator';

export interface EmulatedSheets {
  emu: SheetsEmulator;
  env: Record<string, string>;
  /** A store on spreadsheet `id`; retries wait no real time, the waits are recorded in `slept`. */
  store(id: string): SheetsStore;
  slept: number[];
}

export function useSheetsEmulator(): () => Promise<EmulatedSheets> {
  const running: SheetsEmulator[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((e) => e.close()));
  });
  return async () => {
    const emu = await startSheetsEmulator({ acceptedTokens: ['test-token'] });
    running.push(emu);
    const env = { CCHC_SHEETS_API_URL: emu.url, CCHC_GOOGLE_ACCESS_TOKEN: 'test-token' };
    const slept: number[] = [];
    const sleep = async (ms: number) => {
      slept.push(ms);
    };
    return { emu, env, slept, store: (id) => new SheetsStore(id, async () => sheetsApi(await sheetsAuth({ env }), env), { sleep }) };
  };
}

/**
 * A ward's sheet typed straight into the emulator (values only, no layout, not
 * logged): quick to set up by the hundred, and read by the store like any other.
 */
export function seedSheet(emu: SheetsEmulator, title: string, tables: Tables): string {
  const tabs = TABS.map((t) => ({ title: t.name, rowCount: (tables[t.key]?.length ?? 0) + 20, columnCount: t.columns.length }));
  const id = emu.createSpreadsheet(title, tabs);
  for (const tab of TABS) {
    const rows = (tables[tab.key] ?? []).map((r) => tab.columns.map((c) => r[c.key] ?? ''));
    emu.setValues(id, `'${tab.name}'!A1`, [tab.columns.map((c) => c.header), ...rows], 'RAW');
  }
  return id;
}

/** A new spreadsheet holding the sample tables with these tasks, its request counts reset. */
export async function sheetWith(sheets: EmulatedSheets, tasks: Row[]): Promise<string> {
  const id = sheets.emu.createSpreadsheet('CCHC');
  const tables = await sampleTables();
  await sheets.store(id).create({ ...tables, tasks });
  sheets.emu.resetCounts();
  return id;
}

/**
 * Runs `edit` once, just before the emulator carries out the next write request: an
 * official's edit landing while the write is in flight. The returned function says whether it ran.
 */
export function beforeFirstWrite(emu: SheetsEmulator, edit: () => void): () => boolean {
  let done = false;
  emu.injectFailures([
    {
      match: (req) => {
        if (req.kind !== 'write' || done) return false;
        done = true;
        edit();
        return false;
      },
      status: 500,
      times: 1,
    },
  ]);
  return () => done;
}

/** The sheetId of the tab titled `title` (it must exist). */
export function sheetIdOf(emu: SheetsEmulator, id: string, title: string): number {
  return emu.getSpreadsheet(id).sheets.find((s) => s.properties.title === title)!.properties.sheetId;
}
