/**
 * The reader never splits a Vietnamese character: a sheet's XML is decoded while it inflates (core/files/zip), and a
 * character cut by a chunk boundary must not come out as U+FFFD ("thu��c"), as it did with exceljs's streaming reader
 * (exceljs issues #2084, #2316). Parts here are megabytes of multi-byte text, so dozens of chunk boundaries fall
 * inside characters. The Word reader (which decodes a part whole) is held to the same text.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { ZipArchive } from '../../core/index';
import { readGrids } from '../../sync/excel/read-grids';
import { docxFile, table } from '../fixtures/appendix-docx';
import { writeZip } from '../fixtures/zip-file';
import { buildAppendixFile } from '../fixtures/appendix-xlsx';
import { useTempDir } from '../helpers/tmp';

const tempDir = useTempDir();
const ROWS = 4000;
const WORDS = [
  'thuốc',
  'Văn phòng',
  'Quý II/2026',
  'Ủy ban nhân dân phường',
  'thủ tục hành chính',
  'Đảng ủy',
  'một cửa liên thông',
  'số hóa hồ sơ',
  'Nguyễn Thị Hường',
  'ứng dụng định danh điện tử',
  'Hội đồng nhân dân',
  'kiểm soát',
];

/** Row i's cells (STT and three texts), unique per row so no shared string repeats; lengths vary to move boundaries. */
function sourceRow(i: number): string[] {
  const text = (k: number): string =>
    Array.from({ length: 2 + ((i * 7 + k) % 5) }, (_, j) => WORDS[(i * 3 + j * 5 + k) % WORDS.length]!)
      .join(' ')
      .normalize('NFC') + ` ${i}`;
  return [String(i + 1), text(0), text(1), text(2)];
}

const SOURCE = Array.from({ length: ROWS }, (_, i) => sourceRow(i));

function expectSourceRows(cells: string[][]): void {
  expect(cells.filter((row) => row.some((c) => c.includes('\uFFFD')))).toEqual([]);
  expect(cells).toEqual(SOURCE);
}

const escape = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/**
 * A workbook written by hand with inline strings, as some generators save it. exceljs streams a sheet straight from
 * the zip when the shared strings came before it, else through a temporary file: `sharedStringsFirst` takes the first.
 */
async function inlineStringWorkbook(path: string, sharedStringsFirst: boolean): Promise<void> {
  const columns = ['A', 'B', 'C', 'D'];
  const rows = SOURCE.map(
    (cells, i) =>
      `<row r="${i + 1}">${cells.map((c, k) => `<c r="${columns[k]}${i + 1}" t="inlineStr"><is><t>${escape(c)}</t></is></c>`).join('')}</row>`,
  );
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
  );
  zip.file(
    '_rels/.rels',
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
  );
  zip.file(
    'xl/workbook.xml',
    '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Phụ lục" sheetId="1" r:id="rId1"/></sheets></workbook>',
  );
  zip.file(
    'xl/_rels/workbook.xml.rels',
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
  );
  if (sharedStringsFirst) {
    zip.file(
      'xl/sharedStrings.xml',
      '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"/>',
    );
  }
  zip.file(
    'xl/worksheets/sheet1.xml',
    `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows.join('')}</sheetData></worksheet>`,
  );
  await writeFile(path, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
}

describe('grids read while they inflate keep multi-byte text whole', () => {
  it('shared strings (a workbook saved by exceljs): every cell as written, no U+FFFD', async () => {
    const file = join(await tempDir(), 'phu-luc-dai.xlsx');
    await buildAppendixFile(
      file,
      SOURCE.map((cells) => ({ cells })),
    );
    const [sheet] = await readGrids(file);
    expect(sheet!.sheet).toBe('Phụ lục');
    expectSourceRows(sheet!.grid.map((r) => r.cells));
  });

  it.each([false, true])('inline strings in the sheet XML (shared strings first: %s): every cell as written, no U+FFFD', async (first) => {
    const file = join(await tempDir(), 'phu-luc-inline.xlsx');
    await inlineStringWorkbook(file, first);
    const [sheet] = await readGrids(file);
    expect(sheet!.sheet).toBe('Phụ lục');
    expectSourceRows(sheet!.grid.map((r) => r.cells));
  });

  it('a Word plan: every table cell as written, no U+FFFD', async () => {
    const file = join(await tempDir(), 'ke-hoach-dai.docx');
    await writeFile(
      file,
      await docxFile(
        table(
          SOURCE.map((cells) => ({ cells: cells.map((text) => ({ text })) })),
          4,
        ),
      ),
    );
    const [sheet] = await readGrids(file);
    expectSourceRows(sheet!.grid.map((r) => r.cells));
  });
});

describe('a part read as text while it inflates', () => {
  it('comes in many pieces, none splitting a character, and joins to the part as written', async () => {
    // Words in a shuffled order, so the part does not compress to one piece.
    const words = 'rà soát đơn giản hóa thủ tục hành chính thuộc thẩm quyền giải quyết của ủy ban nhân dân phường xã ưu tiên'.split(' ');
    let seed = 7;
    const text = Array.from({ length: 400_000 }, () => words[(seed = (seed * 1103515245 + 12345) % 2 ** 31) % words.length]).join(' ');
    const file = join(await tempDir(), 'phan-dai.xlsx');
    await writeZip(file, [{ name: 'xl/worksheets/sheet1.xml', chunks: () => [Buffer.from(text)] }]);
    const zip = new ZipArchive(await readFile(file), 'phan-dai.xlsx', 'Excel');
    const pieces: string[] = [];
    zip.streamText('xl/worksheets/sheet1.xml', (piece) => pieces.push(piece));
    expect(pieces.length).toBeGreaterThan(10);
    expect(pieces.some((p) => p.includes('\uFFFD'))).toBe(false);
    expect(pieces.join('')).toBe(text);
  });
});
