/**
 * The menu's export, end to end: the BUILT bundle on the fakes opens the BUILT export dialog, which runs in headless
 * Chromium inside an iframe sandboxed as Apps Script sandboxes dialogs, with google.script.run bridged to the bundle
 * (script-run.ts). The appendix (.xlsx) and the periodic report (.docx) it makes, downloaded and saved to the fake
 * Drive, are compared part by part with what the built CLI's `cchc export` / `cchc report` write from a store holding
 * the same tables. The files are rendered to tmp/render/ when LibreOffice is installed.
 */
import { spawnSync } from 'node:child_process';
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import type { Browser, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HANDLERS } from '../../apps-script/build';
import { sampleTables } from '../../sync/samples/sample-tables';
import { XlsxStore } from '../../sync/store/xlsx-store';
import { launchChromium } from '../helpers/chromium';
import { cchcSpawn } from '../helpers/cli';
import { useTempDir } from '../helpers/tmp';
import { unsignedBytes, type Manifest } from './fake-export';
import { builtBundle, gridsFrom, load, type Gas } from './gas';
import { bridgeScriptRun, ILLEGAL_VALUE } from './script-run';

const tempDir = useTempDir();
const DIST = new URL('../../apps-script/dist/', import.meta.url);
/** 14 June 2026, 10:00 in Hà Nội: the day both the menu (the sheet's zone) and `cchc --today` work on. */
const NOW = Date.UTC(2026, 5, 14, 3);
const TODAY = '2026-06-14';
/** The keywords Apps Script's iframe sandbox sets for dialogs (developers.google.com/apps-script/guides/html/restrictions). */
const SANDBOX = 'allow-same-origin allow-forms allow-scripts allow-popups allow-downloads allow-modals allow-popups-to-escape-sandbox';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

let code = '';
let dialogHtml = '';
let manifest: Manifest = {};
let browser: Browser;
let tables: Awaited<ReturnType<typeof sampleTables>>;

beforeAll(async () => {
  code = await builtBundle();
  dialogHtml = await readFile(new URL('export-dialog.html', DIST), 'utf8');
  manifest = JSON.parse(await readFile(new URL('appsscript.json', DIST), 'utf8')) as Manifest;
  tables = await sampleTables();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

/** A sheet holding the sample ward's catalog, set up by the menu, with the export dialog in the project. */
function sheet(options: { manifest?: Manifest } = {}): Gas {
  const gas = load(code, gridsFrom(tables), {
    now: NOW,
    htmlFiles: { 'export-dialog': dialogHtml },
    manifest: options.manifest ?? manifest,
  });
  gas.call('cchcSetup');
  return gas;
}

/** Opens the dialog the menu item showed, in a sandboxed iframe as Apps Script serves it; returns its frame. */
async function openDialog(
  gas: Gas,
  menuItem: string,
): Promise<{ page: Page; frame: Frame; calls: Awaited<ReturnType<typeof bridgeScriptRun>> }> {
  gas.call(menuItem);
  const dialog = gas.dialogs.at(-1)!;
  const page = await browser.newPage({ acceptDownloads: true });
  const calls = await bridgeScriptRun(page, gas, HANDLERS);
  await page.setContent(`<iframe id="dialog" sandbox="${SANDBOX}" width="${dialog.width}" height="${dialog.height}"></iframe>`);
  await page.$eval('#dialog', (f, html) => ((f as unknown as { srcdoc: string }).srcdoc = html), dialog.html);
  const frame = await (await page.waitForSelector('#dialog')).contentFrame();
  await frame!.waitForSelector('#go');
  return { page, frame: frame!, calls };
}

/** Clicks "Xuất tệp" and waits for the Drive link; returns the downloaded file's bytes. */
async function exportFrom(page: Page, frame: Frame): Promise<{ downloaded: Uint8Array; name: string }> {
  await frame.click('#go');
  await frame.waitForSelector('#drive', { timeout: 60_000 });
  const [download] = await Promise.all([page.waitForEvent('download'), frame.click('#download')]);
  return { downloaded: new Uint8Array(await readFile((await download.path())!)), name: download.suggestedFilename() };
}

/** Every part of a package, docProps/core.xml without its timestamps and keywords (the CLI marks its outputs). */
async function parts(bytes: Uint8Array): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(bytes);
  const out = new Map<string, string>();
  for (const name of Object.keys(zip.files).sort()) {
    if (zip.files[name]!.dir) continue;
    let text = await zip.files[name]!.async('string');
    if (name === 'docProps/core.xml')
      text = text
        .replace(/<dcterms:(created|modified)[^>]*>[^<]*<\/dcterms:\1>/g, '')
        .replace(/<cp:keywords>[^<]*<\/cp:keywords>|<cp:keywords\/>/g, '');
    out.set(name, text);
  }
  return out;
}

/** What the built CLI writes in a folder of its own, from a store holding the sheet's tables. */
async function cliOutput(args: string[]): Promise<{ name: string; bytes: Uint8Array }> {
  const cwd = await tempDir();
  const store = join(await tempDir(), 'cchc.xlsx');
  await new XlsxStore(store).create(tables);
  const run = await cchcSpawn([...args, '--store', store], { cwd });
  expect(run.code, run.stderr).toBe(0);
  const [name] = (await readdir(cwd)).filter((f) => /\.(xlsx|docx)$/.test(f));
  return { name: name!, bytes: new Uint8Array(await readFile(join(cwd, name!))) };
}

async function expectSameParts(menu: Uint8Array, cli: Uint8Array): Promise<void> {
  const [a, b] = await Promise.all([parts(menu), parts(cli)]);
  expect([...a.keys()]).toEqual([...b.keys()]);
  for (const [name, text] of a) expect(text, name).toBe(b.get(name));
}

const rendered: { file: string; bytes: Uint8Array }[] = [];

describe('export from the menu, in Chromium, against the CLI', () => {
  it('Xuất phụ lục: the appendix with progress columns, part for part what `cchc export` writes, downloaded and saved to Drive', async () => {
    const gas = sheet();
    const { page, frame, calls } = await openDialog(gas, 'cchcExportAppendix');
    expect(gas.dialogs.at(-1)!.title).toBe('Xuất phụ lục kế hoạch (Excel)');
    const plan = 'KH-CCHC-2026/AT';
    expect(await frame.locator('#plan option').allTextContents()).toContain(
      `${plan} – Kế hoạch Cải cách hành chính phường An Tường năm 2026`,
    );
    await frame.selectOption('#plan', plan);
    await frame.check('#progress');
    const { downloaded, name } = await exportFrom(page, frame);
    const cli = await cliOutput(['export', '--plan', plan, '--with-progress']);
    expect(name).toBe(cli.name);
    expect(name).toBe('phu-luc-KH-CCHC-2026-AT.xlsx');
    await expectSameParts(downloaded, cli.bytes);
    // The server got plain data both ways: the kind, then the file's name and its base64.
    expect(calls.map((c) => c.name)).toEqual(['cchcExportData', 'cchcSaveExport']);
    const saved = gas.driveFiles.filter((f) => f.bytes !== null);
    expect(saved.map((f) => [f.name, f.mimeType])).toEqual([[name, XLSX]]);
    expect(unsignedBytes(saved[0]!.bytes!)).toEqual(downloaded);
    // In the script's own folder of the official's My Drive.
    const folder = gas.driveFiles.find((f) => f.id === saved[0]!.parents[0])!;
    expect([folder.name, folder.parents]).toEqual(['CCHC – Tệp xuất', ['root']]);
    expect(await frame.getAttribute('#drive', 'href')).toBe(`https://drive.google.com/file/d/${saved[0]!.id}/view?usp=drivesdk`);
    expect(await frame.getAttribute('#drive', 'target')).toBe('_blank');
    expect(await frame.textContent('#status')).toBe(
      `Phụ lục kế hoạch ${plan} (${tables['tasks']!.filter((r) => r['plan'] === plan && !r['kind']).length} nhiệm vụ): đã lưu vào Google Drive, thư mục "CCHC – Tệp xuất".`,
    );
    rendered.push({ file: 'menu-phu-luc.xlsx', bytes: downloaded });
    // To look at (tmp/ is not tracked).
    await mkdir('tmp/render', { recursive: true });
    await page.screenshot({ path: 'tmp/render/export-dialog.png', clip: { x: 0, y: 0, width: 480, height: 360 } });
    await page.close();
  });

  it('Xuất báo cáo định kỳ: the Word report on a period typed in the dialog, part for part what `cchc report` writes', async () => {
    const gas = sheet();
    const { page, frame } = await openDialog(gas, 'cchcExportReport');
    // The default period is the CLI's (this year), shown in the field.
    expect(await frame.inputValue('#period')).toBe('2026');
    await frame.fill('#period', '6 tháng đầu năm 2026');
    const { downloaded, name } = await exportFrom(page, frame);
    const cli = await cliOutput(['report', '--period', '2026-H1', '--today', TODAY, '--out', name]);
    expect(cli.name).toBe(name);
    expect(name).toBe('bao-cao-6-thang-dau-nam-2026.docx');
    await expectSameParts(downloaded, cli.bytes);
    const saved = gas.driveFiles.filter((f) => f.bytes !== null);
    expect(saved.map((f) => [f.name, f.mimeType])).toEqual([[name, DOCX]]);
    expect(unsignedBytes(saved[0]!.bytes!)).toEqual(downloaded);
    rendered.push({ file: 'menu-bao-cao.docx', bytes: downloaded });
    await page.close();
  });

  it("a second export reuses the script's folder; a period it cannot read is said in Vietnamese and nothing is saved", async () => {
    const gas = sheet();
    const { page, frame } = await openDialog(gas, 'cchcExportReport');
    await frame.fill('#period', 'Quý 5/2026');
    await frame.click('#go');
    await frame.waitForSelector('#status.error');
    expect(await frame.textContent('#status')).toMatch(/^Kỳ "Quý 5\/2026" không hợp lệ\. Ghi "Quý I\/2026"/);
    expect(gas.driveFiles).toEqual([]);
    await frame.fill('#period', 'Quý I/2026');
    await exportFrom(page, frame);
    await frame.fill('#period', '2026');
    await exportFrom(page, frame);
    const folders = gas.driveFiles.filter((f) => f.bytes === null);
    expect(folders).toHaveLength(1);
    expect(gas.driveFiles.filter((f) => f.bytes !== null).map((f) => [f.name, f.parents])).toEqual([
      ['bao-cao-quy-I-nam-2026.docx', [folders[0]!.id]],
      ['bao-cao-nam-2026.docx', [folders[0]!.id]],
    ]);
    await page.close();
  });

  it('the official\'s own folder named "CCHC – Tệp xuất" is not touched: drive.file shows the script only its own', async () => {
    const gas = sheet();
    gas.driveFiles.push({
      id: 'theirs',
      name: 'CCHC – Tệp xuất',
      mimeType: 'application/vnd.google-apps.folder',
      parents: ['root'],
      trashed: false,
      bytes: null,
      byScript: false,
    });
    const { page, frame } = await openDialog(gas, 'cchcExportAppendix');
    await frame.selectOption('#plan', '158/KH-UBND');
    await exportFrom(page, frame);
    const saved = gas.driveFiles.find((f) => f.bytes !== null)!;
    expect(saved.name).toBe('phu-luc-158-KH-UBND.xlsx');
    expect(saved.parents).not.toEqual(['theirs']);
    await page.close();
  });
});

describe('the export dialog, as built and served', () => {
  it('carries the writers in its own HTML file; Code.js, which every menu item and onEdit load, does not', () => {
    expect(Buffer.byteLength(dialogHtml)).toBeLessThan(1.5 * 1024 * 1024);
    expect(dialogHtml).toContain('CCHC_EXPORT');
    // What only the writers write (Code.js reads .xlsx and .docx parts, so their names alone prove nothing): exceljs'
    // sheet protection, docx's section properties, the app properties part both write.
    for (const written of ['sheetProtection', 'w:sectPr', 'docProps/app.xml']) {
      expect(dialogHtml).toContain(written);
      expect(code).not.toContain(written);
    }
  });

  it('is refused by the server when a page passes a Date, and a save of a file that is not an export is refused', async () => {
    const gas = sheet();
    const { page, frame } = await openDialog(gas, 'cchcExportAppendix');
    type Run = { withFailureHandler(f: (e: Error) => void): Record<string, (...a: unknown[]) => void> };
    const failure = await frame.evaluate(
      () =>
        new Promise<string>((resolve) =>
          (globalThis as unknown as { google: { script: { run: Run } } }).google.script.run.withFailureHandler((e: Error) =>
            resolve(e.message),
          ).cchcExportData!(new Date()),
        ),
    );
    expect(failure).toBe(`${ILLEGAL_VALUE}: 0`);
    expect(gas.call('cchcSaveExport', 'luong.xlsx', 'AAAA')).toEqual({
      error: 'Tên tệp "luong.xlsx" không phải tệp xuất của CCHC; không lưu.',
    });
    expect(gas.driveFiles).toEqual([]);
    await page.close();
  });

  it('reads the sheet under the document lock: a second official is told to wait; a sheet without plans says so', async () => {
    const gas = sheet();
    gas.lock.heldElsewhere = true;
    expect(gas.call('cchcExportData', 'report')).toEqual({
      error: 'Đang có người chạy một lệnh của menu CCHC trên bảng tính này. Vui lòng thử lại sau ít phút.',
    });
    const empty = load(
      code,
      { ...gridsFrom(tables), 'Kế hoạch': [gridsFrom(tables)['Kế hoạch']![0]!] },
      {
        now: NOW,
        htmlFiles: { 'export-dialog': dialogHtml },
        manifest,
      },
    );
    const { page, frame } = await openDialog(empty, 'cchcExportAppendix');
    expect(await frame.textContent('#status')).toBe('Bảng tính chưa có kế hoạch nào để xuất phụ lục.');
    expect(await frame.isDisabled('#go')).toBe(true);
    await page.close();
  });

  it('needs the advanced Drive service with a Drive scope in the manifest: without it the bundle finds no Drive', async () => {
    const gas = sheet({ manifest: { ...manifest, dependencies: {} } });
    expect(() => gas.call('cchcSaveExport', 'phu-luc-x.xlsx', 'UEsDBA==')).toThrow(/Drive is not defined/);
    // In the dialog: the file is still there to download, and the official is told it is not in Drive.
    const { page, frame } = await openDialog(gas, 'cchcExportAppendix');
    await frame.selectOption('#plan', '158/KH-UBND');
    await frame.click('#go');
    await frame.waitForSelector('#status.error');
    expect(await frame.textContent('#status')).toMatch(
      /^Phụ lục kế hoạch 158\/KH-UBND \(\d+ nhiệm vụ\): đã lập xong nhưng chưa lưu được vào Google Drive \(.*Drive is not defined\)\. Tải tệp về máy/,
    );
    expect(await frame.getAttribute('#download', 'download')).toBe('phu-luc-158-KH-UBND.xlsx');
    await page.close();
    const narrow = sheet({ manifest: { ...manifest, oauthScopes: manifest.oauthScopes!.filter((s) => !s.includes('drive')) } });
    expect(() => narrow.call('cchcSaveExport', 'phu-luc-x.xlsx', 'UEsDBA==')).toThrow(/Drive is not defined/);
    expect(manifest.oauthScopes).toContain('https://www.googleapis.com/auth/drive.file');
    expect(manifest.oauthScopes).not.toContain('https://www.googleapis.com/auth/drive');
  });
});

const office = ['soffice', 'libreoffice'].find((c) => spawnSync(c, ['--version'], { stdio: 'ignore' }).status === 0);
const pdftoppm = spawnSync('pdftoppm', ['-v'], { stdio: 'ignore' }).status === 0;

describe('rendered, to look at', () => {
  it.skipIf(!office || !pdftoppm)(
    "the menu's appendix and report as LibreOffice prints them: tmp/render/menu-*.png",
    async () => {
      expect(rendered.map((r) => r.file)).toEqual(['menu-phu-luc.xlsx', 'menu-bao-cao.docx']);
      const out = join(process.cwd(), 'tmp', 'render');
      await mkdir(out, { recursive: true });
      const work = await tempDir();
      for (const { file, bytes } of rendered) await writeFile(join(work, file), bytes);
      const profile = join(tmpdir(), `cchc-menu-export-lo-${process.pid}`);
      const convert = spawnSync(
        office!,
        [
          `-env:UserInstallation=file://${profile}`,
          '--headless',
          '--convert-to',
          'pdf',
          '--outdir',
          work,
          ...rendered.map((r) => join(work, r.file)),
        ],
        { encoding: 'utf8' },
      );
      await rm(profile, { recursive: true, force: true });
      expect(convert.status, convert.stderr).toBe(0);
      for (const { file } of rendered) {
        const pdf = join(work, file.replace(/\.\w+$/, '.pdf'));
        const png = spawnSync('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '2', pdf, join(out, file.replace(/\.\w+$/, ''))]);
        expect(png.status).toBe(0);
      }
      expect((await readdir(out)).filter((f) => f.startsWith('menu-') && f.endsWith('.png')).length).toBeGreaterThanOrEqual(2);
    },
    180_000,
  );
});
