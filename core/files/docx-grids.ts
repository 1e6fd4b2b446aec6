/**
 * Reads a plan's appendix straight from its Word .docx: finds the task table by its
 * header among the document's tables (skipping the national heading, signature and
 * "Nơi nhận" tables), joins a table continued after a page break, and hands the
 * resulting plain grid to the same core parser the Excel reader uses. The plan's
 * number, date and ward come from the appendix's "(Kèm theo …)" line, else from
 * the national heading. Synchronous and pure: the CLI and the sheet's menu read a plan alike.
 */
import type { GridRow } from '../appendix/parse-appendix';
import { PROSE_SHEET, type ImportSheet } from '../import/plan-import';
import { matchKey, nfc, nfcMultiline } from '../text/vietnamese';
import { notDocx, TableFileError, unparsedInput } from './file-errors';
import { NUMBERING_ELEMENTS, WordNumbering } from './docx-numbering';
import { bodyBlocks, DOCUMENT_ELEMENTS, findBody, type WordBlock, type WordTable } from './docx-xml';
import { parseXml, XmlTooDeepError, type XmlElement } from './xml-tree';
import type { ZipArchive } from './zip';

/** A part that cannot be parsed: too deep is passed on (readTableFile says so), anything else is unreadable. */
function parseFailure(error: unknown, name: string): Error {
  if (error instanceof TableFileError || error instanceof XmlTooDeepError) return error;
  return unparsedInput(name, 'Word');
}

/** One table of the document (with the tables continuing it) as the grid the appendix parser reads. */
export interface DocxGrid {
  /** "Bảng 3": the table's place among the document's tables, as an official would count them. */
  name: string;
  /** Title paragraphs above the table (row 0: not a table row), then its rows numbered from 1. */
  grid: GridRow[];
  /** Lines of the national heading ("Số: 158/KH-UBND", "Nhị Chiểu, ngày 05 tháng 5 năm 2026"). */
  heading: string[];
  /** First cell of the table, to name it when no table is an appendix. */
  firstCell: string;
}

const OFFICE_DOCUMENT = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument';
/** "CỘNG HÒA XÃ HỘI CHỦ NGHĨA", as compared: old tone marks ("HOÀ") and NFD match too. */
const NATIONAL = matchKey('Cộng hòa xã hội chủ nghĩa');
/** Title lines kept above a table when no "PHỤ LỤC" / "DANH MỤC" line marks where they start. */
const MAX_TITLE_LINES = 4;

/** A part parsed; null when the document lacks it. Unparsable is unreadable, too deep is said so. */
function part(zip: ZipArchive, partName: string, keep: ReadonlySet<string>): XmlElement | null {
  const xml = zip.textOf(partName);
  if (xml === null) return null;
  try {
    return parseXml(xml, keep);
  } catch (error) {
    throw parseFailure(error, zip.fileName);
  }
}

/** The main document part: named by the package relationships, "word/document.xml" by convention. */
function mainPart(zip: ZipArchive): XmlElement {
  const rels = zip.textOf('_rels/.rels');
  const target = rels
    ? [...rels.matchAll(/<Relationship\b[^>]*>/g)]
        .map((m) => m[0])
        .find((r) => r.includes(`Type="${OFFICE_DOCUMENT}"`))
        ?.match(/Target="\/?([^"]+)"/)?.[1]
    : undefined;
  const root =
    (target !== undefined && zip.has(target) ? part(zip, target, DOCUMENT_ELEMENTS) : null) ??
    part(zip, 'word/document.xml', DOCUMENT_ELEMENTS);
  if (root === null) {
    throw notDocx(zip.fileName);
  }
  return root;
}

/** The document's blocks (paragraphs and tables, in order) of a checked Word package. */
export function docxBlocks(zip: ZipArchive): WordBlock[] {
  const body = findBody(mainPart(zip));
  if (!body) throw unparsedInput(zip.fileName, 'Word');
  return bodyBlocks(
    body,
    new WordNumbering(
      part(zip, 'word/numbering.xml', NUMBERING_ELEMENTS) ?? undefined,
      part(zip, 'word/styles.xml', NUMBERING_ELEMENTS) ?? undefined,
    ),
  );
}

/** An empty paragraph, page break or section break: what Word leaves between the two halves of a table cut by a page. */
const isGap = (b: WordBlock): boolean => b.kind === 'paragraph' && nfc(b.text) === '';

/**
 * Whether a cell can hold the national heading, cheaply: "CHỦ NGHĨA" keeps its letters n-g-h together in any Unicode
 * form (only full-width letters, folded by matchKey, would not). matchKey on every cell of a 500-task table was a
 * fifth of a Word plan's reading.
 */
const mayBeNational = (cell: string): boolean => /ngh/i.test(cell) || /[\uff00-\uffef]/.test(cell);

/** The national heading: the first table holding "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", else the paragraphs above "KẾ HOẠCH". */
function headingLines(blocks: readonly WordBlock[]): string[] {
  const lines = (texts: string[]): string[] => texts.flatMap((t) => nfcMultiline(t).split('\n')).filter((l) => l !== '');
  const table = blocks.find(
    (b): b is WordTable =>
      b.kind === 'table' && b.rows.some((r) => r.cells.some((c) => c !== null && mayBeNational(c) && matchKey(c).includes(NATIONAL))),
  );
  if (table) return lines(table.rows.flatMap((r) => r.cells.map((c) => c ?? '')));
  // Without a heading table, only what stands above the plan's own "KẾ HOẠCH" line: never the prose, which quotes other plans.
  const end = blocks.findIndex((b) => b.kind === 'paragraph' && /^KẾ HOẠCH\b/u.test(nfc(b.text)));
  const above = blocks.slice(0, Math.max(end, 0));
  return above.every((b) => b.kind === 'paragraph') ? lines(above.map((b) => (b.kind === 'paragraph' ? b.text : ''))) : [];
}

/** The paragraphs just above a table: back to the previous table or page break, from "PHỤ LỤC" / "DANH MỤC" on if present. */
function titleLinesAbove(blocks: readonly WordBlock[], index: number): string[] {
  const lines: string[] = [];
  for (let i = index - 1; i >= 0; i--) {
    const b = blocks[i]!;
    if (b.kind === 'table' || b.breakAfter) break;
    const text = nfc(b.text);
    if (text !== '') lines.unshift(text);
  }
  const start = lines.findIndex((l) => /^(PHỤ LỤC|DANH MỤC)/iu.test(l));
  return start >= 0 ? lines.slice(start) : lines.slice(-MAX_TITLE_LINES);
}

/** Each table with the tables that continue it (only empty paragraphs or page breaks between, same columns), as a grid. */
export function docxGrids(blocks: readonly WordBlock[], heading = headingLines(blocks)): DocxGrid[] {
  const tables = blocks.flatMap((b, i) => (b.kind === 'table' ? [i] : []));
  return tables.map((start, n) => {
    const first = blocks[start] as WordTable;
    const group = [first];
    for (let i = start + 1; i < blocks.length; i++) {
      const b = blocks[i]!;
      if (b.kind === 'table' && b.width === first.width) group.push(b);
      else if (!isGap(b)) break;
    }
    const grid: GridRow[] = titleLinesAbove(blocks, start).map((text) => ({ row: 0, cells: [text], bold: false }));
    let row = 0;
    let previous: GridRow | undefined;
    for (const table of group) {
      for (const r of table.rows) {
        // A merge continued from the table before: the value of the row above, in the first table nothing.
        const cells = r.cells.map((c, i) => (c === null ? (previous?.cells[i] ?? '') : nfcMultiline(c)));
        previous = { row: ++row, cells, bold: r.bold, ...(r.spans ? { spans: r.spans } : {}) };
        grid.push(previous);
      }
    }
    const firstCell = nfcMultiline(first.rows[0]?.cells.find((c) => c !== null && nfc(c) !== '') ?? '').split('\n')[0] ?? '';
    return { name: `Bảng ${n + 1}`, grid, heading, firstCell };
  });
}

/**
 * The document's tables as the sheets the core importer reads (each with the national heading, for the plan's
 * number, date and ward), then its paragraphs outside tables as one sheet of prose: a plan that lists its duties
 * per unit has no table. Which table is the appendix, or whether the prose assigns duties, is the core's to find.
 */
export function docxSheets(zip: ZipArchive): ImportSheet[] {
  const blocks = docxBlocks(zip);
  const heading = headingLines(blocks);
  const grids = docxGrids(blocks, heading);
  const sheets: ImportSheet[] = grids.map(({ name, grid, firstCell }) => ({
    sheet: name,
    grid,
    heading,
    label: `${name.toLowerCase()} ("${firstCell.length > 40 ? `${firstCell.slice(0, 40)}…` : firstCell}")`,
  }));
  const prose = blocks.flatMap((b) => (b.kind === 'paragraph' && nfc(b.text) !== '' ? [nfc(b.text.replace(/\n/g, ' '))] : []));
  if (prose.length > 0) sheets.push({ sheet: PROSE_SHEET, grid: [], heading, prose });
  return sheets;
}
