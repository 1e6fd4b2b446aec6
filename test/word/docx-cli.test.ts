/**
 * The Word paths of the CLI: import and index-import from a .docx, export to a
 * .docx in the plan's format, and every bad Word input refused with one
 * Vietnamese line, exit 2 and the store untouched.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as CFB from 'cfb';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { readAppendix } from '../helpers/appendix-reader';
import { initialTables } from '../../sync/store/initial-tables';
import { XlsxStore } from '../../sync/store/xlsx-store';
import { buildAppendixFile, linesFromSeed } from '../fixtures/appendix-xlsx';
import {
  docxFile,
  headingTable,
  paragraph,
  seedHeading,
  seedTable,
  signatureTable,
  table,
  wordPlanFromSeed,
  type RowSpec,
} from '../fixtures/appendix-docx';
import { cchcAsync } from '../helpers/cli';
import { useTempDir } from '../helpers/tmp';

const tempDir = useTempDir();

/** A new store, made in-process as `cchc init` makes it (the CLI's own start-up is what is slow here). */
async function setup(): Promise<{ dir: string; store: string }> {
  const dir = await tempDir();
  const store = join(dir, 'cchc.xlsx');
  await new XlsxStore(store).create(initialTables());
  return { dir, store };
}

describe('cchc import PLAN.docx', () => {
  it('--dry-run --json: the same plan and tasks as the same appendix pasted into Excel, and nothing written', async () => {
    const { dir, store } = await setup();
    const docx = join(dir, 'KE-HOACH-158.docx');
    await writeFile(docx, await wordPlanFromSeed('nhi-chieu-appendix.tsv', 'nhi-chieu', { headers: 'marked', mergeColumns: [2, 3, 5] }));
    const xlsx = join(dir, 'phu-luc-158.xlsx');
    await buildAppendixFile(xlsx, linesFromSeed('nhi-chieu-appendix.tsv'));
    const before = await readFile(store);
    const [word, excel] = await Promise.all([docx, xlsx].map((f) => cchcAsync(['import', f, '--store', store, '--dry-run', '--json'])));
    expect([word!.code, excel!.code]).toEqual([0, 0]);
    const fromWord = JSON.parse(word!.stdout);
    const fromExcel = JSON.parse(excel!.stdout);
    expect(fromWord.plan).toEqual(fromExcel.plan);
    expect(fromWord.plan).toMatchObject({ code: '158/KH-UBND', date: '2026-05-05', ward: 'Nhị Chiểu', year: 2026 });
    const withoutRows = (tasks: { sourceRows: number[] }[]) => tasks.map(({ sourceRows: _rows, ...t }) => t);
    expect(withoutRows(fromWord.tasks)).toEqual(withoutRows(fromExcel.tasks));
    expect(fromWord.tasks.map((t: { stt: string }) => t.stt)).toEqual(seedTable('nhi-chieu-appendix.tsv').tasks.map((t) => t.stt));
    expect(fromWord.sheet).toBe('Bảng 3');
    expect(await readFile(store)).toEqual(before);
  });

  it('imports into the store, then exports the appendix as a Word table in the plan format that reads back the same', async () => {
    const { dir, store } = await setup();
    const xlsx = join(dir, 'an-tuong.xlsx');
    await buildAppendixFile(xlsx, linesFromSeed('an-tuong-appendix.tsv'));
    expect((await cchcAsync(['import', xlsx, '--store', store, '--plan', '12/KH-UBND'])).code).toBe(0);

    const out = join(dir, 'PHU-LUC.docx');
    const exported = await cchcAsync(['export', '--store', store, '--out', out]);
    expect(exported.code).toBe(0);
    expect(exported.stdout).toContain('PHU-LUC.docx');

    const xml = await (await JSZip.loadAsync(await readFile(out))).file('word/document.xml')!.async('string');
    // A4 landscape, Times New Roman 12 pt in the table, 13 pt titles.
    expect(xml).toMatch(/<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/);
    expect(xml).toContain('w:ascii="Times New Roman"');
    expect(xml).toMatch(/<w:sz w:val="26"\/>/);
    expect(xml).toMatch(/<w:sz w:val="24"\/>/);
    // One header row, marked to repeat on every page.
    const rows = xml.match(/<w:tr>[\s\S]*?<\/w:tr>/g)!;
    expect(rows[0]).toContain('<w:tblHeader/>');
    expect(xml.match(/<w:tblHeader\/>/g)).toHaveLength(1);
    // Section rows: the title spans the other five columns, bold.
    const { tasks, sections } = seedTable('an-tuong-appendix.tsv');
    const sectionRows = rows.filter((r) => r.includes('<w:gridSpan w:val="5"/>'));
    expect(sectionRows).toHaveLength(sections.size);
    for (const r of sectionRows) expect(r).toContain('<w:b/>');
    // A lead shared by consecutive tasks of a section is written once and merged down: count the seed's runs.
    let runs = 0;
    let continued = 0;
    tasks.forEach((t, i) => {
      const prev = tasks[i - 1];
      const same = prev !== undefined && prev.section === t.section && prev.cells[2] === t.cells[2];
      if (same) continued++;
      const next = tasks[i + 1];
      if (!same && next !== undefined && next.section === t.section && next.cells[2] === t.cells[2]) runs++;
    });
    expect(runs).toBeGreaterThan(0);
    expect(xml.match(/<w:vMerge w:val="restart"\/>/g)).toHaveLength(runs);
    expect(xml.match(/<w:vMerge w:val="continue"\/>/g)).toHaveLength(continued);

    // Read back by the Word reader: the seed's tasks, sections and plan number.
    const back = await readAppendix(out);
    expect(back.planCode).toBe('12/KH-UBND');
    expect(back.tasks.map((t) => [t.stt, t.section, t.title, t.lead, t.support, t.product, t.deadline])).toEqual(
      tasks.map((t) => [t.stt, t.section, ...t.cells.slice(1)]),
    );
  });

  it('index-import reads a criteria assignment table from Word', async () => {
    const { dir, store } = await setup();
    // The assignment shape of the Đông Quang plan (seed 004): criteria, points, lead unit merged over a run.
    const rows: RowSpec[] = [
      { header: true, cells: [{ text: 'STT' }, { text: 'Tiêu chí' }, { text: 'Điểm tối đa' }, { text: 'Cơ quan chủ trì' }] },
      {
        cells: [
          { text: '1' },
          { text: 'Công tác chỉ đạo, điều hành CCHC' },
          { text: '9' },
          { text: 'Phòng Văn hóa - Xã hội', vMerge: 'restart' },
        ],
      },
      { cells: [{ text: '2' }, { text: 'Xây dựng và tổ chức thực hiện văn bản QPPL' }, { text: '6' }, { vMerge: 'continue' }] },
      { cells: [{ text: '3' }, { text: 'Cải cách thủ tục hành chính' }, { text: '13' }, { text: 'Trung tâm Phục vụ hành chính công' }] },
    ];
    const path = join(dir, 'CHI-SO.docx');
    await writeFile(path, await docxFile(headingTable(seedHeading('nhi-chieu')) + paragraph('PHỤ LỤC') + table(rows, 4)));
    const result = await cchcAsync(['index-import', path, '--store', store]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Đã nhập 3 dòng tiêu chí');
    const criteria = (await new XlsxStore(store).read())['criteria']!;
    expect(criteria.map((c) => [c['code'], c['lead']])).toEqual([
      ['1', 'Phòng Văn hóa - Xã hội'],
      ['2', 'Phòng Văn hóa - Xã hội'],
      ['3', 'Trung tâm Phục vụ hành chính công'],
    ]);
  });
});

/** An OLE2 compound file, as Word 97–2003 writes a .doc and Office writes an encrypted .docx. */
function ole(streams: string[]): Buffer {
  const container = CFB.utils.cfb_new();
  for (const name of streams) CFB.utils.cfb_add(container, `/${name}`, Buffer.alloc(600, 1));
  return Buffer.from(CFB.write(container, { type: 'buffer' }) as Uint8Array);
}

async function zipWithDeclaredSize(size: number): Promise<Buffer> {
  const zip = await wordPlanFromSeed('phuc-thuan-appendix.tsv', 'phuc-thuan', {});
  // Rewrite the central directory's uncompressed size of every entry: what a zip bomb declares.
  const out = Buffer.from(zip);
  for (let i = out.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])); i >= 0; i = out.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), i + 4)) {
    out.writeUInt32LE(size, i + 24);
  }
  return out;
}

describe('bad Word input: one Vietnamese line with its code, exit 2, nothing written', () => {
  const cases: [string, string, string, () => Promise<Buffer | string>][] = [
    ['a Word 97–2003 .doc', 'KE-HOACH.doc', 'FILE_OLD_DOC', async () => ole(['WordDocument', '1Table'])],
    ['a .doc renamed to .docx', 'KE-HOACH.docx', 'FILE_OLD_DOC', async () => ole(['WordDocument', '1Table'])],
    ['a password-protected .docx', 'KE-HOACH.docx', 'FILE_ENCRYPTED', async () => ole(['EncryptionInfo', 'EncryptedPackage'])],
    [
      'no appendix table',
      'KE-HOACH.docx',
      'HEADER_NOT_FOUND',
      async () => docxFile(headingTable(seedHeading('nhi-chieu')) + paragraph('KẾ HOẠCH') + signatureTable()),
    ],
    ['a zip bomb (declared 3 GB)', 'KE-HOACH.docx', 'FILE_TOO_LARGE', () => zipWithDeclaredSize(3_000_000_000)],
    [
      'a zip whose directory is cut off',
      'KE-HOACH.docx',
      'FILE_TRUNCATED',
      async () => (await docxFile(paragraph('PHỤ LỤC'))).subarray(0, 200),
    ],
    [
      'a whole zip whose document is not well-formed XML',
      'KE-HOACH.docx',
      'FILE_UNREADABLE',
      async () => docxFile(`${paragraph('PHỤ LỤC')}<w:p><w:r>`),
    ],
    ['an empty file', 'KE-HOACH.docx', 'FILE_EMPTY', async () => ''],
    ['a text file named .docx', 'KE-HOACH.docx', 'FILE_NOT_DOCX', async () => 'STT\tNội dung\n1\tViệc A\n'],
    ['larger than 20 MB', 'KE-HOACH.docx', 'FILE_TOO_LARGE', async () => Buffer.alloc(21 * 1024 * 1024)],
  ];
  it.each(cases)('%s → %s', async (_label, name, code, make) => {
    const { dir, store } = await setup();
    const before = await readFile(store);
    const path = join(dir, name);
    await writeFile(path, await make());
    // index-import reads through the same reader; it is run on the first case only, to keep the suite fast.
    const commands = code === 'FILE_OLD_DOC' && name.endsWith('.doc') ? ['import', 'index-import'] : ['import'];
    for (const command of commands) {
      const result = await cchcAsync([command, path, '--store', store, ...(command === 'import' ? ['--plan', 'X/KH'] : [])]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`[${code}]`);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
    expect(await readFile(store)).toEqual(before);
  });

  it('no appendix table: the message names the tables found by their first cells', async () => {
    const { dir, store } = await setup();
    const path = join(dir, 'KE-HOACH.docx');
    await writeFile(path, await docxFile(headingTable(seedHeading('nhi-chieu')) + paragraph('KẾ HOẠCH') + signatureTable()));
    const result = await cchcAsync(['import', path, '--store', store]);
    expect(result.stderr).toContain('bảng 1 ("UBND PHƯỜNG NHỊ CHIỂU")');
    expect(result.stderr).toContain('bảng 2 ("Nơi nhận:")');
  });
});
