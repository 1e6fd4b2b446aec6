import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SheetsEmulator, startSheetsEmulator } from './index';

// Request kinds beyond the happy path of emulator.test.ts, applied through the test controls
// (same code path as HTTP batchUpdate, minus the transport).

let emu: SheetsEmulator;
beforeAll(async () => {
  emu = await startSheetsEmulator();
});
afterAll(() => emu.close());

const rowMeta = (row: number, value: string) => ({
  createDeveloperMetadata: {
    developerMetadata: {
      metadataKey: 'id',
      metadataValue: value,
      visibility: 'DOCUMENT',
      location: { dimensionRange: { sheetId: 0, dimension: 'ROWS', startIndex: row, endIndex: row + 1 } },
    },
  },
});
const rowsOf = (id: string, key = 'id') =>
  Object.fromEntries(
    emu
      .getSpreadsheet(id)
      .developerMetadata.filter((m) => m.metadataKey === key)
      .map((m) => [m.metadataValue, m.location.dimensionRange!.startIndex]),
  );

describe('batchUpdate request kinds', () => {
  it('anchored things shift with inserted and deleted rows', () => {
    const id = emu.createSpreadsheet('Sổ');
    const replies = emu.batchUpdate(id, [
      rowMeta(2, 'a'),
      rowMeta(5, 'b'),
      {
        addProtectedRange: {
          protectedRange: { range: { sheetId: 0, startRowIndex: 0, endRowIndex: 1 }, description: 'Tiêu đề', warningOnly: true },
        },
      },
      {
        addConditionalFormatRule: {
          rule: {
            ranges: [{ sheetId: 0, startRowIndex: 4, endRowIndex: 8, startColumnIndex: 0, endColumnIndex: 3 }],
            booleanRule: { condition: { type: 'BLANK' } },
          },
          index: 0,
        },
      },
      {
        mergeCells: {
          range: { sheetId: 0, startRowIndex: 6, endRowIndex: 7, startColumnIndex: 0, endColumnIndex: 2 },
          mergeType: 'MERGE_ALL',
        },
      },
    ]);
    expect(replies[2]).toEqual({
      addProtectedRange: {
        protectedRange: {
          protectedRangeId: expect.any(Number),
          range: { sheetId: 0, startRowIndex: 0, endRowIndex: 1 },
          description: 'Tiêu đề',
          warningOnly: true,
          requestingUserCanEdit: true,
        },
      },
    });
    emu.batchUpdate(id, [{ insertDimension: { range: { sheetId: 0, dimension: 'ROWS', startIndex: 3, endIndex: 5 } } }]);
    expect(rowsOf(id)).toEqual({ a: 2, b: 7 });
    const sheet = emu.getSpreadsheet(id).sheets[0]!;
    expect(sheet.properties.gridProperties.rowCount).toBe(1002);
    expect(sheet.conditionalFormats[0]!.ranges).toEqual([
      { sheetId: 0, startRowIndex: 6, endRowIndex: 10, startColumnIndex: 0, endColumnIndex: 3 },
    ]);
    expect(sheet.merges).toEqual([{ sheetId: 0, startRowIndex: 8, endRowIndex: 9, startColumnIndex: 0, endColumnIndex: 2 }]);
    expect(sheet.protectedRanges[0]!.range).toEqual({ sheetId: 0, startRowIndex: 0, endRowIndex: 1 });

    emu.batchUpdate(id, [{ deleteDimension: { range: { sheetId: 0, dimension: 'ROWS', startIndex: 0, endIndex: 3 } } }]);
    expect(rowsOf(id)).toEqual({ b: 4 });
    // Writes commit a fresh copy of the model's contents: read nested objects again after a write.
    expect(emu.getSpreadsheet(id).sheets[0]!.protectedRanges).toEqual([]);
  });

  it('moveDimension carries row metadata and values along', () => {
    const id = emu.createSpreadsheet('Sổ');
    emu.setValues(id, 'Sheet1!A1:A4', [['h'], ['x'], ['y'], ['z']]);
    emu.batchUpdate(id, [rowMeta(1, 'x'), rowMeta(3, 'z')]);
    // Move row 4 ("z") above row 2 ("x").
    emu.batchUpdate(id, [
      { moveDimension: { source: { sheetId: 0, dimension: 'ROWS', startIndex: 3, endIndex: 4 }, destinationIndex: 1 } },
    ]);
    expect(emu.getValues(id, 'Sheet1!A1:A4')).toEqual([['h'], ['z'], ['x'], ['y']]);
    expect(rowsOf(id)).toEqual({ z: 1, x: 2 });
  });

  it('updates and deletes developer metadata by data filter', () => {
    const id = emu.createSpreadsheet('Sổ');
    emu.batchUpdate(id, [
      rowMeta(1, 'a'),
      rowMeta(2, 'b'),
      {
        createDeveloperMetadata: {
          developerMetadata: { metadataKey: 'schema', metadataValue: '1', visibility: 'PROJECT', location: { spreadsheet: true } },
        },
      },
    ]);
    const [updated, deleted] = emu.batchUpdate(id, [
      {
        updateDeveloperMetadata: {
          dataFilters: [{ developerMetadataLookup: { metadataKey: 'schema' } }],
          developerMetadata: { metadataValue: '2' },
          fields: 'metadataValue',
        },
      },
      { deleteDeveloperMetadata: { dataFilter: { developerMetadataLookup: { metadataKey: 'id', metadataValue: 'a' } } } },
    ]);
    expect(updated).toMatchObject({
      updateDeveloperMetadata: {
        developerMetadata: [{ metadataKey: 'schema', metadataValue: '2', location: { locationType: 'SPREADSHEET', spreadsheet: true } }],
      },
    });
    expect(deleted).toMatchObject({ deleteDeveloperMetadata: { deletedDeveloperMetadata: [{ metadataValue: 'a' }] } });
    expect(rowsOf(id)).toEqual({ b: 2 });
  });

  it('updateSheetProperties needs a field mask, renames, reorders and shrinks the grid', () => {
    const id = emu.createSpreadsheet('Sổ', ['A', 'B']);
    expect(() => emu.batchUpdate(id, [{ updateSheetProperties: { properties: { sheetId: 0, title: 'X' } } }])).toThrow(
      "Invalid requests[0].updateSheetProperties: At least one field must be specified in 'fields'.",
    );
    expect(() => emu.batchUpdate(id, [{ updateSheetProperties: { properties: { sheetId: 0, title: 'b' }, fields: 'title' } }])).toThrow(
      /already exists/,
    );
    emu.setValues(id, 'A!A1:A3', [['1'], ['2'], ['3']]);
    emu.batchUpdate(id, [rowMeta(2, 'gone')]);
    emu.batchUpdate(id, [
      {
        updateSheetProperties: {
          properties: { sheetId: 0, title: 'Nhiệm vụ', index: 1, gridProperties: { rowCount: 2, frozenRowCount: 1 } },
          fields: 'title,index,gridProperties(rowCount,frozenRowCount)',
        },
      },
    ]);
    const model = emu.getSpreadsheet(id);
    expect(model.sheets.map((s) => [s.properties.title, s.properties.index])).toEqual([
      ['Nhiệm vụ', 1],
      ['B', 0],
    ]);
    expect(model.sheets[0]!.properties.gridProperties).toEqual({ rowCount: 2, columnCount: 26, frozenRowCount: 1 });
    expect(emu.getValues(id, "'Nhiệm vụ'", { valueRenderOption: 'UNFORMATTED_VALUE' })).toEqual([[1], [2]]);
    expect(model.developerMetadata).toEqual([]);
  });

  it('keeps formats, validation and dimension properties; updateCells with a range clears uncovered cells', () => {
    const id = emu.createSpreadsheet('Sổ');
    emu.setValues(id, 'Sheet1!A1:B2', [
      ['a', 'b'],
      ['c', 'd'],
    ]);
    const rule = {
      condition: { type: 'ONE_OF_LIST', values: [{ userEnteredValue: 'Đang làm' }, { userEnteredValue: 'Xong' }] },
      strict: true,
      showCustomUi: true,
    };
    emu.batchUpdate(id, [
      { setDataValidation: { range: { sheetId: 0, startRowIndex: 1, endRowIndex: 3, startColumnIndex: 1, endColumnIndex: 2 }, rule } },
      {
        repeatCell: {
          range: { sheetId: 0, startColumnIndex: 0, endColumnIndex: 1 },
          cell: { userEnteredFormat: { numberFormat: { type: 'DATE', pattern: 'dd/mm/yyyy' } } },
          fields: 'userEnteredFormat.numberFormat',
        },
      },
      {
        updateDimensionProperties: {
          range: { sheetId: 0, dimension: 'COLUMNS', startIndex: 1, endIndex: 2 },
          properties: { pixelSize: 240 },
          fields: 'pixelSize',
        },
      },
      { updateBorders: { range: { sheetId: 0, startRowIndex: 0, endRowIndex: 1 }, bottom: { style: 'SOLID' } } },
      { autoResizeDimensions: { dimensions: { sheetId: 0, dimension: 'COLUMNS', startIndex: 0, endIndex: 2 } } },
      {
        updateCells: {
          range: { sheetId: 0, startRowIndex: 0, endRowIndex: 2, startColumnIndex: 1, endColumnIndex: 2 },
          rows: [{ values: [{ userEnteredValue: { stringValue: 'B1' } }] }],
          fields: 'userEnteredValue',
        },
      },
    ]);
    const sheet = emu.getSpreadsheet(id).sheets[0]!;
    expect(sheet.rows[1]![1]).toEqual({ dataValidation: rule });
    expect(sheet.columnMetadata[1]).toEqual({ pixelSize: 240 });
    expect(sheet.recorded.map((r) => Object.keys(r)[0])).toEqual(['updateBorders', 'autoResizeDimensions']);
    emu.setValues(id, 'Sheet1!A3', [[45747]]);
    expect(emu.getValues(id, 'Sheet1!A1:B3')).toEqual([['a', 'B1'], ['c'], ['31/03/2025']]);
    expect(emu.getValues(id, 'Sheet1!A3', { valueRenderOption: 'UNFORMATTED_VALUE', dateTimeRenderOption: 'FORMATTED_STRING' })).toEqual([
      ['31/03/2025'],
    ]);
  });

  it('refuses to delete the last sheet or all rows, and unknown sheets', () => {
    const id = emu.createSpreadsheet('Sổ', [{ title: 'Only', rowCount: 2 }]);
    expect(() => emu.batchUpdate(id, [{ deleteSheet: { sheetId: 0 } }])).toThrow("You can't remove all the sheets in a document.");
    expect(() =>
      emu.batchUpdate(id, [{ deleteDimension: { range: { sheetId: 0, dimension: 'ROWS', startIndex: 0, endIndex: 2 } } }]),
    ).toThrow(/delete all the rows/);
    expect(() => emu.batchUpdate(id, [{ sortRange: { range: { sheetId: 0 } } }])).toThrow(/does not implement/);
    expect(() => emu.batchUpdate(id, [{ appendDimension: { sheetId: 9, dimension: 'ROWS', length: 1 } }])).toThrow(
      'Invalid requests[0].appendDimension: No grid with id: 9',
    );
  });
});
