/** CSV as officials save it: the separator is found over the first lines, not the first line alone. */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { decodeCsv, readTableFile, splitCsv } from '../../core/index';
import { readGrids } from '../../sync/excel/read-grids';
import { useTempDir } from '../helpers/tmp';

const tempDir = useTempDir();

async function cells(text: string): Promise<string[][]> {
  const file = join(await tempDir(), 'phu-luc.csv');
  await writeFile(file, text);
  return (await readGrids(file))[0]!.grid.map((r) => r.cells.filter((c) => c !== ''));
}

describe('the CSV separator', () => {
  it('a title line without separators above a comma-separated header', async () => {
    expect(
      await cells(
        '"PHỤ LỤC NHIỆM VỤ CCHC NĂM 2026"\n"STT","Nội dung công việc","Cơ quan phối hợp"\n"1","Rà soát TTHC","Các phòng, ban chuyên môn"\n',
      ),
    ).toEqual([
      ['PHỤ LỤC NHIỆM VỤ CCHC NĂM 2026'],
      ['STT', 'Nội dung công việc', 'Cơ quan phối hợp'],
      ['1', 'Rà soát TTHC', 'Các phòng, ban chuyên môn'],
    ]);
  });

  it('semicolons (Excel on a Vietnamese system) with unquoted commas in the text', async () => {
    expect(await cells('PHỤ LỤC\nSTT;Nội dung công việc;Cơ quan phối hợp\n1;Rà soát TTHC;Các phòng, ban chuyên môn\n')).toEqual([
      ['PHỤ LỤC'],
      ['STT', 'Nội dung công việc', 'Cơ quan phối hợp'],
      ['1', 'Rà soát TTHC', 'Các phòng, ban chuyên môn'],
    ]);
  });
});

/** Fields as exceljs's CSV reader (fast-csv) split them: the CLI's reader before the core's own one. */
async function fastCsvRecords(text: string, delimiter: string): Promise<string[][]> {
  const ws = await new ExcelJS.Workbook().csv.read(Readable.from([text]), {
    parserOptions: { delimiter },
    map: (datum: string) => (datum === '' ? null : datum),
  } as Parameters<ExcelJS.Csv['read']>[1]);
  const rows: string[][] = [];
  ws.eachRow((row, n) => (rows[n - 1] = Array.from((row.values as (string | null)[]).slice(1), (v) => v ?? '')));
  return Array.from(rows, (r) => (r ?? []).filter((_, i, all) => all.slice(i).some((c) => c !== '')));
}

function coreRecords(text: string, delimiter: string): string[][] {
  const rows: string[][] = [];
  splitCsv(text, delimiter, (fields) => rows.push(fields.filter((_, i, all) => all.slice(i).some((c) => c !== ''))));
  return rows.map((r) => (r.some((c) => c !== '') ? r : []));
}

describe('CSV fields and encodings', () => {
  it.each([
    'a;b;c\n1;2;3',
    '"a;b";"c ""d"" e";f\r\n"line\nbreak";x;y\r\n',
    ' a ; "b" ;c\n;;\n,x;\n\n\n"q";\n',
    '  "trimmed"  ;  kept  \r\r\n"";x',
    ';lead;\n;;x\n',
  ])('splits %j as fast-csv did', async (text) => {
    expect(coreRecords(text, ';')).toEqual(await fastCsvRecords(text, ';'));
  });

  it('a quote left open, or text after a closing quote, is FILE_NOT_CSV in Vietnamese', () => {
    for (const text of ['STT;Nội dung\n1;"Rà soát\n', 'STT;"Nội" dung\n']) {
      expect(readTableFile('phu-luc.csv', new TextEncoder().encode(text))).toMatchObject({
        ok: false,
        code: 'FILE_NOT_CSV',
        message: expect.stringContaining('Tệp "phu-luc.csv" không đọc được dạng CSV'),
      });
    }
  });

  it('UTF-16 ("Unicode text") and the Vietnamese Windows code page read as UTF-8 does, in NFC', () => {
    const text = 'STT\tNội dung công việc\n1\tRà soát thủ tục hành chính\n';
    const utf16 = new Uint8Array([0xff, 0xfe, ...new Uint8Array(new Uint16Array(Array.from(text, (c) => c.charCodeAt(0))).buffer)]);
    // Windows-1258 has the vowels with a hat or a horn (â, ơ, ư …) but writes tone marks as combining characters after them.
    const high = new TextDecoder('windows-1258').decode(Uint8Array.from({ length: 128 }, (_, i) => 0x80 + i));
    const byte = (c: string): number | undefined =>
      c.charCodeAt(0) < 0x80 ? c.charCodeAt(0) : high.includes(c) ? 0x80 + high.indexOf(c) : undefined;
    const cp1258 = Uint8Array.from(
      Array.from(text).flatMap((c) => {
        if (byte(c) !== undefined) return [byte(c)!];
        const marks = Array.from(c.normalize('NFD')).slice(1);
        for (const mark of marks) {
          const base = c.normalize('NFD').replace(mark, '').normalize('NFC');
          if (byte(base) !== undefined && byte(mark) !== undefined) return [byte(base)!, byte(mark)!];
        }
        throw new Error(`cannot write ${c} in windows-1258`);
      }),
    );
    const expected = readTableFile('a.csv', new TextEncoder().encode(text));
    expect(expected).toMatchObject({
      ok: true,
      sheets: [{ grid: [{ cells: ['STT', 'Nội dung công việc'] }, { cells: ['1', 'Rà soát thủ tục hành chính'] }] }],
    });
    expect(readTableFile('a.csv', utf16)).toEqual(expected);
    expect(readTableFile('a.csv', cp1258)).toEqual(expected);
    // The code page's table is the WHATWG one, byte for byte.
    expect(decodeCsv(Uint8Array.from({ length: 256 }, (_, i) => i).subarray(0x80)).replace(/\uFFFD/g, '')).toBe(high);
  });
});
