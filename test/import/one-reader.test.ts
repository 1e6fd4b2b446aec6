/**
 * One reader for every table file (core/files/read-table-file), for `cchc import` and the sheet's menu alike: each
 * fixture the project has (templates, sample appendices, openpyxl and LibreOffice saves, seed plans written by exceljs,
 * as CSV and as Word in several shapes, prose plans, the CLI's own export) reads to exactly the grids the CLI's
 * reader gave before it (exceljs for .xlsx and .csv, JSZip and saxes for .docx), kept in test/fixtures/grids. The CLI
 * path (the guards of files/input-file, then the core reader) gives the same.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { readTableFile } from '../../core/index';
import { readGrids } from '../../sync/excel/read-grids';
import { expectedGridsPath, TABLE_FILE_CASES, writeCase } from '../fixtures/table-files';
import { useTempDir } from '../helpers/tmp';

const tempDir = useTempDir();

/** As JSON holds it: a sparse array's holes (links, spans) are nulls. */
const asJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

describe('one reader for every table file', () => {
  it.each(TABLE_FILE_CASES.map((c) => [c.name, c] as const))('%s reads as it always did', async (_, c) => {
    const dir = await tempDir();
    const path = await writeCase(c, dir);
    const expected = JSON.parse(await readFile(expectedGridsPath(c.name), 'utf8')) as unknown;
    const read = readTableFile(c.file, await readFile(path));
    expect(read.ok).toBe(true);
    // Named by its path, as the CLI names it: the sheets are the same, whatever the name.
    const viaCli = await readGrids(path);
    expect(asJson(viaCli)).toEqual(expected);
    expect(asJson(read.ok ? read.sheets : null)).toEqual(asJson(viaCli));
  });
});
