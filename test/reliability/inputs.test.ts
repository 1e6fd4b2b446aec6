/**
 * Losses from real edits, bad files and big plans (issue 27), each tried from the official's side: what they
 * typed stays, a bad file is one Vietnamese line with exit 2 and nothing half-written, a secret never reaches
 * the screen, a link never leads a write elsewhere.
 */
import { execFileSync } from 'node:child_process';
import { chmod, lstat, mkdir, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { catalogFromTables, type Task } from '../../core/index';
import { saveTokenCache, sheetsAuth, tokenCachePath } from '../../sync/sheets/auth';
import { XlsxStore } from '../../sync/store/xlsx-store';
import { buildAppendixFile, linesFromSeed, type SheetLine } from '../fixtures/appendix-xlsx';
import { writeZip } from '../fixtures/zip-file';
import { cchcAsync, cchcSpawn } from '../helpers/cli';
import { useTempDir } from '../helpers/tmp';

const tempDir = useTempDir();
const PLAN = 'KH-CCHC/PT';
const SEED = 'phuc-thuan-appendix.tsv';

/** A store holding the Phúc Thuận plan, imported from its appendix. */
async function plannedStore(): Promise<{ dir: string; store: string }> {
  const dir = await tempDir();
  const store = join(dir, 'cchc.xlsx');
  expect((await cchcAsync(['init', '--store', store])).code).toBe(0);
  const path = join(dir, 'phu-luc.xlsx');
  await buildAppendixFile(path, linesFromSeed(SEED));
  expect((await cchcAsync(['import', path, '--store', store, '--plan', PLAN])).code).toBe(0);
  return { dir, store };
}

const tasksOf = async (store: string): Promise<Task[]> => catalogFromTables(await new XlsxStore(store).read()).tasks.map((t) => t.item);

/** The seed's lines with task `stt`'s cell `column` (0-based) replaced. */
function edited(stt: string, column: number, value: unknown): SheetLine[] {
  return linesFromSeed(SEED).map((l) =>
    l.cells?.[0] === stt ? { ...l, cells: l.cells.map((c, i) => (i === column ? (value as string) : c)) } : l,
  );
}

/** The Excel row a seed task lands on (buildAppendixFile writes one line a row). */
const rowOf = (stt: string): number => linesFromSeed(SEED).findIndex((l) => l.cells?.[0] === stt) + 1;

describe('a re-import never blanks what the store holds (issue 27, 1)', () => {
  it('a blank title cell keeps the stored title, and says where', async () => {
    const { dir, store } = await plannedStore();
    const before = await tasksOf(store);
    const path = join(dir, 'sua.xlsx');
    await buildAppendixFile(path, edited('3', 1, ''));
    const result = await cchcAsync(['import', path, '--store', store, '--plan', PLAN]);
    expect(result.code).toBe(0);
    const after = await tasksOf(store);
    expect(after.find((t) => t.stt === '3')!.title).toBe(before.find((t) => t.stt === '3')!.title);
    expect(result.stdout).toContain(`dòng ${rowOf('3')}, cột "Nội dung công việc"`);
    expect(result.stdout).toContain('giữ giá trị đã có');
  });

  it('a formula with no cached value (a file saved by a program that does not compute) keeps the stored lead', async () => {
    const { dir, store } = await plannedStore();
    const before = (await tasksOf(store)).find((t) => t.stt === '4')!;
    expect(before.lead).not.toBe('');
    const path = join(dir, 'cong-thuc.xlsx');
    await buildAppendixFile(path, edited('4', 2, { formula: 'Sheet2!A1' }));
    const result = await cchcAsync(['import', path, '--store', store, '--plan', PLAN]);
    expect(result.code).toBe(0);
    expect((await tasksOf(store)).find((t) => t.stt === '4')!.lead).toBe(before.lead);
    expect(result.stdout).toContain(`dòng ${rowOf('4')}, cột "Cơ quan chủ trì"`);
  });
});

describe('an Excel error value is never data (issue 27, 2)', () => {
  for (const error of ['#REF!', '#N/A', '#VALUE!', '#DIV/0!', '#NAME?', '#NULL!', '#NUM!']) {
    it(`${error} in the lead column is not a lead: a first import leaves it blank and says where`, async () => {
      const dir = await tempDir();
      const store = join(dir, 'cchc.xlsx');
      expect((await cchcAsync(['init', '--store', store])).code).toBe(0);
      const path = join(dir, 'loi.xlsx');
      await buildAppendixFile(path, edited('5', 2, { error }));
      const result = await cchcAsync(['import', path, '--store', store, '--plan', PLAN]);
      expect(result.code).toBeLessThan(2);
      expect((await tasksOf(store)).find((t) => t.stt === '5')!.lead).toBe('');
      expect(result.stdout).toContain(`dòng ${rowOf('5')}, cột "Cơ quan chủ trì"`);
      expect(result.stdout).toContain(error);
    });
  }

  it('#REF! in a re-imported lead cell (or written as text in a CSV) keeps the stored lead', async () => {
    const { dir, store } = await plannedStore();
    const stored = await tasksOf(store);
    const before = stored.find((t) => t.stt === '5')!;
    const path = join(dir, 'loi.xlsx');
    await buildAppendixFile(path, edited('5', 2, { formula: 'A1/0', result: { error: '#REF!' } }));
    const result = await cchcAsync(['import', path, '--store', store, '--plan', PLAN]);
    expect(result.code).toBe(0);
    expect((await tasksOf(store)).find((t) => t.stt === '5')!.lead).toBe(before.lead);
    const csv = join(dir, 'loi.csv');
    const lines = edited('6', 2, '#N/A').filter((l) => l.cells);
    await writeFile(csv, lines.map((l) => l.cells!.map((c) => `"${String(c)}"`).join(';')).join('\n'));
    const fromCsv = await cchcAsync(['import', csv, '--store', store, '--plan', PLAN]);
    expect(fromCsv.code).toBe(0);
    expect(fromCsv.stdout).toContain('#N/A');
    const after = await tasksOf(store);
    expect(after.find((t) => t.stt === '6')!.lead).toBe(stored.find((t) => t.stt === '6')!.lead);
    expect(after.some((t) => /^#/.test(t.lead))).toBe(false);
  });
});

describe('big and hostile files are refused early, in Vietnamese (issue 27, 3)', () => {
  it('a 1,000,000-row appendix is refused while it streams, in seconds, naming the limit', { timeout: 120_000 }, async () => {
    const dir = await tempDir();
    const small = join(dir, 'mau.xlsx');
    await buildAppendixFile(small, linesFromSeed(SEED));
    const zip = await JSZip.loadAsync(await readFile(small));
    const header =
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' +
      '<row r="1"><c r="A1" t="inlineStr"><is><t>STT</t></is></c><c r="B1" t="inlineStr"><is><t>Nội dung công việc</t></is></c><c r="C1" t="inlineStr"><is><t>Cơ quan chủ trì</t></is></c></row>';
    const rows = function* (): Iterable<Buffer> {
      yield Buffer.from(header);
      let chunk = '';
      for (let r = 2; r <= 1_000_001; r++) {
        chunk += `<row r="${r}"><c r="A${r}"><v>${r - 1}</v></c><c r="B${r}" t="inlineStr"><is><t>Việc ${r}</t></is></c><c r="C${r}" t="inlineStr"><is><t>Phòng VHXH</t></is></c></row>`;
        if (chunk.length > 1 << 20) {
          yield Buffer.from(chunk);
          chunk = '';
        }
      }
      yield Buffer.from(`${chunk}</sheetData></worksheet>`);
    };
    const names = Object.keys(zip.files).filter((n) => !zip.files[n]!.dir);
    const entries = await Promise.all(
      names.map(async (name) => {
        const data = await zip.files[name]!.async('nodebuffer');
        return { name, chunks: name === 'xl/worksheets/sheet1.xml' ? rows : () => [data] };
      }),
    );
    const big = join(dir, 'mot-trieu-dong.xlsx');
    await writeZip(big, entries);
    const store = join(dir, 'cchc.xlsx');
    expect((await cchcAsync(['init', '--store', store])).code).toBe(0);
    const before = await readFile(store);
    const started = Date.now();
    const result = await cchcSpawn(['import', big, '--store', store, '--plan', PLAN]);
    const seconds = (Date.now() - started) / 1000;
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/dòng.*\[FILE_TOO_MANY_ROWS\]/);
    expect(seconds).toBeLessThan(15);
    expect((await readFile(store)).equals(before)).toBe(true);
  });

  it('a Word file nested 100,000 elements deep is a Vietnamese message, not "Maximum call stack size exceeded"', async () => {
    const dir = await tempDir();
    const depth = 100_000;
    const document =
      '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>' +
      '<w:tbl><w:tr><w:tc>'.repeat(depth) +
      '<w:p/>' +
      '</w:tc></w:tr></w:tbl>'.repeat(depth) +
      '</w:body></w:document>';
    const zip = new JSZip();
    zip.file(
      '[Content_Types].xml',
      '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    );
    zip.file('word/document.xml', document);
    const path = join(dir, 'long-nhau.docx');
    await writeFile(path, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
    const store = join(dir, 'cchc.xlsx');
    expect((await cchcAsync(['init', '--store', store])).code).toBe(0);
    const result = await cchcAsync(['import', path, '--store', store]);
    expect(result.code).toBe(2);
    expect(result.stderr).not.toContain('Maximum call stack');
    expect(result.stderr).toMatch(/^Lỗi: .*lồng.*\[FILE_TOO_DEEP\]\n$/);
  });

  it('a FIFO (or any file that is not a regular file) is refused at once, not waited on', async () => {
    const dir = await tempDir();
    const fifo = join(dir, 'phu-luc.xlsx');
    execFileSync('mkfifo', [fifo]);
    const store = join(dir, 'cchc.xlsx');
    expect((await cchcAsync(['init', '--store', store])).code).toBe(0);
    const started = Date.now();
    const result = await Promise.race([
      cchcSpawn(['import', fifo, '--store', store]),
      new Promise<null>((resolve) => setTimeout(() => resolve(null), 10_000)),
    ]);
    if (result === null) {
      // Unblock the hung reader so the child can exit: open the FIFO for writing once.
      await writeFile(fifo, '');
    }
    expect(result, 'the import hung on the FIFO').not.toBeNull();
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(result!.code).toBe(2);
    expect(result!.stderr).toMatch(/^Lỗi: .*không phải tệp thông thường.*\[FILE_NOT_REGULAR\]\n$/);
  });
});

describe('a secret never reaches the screen (issue 27, 4)', () => {
  const TOKEN = 'ya29.a0AfB_bimatTOKEN1234567890';
  const REFRESH = '1//0gbimatREFRESH-abcdef';
  for (const status of [400, 403]) {
    it(`a ${status} whose body echoes the request's headers prints no token`, async () => {
      // Google's front ends have answered with the request (headers included) in the error text.
      const server = createServer((req: IncomingMessage, res: ServerResponse) => {
        const echoed = Object.entries(req.headers)
          .map(([k, v]) => `${k}: ${String(v)}`)
          .join('\n');
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            error: {
              code: status,
              message: `Request rejected. Request headers: ${echoed}; refresh_token=${REFRESH}; "client_secret": "GOCSPX-bimatSECRET"`,
              status: 'PERMISSION_DENIED',
            },
          }),
        );
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      try {
        const { dir, store } = await plannedStore();
        const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
        const result = await cchcAsync(['sync', 'pull', '--sheet', 'abc123', '--store', store], {
          env: { CCHC_SHEETS_API_URL: url, CCHC_GOOGLE_ACCESS_TOKEN: TOKEN, CCHC_SHEETS_TIMEOUT_MS: '5000' },
          cwd: dir,
        });
        expect(result.code).toBe(2);
        const printed = result.stdout + result.stderr;
        expect(printed).toMatch(/\[SHEETS_(FORBIDDEN|REJECTED)\]/);
        for (const secret of [TOKEN, 'bimatTOKEN', REFRESH, 'bimatREFRESH', 'GOCSPX-bimatSECRET']) expect(printed).not.toContain(secret);
      } finally {
        await new Promise((resolve) => server.close(resolve));
      }
    });
  }
});

describe('a link never leads a write elsewhere (issue 27, 5)', () => {
  it('export --out LINK --force leaves the file the link points at as it was', async () => {
    const { dir, store } = await plannedStore();
    const elsewhere = join(dir, 'noi-khac');
    await mkdir(elsewhere);
    const victim = join(elsewhere, 'so-quan-trong.xlsx');
    await writeFile(victim, 'dữ liệu của người khác');
    const link = join(dir, 'phu-luc-xuat.xlsx');
    await symlink(victim, link);
    const result = await cchcAsync(['export', '--store', store, '--plan', PLAN, '--out', link, '--force']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^Lỗi: .*liên kết.*\[OUT_IS_LINK\]\n$/);
    expect(await readFile(victim, 'utf8')).toBe('dữ liệu của người khác');
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
    await expect(stat(`${victim}.bak`)).rejects.toThrow();
  });

  it("a token cache that is a link: its target's permissions are not changed, and it is never written through", async () => {
    const dir = await tempDir();
    const env = { XDG_CONFIG_HOME: join(dir, 'config'), HOME: dir, CCHC_GOOGLE_KEY_FILE: join(dir, 'client.json') };
    await writeFile(env.CCHC_GOOGLE_KEY_FILE, JSON.stringify({ installed: { client_id: 'cid', client_secret: 'GOCSPX-x' } }));
    const cache = tokenCachePath(env);
    await mkdir(join(cache, '..'), { recursive: true });
    const target = join(dir, 'shared-file.json');
    await writeFile(target, JSON.stringify({ refresh_token: 'x' }));
    await chmod(target, 0o644);
    await symlink(target, cache);
    const refused = await sheetsAuth({ env }).then(
      () => null,
      (e: unknown) => e as { code?: string; messageVi?: string },
    );
    expect((await stat(target)).mode & 0o777).toBe(0o644);
    expect(refused?.code).toBe('AUTH_TOKEN_CACHE_LINK');
    expect(refused?.messageVi).toContain('cchc auth login');
    // A login (or a refreshed token) replaces the link with a file of its own; the target keeps its content and mode.
    await saveTokenCache(cache, { refresh_token: 'moi' });
    expect(await readFile(target, 'utf8')).toBe(JSON.stringify({ refresh_token: 'x' }));
    expect((await stat(target)).mode & 0o777).toBe(0o644);
    expect((await lstat(cache)).isSymbolicLink()).toBe(false);
    expect((await stat(cache)).mode & 0o777).toBe(0o600);
  });
});
