/**
 * A WordprocessingML part as a small element tree, built with the saxes streaming
 * parser (exceljs reads .xlsx with it too): about seven times faster than a DOM on a
 * 500-task appendix. Elements know whether they are WordprocessingML; text is kept
 * only where Word keeps a document's text (w:t), the rest is markup.
 */
import { SaxesParser } from 'saxes';

/** Transitional and Strict OOXML name the WordprocessingML namespace differently. */
const W_NAMESPACES = new Set(['http://schemas.openxmlformats.org/wordprocessingml/2006/main', 'http://purl.oclc.org/ooxml/wordprocessingml/main']);

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

/** Parses one part; throws on malformed XML. Prefixes are resolved from the declarations seen so far (OOXML declares them on the root). */
export function parseXml(xml: string): XmlElement {
  const prefixes = new Map<string, string>();
  const root: XmlElement = { local: '#document', w: false, attrs: {}, children: [], text: '' };
  const stack: XmlElement[] = [root];
  const parser = new SaxesParser({ xmlns: false, position: false });
  parser.on('opentag', (tag) => {
    const attrs: Record<string, string> = {};
    for (const [name, value] of Object.entries(tag.attributes as Record<string, string>)) {
      if (name.startsWith('xmlns')) prefixes.set(name === 'xmlns' ? '' : name.slice(6), value);
      else attrs[name.slice(name.indexOf(':') + 1)] = value;
    }
    const colon = tag.name.indexOf(':');
    const uri = prefixes.get(colon < 0 ? '' : tag.name.slice(0, colon)) ?? '';
    const el: XmlElement = { local: tag.name.slice(colon + 1), w: W_NAMESPACES.has(uri), attrs, children: [], text: '' };
    stack[stack.length - 1]!.children.push(el);
    if (!tag.isSelfClosing) stack.push(el);
  });
  parser.on('closetag', (tag) => {
    if (!tag.isSelfClosing) stack.pop();
  });
  parser.on('text', (text) => {
    const el = stack[stack.length - 1]!;
    if (el.w && el.local === 't') el.text += text;
  });
  parser.on('cdata', (text) => {
    const el = stack[stack.length - 1]!;
    if (el.w && el.local === 't') el.text += text;
  });
  parser.on('error', (error) => {
    throw error;
  });
  parser.write(xml).close();
  return root;
}
