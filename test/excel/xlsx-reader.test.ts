/**
 * The core's .xlsx reader (core/files/xlsx-grids): merged cells as the appendix parser expects them, and only the
 * bytes handed to it are read.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_INPUT_ROWS, MAX_XML_DEPTH, readTableFile } from '../../core/index';
import { readAppendix } from '../helpers/appendix-reader';
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

describe('cell values as Excel files hold them', () => {
  it('dates by format (1904 too), booleans, errors, formulas with and without a cached value, phonetic runs left out', async () => {
    const ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
    const bytes = await oneSheetWorkbook(
      `<sheetData><row r="1">` +
        `<c r="A1" s="1"><v>46037</v></c>` + // 14 (built-in date): 15/01/2026
        `<c r="B1" s="2"><v>46037.75</v></c>` + // custom "dd/mm/yyyy hh:mm": the day only
        `<c r="C1" s="3"><v>46036</v></c>` + // custom '0" ngày"': a number
        `<c r="D1" t="b"><v>1</v></c>` +
        `<c r="E1" t="e"><v>#REF!</v></c>` +
        `<c r="F1"><f>A1+1</f></c>` + // no cached value: blank
        `<c r="G1" t="str"><f>"x"</f><v>kết quả</v></c>` +
        `<c r="H1" t="s"><v>0</v></c>` +
        `<c r="I1" t="inlineStr"><is><r><rPr><b/></rPr><t>Phòng </t></r><r><t>Kinh tế</t></r><rPh sb="0" eb="1"><t>ふりがな</t></rPh></is></c>` +
        `<c r="J1" t="e"><f>1/0</f><v>#DIV/0!</v></c>` +
        `</row></sheetData>`,
      {
        'xl/styles.xml': `<styleSheet ${ns}><numFmts count="2"><numFmt numFmtId="164" formatCode="dd/mm/yyyy hh:mm"/><numFmt numFmtId="165" formatCode="0&quot; ngày&quot;"/></numFmts><fonts count="1"><font/></fonts><cellXfs count="4"><xf numFmtId="0" fontId="0"/><xf numFmtId="14" fontId="0"/><xf numFmtId="164" fontId="0"/><xf numFmtId="165" fontId="0"/></cellXfs></styleSheet>`,
        'xl/sharedStrings.xml': `<sst ${ns}><si><t>Tổng</t><rPh sb="0" eb="1"><t>ソウ</t></rPh></si></sst>`,
      },
    );
    const read = readTableFile('gia-tri.xlsx', bytes);
    expect(read).toMatchObject({
      ok: true,
      sheets: [
        {
          grid: [
            {
              row: 1,
              cells: ['15/01/2026', '15/01/2026', '46036', 'true', '#REF!', '', 'kết quả', 'Tổng', 'Phòng Kinh tế', '#DIV/0!'],
              bold: false,
            },
          ],
        },
      ],
    });
    // The 1904 date system counts from 1904: the same serial is four years and a day later.
    const in1904 = readTableFile(
      'gia-tri.xlsx',
      await oneSheetWorkbook(`<sheetData><row r="1"><c r="A1" s="1"><v>46037</v></c></row></sheetData>`, {
        'xl/styles.xml': `<styleSheet ${ns}><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>`,
        'xl/workbook.xml': `<workbook ${ns} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><workbookPr date1904="1"/><sheets><sheet name="PL" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      }),
    );
    expect(in1904).toMatchObject({ ok: true, sheets: [{ grid: [{ cells: ['16/01/2030'] }] }] });
  });
});

/** A workbook of one sheet ("PL") whose worksheet element holds `content`, zipped as Excel does. */
async function oneSheetWorkbook(content: string, parts: Record<string, string> = {}): Promise<Uint8Array> {
  const file = join(await tempDir(), 'mot-trang.xlsx');
  const all: Record<string, string> = {
    'xl/workbook.xml':
      '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="PL" sheetId="1" r:id="rId1"/></sheets></workbook>',
    'xl/_rels/workbook.xml.rels':
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    'xl/worksheets/sheet1.xml': `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${content}</worksheet>`,
    ...parts,
  };
  await writeZip(
    file,
    Object.entries(all).map(([name, xml]) => ({ name, chunks: once(xml) })),
  );
  return readFile(file);
}
