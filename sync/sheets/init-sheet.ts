/**
 * `cchc init --sheet`: the batchUpdate requests that add a missing tab laid out
 * like the local workbook and the Apps Script setup (core/layout/sheet-rules):
 * bold coloured header, frozen header row, column widths, wrapping, date format,
 * dropdowns for units and status, overdue colouring, warning-only protection of
 * the appendix's columns. Existing tabs are never touched.
 */
import type { sheets_v4 } from '@googleapis/sheets';
import { layoutSource, tabLayout, type SourceOf, type TabSpec } from '../../core/index';

type Request = sheets_v4.Schema$Request;

function color(hex: string): sheets_v4.Schema$Color {
  const n = Number.parseInt(hex.slice(1), 16);
  return { red: ((n >> 16) & 255) / 255, green: ((n >> 8) & 255) / 255, blue: (n & 255) / 255 };
}

/** Pixels per character of a column's width, roughly Excel's. */
const PX_PER_CHAR = 7;

export function addTabRequests(tab: TabSpec, sheetId: number, index: number, sourceOf: SourceOf = layoutSource): Request[] {
  const layout = tabLayout(tab, sourceOf);
  // No end row: dropdowns, formats and the overdue colour reach every row the tab ever gets.
  const dataRows = { sheetId, startRowIndex: layout.frozenRows };
  const columnRange = (i: number): sheets_v4.Schema$GridRange => ({ ...dataRows, startColumnIndex: i, endColumnIndex: i + 1 });
  const requests: Request[] = [
    {
      addSheet: {
        properties: {
          sheetId,
          title: tab.name,
          index,
          gridProperties: { rowCount: layout.rows, columnCount: layout.columns.length, frozenRowCount: layout.frozenRows },
        },
      },
    },
    {
      updateCells: {
        start: { sheetId, rowIndex: 0, columnIndex: 0 },
        rows: [
          {
            values: layout.header.titles.map((title) => ({
              userEnteredValue: { stringValue: title },
              userEnteredFormat: {
                textFormat: { bold: true },
                backgroundColor: color(layout.header.background),
                wrapStrategy: 'WRAP',
                verticalAlignment: 'MIDDLE',
              },
            })),
          },
        ],
        fields: 'userEnteredValue,userEnteredFormat(textFormat,backgroundColor,wrapStrategy,verticalAlignment)',
      },
    },
  ];
  layout.columns.forEach((c, i) => {
    requests.push({
      updateDimensionProperties: {
        range: { sheetId, dimension: 'COLUMNS', startIndex: i, endIndex: i + 1 },
        properties: { pixelSize: c.width * PX_PER_CHAR, ...(c.hidden ? { hiddenByUser: true } : {}) },
        fields: c.hidden ? 'pixelSize,hiddenByUser' : 'pixelSize',
      },
    });
    if (c.wrap)
      requests.push({
        repeatCell: {
          range: columnRange(i),
          cell: { userEnteredFormat: { wrapStrategy: 'WRAP' } },
          fields: 'userEnteredFormat.wrapStrategy',
        },
      });
    if (c.datePattern) {
      requests.push({
        repeatCell: {
          range: columnRange(i),
          cell: { userEnteredFormat: { numberFormat: { type: 'DATE', pattern: c.datePattern } } },
          fields: 'userEnteredFormat.numberFormat',
        },
      });
    }
    const { dropdown } = c;
    if (dropdown) {
      const condition: sheets_v4.Schema$BooleanCondition =
        dropdown.kind === 'list'
          ? { type: 'ONE_OF_LIST', values: dropdown.values.map((v) => ({ userEnteredValue: v })) }
          : { type: 'ONE_OF_RANGE', values: [{ userEnteredValue: `=${dropdown.a1}` }] };
      requests.push({
        setDataValidation: { range: columnRange(i), rule: { condition, strict: dropdown.kind === 'list', showCustomUi: true } },
      });
    }
  });
  const { overdue } = layout;
  if (overdue) {
    requests.push({
      addConditionalFormatRule: {
        index: 0,
        rule: {
          ranges: [columnRange(overdue.column)],
          booleanRule: {
            condition: { type: 'CUSTOM_FORMULA', values: [{ userEnteredValue: overdue.formula }] },
            format: { backgroundColor: color(overdue.background) },
          },
        },
      },
    });
  }
  for (const span of layout.protectedSpans) {
    requests.push({
      addProtectedRange: {
        protectedRange: {
          range: { sheetId, startRowIndex: layout.frozenRows, startColumnIndex: span.start, endColumnIndex: span.end },
          description: span.description,
          warningOnly: true,
        },
      },
    });
  }
  return requests;
}
