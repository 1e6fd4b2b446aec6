/**
 * A WordprocessingML part as a small element tree, built with the saxes streaming
 * parser (exceljs reads .xlsx with it too): about seven times faster than a DOM on a
 * 500-task appendix. Elements know whether they are WordprocessingML; text is kept
 * only where Word keeps a document's text (w:t), the rest is markup.
 */
import { SaxesParser } from 'saxes';

/** Transitional and Strict OOXML name the WordprocessingML namespace differently. */
const W_NAMESPACES = new Set([
  'http://schemas.openxmlformats.org/wordprocessingml/2006/main',
  'http://purl.oclc.org/ooxml/wordprocessingml/main',
]);

export interface XmlElement {
  /** Local name: "tbl", "tc", "vMerge" … */
  local: string;
  /** In the WordprocessingML namespace. */
  w: boolean;
  /** Attributes by local name ("val", "fldCharType"): the parts read here never repeat one under two prefixes. */
  attrs: Record<string, string>;
  children: XmlElement[];
  /** Text content of a w:t element. */
  text: string;
}

/**
 * Elements nested deeper than this are refused: a real plan nests a few tables in a few paragraphs (under 60 levels),
 * and the tree is walked recursively, so a crafted 100,000-deep part would overflow the stack ("Maximum call stack
 * size exceeded", in English) instead of being refused in Vietnamese.
 */
export const MAX_XML_DEPTH = 256;

/** Thrown by parseXml past MAX_XML_DEPTH; the reader turns it into a Vietnamese message. */
export class XmlTooDeepError extends Error {
  constructor() {
    super(`XML nested deeper than ${MAX_XML_DEPTH} elements`);
    this.name = 'XmlTooDeepError';
  }
}

/**
 * Parses one part; throws on malformed XML, XmlTooDeepError past MAX_XML_DEPTH. Prefixes are resolved from the
 * declarations seen so far (OOXML declares them on the root). `keep`: the WordprocessingML elements a reader looks at;
 * any other element (formatting, drawings, other namespaces) is parsed but not built, with all it holds: on a 500-task
 * plan most elements are run and cell formatting, and building them was most of the reading's time and garbage.
 */
export function parseXml(xml: string, keep?: ReadonlySet<string>): XmlElement {
  /** Per prefix: is it WordprocessingML? */
  const prefixes = new Map<string, boolean>();
  const root: XmlElement = { local: '#document', w: false, attrs: {}, children: [], text: '' };
  const stack: XmlElement[] = [root];
  let top = root;
  /** Depth inside an element not built (0: building). */
  let skipped = 0;
  const parser = new SaxesParser({ xmlns: false, position: false });
  parser.on('opentag', (tag) => {
    const given = tag.attributes as Record<string, string>;
    // Declarations first: the root declares the prefix it is named with.
    for (const name in given) {
      if (name.startsWith('xmlns')) prefixes.set(name === 'xmlns' ? '' : name.slice(6), W_NAMESPACES.has(given[name]!));
    }
    const colon = tag.name.indexOf(':');
    const local = colon < 0 ? tag.name : tag.name.slice(colon + 1);
    const w = prefixes.get(colon < 0 ? '' : tag.name.slice(0, colon)) ?? false;
    if (skipped > 0 || (keep && !(w && keep.has(local)))) {
      if (!tag.isSelfClosing && stack.length + ++skipped > MAX_XML_DEPTH + 1) throw new XmlTooDeepError();
      return;
    }
    const attrs: Record<string, string> = {};
    for (const name in given) if (!name.startsWith('xmlns')) attrs[name.slice(name.indexOf(':') + 1)] = given[name]!;
    const el: XmlElement = { local, w, attrs, children: [], text: '' };
    top.children.push(el);
    if (!tag.isSelfClosing) {
      if (stack.length > MAX_XML_DEPTH) throw new XmlTooDeepError();
      stack.push(el);
      top = el;
    }
  });
  parser.on('closetag', (tag) => {
    if (tag.isSelfClosing) return;
    if (skipped > 0) {
      skipped--;
      return;
    }
    stack.pop();
    top = stack[stack.length - 1]!;
  });
  const text = (t: string): void => {
    if (skipped === 0 && top.w && top.local === 't') top.text += t;
  };
  parser.on('text', text);
  parser.on('cdata', text);
  parser.on('error', (error) => {
    throw error;
  });
  parser.write(xml).close();
  return root;
}

/** Whether an element is the WordprocessingML element `name`. */
export const isW = (el: XmlElement, name: string): boolean => el.w && el.local === name;

/** The first WordprocessingML child named `name` of an element that may be missing. */
export function wChild(el: XmlElement | undefined, name: string): XmlElement | undefined {
  return el?.children.find((c) => isW(c, name));
}

/** An element's w:val attribute; null when the element or the attribute is missing. */
export function wVal(el: XmlElement | undefined): string | null {
  return el?.attrs['val'] ?? null;
}
