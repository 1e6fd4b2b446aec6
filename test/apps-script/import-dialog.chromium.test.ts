/**
 * The import dialog rendered in headless Chromium, as "Nhập kế hoạch từ tệp Word/Excel…" shows it, with
 * google.script.run bridged to the built bundle on the fakes (gas.dialog: arguments and answers copied as Google
 * copies them). The official picks a real file, reads the preview, imports, and the sheet holds the tasks.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TASKS_TAB } from '../../core/index';
import { readGrids } from '../../sync/excel/read-grids';
import { launchChromium } from '../helpers/chromium';
import { useTempDir } from '../helpers/tmp';
import { builtBundle, load, type Gas } from './gas';

const tempDir = useTempDir();
let browser: Browser;
let code = '';

beforeAll(async () => {
  code = await builtBundle();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

/** google.script.run and google.script.host as the dialog uses them; each call goes to the fake server through __server. */
const STUB = `<script>
  window.__closed = false;
  function runner(ok, fail) {
    var r = {
      withSuccessHandler: function (f) { return runner(f, fail); },
      withFailureHandler: function (f) { return runner(ok, f); },
    };
    ['previewImport', 'applyImport'].forEach(function (name) {
      r[name] = function () {
        window.__server(name, Array.prototype.slice.call(arguments)).then(function (answer) {
          if (answer && answer.__error) { if (fail) fail(new Error(answer.__error)); } else if (ok) ok(answer);
        });
      };
    });
    return r;
  }
  window.google = { script: { run: runner(null, null), host: { close: function () { window.__closed = true; } } } };
</script>`;

/** A real plan, saved from Excel as CSV. */
async function sampleCsv(): Promise<string> {
  const [sheet] = await readGrids('templates/samples/phu-luc-an-tuong-2026.xlsx');
  const csv = sheet!.grid.map((r) => r.cells.map((c) => (/[;"\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(';')).join('\r\n');
  const file = join(await tempDir(), 'phu-luc-an-tuong-2026.csv');
  await writeFile(file, csv, 'utf8');
  return file;
}

async function openDialog(gas: Gas): Promise<Page> {
  gas.call('cchcImportPlan');
  const page = await browser.newPage({ viewport: { width: gas.dialogs[0]!.width, height: gas.dialogs[0]!.height } });
  await page.exposeFunction('__server', (name: string, args: unknown[]) => {
    try {
      return gas.dialog(name, ...args);
    } catch (error) {
      return { __error: (error as Error).message };
    }
  });
  await page.setContent(gas.dialogs[0]!.html.replace('<head>', `<head>${STUB}`));
  return page;
}

describe('the import dialog in Chromium', () => {
  it('previews a picked file, imports it into the sheet, and says what it did', async () => {
    const gas = load(code, { 'Trang tính1': [] });
    gas.call('cchcSetup');
    expect(gas.dialogs).toHaveLength(0);
    const page = await openDialog(gas);
    expect(gas.dialogs[0]!.title).toBe('Nhập kế hoạch từ tệp Word/Excel');
    await expect.poll(() => page.textContent('#max')).toBe('4 MB');
    expect(await page.isDisabled('#preview')).toBe(true);

    await page.setInputFiles('#file', await sampleCsv());
    await page.click('#preview');
    await page.waitForSelector('#result:not(.hidden)');
    expect(await page.textContent('#title')).toMatch(/^Kế hoạch /);
    expect(await page.textContent('#counts')).toMatch(/^46 nhiệm vụ/);
    expect(await page.textContent('#changes')).toBe('So với bảng tính: 46 nhiệm vụ mới, 0 thay đổi, 0 giữ nguyên.');
    expect(await page.locator('#rows tr').count()).toBe(15);
    expect(await page.textContent('#rowsTitle')).toBe('15 nhiệm vụ đầu tiên (trong 46)');
    expect(await page.locator('#sections li').count()).toBeGreaterThan(1);
    // What `cchc import` prints, folded under "Chi tiết".
    expect(await page.locator('#lines li').first().textContent()).toMatch(/^Phụ lục .*46 nhiệm vụ\.$/);
    // Nothing written yet.
    expect(gas.sheet(TASKS_TAB.name)!.getLastRow()).toBe(1);
    await mkdir('tmp/render', { recursive: true });
    await page.screenshot({ path: 'tmp/render/import-dialog-preview.png', fullPage: true });

    await page.click('#apply');
    await page.waitForSelector('#done:not(.hidden)');
    expect(await page.textContent('#doneLines')).toContain('thêm 46 nhiệm vụ');
    expect(gas.sheet(TASKS_TAB.name)!.getLastRow()).toBeGreaterThan(46);
    await page.screenshot({ path: 'tmp/render/import-dialog-done.png', fullPage: true });
    await page.click('#close');
    expect(await page.evaluate('window.__closed')).toBe(true);
    await page.close();
  });

  it('when the sheet changed after the preview, says so, writes nothing, and "Xem trước lại" shows the sheet as it is', async () => {
    const gas = load(code, { 'Trang tính1': [] });
    gas.call('cchcSetup');
    const page = await openDialog(gas);
    const file = await sampleCsv();
    await page.setInputFiles('#file', file);
    await page.click('#preview');
    await page.waitForSelector('#result:not(.hidden)');
    // Meanwhile another official imports the same plan.
    const other = gas.dialog('previewImport', 'phu-luc.csv', (await readFile(file)).toString('base64')) as { token: string };
    expect(gas.dialog('applyImport', other.token)).toMatchObject({ ok: true });
    const rows = gas.sheet(TASKS_TAB.name)!.getLastRow();
    await page.click('#apply');
    await expect.poll(() => page.textContent('#problem')).toContain('Xem trước lại');
    expect(gas.sheet(TASKS_TAB.name)!.getLastRow()).toBe(rows);
    await page.click('#again');
    await expect.poll(() => page.textContent('#changes')).toBe('So với bảng tính: 0 nhiệm vụ mới, 0 thay đổi, 46 giữ nguyên.');
    expect(await page.textContent('#problem')).toBe('');
    await page.close();
  });

  it('refuses a file over the limit before sending it, and shows a broken file’s message', async () => {
    const gas = load(code, { 'Trang tính1': [] });
    gas.call('cchcSetup');
    const page = await openDialog(gas);
    const calls = () => gas.executions.length;
    const before = calls();
    await page.setInputFiles('#file', { name: 'lon.xlsx', mimeType: 'application/octet-stream', buffer: Buffer.alloc(5 * 1024 * 1024) });
    expect(await page.textContent('#problem')).toContain('cchc import');
    expect(await page.isDisabled('#preview')).toBe(true);
    await page.setInputFiles('#file', { name: 'hong.csv', mimeType: 'text/csv', buffer: Buffer.from('STT;"Nội dung\n1;x\n') });
    await page.click('#preview');
    await expect.poll(() => page.textContent('#problem')).toMatch(/dấu ngoặc kép/);
    expect(await page.isVisible('#result')).toBe(false);
    expect(calls()).toBe(before + 1);
    await page.screenshot({ path: 'tmp/render/import-dialog-broken.png', fullPage: true });
    await page.close();
  });
});
