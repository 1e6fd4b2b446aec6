/**
 * Lays out one store tab as an Excel worksheet: Vietnamese header, widths, frozen
 * header, wrapped long text, dropdowns. Shared by the local store and templates.
 */
import type { DataValidation, Workbook, Worksheet } from 'exceljs';
import { columnLetter, DATE_PATTERN, dropdownFor, layoutSource, type Dropdown, type TabSpec } from '../../core/index';

export const DATA_VALIDATION_ROWS = 2000;
const FONT = { name: 'Times New Roman', size: 12 };

/**
 * Puts a column's dropdown (core/layout's rule) on `range`: a list refuses any other value, saying `refusal` of its
 * values; a range of another tab only suggests, since several units may share a cell.
 */
export function addDropdown(
  ws: Worksheet,
  range: string,
  dropdown: Dropdown,
  refusal: (values: readonly string[]) => { title?: string; text: string },
): void {
  // exceljs supports range validations but its typings omit the collection.
  const validations = (ws as Worksheet & { dataValidations: { add(range: string, v: DataValidation): void } }).dataValidations;
  if (dropdown.kind === 'range') {
    validations.add(range, { type: 'list', allowBlank: true, formulae: [dropdown.a1], showErrorMessage: false });
    return;
  }
  const { title, text } = refusal(dropdown.values);
  validations.add(range, {
    type: 'list',
    allowBlank: true,
    formulae: [`"${dropdown.values.join(',')}"`],
    showErrorMessage: true,
    ...(title === undefined ? {} : { errorTitle: title }),
    error: text,
  });
}

export function addTabSheet(workbook: Workbook, tab: TabSpec): Worksheet {
  const ws = workbook.addWorksheet(tab.name, {
    views: [{ state: 'frozen', ySplit: tab.frozenRows }],
    properties: { defaultRowHeight: 18 },
  });
  ws.columns = tab.columns.map((c) => ({
    header: c.header,
    key: c.key,
    width: c.width,
    hidden: c.hidden ?? false,
    style: {
      font: FONT,
      alignment: { vertical: 'top', wrapText: c.wrap ?? false },
      ...(c.type === 'date' ? { numFmt: DATE_PATTERN } : {}),
    },
  }));
  const header = ws.getRow(1);
  header.font = { ...FONT, bold: true };
  header.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
    cell.border = { bottom: { style: 'thin' } };
  });
  tab.columns.forEach((c, i) => {
    const dropdown = dropdownFor(c, (tabKey, column) => ({ ...layoutSource(tabKey, column), lastRow: DATA_VALIDATION_ROWS }));
    if (!dropdown) return;
    addDropdown(ws, `${columnLetter(i)}2:${columnLetter(i)}${DATA_VALIDATION_ROWS}`, dropdown, (values) => ({
      title: 'Giá trị không hợp lệ',
      text: `Chọn một giá trị trong danh sách: ${values.join(', ')}.`,
    }));
  });
  return ws;
}
