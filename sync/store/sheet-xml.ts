/**
 * A store sheet's XML scanned as text, a row at a time as it inflates: the store's streamed read (stream-tabs.ts) and
 * its patched write (sheet-patch.ts) both take a sheet this way, with patterns instead of an XML parser. Only the
 * forms the store's writers and Excel write are followed; anything else is refused (`unknown`), and the caller then
 * leaves the sheet to exceljs's loading.
 */

/** One pattern per attribute name, made once: a sheet's every cell is looked at. */
const ATTRS = new Map<string, RegExp>();
/** An attribute's value as written (entities not decoded); undefined when the tag has none. */
export function attr(attrs: string, name: string): string | undefined {
  let pattern = ATTRS.get(name);
  if (!pattern) ATTRS.set(name, (pattern = new RegExp(`\\s${name}="([^"]*)"`)));
  return pattern.exec(attrs)?.[1];
}

/** "AB12" → [12, 28]. */
export function cellAddress(ref: string): [number, number] | null {
  const match = /^([A-Z]{1,3})(\d+)$/.exec(ref);
  if (!match) return null;
  let col = 0;
  for (const ch of match[1]!) col = col * 26 + (ch.charCodeAt(0) - 64);
  return [Number(match[2]), col];
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const REFERENCE = /&(?:(lt|gt|amp|quot|apos)|#([0-9]{1,7})|#x([0-9a-fA-F]{1,6}));/g;

/** Whether a character reference names a character XML allows (an XML parser refuses the others). */
const xmlChar = (code: number): boolean =>
  code === 0x9 ||
  code === 0xa ||
  code === 0xd ||
  (code >= 0x20 && code <= 0xd7ff) ||
  (code >= 0xe000 && code <= 0xfffd) ||
  (code >= 0x10000 && code <= 0x10ffff);

/**
 * A text node's characters as an XML parser (saxes, under exceljs) hands them over: the five entities and character
 * references decoded, line ends as line feeds. Null where that parser would refuse the text, or where this is not
 * sure to read it the same (another entity, a "]]>").
 */
export function xmlText(raw: string): string | null {
  let text = raw;
  if (text.includes('\r')) text = text.replace(/\r\n?/g, '\n');
  if (text.includes(']]>')) return null;
  return text.includes('&') ? decodeReferences(text) : text;
}

/** Every "&" must begin a reference this knows. */
function decodeReferences(text: string): string | null {
  let out = '';
  let at = 0;
  for (;;) {
    const amp = text.indexOf('&', at);
    if (amp < 0) return out + text.slice(at);
    REFERENCE.lastIndex = amp;
    const match = REFERENCE.exec(text);
    if (!match || match.index !== amp) return null;
    const [whole, name, dec, hex] = match;
    let char: string;
    if (name) char = ENTITIES[name]!;
    else {
      const code = dec ? parseInt(dec, 10) : parseInt(hex!, 16);
      if (!xmlChar(code)) return null;
      char = String.fromCodePoint(code);
    }
    out += text.slice(at, amp) + char;
    at = amp + whole.length;
  }
}

const SHEET_DATA = /<sheetData\s*(\/?)>/;
const SHEET_DATA_END = '</sheetData>';

export interface SheetParts {
  /** The sheet's XML before its rows (up to `<sheetData>`, not included). */
  head(text: string): void;
  /** One row: its whole XML, its attributes as written, its content (undefined for `<row …/>`). */
  row(xml: string, attrs: string, body: string | undefined): void;
  /** The rows are over (`</sheetData>`, or `<sheetData/>`). */
  rowsEnd(): void;
  /** The sheet's XML after its rows, in pieces. */
  tail(text: string): void;
}

const isSpace = (code: number): boolean => code === 32 || code === 10 || code === 13 || code === 9;

/**
 * Scans a sheet read as text in pieces (`read` hands each to its callback, in order), so the sheet is never whole in
 * memory: `on` is told its head, each row, the end of the rows and its tail. `unknown` is called (and must throw)
 * where the sheet is not in the form followed here: prefixed tags, anything but rows among the rows, no rows part.
 */
export function scanSheet(read: (onText: (text: string) => void) => void, on: SheetParts, unknown: () => never): void {
  // The text read and not yet used, and where in the sheet it stands.
  let pending = '';
  let state = 'head' as 'head' | 'rows' | 'tail';
  read((text) => {
    pending = pending === '' ? text : pending + text;
    let at = 0;
    if (state === 'head') {
      const open = SHEET_DATA.exec(pending);
      if (!open) return;
      on.head(pending.slice(0, open.index));
      at = open.index + open[0].length;
      state = 'rows';
      if (open[1]) {
        on.rowsEnd();
        state = 'tail';
      }
    }
    while (state === 'rows') {
      while (at < pending.length && isSpace(pending.charCodeAt(at))) at++;
      if (at >= pending.length) break;
      if (pending.startsWith(SHEET_DATA_END, at)) {
        on.rowsEnd();
        at += SHEET_DATA_END.length;
        state = 'tail';
        break;
      }
      if (!pending.startsWith('<row', at)) {
        if (pending.length - at < SHEET_DATA_END.length) break;
        unknown();
      }
      const close = pending.indexOf('>', at);
      if (close < 0) break;
      const selfClosing = pending.charCodeAt(close - 1) === 47;
      const end = selfClosing ? close + 1 : pending.indexOf('</row>', close);
      if (end < 0) break;
      const after = pending.charCodeAt(at + 4);
      if (!isSpace(after) && after !== 62 && after !== 47) unknown();
      const rowEnd = selfClosing ? end : end + '</row>'.length;
      on.row(
        pending.slice(at, rowEnd),
        pending.slice(at + 4, selfClosing ? close - 1 : close),
        selfClosing ? undefined : pending.slice(close + 1, end),
      );
      at = rowEnd;
    }
    if (state === 'tail') {
      if (at < pending.length) on.tail(pending.slice(at));
      pending = '';
    } else pending = at === 0 ? pending : pending.slice(at);
  });
  if (state !== 'tail') unknown();
}
