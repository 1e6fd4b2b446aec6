/**
 * One reader for every table file (core/files/read-table-file), for `cchc import` and the sheet's menu alike: each
 * fixture the project has (templates, sample appendices, openpyxl and LibreOffice saves, seed plans written by exceljs,
 * as CSV and as Word in several shapes, prose plans, the CLI's own export) reads to exactly the grids the CLI's
 * reader gave before it (exceljs for .xlsx and .csv, JSZip and saxes for .docx), kept in test/fixtures/grids. The CLI
 * path (the guards of files/input-file, then the core reader) gives the same.
 */
import { readFile } from 'node:fs/promises';
import * as CFB from 'cfb';
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

/**
 * The reader bundled as the Apps Script build bundles the core (esbuild, IIFE, ES2020) and run in a bare V8 context:
 * no Node module, no Buffer, no TextDecoder, no timers, as in Apps Script. It must read every fixture as Node does.
 */
describe('the reader in a bare V8, as Apps Script runs it', () => {
  it('reads every fixture to the same grids, and refuses a foreign file with the same line', async () => {
    const { build } = await import('esbuild');
    const vm = await import('node:vm');
    const bundle = await build({
      stdin: { contents: "export { readTableFile } from './core/files/read-table-file';", resolveDir: process.cwd(), loader: 'ts' },
      bundle: true,
      format: 'iife',
      globalName: 'READER',
      target: 'es2020',
      charset: 'utf8',
      write: false,
    });
    const context = vm.createContext({});
    vm.runInContext(bundle.outputFiles[0]!.text, context);
    expect(vm.runInContext('typeof TextDecoder + typeof Buffer + typeof setTimeout + typeof require', context)).toBe(
      'undefinedundefinedundefinedundefined',
    );
    const readThere = (file: string, bytes: Uint8Array): unknown => {
      context['input'] = Array.from(bytes);
      context['name'] = file;
      return JSON.parse(vm.runInContext('JSON.stringify(READER.readTableFile(name, new Uint8Array(input)))', context) as string);
    };
    const dir = await tempDir();
    for (const c of TABLE_FILE_CASES) {
      const bytes = new Uint8Array(await readFile(await writeCase(c, dir)));
      expect(readThere(c.file, bytes), c.name).toEqual(asJson(readTableFile(c.file, bytes)));
    }
    // An old .doc named .xls: an OLE2 container with a WordDocument stream, told apart by cfb there too.
    const container = CFB.utils.cfb_new();
    CFB.utils.cfb_add(container, '/WordDocument', new Uint8Array(600));
    const xls = new Uint8Array(CFB.write(container, { type: 'array' }) as number[]);
    expect(readThere('so-cu.xls', xls)).toMatchObject({ ok: false, code: 'FILE_OLD_DOC' });
    expect(readThere('so-cu.xls', xls)).toEqual(readTableFile('so-cu.xls', xls));
    const foreign = new TextEncoder().encode('{\\rtf1 not a workbook}');
    expect(readThere('phu-luc.xlsx', foreign)).toEqual(readTableFile('phu-luc.xlsx', foreign));
    expect(readThere('phu-luc.xlsx', foreign)).toMatchObject({ ok: false, code: 'FILE_NOT_XLSX' });
  });
});

describe('old and protected Office files, told apart by their OLE2 directory', () => {
  /** An OLE2 compound file written by cfb, with `others` streams before the ones named (a directory over several sectors). */
  function ole(streams: string[], others = 0): Uint8Array {
    const container = CFB.utils.cfb_new();
    for (let i = 0; i < others; i++) CFB.utils.cfb_add(container, `/Luồng ${i}`, new Uint8Array(700));
    // Content that spells a stream's name is not a directory entry.
    CFB.utils.cfb_add(container, '/Data', new TextEncoder().encode('W\0o\0r\0k\0b\0o\0o\0k\0'.repeat(40)));
    for (const name of streams) CFB.utils.cfb_add(container, `/${name}`, new Uint8Array(600));
    return new Uint8Array(CFB.write(container, { type: 'array' }) as number[]);
  }

  it.each([
    ['ke-hoach.docx', ['EncryptionInfo', 'EncryptedPackage'], 0, 'FILE_ENCRYPTED'],
    ['phu-luc.xlsx', ['EncryptedPackage'], 30, 'FILE_ENCRYPTED'],
    ['phu-luc.xlsx', ['Workbook'], 30, 'FILE_OLD_XLS'],
    ['phu-luc.xls', ['Book'], 0, 'FILE_OLD_XLS'],
    ['ke-hoach.doc', ['WordDocument'], 30, 'FILE_OLD_DOC'],
    ['phu-luc.xlsx', ['WordDocument'], 0, 'FILE_OLD_DOC'],
    ['ke-hoach.docx', [], 5, 'FILE_OLD_DOC'],
    ['phu-luc.xlsx', [], 5, 'FILE_OLD_XLS'],
  ] as const)('%s holding %j (and %d other streams) is %s', (file, streams, others, code) => {
    expect(readTableFile(file, ole([...streams], others))).toMatchObject({ ok: false, code });
  });
});
