/** The sheet patch on a sheet's XML as Excel writes it, read in pieces cut anywhere. */
import { describe, expect, it } from 'vitest';
import { UNITS_TAB, type Row } from '../../core/index';
import { patchSheet, Unpatchable, type SheetEdit } from '../../sync/store/sheet-patch';

// Excel's form: spans, x14ac attributes, shared strings, a row without cells, the header row styled.
const SHEET =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' +
  'xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac"><dimension ref="A1:F4"/><cols><col min="1" max="5" width="20" style="1" customWidth="1"/></cols>' +
  '<sheetData><row r="1" spans="1:6" s="2" customFormat="1" x14ac:dyDescent="0.25"><c r="A1" s="2" t="s"><v>0</v></c><c r="B1" s="2" t="s"><v>1</v></c><c r="C1" s="2" t="s"><v>2</v></c><c r="D1" s="2" t="s"><v>3</v></c><c r="E1" s="2" t="s"><v>4</v></c><c r="F1" t="s"><v>5</v></c></row>' +
  '<row r="2" spans="1:6" x14ac:dyDescent="0.25"><c r="A2" s="1" t="s"><v>6</v></c><c r="B2" s="1" t="s"><v>7</v></c><c r="F2" t="s"><v>8</v></c></row>' +
  '<row r="3" spans="1:6" ht="30" customHeight="1"/>' +
  '<row r="4" spans="1:6"><c r="A4" s="1" t="s"><v>9</v></c><c r="F4" s="3" t="s"><v>10</v></c></row>' +
  '</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>';

const columns = new Map(UNITS_TAB.columns.map((c, i) => [c.key, i + 1]));
const row = (id: string, name: string): Row => ({ id, name, kind: null, aliases: null, email: null });
const edit = (rows: Row[]): SheetEdit => ({
  tab: UNITS_TAB,
  columns,
  rows,
  old: new Map([
    [2, { _row: 2, ...row('UB', 'UBND phường') }],
    [4, { _row: 4, ...row('CA', 'Công an') }],
  ]),
  dateStyles: new Set(),
});

/** The patched sheet, the XML handed over in pieces of `size` characters. */
function patched(rows: Row[], size: number): { xml: string; changed: number } {
  let xml = '';
  const changed = patchSheet(
    edit(rows),
    (onText) => {
      for (let at = 0; at < SHEET.length; at += size) onText(SHEET.slice(at, at + size));
    },
    (text) => (xml += text),
  );
  return { xml, changed };
}

describe('the sheet patch', () => {
  it('writes the same sheet however the XML is cut, touching only the cells that change', () => {
    const rows = [row('UB', 'UBND phường'), row('TP', 'Tư pháp & <hộ tịch> ')];
    const whole = patched(rows, SHEET.length);
    for (const size of [1, 2, 7, 64, 1000]) expect(patched(rows, size)).toEqual(whole);
    expect(whole.changed).toBe(4);
    // Row 2 as it was; row 3 gets its cells (the column's style), keeping its height; row 4 emptied, its styles kept.
    expect(whole.xml).toContain(SHEET.slice(SHEET.indexOf('<row r="2"'), SHEET.indexOf('<row r="3"')));
    expect(whole.xml).toContain(
      '<row r="3" ht="30" customHeight="1"><c r="A3" s="1" t="inlineStr"><is><t>TP</t></is></c>' +
        '<c r="B3" s="1" t="inlineStr"><is><t xml:space="preserve">Tư pháp &amp; &lt;hộ tịch&gt; </t></is></c></row>',
    );
    expect(whole.xml).toContain('<row r="4"><c r="A4" s="1"/><c r="F4" s="3"/></row>');
    expect(whole.xml.startsWith(SHEET.slice(0, SHEET.indexOf('<sheetData>')))).toBe(true);
    expect(whole.xml.endsWith(SHEET.slice(SHEET.indexOf('</sheetData>')))).toBe(true);
  });

  it('grows the extent for new rows and says where only the loading write is exact', () => {
    const rows = [row('UB', 'UBND phường'), row('TP', 'Tư pháp'), row('CA', 'Công an'), row('YT', 'Y tế'), row('GD', 'Giáo dục')];
    expect(patched(rows, 50).xml).toContain('<dimension ref="A1:F6"/>');
    // A text spelling an entity is written escaped, as any text: loading (and the store's streamed read) reads it back.
    expect(patched([row('UB', 'A &amp; B')], 50).xml).toContain('<t>A &amp;amp; B</t>');
    const unordered = SHEET.replace('<row r="4"', '<row r="1"');
    expect(() =>
      patchSheet(
        edit([row('UB', 'x')]),
        (onText) => onText(unordered),
        () => undefined,
      ),
    ).toThrow(Unpatchable);
  });
});
