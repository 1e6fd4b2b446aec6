import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { computeMetrics, parsePeriod } from '../../core/index';
import { sampleTables } from '../../sync/samples/sample-tables';
import { collectWards } from '../../sync/rollup/collect';
import { rollupWorkbook } from '../../sync/rollup/rollup-workbook';
import { parseWardList } from '../../sync/rollup/ward-list';
import { sheetsAuth } from '../../sync/sheets/auth';
import { sheetsApi } from '../../sync/sheets/client';
import { RequestRate } from '../../sync/sheets/rate-limit';
import { CchcError } from '../../sync/errors';
import { startSheetsEmulator } from '../sheets-emulator';
import { cchcAsync } from '../helpers/cli';
import { useTempDir } from '../helpers/tmp';
import { seedSheet, useSheetsEmulator } from './emulated-sheet';

const tempDir = useTempDir();
const emulated = useSheetsEmulator();

describe('province roll-up', () => {
  it('a past period is compared as it stood at its end, the day the task figures count to', () => {
    const ws = rollupWorkbook([], parsePeriod('2026-H1')!, '2026-12-01').getWorksheet('So sánh')!;
    expect(String(ws.getCell('A1').value)).toBe(
      'SO SÁNH KẾT QUẢ CẢI CÁCH HÀNH CHÍNH CÁC PHƯỜNG, XÃ — 6 THÁNG ĐẦU NĂM 2026 (tính đến ngày 14/06/2026)',
    );
  });

  it('reads 100 ward sheets, one request each, into one comparison workbook; an unreadable sheet is listed (exit 1)', async () => {
    const sheets = await emulated();
    const sample = await sampleTables();
    const ids: string[] = [];
    for (let i = 0; i < 100; i++) {
      const settings = sample['settings']!.map((r) => (r['key'] === 'ward' ? { ...r, value: `Phường số ${i + 1}` } : r));
      // Wards differ: each holds fewer meetings than the one before.
      ids.push(seedSheet(sheets.emu, `CCHC ${i}`, { ...sample, settings, meetings: sample['meetings']!.slice(i % 7) }));
    }
    const missing = 'x'.repeat(44);
    const list = join(await tempDir(), 'phuong.txt');
    await writeFile(
      list,
      `# Danh sách bảng tính\n${ids.map((id) => `https://docs.google.com/spreadsheets/d/${id}/edit`).join('\n')}\n${missing}, Phường không có\n`,
    );
    sheets.emu.resetCounts();
    const out = join(await tempDir(), 'tong-hop.xlsx');
    const result = await cchcAsync(
      ['rollup', '--sheets', list, '--out', out, '--period', '2026', '--today', '2026-11-23', '--concurrency', '8', '--per-minute', '1000'],
      {
        env: sheets.env,
      },
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('Đã tổng hợp 100/101 phường, xã (năm 2026) ra');
    expect(result.stdout).toContain('Không đọc được Phường không có (dòng 102)');
    expect(sheets.emu.counts()).toMatchObject({ reads: 101, writes: 0, byOperation: { 'spreadsheets.get': 101 } });

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    const ws = workbook.getWorksheet('So sánh')!;
    expect(String(ws.getCell('A1').value)).toBe('SO SÁNH KẾT QUẢ CẢI CÁCH HÀNH CHÍNH CÁC PHƯỜNG, XÃ — NĂM 2026 (tính đến ngày 23/11/2026)');
    const header = (ws.getRow(3).values as unknown[]).slice(1).map(String);
    const online = header.indexOf('Hội nghị tổ chức trực tuyến') + 1; // the core's target line
    const period = parsePeriod('2026', 'cutoff')!;
    for (const i of [0, 3, 99]) {
      const expected = computeMetrics({ ...sample, meetings: sample['meetings']!.slice(i % 7) }, { period, today: '2026-11-23' });
      expect(ws.getRow(4 + i).getCell(2).value).toBe(`Phường số ${i + 1}`);
      expect(ws.getRow(4 + i).getCell(online).value).toBe(expected.meetings.onlineShare.value);
    }
    expect(String(ws.getRow(104).getCell(header.length).value)).toContain('[SHEETS_NOT_FOUND]');
    // Print-ready: A4 landscape on one page width, numbered pages, the wrapped header row tall enough for its lines.
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToWidth: 1, printTitlesRow: '3:3' });
    expect(ws.headerFooter.oddFooter).toContain('Trang &P/&N');
    expect(ws.getRow(3).height).toBeGreaterThanOrEqual(3 * 15.75); // "Tỷ lệ hội nghị trực tuyến (%)" in 12 characters
  });

  it("--out over a file of the official's, or the store, stops before any sheet is read; --force keeps a copy", async () => {
    const sheets = await emulated();
    const id = seedSheet(sheets.emu, 'CCHC', await sampleTables());
    const dir = await tempDir();
    const list = join(dir, 'phuong.txt');
    await writeFile(list, `${id}, Phường Một\n`);
    const theirs = join(dir, 'tong-hop.xlsx');
    await writeFile(theirs, 'bảng của cán bộ');
    const args = ['rollup', '--sheets', list, '--period', '2026', '--today', '2026-11-23'];
    sheets.emu.resetCounts();
    const refused = await cchcAsync([...args, '--out', theirs], { env: sheets.env });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('[OUT_EXISTS]');
    expect(await readFile(theirs, 'utf8')).toBe('bảng của cán bộ');
    const store = join(dir, 'cchc.xlsx');
    await writeFile(store, 'sổ dữ liệu');
    const onStore = await cchcAsync([...args, '--out', store, '--force'], { env: { ...sheets.env, CCHC_STORE: store } });
    expect(onStore.stderr).toContain('[OUT_IS_STORE]');
    expect(await readFile(store, 'utf8')).toBe('sổ dữ liệu');
    expect(sheets.emu.counts().reads).toBe(0);
    const forced = await cchcAsync([...args, '--out', theirs, '--force'], { env: sheets.env });
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain(`(bản trước giữ thành "${theirs}.bak")`);
    expect(await readFile(`${theirs}.bak`, 'utf8')).toBe('bảng của cán bộ');
  });

  it('stays under the per-minute read quota, retries included: the emulator enforcing 10 reads a minute never answers 429', async () => {
    let now = 0;
    const emu = await startSheetsEmulator({ quota: { readsPerMinute: 10 }, clock: () => now });
    try {
      const ids = Array.from({ length: 25 }, (_, i) => emu.createSpreadsheet(`Phường ${i}`));
      const env = { CCHC_SHEETS_API_URL: emu.url, CCHC_GOOGLE_ACCESS_TOKEN: 't' };
      const api = sheetsApi(await sheetsAuth({ env }), env);
      const wait = async (ms: number) => void (now += ms);
      const rate = new RequestRate(10, { now: () => now, sleep: wait });
      emu.injectFailures([{ match: { operation: 'spreadsheets.get' }, status: 503, times: 5 }]);
      const results = await collectWards(api, parseWardList(ids.join('\n'), 'list'), {
        concurrency: 4,
        rate,
        backoff: { sleep: wait },
        metrics: { period: parsePeriod('2026', 'cutoff')!, today: '2026-11-23' },
      });
      expect(results.every((r) => r.error === null)).toBe(true);
      const statuses = emu.requestLog.map((r) => r.status);
      expect(statuses.filter((s) => s === 503)).toHaveLength(5);
      expect(statuses.filter((s) => s === 200)).toHaveLength(25);
      expect(statuses).not.toContain(429);
      // Failed attempts count too: no 60-second window holds more than 10 requests of any outcome.
      const times = emu.requestLog.map((r) => r.time);
      for (const t of times) expect(times.filter((u) => u >= t && u < t + 60_000).length).toBeLessThanOrEqual(10);
      expect(now).toBeGreaterThanOrEqual(120_000); // 30 requests at 10 a minute: over two minutes of waiting
    } finally {
      await emu.close();
    }
  });

  it('goes on past a ward whose sheet fails in an unexpected way, and lists that ward', async () => {
    const sheets = await emulated();
    const sample = await sampleTables();
    const ids = [0, 1, 2].map((i) => seedSheet(sheets.emu, `CCHC ${i}`, sample));
    const real = sheetsApi(await sheetsAuth({ env: sheets.env }), sheets.env);
    // The middle ward's answer is malformed, so computing its figures breaks with a plain TypeError, as a bug would.
    const spreadsheets = new Proxy(real.spreadsheets, {
      get: (target, key) =>
        key === 'get'
          ? (params: { spreadsheetId: string }) =>
              params.spreadsheetId === ids[1] ? Promise.resolve({ data: { sheets: 5 } }) : target.get(params as never)
          : Reflect.get(target, key),
    });
    const api: typeof real = Object.create(real, { spreadsheets: { value: spreadsheets } });
    const results = await collectWards(api, parseWardList(ids.join('\n'), 'list'), {
      concurrency: 2,
      rate: new RequestRate(1000),
      metrics: { period: parsePeriod('2026', 'cutoff')!, today: '2026-11-23' },
    });
    expect(results.map((r) => r.error)).toEqual([null, expect.stringContaining('[UNEXPECTED]'), null]);
    expect(results[1]!.error).toContain('[UNEXPECTED]');
  });

  it('rejects a list line that is neither a sheet id nor a sheet address', () => {
    expect(() => parseWardList('1BxiMVs0XRA5nFMdKvBdBZjgmUUqptlbs74OgvE2upms Phường A\nbảng tính của xã B\n', 'ds.txt')).toThrow(CchcError);
    expect(
      parseWardList('https://docs.google.com/spreadsheets/d/1BxiMVs0XRA5nFMdKvBdBZjgmUUqptlbs74OgvE2upms/edit#gid=0, Phường A', 'x'),
    ).toEqual([{ id: '1BxiMVs0XRA5nFMdKvBdBZjgmUUqptlbs74OgvE2upms', name: 'Phường A', line: 1 }]);
  });
});
