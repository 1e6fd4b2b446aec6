/**
 * The reliability suite: faults an official's machine and the shared sheet
 * really meet, each tried a bounded number of times (CCHC_RELIABILITY_TRIES,
 * default 3), all on loopback (real processes, the Sheets emulator on
 * 127.0.0.1). A try is "lost" when anything an official entered is gone,
 * blanked, duplicated or unreadable afterwards. Figures are printed as a table
 * (copied into the README's "Độ tin cậy / Reliability").
 */
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { JOURNAL_TAB, journalLine, TASKS_TAB, type Row } from '../../core/index';
import { sampleTables } from '../../sync/samples/sample-tables';
import { sheetsAuth } from '../../sync/sheets/auth';
import { defaultSleep } from '../../sync/sheets/backoff';
import { sheetsApi } from '../../sync/sheets/client';
import { SheetsStore } from '../../sync/sheets/sheets-store';
import { VERSIONS_KEPT } from '../../sync/files/versions';
import { initialTables } from '../../sync/store/initial-tables';
import { XlsxStore } from '../../sync/store/xlsx-store';
import { once, repeated, writeZip } from '../fixtures/zip-file';
import type { CliResult } from '../helpers/cli';
import { useTempDir } from '../helpers/tmp';
import { beforeFirstWrite, seedSheet, sheetIdOf, sheetWith, useSheetsEmulator } from '../sheets/emulated-sheet';

const TRIES = Number(process.env['CCHC_RELIABILITY_TRIES'] ?? 3);
const tempDir = useTempDir();
const emulated = useSheetsEmulator();
const BIN = fileURLToPath(new URL('../../bin/cchc.mjs', import.meta.url));
const APPENDIX = fileURLToPath(new URL('../../templates/samples/phu-luc-nhi-chieu-2026.xlsx', import.meta.url));
const APPENDIX_2 = fileURLToPath(new URL('../../templates/samples/phu-luc-an-tuong-2026.xlsx', import.meta.url));
const figures: { scenario: string; tried: number; survived: number; lost: number }[] = [];

function record(scenario: string, outcomes: boolean[]): void {
  const survived = outcomes.filter(Boolean).length;
  figures.push({ scenario, tried: outcomes.length, survived, lost: outcomes.length - survived });
}

afterAll(() => {
  console.log(
    [
      '| scenario | tried | survived | lost |',
      '| --- | --- | --- | --- |',
      ...figures.map((f) => `| ${f.scenario} | ${f.tried} | ${f.survived} | ${f.lost} |`),
    ].join('\n'),
  );
});

/**
 * A real `cchc` process; `killAfterMs` sends SIGKILL that long after the start (if still running), `killWhen` once it
 * holds; `onStderr` sees the whole stderr so far each time more arrives.
 */
function cchcProcess(
  args: readonly string[],
  options: { env?: Record<string, string>; killAfterMs?: number; killWhen?: () => boolean; onStderr?: (text: string) => void } = {},
): Promise<CliResult & { killed: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, CCHC_LOCK_WAIT_MS: '20000', ...options.env } });
    let stdout = '';
    let stderr = '';
    let killed = false;
    const timer = options.killAfterMs === undefined ? undefined : setTimeout(() => (killed = child.kill('SIGKILL')), options.killAfterMs);
    const poll = options.killWhen && setInterval(() => options.killWhen!() && (killed = child.kill('SIGKILL')), 20);
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
      options.onStderr?.(stderr);
    });
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      clearInterval(poll);
      resolve({ code: code ?? -1, stdout, stderr, killed });
    });
  });
}

/** Kill delays spread over a command's run, so the kill lands in reading, merging, writing, renaming. */
const delays = (spanMs: number): number[] => Array.from({ length: TRIES }, (_, i) => Math.round(((i + 0.5) * spanMs) / TRIES));
const taskIds = (rows: readonly Row[]): string[] => rows.map((r) => String(r['id']));

describe('reliability', { timeout: 900_000 }, () => {
  it('kill -9 during import: the store is the old one or the new one, never broken; the next run is not blocked', async () => {
    const outcomes: boolean[] = [];
    for (const delay of delays(4000)) {
      const dir = await tempDir();
      const store = join(dir, 'cchc.xlsx');
      await new XlsxStore(store).create(await sampleTables());
      const before = taskIds((await new XlsxStore(store).read())['tasks']!);
      await cchcProcess(['import', APPENDIX_2, '--plan', '2/KH-UBND', '--store', store], { killAfterMs: delay });
      const after = await new XlsxStore(store).read().catch(() => null);
      const ids = after ? taskIds(after['tasks']!) : [];
      const intact = after !== null && before.every((id) => ids.includes(id));
      const next = await cchcProcess(['import', APPENDIX_2, '--plan', '2/KH-UBND', '--store', store]);
      const leftovers = (await readdir(dir)).filter((f) => f.includes('.tmp-') || f.endsWith('.lock'));
      outcomes.push(intact && next.code === 0 && leftovers.length === 0);
    }
    record('kill -9 during `import` (then import again)', outcomes);
    expect(outcomes.every(Boolean)).toBe(true);
  });

  it('kill -9 during import with a full history of versions: every version stays, readable; the next import rotates', async () => {
    const outcomes: boolean[] = [];
    for (const [i, delay] of delays(4000).entries()) {
      const dir = await tempDir();
      const store = new XlsxStore(join(dir, 'cchc.xlsx'));
      await store.create(await sampleTables());
      const tasks = (await store.read())['tasks']!;
      // A full history: each write keeps one task fewer, so every version differs.
      for (let n = VERSIONS_KEPT; n >= 0; n--) await store.write({ tasks: tasks.slice(0, tasks.length - n) });
      const before = (await store.versions()).map((v) => v.path);
      // Every other try is killed inside the rotation itself: as soon as the versions folder changes.
      const folder = `${store.location}.versions`;
      const inRotation = () => readdirSync(folder).length !== before.length;
      await cchcProcess(
        ['import', APPENDIX_2, '--plan', '2/KH-UBND', '--store', store.location],
        i % 2 === 1 ? { killWhen: inRotation } : { killAfterMs: delay },
      );
      const after = await store.versions();
      const kept = before.filter((path) => after.some((v) => v.path === path));
      // Only the oldest may go, and only when a newer one took its place.
      const lostNone = kept.length === before.length || (kept.length === before.length - 1 && after.length >= VERSIONS_KEPT);
      const readable = await Promise.all(
        after.map((v) =>
          new XlsxStore(v.path).read().then(
            () => true,
            () => false,
          ),
        ),
      );
      const storeReadable = await new XlsxStore(store.location).read().then(
        () => true,
        () => false,
      );
      const next = await cchcProcess(['import', APPENDIX_2, '--plan', '2/KH-UBND', '--store', store.location]);
      const rotated = (await store.versions()).length === VERSIONS_KEPT;
      outcomes.push(
        lostNone && readable.every(Boolean) && storeReadable && next.code === 0 && rotated && after.length <= VERSIONS_KEPT + 1,
      );
    }
    record('kill -9 during `import` with a full history of versions', outcomes);
    expect(outcomes.every(Boolean)).toBe(true);
  });

  it("kill -9 during pull: the store and its sync base stay readable; the next pull brings the official's edit", async () => {
    const outcomes: boolean[] = [];
    for (const delay of delays(5000)) {
      const { emu, env } = await emulated();
      const id = emu.createSpreadsheet('CCHC');
      const store = join(await tempDir(), 'cchc.xlsx');
      await new XlsxStore(store).create(await sampleTables());
      await cchcProcess(['sync', 'push', '--sheet', id, '--store', store], { env });
      const grid = emu.getValues(id, `'${TASKS_TAB.name}'`) as string[][];
      const note = TASKS_TAB.columns.findIndex((c) => c.key === 'note');
      emu.batchUpdate(id, [
        {
          updateCells: {
            start: {
              sheetId: sheetIdOf(emu, id, TASKS_TAB.name),
              rowIndex: 1,
              columnIndex: note,
            },
            rows: [{ values: [{ userEnteredValue: { stringValue: 'Sửa trên bảng tính' } }] }],
            fields: 'userEnteredValue',
          },
        },
      ]);
      await cchcProcess(['sync', 'pull', '--sheet', id, '--store', store], { env, killAfterMs: delay });
      const readable = await new XlsxStore(store).read().then(
        () => true,
        () => false,
      );
      const again = await cchcProcess(['sync', 'pull', '--sheet', id, '--store', store], { env });
      const tasks = (await new XlsxStore(store).read())['tasks']!;
      const edited = tasks.find((t) => t['id'] === grid[1]![0]);
      outcomes.push(readable && again.code <= 1 && tasks.length === grid.length - 1 && edited?.['note'] === 'Sửa trên bảng tính');
    }
    record('kill -9 during `sync pull` (then pull again)', outcomes);
    expect(outcomes.every(Boolean)).toBe(true);
  });

  it('two imports at once into one store', async () => {
    const outcomes: boolean[] = [];
    for (let n = 0; n < TRIES; n++) {
      const store = join(await tempDir(), 'cchc.xlsx');
      await new XlsxStore(store).create(initialTables());
      const runs: [string, string][] = [
        [APPENDIX, '158/KH-UBND'],
        [APPENDIX_2, '2/KH-UBND'],
      ];
      const results = await Promise.all(runs.map(([file, plan]) => cchcProcess(['import', file, '--plan', plan, '--store', store])));
      const plans = ((await new XlsxStore(store).read())['plans'] ?? []).map((p) => String(p['code']));
      // Both land: the second plans again on top of the first when it finds the store changed.
      outcomes.push(results.every((r, i) => r.code === 0 && plans.includes(runs[i]![1])));
    }
    record('two `import`s into one store at once', outcomes);
    expect(outcomes.every(Boolean)).toBe(true);
  });

  it('a writer killed at any moment while taking the store lock: the lock is never left empty', async () => {
    const dir = await tempDir();
    const lock = join(dir, 'cchc.xlsx.lock');
    const lockModule = fileURLToPath(new URL('../../sync/store/store-lock.ts', import.meta.url));
    // Takes and releases the lock as fast as it can until killed.
    const script = `const { withStoreLock } = await import(${JSON.stringify(lockModule)});
      process.stdout.write('ready\\n');
      for (;;) await withStoreLock(${JSON.stringify(join(dir, 'cchc.xlsx'))}, 'cchc.xlsx', async () => undefined);`;
    const outcomes: boolean[] = [];
    let seenWhole = 0;
    for (let kill = 0; kill < Math.max(TRIES, 4); kill++) {
      const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
      // Every lock file seen while the writer runs, then the one its kill -9 leaves.
      let seenEmpty = 0;
      const until = Date.now() + 1500;
      while (Date.now() < until) {
        const text = await readFile(lock, 'utf8').catch(() => null);
        if (text === '') seenEmpty++;
        else if (text !== null) seenWhole++;
      }
      const gone = new Promise((resolve) => child.on('close', resolve));
      child.kill('SIGKILL');
      await gone;
      const left = await readFile(lock, 'utf8').catch(() => null);
      outcomes.push(seenEmpty === 0 && (left === null || (JSON.parse(left) as { pid?: number }).pid === child.pid));
    }
    record('writer killed while taking the store lock', outcomes);
    expect(seenWhole).toBeGreaterThan(0);
    expect(outcomes.every(Boolean)).toBe(true);
    // What the killed writers left beside the store (temp files, stale locks) goes with the next writer.
    const { withStoreLock } = await import('../../sync/store/store-lock');
    await withStoreLock(join(dir, 'cchc.xlsx'), 'cchc.xlsx', async () => undefined);
    expect(await readdir(dir)).toEqual([]);
  });

  it('tab and header renames, deletions in the sheet: pull never deletes or blanks local data', async () => {
    const edits: [string, (emu: Parameters<typeof seedSheet>[0], id: string, sheetId: number) => void][] = [
      [
        'tab renamed',
        (emu, id, sheetId) =>
          emu.batchUpdate(id, [{ updateSheetProperties: { properties: { sheetId, title: 'NV cũ' }, fields: 'title' } }]),
      ],
      ['tab deleted', (emu, id, sheetId) => emu.batchUpdate(id, [{ deleteSheet: { sheetId } }])],
      [
        'header renamed',
        (emu, id, sheetId) =>
          emu.batchUpdate(id, [
            {
              updateCells: {
                start: { sheetId, rowIndex: 0, columnIndex: 12 },
                rows: [{ values: [{ userEnteredValue: { stringValue: 'Tình trạng' } }] }],
                fields: 'userEnteredValue',
              },
            },
          ]),
      ],
      [
        'column deleted',
        (emu, id, sheetId) =>
          emu.batchUpdate(id, [{ deleteDimension: { range: { sheetId, dimension: 'COLUMNS', startIndex: 12, endIndex: 13 } } }]),
      ],
    ];
    const outcomes: boolean[] = [];
    for (const [, edit] of edits) {
      const { emu, env } = await emulated();
      const id = emu.createSpreadsheet('CCHC');
      const store = join(await tempDir(), 'cchc.xlsx');
      await new XlsxStore(store).create(await sampleTables());
      await cchcProcess(['sync', 'push', '--sheet', id, '--store', store], { env });
      const before = (await new XlsxStore(store).read())['tasks']!;
      edit(emu, id, sheetIdOf(emu, id, TASKS_TAB.name));
      const pull = await cchcProcess(['sync', 'pull', '--sheet', id, '--store', store], { env });
      const push = await cchcProcess(['sync', 'push', '--sheet', id, '--store', store], { env });
      const after = (await new XlsxStore(store).read())['tasks']!;
      const kept =
        before.length === after.length &&
        before.every((t, i) => TASKS_TAB.columns.every((c) => (t[c.key] ?? null) === (after[i]![c.key] ?? null)));
      outcomes.push(kept && pull.code !== 1 && push.code !== 1);
    }
    record('tab renamed / tab deleted / header renamed / column deleted in the sheet, then pull and push', outcomes);
    expect(outcomes.every(Boolean)).toBe(true);
  });

  it('late and lost writes: a batch whose answer is lost lands late, or never', async () => {
    const outcomes: boolean[] = [];
    const saved = process.env['CCHC_SHEETS_WRITE_DEADLINE_MS'];
    process.env['CCHC_SHEETS_WRITE_DEADLINE_MS'] = '1500';
    try {
      for (const late of [...delays(1400), 3_600_000]) {
        const { emu, env } = await emulated();
        const sample = (await sampleTables())['tasks']!;
        const id = seedSheet(emu, 'CCHC', { tasks: sample.slice(0, 3) });
        emu.injectFailures([{ match: { operation: 'spreadsheets.batchUpdate' }, status: 500, times: 1, lateApplyMs: late }]);
        const store = new SheetsStore(id, async () => sheetsApi(await sheetsAuth({ env }), env), { sleep: defaultSleep });
        await store.read();
        await store.write({ tasks: sample.slice(0, 10) });
        await defaultSleep(100);
        const ids = (emu.getValues(id, `'${TASKS_TAB.name}'!A2:A`) as string[][]).map((r) => r[0]);
        outcomes.push(ids.length === 10 && new Set(ids).size === 10);
      }
    } finally {
      if (saved === undefined) delete process.env['CCHC_SHEETS_WRITE_DEADLINE_MS'];
      else process.env['CCHC_SHEETS_WRITE_DEADLINE_MS'] = saved;
    }
    record('a push whose answer is lost (lands late, or never)', outcomes);
    expect(outcomes.every(Boolean)).toBe(true);
  });

  it('a push killed while Google holds its write unanswered, then pushed again: the second run waits it out', async () => {
    // No wall-clock assumption decides the outcome: the held batch lands when the second push says it is waiting
    // (or, at the latest, before the emulator answers anything after its due time), and whatever is still held at
    // the end is made to land before the sheet is checked, so a second push that wrote the rows itself shows up
    // as duplicates however slow the machine. The deadline only sets how long the second push waits.
    const outcomes: boolean[] = [];
    for (let n = 0; n < TRIES; n++) {
      const { emu, env } = await emulated();
      const id = emu.createSpreadsheet('CCHC');
      const store = join(await tempDir(), 'cchc.xlsx');
      const tables = await sampleTables();
      await new XlsxStore(store).create({ ...tables, tasks: tables['tasks']!.slice(0, 3) });
      const runEnv = { ...env, CCHC_SHEETS_WRITE_DEADLINE_MS: '15000' };
      const first = await cchcProcess(['sync', 'push', '--sheet', id, '--store', store], { env: runEnv });
      expect(first.code, first.stderr).toBe(0);
      // New tasks locally; the push's batch (their rows) gets no answer and lands later, while the second push waits.
      const local = new XlsxStore(store);
      await local.read();
      await local.write({ ...(await new XlsxStore(store).read()), tasks: tables['tasks']!.slice(0, 12) });
      emu.resetCounts();
      emu.injectFailures([{ match: { operation: 'spreadsheets.batchUpdate' }, status: 500, times: 1, lateApplyMs: 10_000, hangs: true }]);
      // Killed the moment its batch reaches Google, while the answer is held back.
      const killed = await cchcProcess(['sync', 'push', '--sheet', id, '--store', store], {
        env: runEnv,
        killWhen: () => emu.requestLog.some((r) => r.operation === 'spreadsheets.batchUpdate'),
      });
      const again = await cchcProcess(['sync', 'push', '--sheet', id, '--store', store], {
        env: runEnv,
        onStderr: (text) => {
          if (text.includes('chưa có trả lời')) emu.landHeld();
        },
      });
      // Anything Google still held lands before its deadline in any case.
      emu.landHeld();
      const ids = (emu.getValues(id, `'${TASKS_TAB.name}'!A2:A`) as string[][]).map((r) => r[0]);
      outcomes.push(killed.killed && again.code <= 1 && ids.length === 12 && new Set(ids).size === 12);
    }
    record('a push killed while its write is unanswered (then push again)', outcomes);
    expect(outcomes.every(Boolean)).toBe(true);
  });

  it('edits during the write window: rows inserted above while a batch is in flight', async () => {
    const outcomes: boolean[] = [];
    for (let n = 0; n < TRIES; n++) {
      const { emu, store: makeStore } = await emulated();
      const sample = (await sampleTables())['tasks']!.slice(0, 6);
      const id = seedSheet(emu, 'CCHC', { tasks: sample });
      const sheetId = sheetIdOf(emu, id, TASKS_TAB.name);
      const store = makeStore(id);
      const tables = await store.read();
      let inserted = false;
      emu.injectFailures([
        {
          match: (req) => {
            if (req.operation !== 'spreadsheets.batchUpdate' || inserted) return false;
            inserted = true;
            emu.batchUpdate(id, [{ insertDimension: { range: { sheetId, dimension: 'ROWS', startIndex: 1 + n, endIndex: 2 + n } } }]);
            return false;
          },
          status: 500,
          times: 1,
        },
      ]);
      const changed = tables['tasks']!.map((t, i) => (i >= n ? { ...t, note: `Ghi chú ${i}` } : t));
      await store.write({ tasks: changed });
      const after = (await makeStore(id).read())['tasks']!;
      outcomes.push(
        changed.every((t) => after.find((a) => a['id'] === t['id'])?.['note'] === t['note']) && after.length === changed.length,
      );
    }
    record('a row inserted above while a push is in flight (rows typed into the sheet, untagged: written by position)', outcomes);
    expect(outcomes.every(Boolean)).toBe(true);
  });

  it('edits during the write window, on a sheet whose rows carry tags: rows inserted or moved, a cell typed', async () => {
    const moved: boolean[] = [];
    const typed: boolean[] = [];
    for (let n = 0; n < TRIES; n++) {
      for (const fault of ['insert', 'move', 'type'] as const) {
        const sheets = await emulated();
        const { emu } = sheets;
        const sample = (await sampleTables())['tasks']!.slice(0, 6);
        const id = await sheetWith(sheets, sample);
        const sheetId = sheetIdOf(emu, id, TASKS_TAB.name);
        const store = sheets.store(id);
        const tables = await store.read();
        const victim = String(sample[(n + 1) % sample.length]!['id']);
        const noteAt = TASKS_TAB.columns.findIndex((c) => c.key === 'note');
        beforeFirstWrite(emu, () => {
          if (fault === 'insert') {
            emu.batchUpdate(id, [{ insertDimension: { range: { sheetId, dimension: 'ROWS', startIndex: 1 + n, endIndex: 2 + n } } }]);
          } else if (fault === 'move') {
            emu.batchUpdate(id, [
              { moveDimension: { source: { sheetId, dimension: 'ROWS', startIndex: 1, endIndex: 2 }, destinationIndex: 4 + (n % 3) } },
            ]);
          } else {
            // The official types into a cell the push writes; onEdit journals it.
            const r = (emu.getValues(id, `'${TASKS_TAB.name}'`) as string[][]).findIndex((x) => x[0] === victim);
            emu.batchUpdate(id, [
              {
                updateCells: {
                  start: { sheetId, rowIndex: r, columnIndex: noteAt },
                  rows: [{ values: [{ userEnteredValue: { stringValue: `Cán bộ gõ ${n}` } }] }],
                  fields: 'userEnteredValue',
                },
              },
              { addSheet: { properties: { title: JOURNAL_TAB, hidden: true } } },
            ]);
            emu.setValues(
              id,
              `'${JOURNAL_TAB}'!A1`,
              [journalLine({ at: Date.now(), tab: 'tasks', key: victim, column: 'note', value: `Cán bộ gõ ${n}` })],
              'RAW',
            );
          }
        });
        const changed: Row[] = tables['tasks']!.map((t, i) => ({ ...t, note: `Ghi chú ${i}` }));
        await store.write({ tasks: changed });
        const after = (await sheets.store(id).read())['tasks']!;
        const noteOf = (task: string) => after.find((a) => a['id'] === task)?.['note'];
        const intact = after.length === changed.length;
        if (fault === 'type') {
          // Kept: the official's value in their cell, every other row as pushed.
          typed.push(
            intact &&
              noteOf(victim) === `Cán bộ gõ ${n}` &&
              changed.every((t) => t['id'] === victim || noteOf(String(t['id'])) === t['note']),
          );
        } else {
          moved.push(intact && changed.every((t) => noteOf(String(t['id'])) === t['note']));
        }
      }
    }
    record('tagged rows: a row inserted above or moved while a push is in flight', moved);
    record('a cell an official types while a push is in flight (journaled by onEdit)', typed);
    expect([...moved, ...typed].every(Boolean)).toBe(true);
  });

  it('hostile files: bombs (honest and lying headers, high ratio), a renamed .ods', async () => {
    const dir = await tempDir();
    const MB = 1024 * 1024;
    const row = '<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row>';
    const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
    const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
    const RELS = 'http://schemas.openxmlformats.org/package/2006/relationships';
    // A workbook that names its sheet, so that the reader reaches the bomb (a workbook naming none never inflates it).
    const parts = [
      { name: '[Content_Types].xml', chunks: once('<Types/>') },
      {
        name: '_rels/.rels',
        chunks: once(
          `<Relationships xmlns="${RELS}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
        ),
      },
      {
        name: 'xl/_rels/workbook.xml.rels',
        chunks: once(
          `<Relationships xmlns="${RELS}"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
        ),
      },
      {
        name: 'xl/workbook.xml',
        chunks: once(
          `<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="Phụ lục" sheetId="1" r:id="rId1"/></sheets></workbook>`,
        ),
      },
    ];
    const files: [string, Parameters<typeof writeZip>[1], string][] = [
      ['bom-300.xlsx', [...parts, { name: 'xl/worksheets/sheet1.xml', chunks: () => repeated(row, 300 * MB) }], 'FILE_TOO_LARGE'],
      [
        'bom-noi-doi.xlsx',
        [...parts, { name: 'xl/worksheets/sheet1.xml', chunks: () => repeated(row, 300 * MB), declaredSize: 1000 }],
        'FILE_TOO_LARGE',
      ],
      ['bom-ti-le.xlsx', [...parts, { name: 'xl/worksheets/sheet1.xml', chunks: () => repeated('\0', 40 * MB) }], 'FILE_TOO_LARGE'],
      [
        'ods.xlsx',
        [
          { name: 'mimetype', chunks: once('application/vnd.oasis.opendocument.spreadsheet') },
          { name: 'content.xml', chunks: once('<x/>') },
        ],
        'FILE_NOT_XLSX',
      ],
    ];
    const store = join(dir, 'cchc.xlsx');
    await new XlsxStore(store).create(initialTables());
    const before = await readFile(store);
    const outcomes: boolean[] = [];
    for (const [name, entries, code] of files) {
      const file = join(dir, name);
      await writeZip(file, entries);
      const result = await cchcProcess(['import', file, '--plan', '1/KH', '--store', store]);
      outcomes.push(result.code === 2 && result.stderr.includes(`[${code}]`) && (await readFile(store)).equals(before));
    }
    record('zip bombs (300 MB honest, 300 MB lying, 1000:1 ratio) and a renamed .ods', outcomes);
    expect(outcomes.every(Boolean)).toBe(true);
  });
});
