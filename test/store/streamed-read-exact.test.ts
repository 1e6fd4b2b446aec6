/**
 * The store's streamed read (sync/store/stream-tabs.ts, a scan of the sheet XML) reads exactly what loading the
 * workbook through exceljs reads, value for value: over stores whose sheets hold every kind of cell Excel, exceljs,
 * openpyxl and the store's own patched writes leave (shared, inline and rich strings, entities and character
 * references, _xHHHH_ escapes, line ends, numbers under date and other formats, built-in and the workbook's own, the
 * 1904 date system, booleans, errors, formulas with and without cached results, shared formulas, empty and styled
 * empty cells, sparse rows, columns moved and an official's own), generated at random from fixed seeds, and over the
 * repository's workbooks. Where the scan is not sure, it answers null and the store loads the workbook: those cases
 * are checked to answer null, and the store's read to still be the loaded one.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { columnLetter, TABS, TASKS_TAB, tabForName, ZipArchive, type TabSpec } from '../../core/index';
import { sampleTables } from '../../sync/samples/sample-tables';
import { streamTabs } from '../../sync/store/stream-tabs';
import { XlsxStore } from '../../sync/store/xlsx-store';
import { useTempDir } from '../helpers/tmp';

const tempDir = useTempDir();

/** A small seeded generator (mulberry32), so a failure is reproduced by its seed. */
function random(seed: number): { int: (n: number) => number; pick: <T>(xs: readonly T[]) => T; chance: (p: number) => boolean } {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number): number => Math.floor(next() * n);
  return { int, pick: (xs) => xs[int(xs.length)]!, chance: (p) => next() < p };
}

/** Pieces of text as written in the XML (escaped): what officials type, and what the XML escapes and writers add. */
const TEXT_XML = [
  'thủ tục hành chính',
  'Phòng Văn hoá'.normalize('NFD'),
  'Quý II/2026',
  '&amp;',
  '&lt;b&gt;',
  '&quot;',
  '&apos;',
  '&#7899;',
  '&#x1EA1;',
  '_x000A_',
  '_x000a_',
  '_x0041_',
  '\r\n',
  '\n',
  ' ',
  '12',
  'a&amp;amp;b',
  '&amp;lt;',
  '>',
  "'",
];

/** Numbers as written: a serial that is a day, fractions, signs, exponents, padding. */
const NUMBERS = ['46000', '46000.5', '0', '-3', '12.25', '1e3', '45292', ' 7 ', '2026-03-15', '1.5E-2'];

interface Styles {
  /** Style ids to put on cells: none, 0 and each format added to the workbook. */
  ids: (number | undefined)[];
}

/** Adds number formats and cell formats (dates, built-in and the workbook's own, and formats that show no date). */
function addStyles(xml: string): { xml: string; styles: Styles } {
  const formats = [
    ['dd/mm/yyyy', 164],
    ['"d"0', 165],
    ['[Red]0.00', 166],
    ['yyyy\\-mm\\-dd', 167],
    ['[$-F800]dddd', 168],
  ] as const;
  const numFmts = formats.map(([code, id]) => `<numFmt numFmtId="${id}" formatCode="${code.replace(/"/g, '&quot;')}"/>`).join('');
  let out = xml.includes('<numFmts')
    ? xml.replace(/<numFmts([^>]*)>/, (_, attrs: string) => `<numFmts${attrs}>${numFmts}`)
    : xml.replace(/(<styleSheet[^>]*>)/, `$1<numFmts count="${formats.length}">${numFmts}</numFmts>`);
  const existing = (/<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(out)?.[1]?.match(/<xf\b/g) ?? []).length;
  const ids = [...formats.map(([, id]) => id), 14, 22, 45, 2, 49];
  out = out.replace(
    '</cellXfs>',
    `${ids.map((id) => `<xf numFmtId="${id}" fontId="0" fillId="0" borderId="0" xfId="0"/>`).join('')}</cellXfs>`,
  );
  return { xml: out, styles: { ids: [undefined, 0, ...ids.map((_, i) => existing + i)] } };
}

/** A generated store sheet: its rows' XML and the shared strings they point at. */
function generatedRows(headers: readonly string[], firstString: number, styles: Styles, seed: number): { rows: string; strings: string[] } {
  const r = random(seed);
  const strings: string[] = [];
  const text = (): string => Array.from({ length: 1 + r.int(4) }, () => r.pick(TEXT_XML)).join(r.pick(['', ' ']));
  const shared = (item: string): string => {
    strings.push(item);
    return String(firstString + strings.length - 1);
  };
  const space = (): string => (r.chance(0.3) ? ' xml:space="preserve"' : '');
  /** A cell of a random kind: its type attribute and content. */
  const cell = (): { t?: string; body?: string } => {
    switch (r.int(22)) {
      case 0:
        return { t: 's', body: `<v>${shared(`<si><t${space()}>${text()}</t></si>`)}</v>` };
      case 1:
        return {
          t: 's',
          body: `<v>${shared(`<si><r><rPr><b/><sz val="11"/><rFont val="Calibri"/></rPr><t>${text()}</t></r><r><t xml:space="preserve">${text()}</t></r></si>`)}</v>`,
        };
      case 2:
        return { t: 's', body: `<v>${shared(`<si><t>${text()}</t><rPh sb="0" eb="1"><t>ふ</t></rPh><phoneticPr fontId="1"/></si>`)}</v>` };
      case 3:
        return { t: 's', body: `<v>${shared(r.pick(['<si/>', '<si><t/></si>', '<si><r><t>a</t></r><r><rPr><i/></rPr></r></si>']))}</v>` };
      case 4:
        return { t: 'inlineStr', body: `<is><t${space()}>${text()}</t></is>` };
      case 5:
        return { t: 'inlineStr', body: `<is><r><rPr><b/></rPr><t>${text()}</t></r><r><t>${text()}</t></r></is>` };
      case 6:
        return { t: 'inlineStr', body: r.pick(['<is><t/></is>', '<is><t></t></is>', '<is/>']) };
      case 7:
      case 8:
        return { body: `<v>${r.pick(NUMBERS)}</v>` };
      case 9:
        return { t: 'n', body: `<v>${r.pick(NUMBERS)}</v>` };
      case 10:
        return { t: 'b', body: `<v>${r.pick(['1', '0', 'true'])}</v>` };
      case 11:
        return { t: 'e', body: `<v>${r.pick(['#N/A', '#DIV/0!', '#REF!'])}</v>` };
      case 12:
        return { t: 'str', body: `<v>${text()}</v>` };
      case 13:
        return { body: `<f>SUM(A1:A3)</f><v>${r.pick(NUMBERS)}</v>` };
      case 14:
        return { t: 'str', body: `<f>CONCAT(A1,"x")</f><v>${text()}</v>` };
      case 15:
        return { t: r.pick(['b', 'e']), body: `<f>A1</f><v>${r.pick(['1', '0', '#N/A'])}</v>` };
      case 16:
        return {
          body: r.pick([
            '<f>A1+1</f>',
            '<f>A1+1</f><v></v>',
            '<f t="shared" ref="A1:A9" si="0">B1</f><v>4</v>',
            '<f t="shared" si="0"/><v>5</v>',
          ]),
        };
      case 17:
        return { body: r.pick(['<f t="shared" si="0"/>', '<f></f><v>8</v>', '<f/><v>9</v>']) };
      case 18:
        return { body: r.pick(['<v></v>', '<v/>']) };
      case 19:
        return { t: r.pick(['s', 'inlineStr', 'n', 'b', 'e', 'str', undefined]) };
      case 20:
        return { t: 'inlineStr', body: `<v>${text()}</v>` };
      default:
        return { t: 's', body: `<v>${shared(`<si><t>${text()}</t></si>`)}</v>` };
    }
  };
  const cellXml = (ref: string, style: number | undefined, { t, body }: { t?: string; body?: string }): string => {
    const attrs = `r="${ref}"${style === undefined ? '' : ` s="${style}"`}${t ? ` t="${t}"` : ''}`;
    return body === undefined ? `<c ${attrs}/>` : `<c ${attrs}>${body}</c>`;
  };

  const width = headers.length + 3;
  // The header row: the tab's headers (two moved), an official's own column, each written in one of the string forms.
  const order = [...headers];
  const a = r.int(order.length);
  const b = r.int(order.length);
  [order[a], order[b]] = [order[b]!, order[a]!];
  order.push('Người theo dõi');
  const header = order.map((h, i) => {
    const ref = `${columnLetter(i)}1`;
    const escaped = h.replace(/&/g, '&amp;').replace(/</g, '&lt;');
    switch (r.int(3)) {
      case 0:
        return cellXml(ref, undefined, { t: 's', body: `<v>${shared(`<si><t>${escaped}</t></si>`)}</v>` });
      case 1:
        return cellXml(ref, undefined, { t: 'inlineStr', body: `<is><t>${escaped}</t></is>` });
      default:
        return cellXml(ref, undefined, {
          t: 'inlineStr',
          body: `<is><r><t>${escaped.slice(0, 2)}</t></r><r><t>${escaped.slice(2)}</t></r></is>`,
        });
    }
  });
  const rows = [`<row r="1" spans="1:${width}">${header.join('')}</row>`];
  let rowNumber = 1;
  for (let n = 0; n < 120; n++) {
    rowNumber += 1 + (r.chance(0.2) ? r.int(5) : 0);
    const cells: string[] = [];
    for (let col = 1; col <= width; col++) {
      if (!r.chance(0.55)) continue;
      cells.push(cellXml(`${columnLetter(col - 1)}${rowNumber}`, r.pick(styles.ids), cell()));
    }
    const attrs = r.chance(0.3) ? ' ht="30" customHeight="1"' : '';
    rows.push(
      cells.length === 0 && r.chance(0.5) ? `<row r="${rowNumber}"${attrs}/>` : `<row r="${rowNumber}"${attrs}>${cells.join('')}</row>`,
    );
  }
  return { rows: rows.join(''), strings };
}

/** The sheet part of each tab, by the workbook's names and relationships. */
async function sheetParts(zip: JSZip): Promise<Map<string, string>> {
  const workbook = await zip.file('xl/workbook.xml')!.async('string');
  const rels = await zip.file('xl/_rels/workbook.xml.rels')!.async('string');
  const parts = new Map<string, string>();
  for (const [, name, id] of workbook.matchAll(/<sheet [^>]*?name="([^"]*)"[^>]*?r:id="([^"]*)"/g)) {
    const target = new RegExp(`Id="${id}"[^>]*?Target="([^"]*)"|Target="([^"]*)"[^>]*?Id="${id}"`).exec(rels)!;
    const tab = tabForName(name!);
    if (tab) parts.set(tab.key, `xl/${(target[1] ?? target[2])!.replace(/^\/?xl\//, '')}`);
  }
  return parts;
}

/** A store (made by the store itself, its tasks tab then rewritten with generated rows), and what to do to it after. */
async function generatedStore(seed: number, options: { date1904?: boolean; edit?: (sheet: string) => string } = {}): Promise<string> {
  const path = join(await tempDir(), `store-${seed}.xlsx`);
  await new XlsxStore(path).create(await sampleTables());
  const zip = await JSZip.loadAsync(await readFile(path));
  const { xml: stylesXml, styles } = addStyles(await zip.file('xl/styles.xml')!.async('string'));
  zip.file('xl/styles.xml', stylesXml);
  const stringsXml =
    (await zip.file('xl/sharedStrings.xml')?.async('string')) ??
    '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"></sst>';
  const count = (stringsXml.match(/<si\b/g) ?? []).length;
  const part = (await sheetParts(zip)).get('tasks')!;
  const sheet = await zip.file(part)!.async('string');
  const { rows, strings } = generatedRows(
    TASKS_TAB.columns.map((c) => c.header),
    count,
    styles,
    seed,
  );
  zip.file('xl/sharedStrings.xml', stringsXml.replace('</sst>', `${strings.join('')}</sst>`));
  const written = sheet.replace(/<sheetData\s*\/>|<sheetData>[\s\S]*<\/sheetData>/, `<sheetData>${rows}</sheetData>`);
  zip.file(part, options.edit ? options.edit(written) : written);
  if (options.date1904) {
    const workbook = await zip.file('xl/workbook.xml')!.async('string');
    zip.file(
      'xl/workbook.xml',
      workbook.includes('<workbookPr')
        ? workbook.replace('<workbookPr', '<workbookPr date1904="1"')
        : workbook.replace(/(<workbook[^>]*>)/, '$1<workbookPr date1904="1"/>'),
    );
  }
  await writeFile(path, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
  return path;
}

const streamed = async (path: string, wanted: readonly TabSpec[] = TABS) =>
  streamTabs(new ZipArchive(await readFile(path), path, 'Excel'), wanted);

/** The loaded read (exceljs loads the workbook): every tab's rows, and each tab's sheet name and columns. */
const loaded = (path: string) => new XlsxStore(path).readShaped();

describe('the streamed read of the store reads what loading it reads', () => {
  it.each([1, 2, 3, 4, 5, 6])('a store of every kind of cell, seed %i', async (seed) => {
    const path = await generatedStore(seed, { date1904: seed % 3 === 0 });
    const read = await streamed(path);
    expect(read, 'the scan reads this store').not.toBeNull();
    const whole = await loaded(path);
    expect(read!.tables).toEqual(whole.tables);
    expect(read!.shape).toEqual(whole.shape);
    // The header's columns a patched write writes by: those loading finds, and the sheet part they came from.
    const zip = await JSZip.loadAsync(await readFile(path));
    const parts = await sheetParts(zip);
    for (const tab of TABS) {
      expect(read!.sheets[tab.key]!.part).toBe(parts.get(tab.key));
      expect([...read!.sheets[tab.key]!.columns.keys()].sort()).toEqual([...whole.shape.get(tab.key)!.columns].sort());
    }
    // The generated rows are there, with their values of every type.
    const tasks = read!.tables['tasks']!;
    expect(tasks.length).toBeGreaterThan(50);
    const values = tasks.flatMap((row) => Object.values(row));
    for (const type of ['string', 'number', 'boolean']) expect(values.some((v) => typeof v === type)).toBe(true);
    expect(values.some((v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v))).toBe(true);
  });

  it('a store as the store writes it, and as its patched writes leave it', async () => {
    const path = join(await tempDir(), 'cchc.xlsx');
    const store = new XlsxStore(path);
    await store.create(await sampleTables());
    const tables = await store.read();
    expect(await streamed(path)).toMatchObject({ tables: (await loaded(path)).tables });
    const tasks = tables['tasks']!.map((row, i) =>
      i % 2 ? { ...row, product: `Báo cáo & <kết quả> ${i}  `, completedOn: '2026-05-0' + (1 + (i % 9)) } : row,
    );
    await store.write({ ...tables, tasks });
    const read = await streamed(path);
    expect(read?.tables).toEqual((await loaded(path)).tables);
    expect(read?.tables['tasks']?.[1]?.['product']).toBe('Báo cáo & <kết quả> 1  ');
  });

  it('every store and workbook of the repository that has a tab of the store', async () => {
    const root = join(__dirname, '../..');
    const files: string[] = [];
    const walk = async (dir: string): Promise<void> => {
      for (const entry of await readdir(dir, { withFileTypes: true })) {
        if (entry.name === 'node_modules' || entry.name.startsWith('.') || entry.name === 'dist') continue;
        const full = join(dir, entry.name);
        if (entry.isDirectory()) await walk(full);
        else if (entry.name.endsWith('.xlsx')) files.push(full);
      }
    };
    for (const dir of ['templates', 'test/fixtures']) await walk(join(root, dir));
    expect(files.length).toBeGreaterThan(5);
    let compared = 0;
    for (const file of files) {
      const whole = await loaded(file).catch(() => null);
      if (!whole) continue;
      const wanted = TABS.filter((tab) => whole.shape.get(tab.key)?.name === tab.name);
      if (wanted.length === 0) continue;
      const read = await streamed(file, wanted);
      if (!read) continue;
      compared++;
      for (const tab of wanted) {
        expect(read.tables[tab.key], `${file}: ${tab.name}`).toEqual(whole.tables[tab.key]);
        expect(read.shape.get(tab.key), `${file}: ${tab.name}`).toEqual(whole.shape.get(tab.key));
      }
    }
    expect(compared).toBeGreaterThan(0);
  });

  const unsure: [string, (sheet: string) => string][] = [
    ['merged cells', (s) => s.replace('</sheetData>', '</sheetData><mergeCells count="1"><mergeCell ref="B2:C2"/></mergeCells>')],
    [
      'a link',
      (s) => s.replace('</sheetData>', '</sheetData><hyperlinks><hyperlink ref="H2" location="\'Nhiệm vụ\'!A1" display="x"/></hyperlinks>'),
    ],
    ['an XML comment among the cells', (s) => s.replace(/(<row r="2"[^>]*>)/, '$1<!-- ghi chú -->')],
    ['CDATA in a text', (s) => s.replace(/<is><t([^>]*)>/, '<is><t$1><![CDATA[x]]>')],
    ['a row without its address', (s) => s.replace(/<row r="2"/, '<row')],
    ['rows out of order', (s) => s.replace(/<row r="1"( [^>]*)?>([\s\S]*?)<\/row>([\s\S]*?<\/row>)/, '$3<row r="1"$1>$2</row>')],
    ['a cell of another row', (s) => s.replace(/<c r="([A-Z]+)2"/, '<c r="$13"')],
    ['a shared string the part does not hold', (s) => s.replace(/(<row r="[2-9][^>]*>[\s\S]*?t="s"><v>)\d+/, '$1999999')],
    ['a cell attribute in single quotes', (s) => s.replace(/<c r="([A-Z]+2)" s="(\d+)"/, "<c r='$1' s='$2'")],
  ];

  it.each(unsure)('answers null where it is not sure (%s), and the store loads the workbook', async (_, edit) => {
    const path = await generatedStore(7, { edit });
    expect(await streamed(path)).toBeNull();
    const whole = await loaded(path).catch(() => null);
    if (whole) expect(await new XlsxStore(path).read()).toEqual(whole.tables);
  });

  it('answers null for a tab not under its own name', async () => {
    const path = await generatedStore(8);
    const zip = await JSZip.loadAsync(await readFile(path));
    const workbook = await zip.file('xl/workbook.xml')!.async('string');
    zip.file('xl/workbook.xml', workbook.replace(`name="${TASKS_TAB.name}"`, 'name="NV 2026"'));
    await writeFile(path, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
    expect(await streamed(path)).toBeNull();
    expect(
      await streamed(
        path,
        TABS.filter((tab) => tab.key !== 'tasks'),
      ),
    ).not.toBeNull();
  });
});
