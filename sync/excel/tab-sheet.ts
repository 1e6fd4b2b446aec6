/**
 * Lays out one store tab as an Excel worksheet: Vietnamese header, widths, frozen
 * header, wrapped long text, dropdowns. Shared by the local store and templates.
 */
import type { DataValidation, Workbook, Worksheet } from 'exceljs';
import { columnLetter, DATE_PATTERN, tabByKey, type TabSpec } from '../../core/index';

export const DATA_VALIDATION_ROWS = 2000;
const FONT = { name: 'Times New Roman', size: 12 };

function quoteSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
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
  // exceljs supports range validations but its typings omit the collection.
  const validations = (ws as Worksheet & { dataValidations: { add(range: string, v: DataValidation): void } }).dataValidations;
  tab.columns.forEach((c, i) => {
    const range = `${columnLetter(i)}2:${columnLetter(i)}${DATA_VALIDATION_ROWS}`;
    if (c.choices) {
      validations.add(range, {
        type: 'list',
        allowBlank: true,
        formulae: [`"${c.choices.join(',')}"`],
        showErrorMessage: true,
        errorTitle: 'Giá trị không hợp lệ',
        error: `Chọn một giá trị trong danh sách: ${c.choices.join(', ')}.`,
      });
    } else if (c.choicesFrom) {
      const source = tabByKey(c.choicesFrom.tab);
      const idx = source.columns.findIndex((sc) => sc.key === c.choicesFrom!.column);
      const letter = columnLetter(idx);
      // Several units may share a cell, so the list is a helper, not a constraint.
      validations.add(range, {
        type: 'list',
        allowBlank: true,
        formulae: [`${quoteSheet(source.name)}!$${letter}$2:$${letter}$${DATA_VALIDATION_ROWS}`],
        showErrorMessage: false,
      });
    }
  });
  return ws;
}
