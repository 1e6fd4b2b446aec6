/**
 * The core's .xlsx reader (core/files/xlsx-grids): merged cells as the appendix parser expects them, and only the
 * bytes handed to it are read.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_INPUT_ROWS, MAX_XML_DEPTH, readTableFile } from '../../core/index';
import { readAppendix } from '../../sync/excel/appendix-reader';
import { buildAppendixFile } from '../fixtures/appendix-xlsx';
import { once, writeZip } from '../fixtures/zip-file';
import { useTempDir } from '../helpers/tmp';

const tempDir = useTempDir();
const SAMPLE = join(process.cwd(), 'templates/samples/phu-luc-nhi-chieu-2026.xlsx');

describe('the .xlsx reader', () => {
  it('a vertically merged lead unit repeats in each row; a merged section row keeps its text once', async () => {
    const file = join(await tempDir(), 'phu-luc.xlsx');
    await buildAppendixFile(
      file,
      [
        { title: '(Kèm theo Kế hoạch số 7/KH-UBND ngày 05/01/2026 của UBND phường Thử)' },
        { cells: ['STT', 'Nội dung công việc', 'Cơ quan chủ trì', 'Thời gian hoàn thành'], bold: true },
        { cells: ['I', 'CẢI CÁCH THỂ CHẾ', '', ''], bold: true, mergeRest: true },
        { cells: ['1', 'Việc một', 'Phòng Văn hóa - Xã hội', 'Quý I/2026'] },
        { cells: ['2', 'Việc hai', '', 'Quý II/2026'] },
        { cells: ['3', 'Việc ba', '', 'Quý III/2026'] },
      ],
      { merges: ['C4:C6'] },
    );
    const appendix = await readAppendix(file);
    expect(appendix.tasks.map((t) => t.lead)).toEqual(['Phòng Văn hóa - Xã hội', 'Phòng Văn hóa - Xã hội', 'Phòng Văn hóa - Xã hội']);
    const read = readTableFile('phu-luc.xlsx', await readFile(file));
    expect(read.ok && read.sheets[0]!.grid.find((r) => r.row === 3)).toMatchObject({
      cells: ['I', 'CẢI CÁCH THỂ CHẾ', '', ''],
      spans: [undefined, 3],
    });
  });

  it('reads the bytes it is handed, never a file: the name only names it', async () => {
    const read = readTableFile('da-thay.xlsx', await readFile(SAMPLE));
    expect(read.ok && read.sheets.some((s) => s.grid.length > 5)).toBe(true);
  });

  it('stops at the first row past the limit: a sheet broken after it is still FILE_TOO_MANY_ROWS, never parsed that far', async () => {
    const rows = Array.from({ length: MAX_INPUT_ROWS + 1 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>${i}</v></c></row>`).join('');
    const read = readTableFile('lon.xlsx', await oneSheetWorkbook(`<sheetData>${rows}<row r="0"><c>&broken;</sheetData>`));
    expect(read).toMatchObject({ ok: false, code: 'FILE_TOO_MANY_ROWS', message: expect.stringContaining('(trang "PL")') });
    // One row fewer, the same broken tail is read to its end, and refused as unreadable.
    const fewer = rows.slice(0, rows.lastIndexOf('<row '));
    expect(readTableFile('lon.xlsx', await oneSheetWorkbook(`<sheetData>${fewer}<row r="0"><c>&broken;</sheetData>`))).toMatchObject({
      ok: false,
      code: 'FILE_UNREADABLE',
    });
  });

  it('a sheet nested past the depth limit is FILE_TOO_DEEP in Vietnamese', async () => {
    const deep = `${'<x>'.repeat(MAX_XML_DEPTH + 10)}${'</x>'.repeat(MAX_XML_DEPTH + 10)}`;
    expect(readTableFile('sau.xlsx', await oneSheetWorkbook(`<sheetData/>${deep}`))).toMatchObject({
      ok: false,
      code: 'FILE_TOO_DEEP',
      message: expect.stringContaining('lồng nhau quá sâu'),
    });
  });
});

/** A workbook of one sheet ("PL") whose worksheet element holds `content`, zipped as Excel does. */
async function oneSheetWorkbook(content: string): Promise<Uint8Array> {
  const file = join(await tempDir(), 'mot-trang.xlsx');
  await writeZip(file, [
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
    {
      name: 'xl/worksheets/sheet1.xml',
      chunks: once(`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${content}</worksheet>`),
    },
  ]);
  return readFile(file);
}
