/**
 * Bounded input: zip bombs and zips that are not workbooks are refused before
 * any parser inflates them, with the inflated size named, for .xlsx and .docx.
 */
import { copyFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readWorkbookGrids } from '../../sync/excel/read-workbook';
import { guardZip } from '../../sync/files/zip-guard';
import { initialTables } from '../../sync/store/initial-tables';
import { XlsxStore } from '../../sync/store/xlsx-store';
import { once, repeated, writeZip } from '../fixtures/zip-file';
import { cchcAsync } from '../helpers/cli';
import { useTempDir } from '../helpers/tmp';

/** The guard as the readers call it: on the bytes of the file, read once. */
const guardFile = async (file: string, options?: Parameters<typeof guardZip>[2]) => guardZip(await readFile(file), file, options);

const tempDir = useTempDir();
const MB = 1024 * 1024;
const ROW = '<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row>';
const workbookParts = [
  { name: '[Content_Types].xml', chunks: once('<Types/>') },
  { name: 'xl/workbook.xml', chunks: once('<workbook/>') },
];

async function importInto(file: string): Promise<{ code: number; stderr: string; unchanged: boolean }> {
  const store = join(await tempDir(), 'cchc.xlsx');
  await new XlsxStore(store).create(initialTables());
  const before = await readFile(store);
  const result = await cchcAsync(['import', file, '--store', store, '--plan', 'X/KH']);
  return { code: result.code, stderr: result.stderr, unchanged: (await readFile(store)).equals(before) };
}

describe('zip guard', () => {
  it('refuses a sheet declared to inflate to 300 MB, naming the size, without inflating it', async () => {
    const file = join(await tempDir(), 'bom.xlsx');
    await writeZip(file, [...workbookParts, { name: 'xl/worksheets/sheet1.xml', chunks: () => repeated(ROW, 300 * MB) }]);
    expect((await readFile(file)).length).toBeLessThan(3 * MB);
    const result = await importInto(file);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('khi giải nén lớn 300,0 MB');
    expect(result.stderr).toContain('[FILE_TOO_LARGE]');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.unchanged).toBe(true);
  }, 60_000);

  it('refuses a bomb whose headers lie about its size, by counting what really inflates', async () => {
    const file = join(await tempDir(), 'bom-noi-doi.xlsx');
    await writeZip(file, [
      ...workbookParts,
      { name: 'xl/worksheets/sheet1.xml', chunks: () => repeated(ROW, 300 * MB), declaredSize: 4096 },
    ]);
    const started = process.memoryUsage().rss;
    const error = await guardFile(file).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'FILE_TOO_LARGE' });
    // Counting stopped at the limit: the size where it stopped is not the file's.
    expect(String((error as Error).message)).toContain('khi giải nén lớn hơn 256 MB (phần "xl/worksheets/sheet1.xml")');
    expect(String((error as Error).message)).not.toMatch(/256,\d/);
    // Inflated into nothing: the guard's own memory stays small.
    expect(process.memoryUsage().rss - started).toBeLessThan(100 * MB);
  }, 60_000);

  it('refuses a high-ratio entry and too many entries; a .docx is guarded the same way', async () => {
    const dir = await tempDir();
    const docx = join(dir, 'bao-cao.docx');
    await writeZip(docx, [{ name: 'word/document.xml', chunks: () => repeated('\0', 40 * MB) }]);
    const error = await guardFile(docx, { kind: 'Word' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'FILE_TOO_LARGE' });
    expect(String((error as Error).message)).toMatch(/nén [\d.]+ lần/);
    const small = join(dir, 'nho.docx');
    await writeZip(small, [{ name: 'word/document.xml', chunks: once('<w:document/>') }]);
    expect((await guardFile(small, { kind: 'Word' })).map((e) => e.name)).toEqual(['word/document.xml']);
    await expect(
      guardFile(small, { limits: { entryBytes: MB, totalBytes: MB, ratio: 100, ratioFloorBytes: MB, entries: 0 } }),
    ).rejects.toMatchObject({ code: 'FILE_TOO_LARGE' });
  });

  it('an entry left out of the zip directory, which only the streaming reader finds, is counted against the limits too', async () => {
    const file = join(await tempDir(), 'an-phan.xlsx');
    const sheet = '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
    await writeZip(file, [
      { name: '[Content_Types].xml', chunks: once('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>') },
      {
        name: 'xl/workbook.xml',
        chunks: once(
          '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="PL" sheetId="1" r:id="rId1"/></sheets></workbook>',
        ),
      },
      {
        name: 'xl/_rels/workbook.xml.rels',
        chunks: once(
          '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
        ),
      },
      { name: 'xl/worksheets/sheet1.xml', chunks: once(`${sheet}</sheetData></worksheet>`) },
      // What the directory does not list: 300 MB of sheet, which the guard never counts.
      { name: 'xl/worksheets/sheet1.xml', chunks: () => [Buffer.from(sheet), ...repeated(' ', 300 * MB)], hidden: true },
    ]);
    // The guard passes it (the directory's entries are small); the streaming reader is refused at the limit.
    await expect(guardFile(file)).resolves.toHaveLength(4);
    const error = await readWorkbookGrids(file, { stream: true }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'FILE_TOO_LARGE' });
    expect(String((error as Error).message)).toContain('lớn hơn 256 MB');
  }, 120_000);

  it('a renamed .ods or another zip is FILE_NOT_XLSX saying what it is, not FILE_EMPTY', async () => {
    const dir = await tempDir();
    const ods = join(dir, 'phu-luc.xlsx');
    await writeZip(ods, [
      { name: 'mimetype', chunks: once('application/vnd.oasis.opendocument.spreadsheet') },
      { name: 'content.xml', chunks: once('<office:document-content/>') },
    ]);
    const result = await importInto(ods);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('là bảng tính OpenDocument (.ods) đổi tên');
    expect(result.stderr).toContain('[FILE_NOT_XLSX]');
    expect(result.unchanged).toBe(true);
    // A real .ods, named as one, is not said to be renamed.
    const real = join(dir, 'phu-luc.ods');
    await copyFile(ods, real);
    const named = await importInto(real);
    expect(named.stderr).toContain('là bảng tính OpenDocument (.ods).');
    expect(named.stderr).toContain('[FILE_NOT_XLSX]');
  });
});
