/**
 * Bounded input: zip bombs, zips that do not agree with themselves and zips that are not workbooks are refused before
 * any parser reads them, with the inflated size named, for .xlsx and .docx (core/files/zip, for the CLI and the menu).
 */
import { copyFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTableFile } from '../../core/index';
import { guardZip } from '../../sync/files/zip-guard';
import { initialTables } from '../../sync/store/initial-tables';
import { XlsxStore } from '../../sync/store/xlsx-store';
import { once, repeated, writeZip, type ZipSpec } from '../fixtures/zip-file';
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

/** A one-sheet workbook's parts; `sheetSpec` changes how the sheet's part is written (a lie, a bad checksum). */
function minimalWorkbook(sheetXml: string, sheetSpec: Partial<ZipSpec> = {}): ZipSpec[] {
  return [
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
    { name: 'xl/worksheets/sheet1.xml', chunks: once(sheetXml), ...sheetSpec },
  ];
}

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
  });

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
  });

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

  it('an entry left out of the zip directory, which a streaming reader would find, is refused at once, nothing inflated', async () => {
    const file = join(await tempDir(), 'an-phan.xlsx');
    const sheet = '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
    await writeZip(file, [
      ...minimalWorkbook(`${sheet}</sheetData></worksheet>`),
      // What the directory does not list: 300 MB of sheet, which exceljs's streaming reader used to inflate to disk.
      { name: 'xl/worksheets/sheet1.xml', chunks: () => [Buffer.from(sheet), ...repeated(' ', 300 * MB)], hidden: true },
    ]);
    const result = await importInto(file);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^Lỗi: .*bị ẩn khỏi mục lục.*\[FILE_CORRUPT\]\n$/);
    expect(result.unchanged).toBe(true);
    await expect(guardFile(file)).rejects.toMatchObject({ code: 'FILE_CORRUPT' });
  });

  it('a local header lying about its size, or a part whose checksum does not match, is refused and nothing is imported', async () => {
    const dir = await tempDir();
    const sheet =
      '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>STT</t></is></c></row></sheetData></worksheet>';
    const lying = join(dir, 'noi-doi.xlsx');
    await writeZip(lying, minimalWorkbook(sheet, { localDeclaredSize: 1 }));
    const lie = readTableFile('noi-doi.xlsx', await readFile(lying));
    expect(lie).toMatchObject({ ok: false, code: 'FILE_CORRUPT' });
    expect(lie.ok ? '' : lie.message).toContain('kích thước phần "xl/worksheets/sheet1.xml" ghi sai');
    const damaged = join(dir, 'hong.xlsx');
    await writeZip(damaged, minimalWorkbook(sheet, { declaredCrc: 12345 }));
    const result = await importInto(damaged);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/mã kiểm tra \(CRC\) của phần "xl\/worksheets\/sheet1.xml" không khớp.*\[FILE_CORRUPT\]/);
    expect(result.unchanged).toBe(true);
    // The same file with its true checksum reads.
    const sound = join(dir, 'lanh.xlsx');
    await writeZip(sound, minimalWorkbook(sheet));
    expect(readTableFile('lanh.xlsx', await readFile(sound))).toMatchObject({
      ok: true,
      sheets: [{ sheet: 'PL', grid: [{ cells: ['STT'] }] }],
    });
  });

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
