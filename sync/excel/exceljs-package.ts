/**
 * A workbook's package as exceljs can load it. exceljs finds a sheet's parts by
 * the names Excel gives them (xl/comments1.xml, xl/drawings/vmlDrawing1.vml,
 * xl/tables/table1.xml) and looks them up by the relative target Excel writes
 * ("../comments1.xml"), where the package format lets a writer choose: openpyxl
 * writes xl/comments/comment1.xml with the target "/xl/comments/comment1.xml",
 * and exceljs fails on the whole workbook ("reading 'comments'"). openpyxl's
 * drawings (charts, pictures) declare their namespace unprefixed, which exceljs
 * does not recognise ("reading 'anchors'"); and a comment whose text is one
 * plain run (<text><t>…</t>, as openpyxl writes it) reads as empty, so a rewrite
 * would save it empty; a table without a style loads but cannot be written back.
 * Such parts are therefore copied, in memory, under exceljs's names and in its
 * form before it parses them; a drawing exceljs cannot read reaches it empty, and
 * whether that drawing held pictures or shapes is reported, so that a caller
 * never rewrites a workbook that held them (charts are known by their own parts).
 * Notes exceljs did not load (it drops one on an empty cell) are reported for the
 * same reason. A package already in exceljs's form is loaded as it is.
 */
import { posix } from 'node:path';
import type ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { parseXml } from '../../core/index';

const RELS_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const SHEET_RELS = /^xl\/worksheets\/_rels\/sheet\d+\.xml\.rels$/;
/** The drawing parts exceljs parses (its own pattern). */
const DRAWING = /^xl\/drawings\/[a-zA-Z0-9]+\.xml$/;
const EMPTY_DRAWING =
  '<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"/>';
/** A comment's text as a single plain run, which exceljs skips: it reads only rich-text runs (<r>). */
const PLAIN_TEXT = /<text>(\s*)<t(\s[^>]*)?>([^<]*)<\/t>/g;
/** What a drawing holds besides chart frames (charts are known by their own parts): pictures, shapes, connectors. */
const PICTURE_OR_SHAPE = /<(?:[\w.-]+:)?(?:pic|sp|grpSp|cxnSp)[\s/>]/;

/** One comment (not the commentList around them). */
const COMMENT = /<(?:[\w.-]+:)?comment[\s>]/g;
/** A table with no style: exceljs reads it, then fails to write it back ("reading 'theme'"); an unnamed style is no style. */
const NO_STYLE = '<tableStyleInfo showFirstColumn="0" showLastColumn="0" showRowStripes="0" showColumnStripes="0"/>';

/**
 * Where exceljs looks for a sheet's related part of each type: the part name and the target it expects, and
 * the part's content in a form exceljs keeps.
 */
const EXCELJS_NAMES: Record<
  string,
  { pattern: RegExp; name: (n: number) => string; target: (name: string) => string; form?: (xml: string) => string }
> = {
  comments: {
    pattern: /^xl\/comments\d+\.xml$/,
    name: (n) => `xl/comments${n}.xml`,
    target: (name) => `../${posix.basename(name)}`,
    form: (xml) => xml.replace(PLAIN_TEXT, '<text>$1<r><t$2>$3</t></r>'),
  },
  vmlDrawing: {
    pattern: /^xl\/drawings\/vmlDrawing\d+\.vml$/,
    name: (n) => `xl/drawings/vmlDrawing${n}.vml`,
    target: (name) => `../drawings/${posix.basename(name)}`,
  },
  table: {
    pattern: /^xl\/tables\/table\d+\.xml$/,
    name: (n) => `xl/tables/table${n}.xml`,
    target: (name) => `../tables/${posix.basename(name)}`,
    form: (xml) => (xml.includes('<tableStyleInfo') ? xml : xml.replace(/(<extLst[\s>]|<\/table>)/, `${NO_STYLE}$1`)),
  },
};

interface Relationship {
  Id: string;
  Type: string;
  Target: string;
  TargetMode?: string;
}

export interface LoadedPackage {
  /** Drawings given to exceljs empty that held pictures or shapes (part names). */
  unreadDrawings: string[];
  /** Comments the sheets hold that exceljs did not load: it drops a note on an empty cell, Excel's files alike. */
  unreadNotes: number;
}

const escapeAttr = (s: string): string => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

function renderRels(rels: readonly Relationship[]): string {
  const items = rels.map(
    (r) =>
      `<Relationship Id="${escapeAttr(r.Id)}" Type="${escapeAttr(r.Type)}" Target="${escapeAttr(r.Target)}"${r.TargetMode ? ` TargetMode="${escapeAttr(r.TargetMode)}"` : ''}/>`,
  );
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${RELS_NS}">${items.join('')}</Relationships>`;
}

/** The part a sheet's relationship points to, as a zip entry name ("/xl/a.xml" and "../a.xml" alike). */
const partName = (target: string): string =>
  target.startsWith('/') ? target.slice(1) : posix.normalize(posix.join('xl/worksheets', target));

/** Loads the workbook file's bytes into `workbook`, through an exceljs-shaped copy of the package where needed. */
export async function loadPackage(workbook: ExcelJS.Workbook, data: Buffer): Promise<LoadedPackage> {
  const { bytes, unreadDrawings, comments } = await exceljsPackage(data);
  // exceljs declares its input as its own ArrayBuffer-like type; it reads a Node Buffer (through JSZip).
  await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  let notes = 0;
  for (const ws of workbook.worksheets) {
    // Row models: a note may sit on an empty cell, which eachRow and eachCell skip (or, with includeEmpty, create).
    for (let r = 1; r <= ws.rowCount; r++) notes += ws.findRow(r)?.model?.cells?.filter((c) => c.comment).length ?? 0;
  }
  return { unreadDrawings, unreadNotes: comments - notes };
}

async function exceljsPackage(data: Buffer): Promise<{ bytes: Buffer; unreadDrawings: string[]; comments: number }> {
  const zip = await JSZip.loadAsync(data);
  const taken = new Set(Object.keys(zip.files));
  const unreadDrawings: string[] = [];
  let comments = 0;
  let changed = false;
  const freeName = (make: (n: number) => string): string => {
    let n = 1;
    while (taken.has(make(n))) n++;
    taken.add(make(n));
    return make(n);
  };
  // exceljs parses every drawing part, a chart sheet's too, and fails on the whole workbook at one it cannot read.
  for (const name of Object.keys(zip.files).filter((n) => DRAWING.test(n))) {
    const xml = await zip.file(name)!.async('string');
    if (xml.includes('<xdr:wsDr')) continue;
    if (PICTURE_OR_SHAPE.test(xml)) unreadDrawings.push(name);
    zip.file(name, EMPTY_DRAWING);
    changed = true;
  }
  for (const relsName of Object.keys(zip.files).filter((name) => SHEET_RELS.test(name))) {
    const root = parseXml(await zip.file(relsName)!.async('string'));
    const rels = (root.children[0]?.children ?? [])
      .filter((el) => el.local === 'Relationship')
      .map((el) => el.attrs as unknown as Relationship);
    let relsChanged = false;
    for (const rel of rels) {
      if (rel.TargetMode === 'External') continue;
      const type = rel.Type.slice(rel.Type.lastIndexOf('/') + 1);
      const part = partName(rel.Target);
      const file = zip.file(part);
      if (!file) continue;
      const names = EXCELJS_NAMES[type];
      if (!names) continue;
      const name = names.pattern.test(part) ? part : freeName(names.name);
      const xml = names.form ? await file.async('string') : null;
      const formed = xml !== null ? names.form!(xml) : null;
      if (type === 'comments') comments += formed!.match(COMMENT)?.length ?? 0;
      if (name !== part || formed !== xml) {
        zip.file(name, formed ?? (await file.async('uint8array')));
        if (name !== part) zip.remove(part);
        changed = true;
      }
      const target = names.target(name);
      if (rel.Target !== target) {
        rel.Target = target;
        relsChanged = true;
      }
    }
    if (relsChanged) {
      zip.file(relsName, renderRels(rels));
      changed = true;
    }
  }
  // Only exceljs reads this copy, at once: no compression to spend time on.
  return { bytes: changed ? await zip.generateAsync({ type: 'nodebuffer', compression: 'STORE' }) : data, unreadDrawings, comments };
}
