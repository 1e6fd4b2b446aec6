/**
 * Word documents whose long tables are built and written a slice of rows at a time. The docx package builds a whole
 * document as objects, then all of its XML, before zipping it: a 10,000-task appendix or report took about 1 GB. Here
 * the document is built with a placeholder paragraph where each long table goes; the table's rows are built by the
 * same docx calls a slice at a time, each slice packed on its own, and its rows' XML (as docx writes them, byte for
 * byte) put in the placeholder's place as the document part is deflated, so neither the rows' objects nor the
 * document's XML are ever whole in memory. The package's other parts are copied as docx zipped them; a link a row
 * holds keeps its relationship (added to the document's). No Node here: the menu's export dialog writes Word files
 * in the official's browser with the same code.
 */
import { Document, Packer, Paragraph, TextRun, type Table, type TableRow } from 'docx';
import { strFromU8, strToU8, unzipSync } from 'fflate';
import { zipDirectory } from '../../core/index';
import { replaceParts } from '../files/zip-rewrite';

/** Rows built and packed together: a slice's objects are garbage before the next slice is built. */
const SLICE = 100;
const DOCUMENT = 'word/document.xml';
const RELATIONSHIPS = 'word/_rels/document.xml.rels';

export interface LongTable {
  /** docx's table of these rows (the options every slice shares). */
  table: (rows: TableRow[]) => Table;
  length: number;
  /** Rows [from, to), built when asked for. */
  rows: (from: number, to: number) => TableRow[];
}

/** The whole table, built at once: for a short table, or a document built whole (the tests' reference). */
export const wholeTable = (table: LongTable): Table => table.table(table.rows(0, table.length));

/** A part of a docx package as text. */
function partText(bytes: Uint8Array, name: string): string {
  const part = unzipSync(bytes, { filter: (file) => file.name === name })[name];
  if (!part) throw new Error(`docx wrote no ${name}`);
  return strFromU8(part);
}

/** The XML of a table's rows as docx writes them in a document of their own, with the relationships their links need. */
async function sliceXml(table: Table): Promise<{ head: string; rows: string; links: string[] }> {
  const bytes = await Packer.pack(new Document({ sections: [{ children: [table] }] }), 'uint8array');
  const xml = partText(bytes, DOCUMENT);
  const start = xml.search(/<w:tbl[\s>]/);
  const firstRow = xml.slice(start).search(/<w:tr[\s>]/) + start;
  const end = xml.lastIndexOf('</w:tr>') + '</w:tr>'.length;
  if (start < 0 || firstRow < start || end < firstRow) throw new Error('docx wrote a table without rows');
  const links = partText(bytes, RELATIONSHIPS).match(/<Relationship\b[^>]*\/hyperlink"[^>]*\/>/g) ?? [];
  return { head: xml.slice(start, firstRow), rows: xml.slice(firstRow, end), links: [...links] };
}

export class LongTables {
  private readonly placed: { token: string; table: LongTable }[] = [];

  /** What goes in the document where `table` is: the table itself if short, else a placeholder `pack` fills. */
  place(table: LongTable): Table | Paragraph {
    if (table.length <= SLICE) return wholeTable(table);
    const token = `cchc-long-table-${this.placed.length}-${Math.random().toString(36).slice(2)}`;
    this.placed.push({ token, table });
    return new Paragraph({ children: [new TextRun(token)] });
  }

  /** The .docx bytes of `doc`, built with this object's placeholders, each filled with its table. */
  async pack(doc: Document): Promise<Uint8Array> {
    const bytes = await Packer.pack(doc, 'uint8array');
    if (this.placed.length === 0) return bytes;
    // The document part around the placeholders' paragraphs: text, table, text, table, ..., text.
    const xml = partText(bytes, DOCUMENT);
    const between: string[] = [];
    let from = 0;
    for (const { token } of this.placed) {
      const at = xml.indexOf(token, from);
      const open = xml.lastIndexOf('<w:p>', at);
      const close = xml.indexOf('</w:p>', at);
      if (at < 0 || open < from || close < 0) throw new Error('a long table lost its place in the document');
      between.push(xml.slice(from, open));
      from = close + '</w:p>'.length;
    }
    between.push(xml.slice(from));

    const links: string[] = [];
    const writeDocument = async (write: (chunk: Uint8Array) => void): Promise<void> => {
      for (const [n, { table }] of this.placed.entries()) {
        write(strToU8(between[n]!));
        for (let start = 0; start < table.length; start += SLICE) {
          const slice = await sliceXml(table.table(table.rows(start, Math.min(start + SLICE, table.length))));
          write(strToU8(start === 0 ? slice.head + slice.rows : slice.rows));
          links.push(...slice.links);
        }
        write(strToU8('</w:tbl>'));
      }
      write(strToU8(between[this.placed.length]!));
    };
    const writeRelationships = (write: (chunk: Uint8Array) => void): void => {
      const rels = partText(bytes, RELATIONSHIPS);
      const end = rels.lastIndexOf('</Relationships>');
      write(strToU8(`${rels.slice(0, end)}${links.join('')}${rels.slice(end)}`));
    };
    // The relationships are written after the document part, whose links they gather.
    const { entries } = zipDirectory((at, length) => bytes.subarray(at, at + length), bytes.length, 'docx', 'Word');
    const ordered = [...entries.filter((e) => e.name !== RELATIONSHIPS), ...entries.filter((e) => e.name === RELATIONSHIPS)];
    return replaceParts(
      bytes,
      ordered,
      new Map<string, (write: (chunk: Uint8Array) => void) => void | Promise<void>>([
        [DOCUMENT, writeDocument],
        [RELATIONSHIPS, writeRelationships],
      ]),
    );
  }
}
