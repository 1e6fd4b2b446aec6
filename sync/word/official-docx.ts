/**
 * Renders an official document model as a Word file in the Nghị định 30/2020/NĐ-CP
 * layout: A4 portrait, margins top and bottom 20 mm, left 30 mm, right 15 mm;
 * Times New Roman, body 14 pt; the heading table (authority and number | national
 * title, motto, place and date); the title; the body; "Nơi nhận" beside the
 * signature block; page numbers centred at the top from the second page. Blanks
 * the official fills are highlighted in yellow.
 */
import {
  AlignmentType,
  BorderStyle,
  convertMillimetersToTwip,
  Document,
  ExternalHyperlink,
  Header,
  HighlightColor,
  PageNumber,
  Paragraph,
  Table,
  TableBorders,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  type IBorderOptions,
  type ParagraphChild,
} from 'docx';
import { blankText, isBlank, type Block, type Inline, type OfficialDocument, type ReportTable } from '../../core/index';
import { LongTables, wholeTable, type LongTable } from './long-tables';

const FONT = 'Times New Roman';
/** docx sizes are half-points. */
const pt = (n: number): number => n * 2;
const BODY = pt(14);
const TABLE_TEXT = pt(12);

export const PAGE = {
  // Word's own A4 size in twips (210 × 297 mm rounded up).
  width: 11906,
  height: 16838,
  margin: {
    top: convertMillimetersToTwip(20),
    bottom: convertMillimetersToTwip(20),
    left: convertMillimetersToTwip(30),
    right: convertMillimetersToTwip(15),
  },
};
const TEXT_WIDTH = PAGE.width - PAGE.margin.left - PAGE.margin.right;

interface RunStyle {
  bold?: boolean;
  italics?: boolean;
  size?: number;
}

function runs(parts: readonly Inline[], style: RunStyle = {}): TextRun[] {
  return parts.map((p) =>
    isBlank(p)
      ? new TextRun({
          text: blankText(p),
          ...style,
          italics: p.blank !== '' || style.italics,
          highlight: HighlightColor.YELLOW,
          font: FONT,
        })
      : new TextRun({ text: p, ...style, font: FONT }),
  );
}

function line(
  parts: readonly Inline[],
  style: RunStyle & { align?: (typeof AlignmentType)[keyof typeof AlignmentType]; after?: number } = {},
): Paragraph {
  const { align, after, ...run } = style;
  return new Paragraph({ alignment: align ?? AlignmentType.CENTER, spacing: { after: after ?? 0 }, children: runs(parts, run) });
}

const NO_BORDERS = TableBorders.NONE;
const NO_LINE: IBorderOptions = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const THIN: IBorderOptions = { style: BorderStyle.SINGLE, size: 4, color: '000000' };

/** A borderless two-column layout table: the heading, and "Nơi nhận" beside the signature. */
function layout(widths: [number, number], left: Paragraph[], right: Paragraph[]): Table {
  const cellOf = (children: Paragraph[], width: number) =>
    new TableCell({
      children,
      width: { size: width, type: WidthType.DXA },
      borders: { top: NO_LINE, bottom: NO_LINE, left: NO_LINE, right: NO_LINE },
    });
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    borders: NO_BORDERS,
    rows: [new TableRow({ cantSplit: true, children: [cellOf(left, widths[0]), cellOf(right, widths[1])] })],
  });
}

/** A short centred rule under the authority and under the motto, as the decree draws them. */
const rule = (): Paragraph =>
  new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { after: 120 },
    children: [new TextRun({ text: '───────', font: FONT, size: pt(9) })],
  });

function heading(doc: OfficialDocument): Table {
  const left = Math.round(TEXT_WIDTH * 0.42);
  return layout(
    [left, TEXT_WIDTH - left],
    [line([doc.authority], { bold: true, size: pt(12) }), rule(), line(doc.number, { size: pt(13) })],
    [
      line(['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'], { bold: true, size: pt(12) }),
      line(['Độc lập - Tự do - Hạnh phúc'], { bold: true, size: pt(13) }),
      rule(),
      line(doc.placeDate, { italics: true, size: pt(13) }),
    ],
  );
}

function table(t: ReportTable, tables?: LongTables): (Paragraph | Table)[] {
  const total = t.columns.reduce((s, c) => s + c.width, 0);
  const widths = t.columns.map((c) => Math.floor((c.width / total) * TEXT_WIDTH));
  const cellOf = (text: ParagraphChild[], i: number, bold: boolean, header: boolean) =>
    new TableCell({
      width: { size: widths[i]!, type: WidthType.DXA },
      verticalAlign: header ? VerticalAlign.CENTER : VerticalAlign.TOP,
      borders: { top: THIN, bottom: THIN, left: THIN, right: THIN },
      margins: { left: 60, right: 60 },
      children: [
        new Paragraph({
          alignment: header ? AlignmentType.CENTER : t.columns[i]!.numeric ? AlignmentType.RIGHT : AlignmentType.LEFT,
          children: text.length ? text : [new TextRun({ text: '', font: FONT, size: TABLE_TEXT, bold })],
        }),
      ],
    });
  const text = (s: string, bold: boolean) => new TextRun({ text: s, font: FONT, size: TABLE_TEXT, bold });
  const title = new Paragraph({
    spacing: { before: 120, after: 60 },
    keepNext: true,
    children: [new TextRun({ text: t.title, font: FONT, size: BODY, bold: true, italics: true })],
  });
  if (t.rows.length === 0)
    return [title, new Paragraph({ children: [new TextRun({ text: t.empty, font: FONT, size: BODY, italics: true })] })];
  const header = (): TableRow =>
    new TableRow({ tableHeader: true, children: t.columns.map((c, i) => cellOf([text(c.header, true)], i, true, true)) });
  const row = (r: ReportTable['rows'][number]): TableRow =>
    new TableRow({
      cantSplit: true,
      children: t.columns.map((_, i) => {
        const c = r.cells[i];
        if (!c) return cellOf([], i, r.bold ?? false, false);
        const run = text(c.text, r.bold ?? false);
        return cellOf(
          [
            c.link
              ? new ExternalHyperlink({
                  link: c.link,
                  children: [new TextRun({ text: c.text, font: FONT, size: TABLE_TEXT, style: 'Hyperlink' })],
                })
              : run,
          ],
          i,
          r.bold ?? false,
          false,
        );
      }),
    });
  const long: LongTable = {
    table: (rows) => new Table({ width: { size: TEXT_WIDTH, type: WidthType.DXA }, columnWidths: widths, rows }),
    length: t.rows.length + 1,
    rows: (from, to) => Array.from({ length: to - from }, (_, k) => (from + k === 0 ? header() : row(t.rows[from + k - 1]!))),
  };
  return [title, tables ? tables.place(long) : wholeTable(long)];
}

/** A body paragraph (a bullet too, its dash written out): justified, first line indented 10 mm. */
function bodyParagraph(parts: readonly Inline[]): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    spacing: { after: 60 },
    indent: { firstLine: convertMillimetersToTwip(10) },
    children: runs(parts, { size: BODY }),
  });
}

function block(b: Block, tables?: LongTables): (Paragraph | Table)[] {
  switch (b.kind) {
    case 'heading':
      return [
        new Paragraph({
          spacing: { before: 120, after: 60 },
          keepNext: true,
          indent: { firstLine: convertMillimetersToTwip(10) },
          children: runs([b.text], { bold: true, size: BODY }),
        }),
      ];
    case 'paragraph':
      return [bodyParagraph(b.parts)];
    case 'bullet':
      return [bodyParagraph(['- ', ...b.parts])];
    case 'table':
      return table(b.table, tables);
  }
}

function signature(doc: OfficialDocument): Table {
  const left = Math.round(TEXT_WIDTH * 0.5);
  const recipients = [
    new Paragraph({ children: runs(['Nơi nhận:'], { bold: true, italics: true, size: pt(12) }) }),
    ...doc.recipients.map((r) => new Paragraph({ children: runs(['- ', ...r], { size: pt(11) }) })),
  ];
  const signer = [
    line([doc.signature.capacity], { bold: true, size: pt(14) }),
    line([doc.signature.title], { bold: true, size: pt(14), after: 1200 }),
    line(doc.signature.name, { bold: true, size: pt(14) }),
  ];
  return layout([left, TEXT_WIDTH - left], recipients, signer);
}

/** The document as a docx Document; with `tables`, its long tables are filled in as it is packed (long-tables.ts). */
export function officialDocx(doc: OfficialDocument, keywords?: string, tables?: LongTables): Document {
  const pageNumber = new Header({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ children: [PageNumber.CURRENT], font: FONT, size: BODY })],
      }),
    ],
  });
  return new Document({
    creator: 'cchc-sheets',
    keywords,
    title: `${doc.kind} ${doc.title}`,
    styles: { default: { document: { run: { font: FONT, size: BODY } } } },
    sections: [
      {
        properties: { titlePage: true, page: { size: { width: PAGE.width, height: PAGE.height }, margin: PAGE.margin } },
        // The decree numbers pages from the second, at the top centre.
        headers: { default: pageNumber, first: new Header({ children: [] }) },
        children: [
          heading(doc),
          new Paragraph({
            spacing: { before: 240 },
            alignment: AlignmentType.CENTER,
            children: runs([doc.kind], { bold: true, size: BODY }),
          }),
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { after: 240 },
            children: runs([doc.title], { bold: true, size: BODY }),
          }),
          ...doc.body.flatMap((b) => block(b, tables)),
          new Paragraph({ spacing: { after: 240 }, children: [] }),
          signature(doc),
        ],
      },
    ],
  });
}

/**
 * The .docx bytes; `keywords` mark it as a command's output (see files/output-guard). No Node here: the menu's
 * export dialog calls this in the official's browser.
 */
export function officialDocxBytes(doc: OfficialDocument, keywords?: string): Promise<Uint8Array> {
  const tables = new LongTables();
  return tables.pack(officialDocx(doc, keywords, tables));
}
