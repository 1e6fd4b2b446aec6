/**
 * The visible text of a WordprocessingML body, in document order: paragraphs and
 * tables, with tables' merged cells resolved to a plain grid. What a reader of the
 * printed page sees is what we keep: tracked insertions yes, tracked deletions no,
 * field results but not field codes, hyperlinks' text, several paragraphs in a cell
 * as line breaks; drawings and text boxes are not part of a table's text.
 */
import type { WordNumbering } from './docx-numbering';
import { isW, wChild as child, wVal as val, type XmlElement as Element } from './xml-tree';

export interface WordParagraph {
  kind: 'paragraph';
  text: string;
  /** A section break or page break ends here: the appendix starts on a new page after it. */
  breakAfter: boolean;
}

export interface WordRow {
  /** null: a cell that continues a vertical merge opened above this table (a table cut in two at a page break). */
  cells: (string | null)[];
  bold: boolean;
  /** Columns a cell spans (w:gridSpan, legacy w:hMerge), by its first column, where more than one. */
  spans?: (number | undefined)[];
}

export interface WordTable {
  kind: 'table';
  /** Columns of the table's grid (w:tblGrid), widened if a row has more. */
  width: number;
  rows: WordRow[];
}

export type WordBlock = WordParagraph | WordTable;

/** An on/off property (w:b): present and not switched off. */
function isOn(el: Element | undefined): boolean {
  if (!el) return false;
  const v = val(el);
  return v === null || !['0', 'false', 'off'].includes(v);
}

/**
 * Wrappers whose content is shown as if they were not there. Any other element is
 * markup or content a reader does not see in the text (w:del, w:moveFrom, w:instrText,
 * w:drawing, w:pict, note and comment references …) and is skipped whole.
 */
const TRANSPARENT = new Set(['ins', 'moveTo', 'hyperlink', 'fldSimple', 'smartTag', 'customXml', 'sdt', 'sdtContent', 'bdo', 'dir']);

/**
 * Every WordprocessingML element this walker (and the numbering it asks) looks at: the document part is parsed keeping
 * only these (parseXml's `keep`); anything else is skipped here whole anyway.
 */
export const DOCUMENT_ELEMENTS: ReadonlySet<string> = new Set([
  ...TRANSPARENT,
  ...['document', 'body', 'p', 'pPr', 'rPr', 'b', 'del', 'sectPr', 'r', 't', 'tab', 'ptab', 'br', 'cr', 'noBreakHyphen', 'fldChar'],
  ...['tbl', 'tblGrid', 'gridCol', 'tr', 'trPr', 'gridBefore', 'tc', 'tcPr', 'gridSpan', 'vMerge', 'hMerge'],
  ...['numPr', 'numId', 'ilvl', 'pStyle'],
]);

interface TextState {
  parts: string[];
  bold: boolean;
  /** One entry per open complex field: false while in its instructions, true in its result. */
  fields: boolean[];
  pageBreak: boolean;
}

function walkRunContent(el: Element, state: TextState, runBold: boolean): void {
  for (const c of el.children) {
    // Other namespaces: markup-compatibility alternatives of drawings and text boxes, maths, ink.
    if (!c.w) continue;
    const name = c.local;
    if (name === 'fldChar') {
      const type = c.attrs['fldCharType'];
      if (type === 'begin') state.fields.push(false);
      else if (type === 'separate' && state.fields.length > 0) state.fields[state.fields.length - 1] = true;
      else if (type === 'end') state.fields.pop();
      continue;
    }
    if (name === 'r') {
      const rPr = child(c, 'rPr');
      walkRunContent(c, state, isOn(rPr && child(rPr, 'b')));
      continue;
    }
    const visible = state.fields.every((inResult) => inResult);
    if (name === 't') {
      if (!visible) continue;
      const text = c.text;
      state.parts.push(text);
      if (runBold && text.trim() !== '') state.bold = true;
    } else if (name === 'tab' || name === 'ptab') {
      if (visible) state.parts.push(' ');
    } else if (name === 'br') {
      const type = c.attrs['type'];
      if (type === 'page' || type === 'column') state.pageBreak = true;
      else if (visible) state.parts.push('\n');
    } else if (name === 'cr') {
      if (visible) state.parts.push('\n');
    } else if (name === 'noBreakHyphen') {
      if (visible) state.parts.push('-');
    } else if (TRANSPARENT.has(name)) {
      walkRunContent(c, state, runBold);
    }
  }
}

interface ParagraphText {
  text: string;
  bold: boolean;
  breakAfter: boolean;
  /** The paragraph mark is a tracked deletion: this paragraph runs on into the next. */
  joinsNext: boolean;
}

/** A paragraph's text as printed: Word's automatic number (if any) first, then its runs. */
function paragraphText(p: Element, numbering: WordNumbering | undefined): ParagraphText {
  const state: TextState = { parts: [], bold: false, fields: [], pageBreak: false };
  const pPr = child(p, 'pPr');
  const number = numbering?.label(pPr) ?? '';
  walkRunContent(p, state, false);
  if (number !== '') state.parts.unshift(state.parts.length > 0 ? `${number} ` : number);
  const markPr = pPr && child(pPr, 'rPr');
  const markDeleted = markPr !== undefined && child(markPr, 'del') !== undefined;
  const breakAfter = state.pageBreak || (pPr !== undefined && child(pPr, 'sectPr') !== undefined);
  return { text: state.parts.join(''), bold: state.bold, breakAfter, joinsNext: markDeleted };
}

/** A cell's paragraphs (nested tables' ones included) as one text, a line per paragraph. */
function cellText(tc: Element, numbering: WordNumbering | undefined): { text: string; bold: boolean } {
  const lines: string[] = [];
  let bold = false;
  let runOn = false;
  const visit = (el: Element): void => {
    for (const c of el.children) {
      if (isW(c, 'p')) {
        const p = paragraphText(c, numbering);
        if (runOn && lines.length > 0) lines[lines.length - 1] += p.text;
        else lines.push(p.text);
        runOn = p.joinsNext;
        bold ||= p.bold;
      } else if (c.w && (c.local === 'tbl' || c.local === 'tr' || c.local === 'tc' || TRANSPARENT.has(c.local))) {
        visit(c);
      }
    }
  };
  visit(tc);
  return { text: lines.join('\n'), bold };
}

/** Elements of one kind directly inside `el` or inside content controls wrapping them. */
function unwrapped(el: Element, name: string): Element[] {
  const out: Element[] = [];
  for (const c of el.children) {
    if (isW(c, name)) out.push(c);
    else if (isW(c, 'sdt') || isW(c, 'sdtContent') || isW(c, 'customXml')) out.push(...unwrapped(c, name));
  }
  return out;
}

const intVal = (el: Element | undefined, fallback: number): number => {
  const n = Number(val(el));
  return el && Number.isInteger(n) && n > 0 ? n : fallback;
};

/**
 * A table as a grid. A horizontal span (w:gridSpan, legacy w:hMerge) keeps its text
 * in its first column and leaves the covered ones empty, as a merged Excel range
 * reads; a vertical merge (w:vMerge) gives its text to every row it covers: a lead
 * unit written once for a run of tasks leads each of them.
 */
function tableGrid(tbl: Element, numbering: WordNumbering | undefined): WordTable {
  const gridCols = child(tbl, 'tblGrid');
  let width = gridCols ? gridCols.children.filter((c) => isW(c, 'gridCol')).length : 0;
  const rows: WordRow[] = [];
  /** Text of the vertical merge open in each column. */
  const open = new Map<number, string>();
  for (const tr of unwrapped(tbl, 'tr')) {
    const trPr = child(tr, 'trPr');
    // A deleted row (tracked change) is not in the table a reader sees.
    if (trPr && child(trPr, 'del')) continue;
    const cells: (string | null)[] = [];
    let spans: (number | undefined)[] | undefined;
    let bold = false;
    let start = 0;
    let col = intVal(trPr && child(trPr, 'gridBefore'), 0);
    for (let c = 0; c < col; c++) cells.push('');
    for (const tc of unwrapped(tr, 'tc')) {
      const tcPr = child(tc, 'tcPr');
      const span = intVal(tcPr && child(tcPr, 'gridSpan'), 1);
      const vMerge = tcPr && child(tcPr, 'vMerge');
      const hMerge = tcPr && child(tcPr, 'hMerge');
      const own = cellText(tc, numbering);
      let text: string | null;
      if (vMerge && val(vMerge) !== 'restart') {
        text = open.has(col) ? open.get(col)! : null;
      } else {
        text = hMerge && val(hMerge) !== 'restart' ? '' : own.text;
        if (vMerge) open.set(col, own.text);
        else open.delete(col);
      }
      if (col < 3 && own.bold) bold = true;
      cells[col] = text;
      for (let k = 1; k < span; k++) {
        cells[col + k] = '';
        open.delete(col + k);
      }
      // A legacy hMerge run counts as one cell spanning from where it restarted.
      if (!(hMerge && val(hMerge) !== 'restart')) start = col;
      col += span;
      if (col - start > 1) (spans ??= [])[start] = col - start;
    }
    width = Math.max(width, cells.length);
    rows.push({ cells, bold, ...(spans ? { spans } : {}) });
  }
  for (const row of rows) while (row.cells.length < width) row.cells.push('');
  return { kind: 'table', width, rows };
}

/**
 * The body's paragraphs and top-level tables in order (content controls unwrapped). `numbering` gives automatically
 * numbered paragraphs their numbers; it counts, so the body is walked once, in document order.
 */
export function bodyBlocks(body: Element, numbering?: WordNumbering): WordBlock[] {
  const blocks: WordBlock[] = [];
  for (const c of body.children) {
    if (isW(c, 'p')) {
      const p = paragraphText(c, numbering);
      blocks.push({ kind: 'paragraph', text: p.text, breakAfter: p.breakAfter });
    } else if (isW(c, 'tbl')) {
      blocks.push(tableGrid(c, numbering));
    } else if (isW(c, 'sdt') || isW(c, 'sdtContent') || isW(c, 'customXml')) {
      blocks.push(...bodyBlocks(c, numbering));
    }
  }
  return blocks;
}

/** The w:body of a parsed main document part. */
export function findBody(root: Element): Element | undefined {
  const document = root.children.find((c) => isW(c, 'document'));
  return document ? child(document, 'body') : undefined;
}
