import { auth as googleAuth, sheets, type sheets_v4 } from '@googleapis/sheets';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METADATA_CHARS_PER_LOCATION, type SheetsEmulator, startSheetsEmulator } from './index';

// Writes aimed by developer metadata, and Google's cap on the metadata a spreadsheet holds,
// driven with the real client over HTTP.

let emu: SheetsEmulator;
let api: sheets_v4.Sheets;

beforeAll(async () => {
  emu = await startSheetsEmulator();
  const auth = new googleAuth.OAuth2();
  auth.setCredentials({ access_token: 'test-token' });
  api = sheets({ version: 'v4', auth, rootUrl: `${emu.url}/` });
});
afterAll(() => emu.close());

const rowTag = (key: string, value: string, row: number, sheetId = 0) => ({
  createDeveloperMetadata: {
    developerMetadata: {
      metadataKey: key,
      metadataValue: value,
      visibility: 'DOCUMENT',
      location: { dimensionRange: { sheetId, dimension: 'ROWS', startIndex: row, endIndex: row + 1 } },
    },
  },
});

async function status(call: Promise<unknown>): Promise<number> {
  return call.then(
    () => 200,
    (e: { status: number }) => e.status,
  );
}

describe('values.batchUpdateByDataFilter', () => {
  it('writes the row its metadata sits on now, even after a row was inserted above; null skips a cell, "" clears it', async () => {
    const id = emu.createSpreadsheet('Sổ', ['Nhiệm vụ']);
    emu.setValues(id, "'Nhiệm vụ'!A1:C3", [
      ['Mã', 'Tên', 'Ghi chú'],
      ['1.1', 'Một', 'cũ'],
      ['1.2', 'Hai', 'giữ'],
    ]);
    emu.batchUpdate(id, [rowTag('k', '1.2', 2)]);
    // An official inserts a row at the top after the tag was read.
    emu.batchUpdate(id, [{ insertDimension: { range: { sheetId: 0, dimension: 'ROWS', startIndex: 1, endIndex: 2 } } }]);
    const { data } = await api.spreadsheets.values.batchUpdateByDataFilter({
      spreadsheetId: id,
      requestBody: {
        valueInputOption: 'RAW',
        data: [{ dataFilter: { developerMetadataLookup: { metadataKey: 'k', metadataValue: '1.2' } }, values: [[null, '=HAI()', '']] }],
      },
    });
    expect(data.totalUpdatedCells).toBe(2);
    expect(data.responses?.[0]?.updatedRange).toBe("'Nhiệm vụ'!A4:C4");
    expect(emu.getValues(id, "'Nhiệm vụ'")).toEqual([['Mã', 'Tên', 'Ghi chú'], [], ['1.1', 'Một', 'cũ'], ['1.2', '=HAI()']]);
  });

  it('a filter matching nothing writes nothing; values past the matched row fail the whole request', async () => {
    const id = emu.createSpreadsheet('Sổ', [{ title: 'Nhiệm vụ', rowCount: 5, columnCount: 2 }]);
    emu.setValues(id, "'Nhiệm vụ'!A1:B2", [
      ['Mã', 'Tên'],
      ['1.1', 'Một'],
    ]);
    emu.batchUpdate(id, [rowTag('k', '1.1', 1)]);
    const none = await api.spreadsheets.values.batchUpdateByDataFilter({
      spreadsheetId: id,
      requestBody: {
        valueInputOption: 'RAW',
        data: [{ dataFilter: { developerMetadataLookup: { metadataKey: 'k', metadataValue: 'x' } }, values: [['y']] }],
      },
    });
    expect(none.data.totalUpdatedCells).toBeUndefined();
    const code = await status(
      api.spreadsheets.values.batchUpdateByDataFilter({
        spreadsheetId: id,
        requestBody: {
          valueInputOption: 'RAW',
          data: [
            { dataFilter: { developerMetadataLookup: { metadataKey: 'k', metadataValue: '1.1' } }, values: [['1.1', 'Đổi']] },
            { dataFilter: { developerMetadataLookup: { metadataKey: 'k', metadataValue: '1.1' } }, values: [['1.1', 'Đổi', 'tràn']] },
          ],
        },
      }),
    );
    expect(code).toBe(400);
    expect(emu.getValues(id, "'Nhiệm vụ'")).toEqual([
      ['Mã', 'Tên'],
      ['1.1', 'Một'],
    ]);
  });
});

describe('the cap on developer metadata', () => {
  it(`a sheet holds at most ${METADATA_CHARS_PER_LOCATION} characters of keys and values: the batch past it fails and changes nothing`, async () => {
    const id = emu.createSpreadsheet('Sổ', [{ title: 'Nhiệm vụ', rowCount: 4000, columnCount: 3 }]);
    // 2,999 rows × 10 characters fill the sheet's budget but for 10 characters.
    const fill = Array.from({ length: 2999 }, (_, i) => rowTag('k', String(i).padStart(9, '0'), i));
    await api.spreadsheets.batchUpdate({ spreadsheetId: id, requestBody: { requests: fill } });
    const past = await status(
      api.spreadsheets.batchUpdate({
        spreadsheetId: id,
        requestBody: { requests: [rowTag('k', 'ok-ok-ok', 3000), rowTag('k', 'one-too-many', 3001)] },
      }),
    );
    expect(past).toBe(400);
    const found = await api.spreadsheets.developerMetadata.search({
      spreadsheetId: id,
      requestBody: { dataFilters: [{ developerMetadataLookup: { metadataKey: 'k' } }] },
    });
    expect(found.data.matchedDeveloperMetadata).toHaveLength(2999);
    // The last 10 characters still fit; an update that grows a value past the cap fails too.
    await api.spreadsheets.batchUpdate({ spreadsheetId: id, requestBody: { requests: [rowTag('k', '123456789', 3000)] } });
    const grown = await status(
      api.spreadsheets.batchUpdate({
        spreadsheetId: id,
        requestBody: {
          requests: [
            {
              updateDeveloperMetadata: {
                dataFilters: [{ developerMetadataLookup: { metadataKey: 'k', metadataValue: '123456789' } }],
                developerMetadata: { metadataValue: '1234567890' },
                fields: 'metadataValue',
              },
            },
          ],
        },
      }),
    );
    expect(grown).toBe(400);
    // Deleting frees room again.
    await api.spreadsheets.batchUpdate({
      spreadsheetId: id,
      requestBody: {
        requests: [
          { deleteDeveloperMetadata: { dataFilter: { developerMetadataLookup: { metadataKey: 'k', metadataValue: '000000000' } } } },
          rowTag('k', 'fits-now', 3001),
        ],
      },
    });
  });

  it('the spreadsheet level has a budget of its own', async () => {
    const id = emu.createSpreadsheet('Sổ');
    const big = 'x'.repeat(METADATA_CHARS_PER_LOCATION - 1);
    const create = (value: string) =>
      api.spreadsheets.batchUpdate({
        spreadsheetId: id,
        requestBody: {
          requests: [
            {
              createDeveloperMetadata: {
                developerMetadata: { metadataKey: 'k', metadataValue: value, visibility: 'DOCUMENT', location: { spreadsheet: true } },
              },
            },
          ],
        },
      });
    await create(big.slice(1));
    expect(await status(create('xy'))).toBe(400);
    // A sheet's rows do not draw on the spreadsheet's budget.
    await api.spreadsheets.batchUpdate({ spreadsheetId: id, requestBody: { requests: [rowTag('k', 'row', 0)] } });
  });
});
