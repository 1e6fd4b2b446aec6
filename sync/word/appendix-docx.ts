/**
 * Writes a plan's task catalog as the appendix of a Word plan, ready to paste into
 * it: A4 landscape, Times New Roman, the title lines, a header row Word repeats on
 * every page, bold section rows spanning the table, and a lead unit written once
 * (merged down) over a run of tasks of a section that share it, as plans do.
 */
import {
  AlignmentType,
  Document,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  VerticalMergeType,
  WidthType,
} from 'docx';
import { appendixColumns, appendixLines, appendixTitleLines, type AppendixColumn, type Plan, type Task } from '../../core/index';
import { LongTables, wholeTable, type LongTable } from './long-tables';

export interface DocxExportOptions {
  withProgress?: boolean;
}

const FONT = 'Times New Roman';
/** Half-points: 13 pt for the title lines, 12 pt in the table. */
const TITLE_SIZE = 26;
const TABLE_SIZE = 24;
/** A4 in twentieths of a point, and the margins of an official document (Nghị định 30/2020/NĐ-CP). */
const A4 = { width: 11906, height: 16838 };
const MARGIN = { top: 1134, bottom: 1134, left: 1418, right: 850 };
const TABLE_WIDTH = A4.height - MARGIN.left - MARGIN.right;

function lines(
  text: string,
  run: { bold?: boolean; italics?: boolean; size?: number } = {},
  alignment?: (typeof AlignmentType)[keyof typeof AlignmentType],
): Paragraph[] {
  return text
    .split('\n')
    .map((line) => new Paragraph({ alignment, children: [new TextRun({ text: line, font: FONT, size: TABLE_SIZE, ...run })] }));
}

const cellText = (value: string | number | null): string =>
  value === null ? '' : typeof value === 'number' ? value.toLocaleString('vi-VN') : value;

/** Narrowest column: "STT" in bold 12 pt plus the cell margins, on one line. */
const MIN_COLUMN = 820;

/** The Excel widths scaled to the page, no column narrower than MIN_COLUMN. */
function columnWidths(columns: readonly AppendixColumn[]): number[] {
  const total = columns.reduce((sum, c) => sum + c.width, 0);
  const scaled = columns.map((c) => (c.width / total) * TABLE_WIDTH);
  const narrow = scaled.filter((w) => w < MIN_COLUMN).length;
  const wide = scaled.filter((w) => w >= MIN_COLUMN).reduce((a, b) => a + b, 0);
  const rest = TABLE_WIDTH - narrow * MIN_COLUMN;
  return scaled.map((w) => Math.floor(w < MIN_COLUMN ? MIN_COLUMN : (w / wide) * rest));
}

/** For each task of a section, whether its cell in `column` opens, continues or stands outside a run of equal values. */
function merges(tasks: readonly Task[], column: AppendixColumn): ('restart' | 'continue' | null)[] {
  const values = tasks.map((t) => cellText(column.value(t)));
  return values.map((v, i) => {
    if (v === '') return null;
    if (i > 0 && values[i - 1] === v) return 'continue';
    return values[i + 1] === v ? 'restart' : null;
  });
}

/** The appendix as a docx Document; with `long`, its table is filled in as the document is packed (long-tables.ts). */
export function appendixDocument(
  plan: Plan,
  tasks: readonly Task[],
  options: DocxExportOptions = {},
  keywords?: string,
  long?: LongTables,
): Document {
  // A printed table has no use for the task id (the workbook's import column).
  const columns = appendixColumns(tasks, options).filter((c) => !c.machine);
  const widths = columnWidths(columns);
  const cell = (children: Paragraph[], i: number, extra: { columnSpan?: number; verticalMerge?: 'restart' | 'continue' } = {}): TableCell =>
    new TableCell({
      children,
      width: {
        size: extra.columnSpan ? widths.slice(i, i + extra.columnSpan).reduce((a, b) => a + b, 0) : widths[i]!,
        type: WidthType.DXA,
      },
      columnSpan: extra.columnSpan,
      verticalMerge:
        extra.verticalMerge === 'restart'
          ? VerticalMergeType.RESTART
          : extra.verticalMerge === 'continue'
            ? VerticalMergeType.CONTINUE
            : undefined,
      verticalAlign: VerticalAlign.TOP,
    });

  const header = (): TableRow =>
    new TableRow({
      tableHeader: true,
      cantSplit: true,
      children: columns.map((c, i) => cell(lines(c.header, { bold: true }, AlignmentType.CENTER), i)),
    });
  // What each body row holds, without its docx objects (built a slice of rows at a time: long-tables.ts).
  const body: ({ section: { code: string; title: string } } | { task: Task; merged: ('restart' | 'continue' | null)[] })[] = [];
  // Runs are cut at section rows: a merge never spans one.
  const lineList = appendixLines(tasks);
  let start = 0;
  while (start < lineList.length) {
    const line = lineList[start]!;
    if (line.kind === 'section') {
      body.push({ section: { code: line.code, title: line.title } });
      start++;
      continue;
    }
    let end = start;
    while (end < lineList.length && lineList[end]!.kind === 'task') end++;
    const run = lineList.slice(start, end).map((l) => (l as { task: Task }).task);
    const merged = columns.map((c) => (c.mergeRuns ? merges(run, c) : run.map(() => null)));
    run.forEach((task, r) => body.push({ task, merged: merged.map((m) => m[r]!) }));
    start = end;
  }
  const row = (line: (typeof body)[number]): TableRow => {
    if ('section' in line) {
      return new TableRow({
        cantSplit: true,
        children: [
          cell(lines(line.section.code, { bold: true }, AlignmentType.CENTER), 0),
          cell(lines(line.section.title, { bold: true }), 1, { columnSpan: columns.length - 1 }),
        ],
      });
    }
    return new TableRow({
      // A task kept on one page: a row cut by a page break is what makes copies of the table go wrong.
      cantSplit: true,
      children: columns.map((c, i) => {
        const verticalMerge = line.merged[i] ?? undefined;
        const text = verticalMerge === 'continue' ? '' : cellText(c.value(line.task));
        return cell(lines(text, {}, i === 0 ? AlignmentType.CENTER : undefined), i, { verticalMerge });
      }),
    });
  };
  const table: LongTable = {
    table: (rows) =>
      new Table({ rows, columnWidths: widths, width: { size: TABLE_WIDTH, type: WidthType.DXA }, layout: TableLayoutType.FIXED }),
    length: body.length + 1,
    rows: (from, to) => Array.from({ length: to - from }, (_, k) => (from + k === 0 ? header() : row(body[from + k - 1]!))),
  };

  const titles = appendixTitleLines(plan).map(
    (text, i) =>
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ text, font: FONT, size: TITLE_SIZE, bold: i < 2, italics: i === 2 })],
      }),
  );
  return new Document({
    creator: 'cchc-sheets',
    keywords,
    title: `Phụ lục kế hoạch ${plan.code}`,
    styles: { default: { document: { run: { font: FONT, size: TABLE_SIZE } } } },
    sections: [
      {
        properties: { page: { size: { ...A4, orientation: PageOrientation.LANDSCAPE }, margin: MARGIN } },
        children: [...titles, new Paragraph({ children: [] }), long ? long.place(table) : wholeTable(table)],
      },
    ],
  });
}

/** The .docx bytes; `keywords` mark it as a command's output (see files/output-guard). */
export async function appendixDocxBytes(
  plan: Plan,
  tasks: readonly Task[],
  options: DocxExportOptions = {},
  keywords?: string,
): Promise<Uint8Array> {
  const long = new LongTables();
  return long.pack(appendixDocument(plan, tasks, options, keywords, long));
}
