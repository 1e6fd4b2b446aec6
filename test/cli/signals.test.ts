/**
 * Ctrl-C during a big import leaves nothing behind: nothing in the temp folder (exceljs's streaming reader once parked
 * a 195 MB sheet there), not a temp beside the store, not the lock; the store is as it was. The real binary in a
 * child process, stopped once it holds the store's lock (polled, not timed).
 */
import { spawn } from 'node:child_process';
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { writeZip, once } from '../fixtures/zip-file';
import { cchcAsync } from '../helpers/cli';
import { useTempDir } from '../helpers/tmp';

const tempDir = useTempDir();
const BIN = fileURLToPath(new URL('../../bin/cchc.mjs', import.meta.url));
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** Rows of an appendix-like sheet, each distinct (compressing as real data does, within the zip guard's ratio). */
function* appendixRows(rows: number): Iterable<Buffer> {
  yield Buffer.from(`<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${MAIN}"><sheetData>`);
  const cell = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
  yield Buffer.from(
    `<row r="1">${cell('A1', 'STT')}${cell('B1', 'Nội dung nhiệm vụ')}${cell('C1', 'Đơn vị chủ trì')}${cell('D1', 'Thời gian hoàn thành')}</row>`,
  );
  for (let r = 2; r <= rows; r++) {
    const n = (r * 2_654_435_761) % 4_294_967_296;
    yield Buffer.from(
      `<row r="${r}">${cell(`A${r}`, String(r - 1))}${cell(`B${r}`, `Rà soát thủ tục hành chính mã ${n.toString(36)} lần ${r}`)}${cell(`C${r}`, `Phòng ${n % 97}`)}${cell(`D${r}`, `Quý ${(n % 4) + 1}/2026`)}</row>`,
    );
  }
  yield Buffer.from('</sheetData></worksheet>');
}

/** An .xlsx whose sheet (past the size read by streaming) comes before the workbook part, as Excel's own files order them. */
async function bigAppendix(path: string): Promise<void> {
  await writeZip(path, [
    {
      name: '[Content_Types].xml',
      chunks: once(
        `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
      ),
    },
    {
      name: '_rels/.rels',
      chunks: once(
        `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
      ),
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      chunks: once(
        `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
      ),
    },
    { name: 'xl/worksheets/sheet1.xml', chunks: () => appendixRows(11_000) },
    {
      name: 'xl/workbook.xml',
      chunks: once(
        `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="Phụ lục" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      ),
    },
  ]);
}

/** Runs the binary until `ready()` holds, then sends `signal`; resolves with its exit code and stderr. */
function stopWhen(args: string[], env: Record<string, string>, ready: () => Promise<boolean>, signal: NodeJS.Signals) {
  return new Promise<{ code: number | null; signal: NodeJS.Signals | null; sent: boolean; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...env } });
    let stderr = '';
    let sent = false;
    let done = false;
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code, by) => {
      done = true;
      resolve({ code, signal: by, sent, stderr });
    });
    const poll = async (): Promise<void> => {
      while (!done) {
        if (await ready()) {
          sent = child.kill(signal);
          return;
        }
        await new Promise((r) => setTimeout(r, 10));
      }
    };
    void poll();
  });
}

describe('stopped by a signal', () => {
  for (const [signal, exitCode] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    it(`${signal} during a big import: the temp files are gone, the store is intact, exit ${exitCode}`, async () => {
      const dir = await tempDir();
      const temp = join(dir, 'tmp');
      await mkdir(temp);
      const store = join(dir, 'cchc.xlsx');
      expect((await cchcAsync(['init', '--store', store])).code).toBe(0);
      const before = await readFile(store);
      const appendix = join(dir, 'phu-luc-lon.xlsx');
      await bigAppendix(appendix);
      // The child's temp folder is this test's own: whatever appears there is the import's.
      const result = await stopWhen(
        ['import', appendix, '--plan', '9/KH-UBND', '--store', store],
        { TMPDIR: temp, TMP: temp, TEMP: temp },
        // The import holds the store's lock from its read of the store to its write.
        async () => (await readdir(dir)).some((name) => name.startsWith('cchc.xlsx.lock')),
        signal,
      );
      expect(result.sent, result.stderr).toBe(true);
      expect(result.code, result.stderr).toBe(exitCode);
      expect(result.stderr).toContain('[INTERRUPTED]');
      expect(await readdir(temp)).toEqual([]);
      const left = await readdir(dir);
      // A versions folder may stay, empty: the version the write saved is removed with the write.
      if (left.includes('cchc.xlsx.versions')) expect(await readdir(join(dir, 'cchc.xlsx.versions'))).toEqual([]);
      expect(left.filter((name) => name !== 'cchc.xlsx.versions').sort()).toEqual(['cchc.xlsx', 'phu-luc-lon.xlsx', 'tmp']);
      expect((await readFile(store)).equals(before)).toBe(true);
    });
  }
});
