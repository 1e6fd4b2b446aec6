/**
 * Word's automatic numbering: the STT Word draws (w:numPr) is read as Word shows it. Expected numbers come from the
 * seed plans' text and from how Word numbers lists, never from the reader.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseXml, WordNumbering } from '../../core/index';
import { readAppendix } from '../helpers/appendix-reader';
import { readGrids } from '../../sync/excel/read-grids';
import { docxFile, numberedParagraph, NUMBERING_XML, seedTable, table, wordPlanFromSeed } from '../fixtures/appendix-docx';
import { cchcAsync } from '../helpers/cli';
import { useTempDir } from '../helpers/tmp';

const tempDir = useTempDir();
const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

/** The numbers Word shows for these paragraphs' numbering properties, in order. */
function labels(numbering: string, pPrs: string[], styles?: string): string[] {
  const n = new WordNumbering(parseXml(numbering), styles ? parseXml(styles) : undefined);
  return pPrs.map((pPr) => {
    const p = parseXml(`<w:p xmlns:w="${W}"><w:pPr>${pPr}</w:pPr></w:p>`).children[0]!;
    return n.label(p.children.find((c) => c.local === 'pPr'));
  });
}

const numPr = (numId: number, ilvl = 0): string => `<w:numPr><w:ilvl w:val="${ilvl}"/><w:numId w:val="${numId}"/></w:numPr>`;

const lvl = (ilvl: number, format: string, text: string, extra = ''): string =>
  `<w:lvl w:ilvl="${ilvl}"><w:start w:val="1"/><w:numFmt w:val="${format}"/><w:lvlText w:val="${text}"/>${extra}</w:lvl>`;
const numberingOf = (levels: string, nums = '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'): string =>
  `<w:numbering xmlns:w="${W}"><w:abstractNum w:abstractNumId="0">${levels}</w:abstractNum>${nums}</w:numbering>`;

describe("Word's automatic numbering", () => {
  it('an appendix whose STT and section numbers Word draws reads every task with its number and section', async () => {
    const path = join(await tempDir(), 'KE-HOACH-158.docx');
    await writeFile(path, await wordPlanFromSeed('nhi-chieu-appendix.tsv', 'nhi-chieu', { headers: 'marked', autoNumber: true }));
    const appendix = await readAppendix(path);
    const seed = seedTable('nhi-chieu-appendix.tsv').tasks;
    expect(seed).toHaveLength(19);
    expect(appendix.tasks.map((t) => [t.stt, t.section, t.title])).toEqual(seed.map((t) => [t.stt, t.section, t.cells[1]]));
  });

  it('cchc import of such a plan writes its 19 tasks (it was APPENDIX_EMPTY)', async () => {
    const dir = await tempDir();
    const plan = join(dir, 'KE-HOACH-158.docx');
    await writeFile(plan, await wordPlanFromSeed('nhi-chieu-appendix.tsv', 'nhi-chieu', { autoNumber: true, mergeColumns: [2, 5] }));
    const store = join(dir, 'cchc.xlsx');
    expect((await cchcAsync(['init', '--store', store])).code).toBe(0);
    const imported = await cchcAsync(['import', plan, '--store', store]);
    expect(imported.stderr).toBe('');
    expect(imported.stdout).toContain('Thêm mới 19');
  });

  it('levels: "%1.%2" under "%1", deeper levels restart when a higher one moves on, letters and Roman numerals', () => {
    const numbering = numberingOf(lvl(0, 'upperRoman', '%1.') + lvl(1, 'decimal', '%2.') + lvl(2, 'lowerLetter', '%2.%3)'));
    expect(labels(numbering, [numPr(1), numPr(1, 1), numPr(1, 1), numPr(1, 2), numPr(1, 2), numPr(1), numPr(1, 1), numPr(1, 2)])).toEqual([
      'I.',
      '1.',
      '2.',
      '2.a)',
      '2.b)',
      'II.',
      '1.',
      '1.a)',
    ]);
  });

  it('a list restarted in Word (a new w:num with startOverride) starts over; one sharing the list without it continues', () => {
    const nums =
      '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>' +
      '<w:num w:numId="2"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>' +
      '<w:num w:numId="3"><w:abstractNumId w:val="0"/></w:num>';
    const numbering = numberingOf(lvl(0, 'decimal', '%1.'), nums);
    expect(labels(numbering, [numPr(1), numPr(1), numPr(2), numPr(2), numPr(3)])).toEqual(['1.', '2.', '1.', '2.', '3.']);
  });

  it('legal numbering shows higher levels as digits; bullets and numId 0 show no number; a style can number', () => {
    const numbering = numberingOf(lvl(0, 'upperRoman', '%1') + lvl(1, 'decimal', '%1.%2', '<w:isLgl/>') + lvl(2, 'bullet', '•'));
    expect(labels(numbering, [numPr(1), numPr(1, 1), numPr(1, 2), numPr(0)])).toEqual(['I', '1.1', '', '']);
    const styles = `<w:styles xmlns:w="${W}"><w:style w:type="paragraph" w:styleId="ListNumber"><w:pPr>${numPr(1)}</w:pPr></w:style></w:styles>`;
    expect(
      labels(numberingOf(lvl(0, 'decimal', '%1.')), ['<w:pStyle w:val="ListNumber"/>', '<w:pStyle w:val="ListNumber"/>'], styles),
    ).toEqual(['1.', '2.']);
  });

  it('numbers run on across table cells in document order, and the number comes before a paragraph that has text', async () => {
    const body = table(
      [
        { cells: [{ xml: numberedParagraph(1) }, { xml: `<w:p><w:pPr>${numPr(1, 1)}</w:pPr><w:r><w:t>Rà soát</w:t></w:r></w:p>` }] },
        { cells: [{ xml: numberedParagraph(1) }, { text: 'x' }] },
      ],
      2,
    );
    const path = join(await tempDir(), 'bang.docx');
    await writeFile(path, await docxFile(body, { numbering: NUMBERING_XML }));
    const [sheet] = await readGrids(path);
    expect(sheet!.grid.map((r) => r.cells)).toEqual([
      ['1', '1.1 Rà soát'],
      ['2', 'x'],
    ]);
  });
});
