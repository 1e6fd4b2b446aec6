import { auth as googleAuth, sheets, sheets_v4 } from '@googleapis/sheets';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { withBackoff } from '../../sync/sheets/backoff';
import { type SheetsEmulator, startSheetsEmulator } from './index';

// These tests drive the emulator with the real @googleapis/sheets client over real HTTP, the way
// the sync job will, so they also pin down how the client talks to the API.

let emu: SheetsEmulator;
let api: sheets_v4.Sheets;

function client(token: string | undefined, url = emu.url): sheets_v4.Sheets {
  if (!token) return sheets({ version: 'v4', rootUrl: `${url}/` });
  const auth = new googleAuth.OAuth2();
  auth.setCredentials({ access_token: token });
  return sheets({ version: 'v4', auth, rootUrl: `${url}/` });
}

/** The GaxiosError a failed call rejects with. */
async function failure(
  call: Promise<unknown>,
): Promise<{ status: number; data: { error: { code: number; message: string; status: string } }; headers: Headers }> {
  const e = (await call.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (err: unknown) => err,
  )) as { status: number; response: { data: never; headers: Headers } };
  return { status: e.status, data: e.response.data, headers: e.response.headers };
}

beforeAll(async () => {
  emu = await startSheetsEmulator();
  api = client('test-token');
});
afterAll(() => emu.close());
beforeEach(() => {
  emu.resetCounts();
  emu.clearFailures();
});

describe('spreadsheets.create / get', () => {
  it('creates a spreadsheet and returns it in the API shape', async () => {
    const { data } = await api.spreadsheets.create({
      requestBody: {
        properties: { title: 'Kế hoạch CCHC 2025', locale: 'vi_VN' },
        sheets: [{ properties: { title: 'Nhiệm vụ' } }, { properties: { title: 'Đơn vị' } }],
      },
    });
    expect(data.spreadsheetId).toMatch(/^[A-Za-z0-9_-]{44}$/);
    expect(data.properties).toMatchObject({ title: 'Kế hoạch CCHC 2025', locale: 'vi_VN' });
    expect(data.sheets!.map((s) => s.properties)).toEqual([
      { sheetId: 0, title: 'Nhiệm vụ', index: 0, sheetType: 'GRID', gridProperties: { rowCount: 1000, columnCount: 26 } },
      expect.objectContaining({ title: 'Đơn vị', index: 1, sheetType: 'GRID' }),
    ]);
    const got = await api.spreadsheets.get({ spreadsheetId: data.spreadsheetId! });
    expect(got.data.spreadsheetUrl).toContain(data.spreadsheetId);
    expect(emu.counts()).toMatchObject({ reads: 1, writes: 1, byOperation: { 'spreadsheets.create': 1, 'spreadsheets.get': 1 } });
  });

  it('works with new sheets_v4.Sheets({ rootUrl, auth }) and the OAuth2 client re-exported by @googleapis/sheets', async () => {
    const id = emu.createSpreadsheet('Sổ');
    const oauth = new googleAuth.OAuth2();
    oauth.setCredentials({ access_token: 'other-token' });
    const direct = new sheets_v4.Sheets({ rootUrl: `${emu.url}/`, auth: oauth });
    expect((await direct.spreadsheets.get({ spreadsheetId: id })).data.properties!.title).toBe('Sổ');
  });

  it('honours the fields partial-response parameter', async () => {
    const id = emu.createSpreadsheet('Sổ', ['Nhiệm vụ', 'Cài đặt']);
    const { data } = await api.spreadsheets.get({ spreadsheetId: id, fields: 'sheets(properties(sheetId,title)),properties/title' });
    expect(data).toEqual({
      properties: { title: 'Sổ' },
      sheets: [{ properties: { sheetId: 0, title: 'Nhiệm vụ' } }, { properties: { sheetId: expect.any(Number), title: 'Cài đặt' } }],
    });
  });

  it('answers 404 NOT_FOUND for an unknown spreadsheet', async () => {
    const f = await failure(api.spreadsheets.get({ spreadsheetId: 'nope' }));
    expect(f.status).toBe(404);
    expect(f.data).toEqual({ error: { code: 404, message: 'Requested entity was not found.', status: 'NOT_FOUND' } });
  });
});

describe('spreadsheets.batchUpdate', () => {
  it('adds a sheet, writes cells with updateCells and replies in order', async () => {
    const id = emu.createSpreadsheet('Sổ');
    const { data } = await api.spreadsheets.batchUpdate({
      spreadsheetId: id,
      requestBody: {
        requests: [
          { addSheet: { properties: { title: 'Nhiệm vụ', gridProperties: { rowCount: 50, columnCount: 5, frozenRowCount: 1 } } } },
          { updateSheetProperties: { properties: { sheetId: 0, title: 'Cũ', hidden: true }, fields: 'title,hidden' } },
        ],
      },
    });
    const added = data.replies![0]!.addSheet!.properties!;
    expect(added).toMatchObject({
      title: 'Nhiệm vụ',
      index: 1,
      sheetType: 'GRID',
      gridProperties: { rowCount: 50, columnCount: 5, frozenRowCount: 1 },
    });
    expect(data.replies![1]).toEqual({});
    await api.spreadsheets.batchUpdate({
      spreadsheetId: id,
      requestBody: {
        requests: [
          {
            updateCells: {
              start: { sheetId: added.sheetId, rowIndex: 0, columnIndex: 0 },
              rows: [
                {
                  values: [
                    { userEnteredValue: { stringValue: 'Mã' } },
                    { userEnteredValue: { stringValue: 'Tên nhiệm vụ' }, note: 'Bắt buộc' },
                  ],
                },
                {
                  values: [
                    { userEnteredValue: { numberValue: 7 } },
                    { userEnteredValue: { boolValue: true } },
                    { userEnteredValue: { formulaValue: '=2*3' } },
                  ],
                },
              ],
              fields: 'userEnteredValue,note',
            },
          },
          {
            repeatCell: {
              range: { sheetId: added.sheetId, startRowIndex: 0, endRowIndex: 1 },
              cell: { userEnteredFormat: { textFormat: { bold: true } } },
              fields: 'userEnteredFormat.textFormat',
            },
          },
        ],
      },
    });
    const values = await api.spreadsheets.values.get({ spreadsheetId: id, range: 'Nhiệm vụ', valueRenderOption: 'UNFORMATTED_VALUE' });
    expect(values.data).toEqual({
      range: "'Nhiệm vụ'!A1:E50",
      majorDimension: 'ROWS',
      values: [
        ['Mã', 'Tên nhiệm vụ'],
        [7, true, 6],
      ],
    });
    const sheet = emu.getSpreadsheet(id).sheets.find((s) => s.properties.title === 'Nhiệm vụ')!;
    expect(sheet.rows[0]![1]).toEqual({
      userEnteredValue: { stringValue: 'Tên nhiệm vụ' },
      note: 'Bắt buộc',
      userEnteredFormat: { textFormat: { bold: true } },
    });
    expect(emu.getSpreadsheet(id).sheets[0]!.properties).toMatchObject({ title: 'Cũ', hidden: true });
  });

  it('is atomic: one failing request leaves the spreadsheet untouched', async () => {
    const id = emu.createSpreadsheet('Sổ', ['Nhiệm vụ']);
    // Cells that already hold a value and a rule: a draft shares them with the model until it writes one.
    emu.setValues(id, 'Nhiệm vụ!A1:B2', [
      ['a', 'b'],
      ['c', 'd'],
    ]);
    const rule = { condition: { type: 'ONE_OF_LIST', values: [{ userEnteredValue: 'a' }] } };
    emu.batchUpdate(id, [{ setDataValidation: { range: { sheetId: 0, startRowIndex: 0, endRowIndex: 2 }, rule } }]);
    const before = structuredClone(emu.getSpreadsheet(id));
    const f = await failure(
      api.spreadsheets.batchUpdate({
        spreadsheetId: id,
        requestBody: {
          requests: [
            { addSheet: { properties: { title: 'Mới' } } },
            { setDataValidation: { range: { sheetId: 0, startRowIndex: 0, endRowIndex: 1 } } },
            {
              repeatCell: { range: { sheetId: 0, startRowIndex: 1, endRowIndex: 2 }, cell: { note: 'n' }, fields: 'note,userEnteredValue' },
            },
            { insertDimension: { range: { sheetId: 0, dimension: 'ROWS', startIndex: 0, endIndex: 1 } } },
            {
              updateCells: {
                start: { sheetId: 0 },
                rows: [{ values: [{ userEnteredValue: { stringValue: 'x' } }] }],
                fields: 'userEnteredValue',
              },
            },
            { deleteSheet: { sheetId: 424242 } },
          ],
        },
      }),
    );
    expect(f.status).toBe(400);
    expect(f.data.error).toEqual({
      code: 400,
      status: 'INVALID_ARGUMENT',
      message: 'Invalid requests[5].deleteSheet: No grid with id: 424242',
    });
    expect(emu.getSpreadsheet(id)).toEqual(before);
  });

  it('rejects unknown request kinds the way the API does', async () => {
    const id = emu.createSpreadsheet('Sổ');
    const f = await failure(
      api.spreadsheets.batchUpdate({ spreadsheetId: id, requestBody: { requests: [{ frobnicate: {} } as sheets_v4.Schema$Request] } }),
    );
    expect(f.data.error).toEqual({
      code: 400,
      status: 'INVALID_ARGUMENT',
      message: `Invalid JSON payload received. Unknown name "frobnicate" at 'requests[0]': Cannot find field.`,
    });
  });
});

describe('values', () => {
  it('batchGet omits trailing empty cells and rows and normalises ranges', async () => {
    const id = emu.createSpreadsheet('Sổ', ['Nhiệm vụ', 'Đơn vị']);
    emu.setValues(id, "'Nhiệm vụ'!A1:D4", [['Mã', 'Tên', '', ''], ['NV-1', '', 'x', ''], ['', '', '', ''], ['NV-3']]);
    const { data } = await api.spreadsheets.values.batchGet({
      spreadsheetId: id,
      ranges: ["'Nhiệm vụ'!A1:D", 'Nhiệm vụ!A:Z', "'Đơn vị'", "'Nhiệm vụ'!A3:D3"],
    });
    expect(data).toEqual({
      spreadsheetId: id,
      valueRanges: [
        { range: "'Nhiệm vụ'!A1:D1000", majorDimension: 'ROWS', values: [['Mã', 'Tên'], ['NV-1', '', 'x'], [], ['NV-3']] },
        { range: "'Nhiệm vụ'!A1:Z1000", majorDimension: 'ROWS', values: [['Mã', 'Tên'], ['NV-1', '', 'x'], [], ['NV-3']] },
        { range: "'Đơn vị'!A1:Z1000", majorDimension: 'ROWS' },
        { range: "'Nhiệm vụ'!A3:D3", majorDimension: 'ROWS' },
      ],
    });
    const columns = await api.spreadsheets.values.get({ spreadsheetId: id, range: "'Nhiệm vụ'!A1:C2", majorDimension: 'COLUMNS' });
    expect(columns.data.values).toEqual([['Mã', 'NV-1'], ['Tên'], ['', 'x']]);
  });

  it('handles tab names with spaces, Vietnamese letters and doubled single quotes', async () => {
    const title = "Kế hoạch 'năm' 2025";
    const id = emu.createSpreadsheet('Sổ', [title]);
    const range = "'Kế hoạch ''năm'' 2025'!B2";
    const put = await api.spreadsheets.values.update({
      spreadsheetId: id,
      range,
      valueInputOption: 'RAW',
      requestBody: { values: [['Ủy ban nhân dân']] },
    });
    expect(put.data).toEqual({ spreadsheetId: id, updatedRange: range, updatedRows: 1, updatedColumns: 1, updatedCells: 1 });
    const { data } = await api.spreadsheets.values.get({ spreadsheetId: id, range: `'Kế hoạch ''năm'' 2025'!A1:C3` });
    expect(data).toEqual({ range: "'Kế hoạch ''năm'' 2025'!A1:C3", majorDimension: 'ROWS', values: [[], ['', 'Ủy ban nhân dân']] });
    const bad = await failure(api.spreadsheets.values.get({ spreadsheetId: id, range: 'Không có!A1' }));
    expect(bad.data.error).toEqual({ code: 400, status: 'INVALID_ARGUMENT', message: 'Unable to parse range: Không có!A1' });
  });

  it('RAW keeps "=1+1" and "007" as text; USER_ENTERED makes a formula and a number', async () => {
    const id = emu.createSpreadsheet('Sổ');
    const row = [['=1+1', '007', '2025-03-31', 'TRUE', "'=kept"]];
    await api.spreadsheets.values.update({ spreadsheetId: id, range: 'Sheet1!A1', valueInputOption: 'RAW', requestBody: { values: row } });
    await api.spreadsheets.values.update({
      spreadsheetId: id,
      range: 'Sheet1!A2',
      valueInputOption: 'USER_ENTERED',
      requestBody: { values: row },
    });
    const get = (valueRenderOption: string) =>
      api.spreadsheets.values.get({ spreadsheetId: id, range: 'Sheet1!A1:E2', valueRenderOption }).then((r) => r.data.values);
    expect(await get('UNFORMATTED_VALUE')).toEqual([
      ['=1+1', '007', '2025-03-31', 'TRUE', "'=kept"],
      [2, 7, 45747, true, '=kept'],
    ]);
    expect(await get('FORMATTED_VALUE')).toEqual([
      ['=1+1', '007', '2025-03-31', 'TRUE', "'=kept"],
      ['2', '7', '2025-03-31', 'TRUE', '=kept'],
    ]);
    expect((await get('FORMULA'))![1]).toEqual(['=1+1', 7, 45747, true, '=kept']);
    // Formulas the emulator cannot compute are distinguishable errors, not silent text.
    emu.setValues(id, 'Sheet1!A3', [['=VLOOKUP(A1,B:C,2,FALSE)']]);
    expect(emu.getValues(id, 'Sheet1!A3')).toEqual([['#ERROR!']]);
  });

  it('values.update beyond the grid is 400 "exceeds grid limits"; append grows the grid', async () => {
    const id = emu.createSpreadsheet('Sổ', [{ title: 'Nhật ký', rowCount: 3, columnCount: 2 }]);
    const f = await failure(
      api.spreadsheets.values.update({
        spreadsheetId: id,
        range: "'Nhật ký'!A3",
        valueInputOption: 'RAW',
        requestBody: { values: [['a'], ['b']] },
      }),
    );
    expect(f.data.error).toEqual({
      code: 400,
      status: 'INVALID_ARGUMENT',
      message: "Range ('Nhật ký'!A3:A4) exceeds grid limits. Max rows: 3, max columns: 2",
    });
    emu.setValues(id, "'Nhật ký'!A1:B2", [
      ['Ngày', 'Việc'],
      ['01/03', 'Họp'],
    ]);
    const { data } = await api.spreadsheets.values.append({
      spreadsheetId: id,
      range: "'Nhật ký'!A:B",
      valueInputOption: 'RAW',
      requestBody: {
        values: [
          ['02/03', 'Báo cáo'],
          ['03/03', 'Kiểm tra'],
        ],
      },
    });
    expect(data).toEqual({
      spreadsheetId: id,
      tableRange: "'Nhật ký'!A1:B2",
      updates: { spreadsheetId: id, updatedRange: "'Nhật ký'!A3:B4", updatedRows: 2, updatedColumns: 2, updatedCells: 4 },
    });
    expect(emu.getSpreadsheet(id).sheets[0]!.properties.gridProperties.rowCount).toBe(4);
  });

  it('values.batchUpdate and batchClear', async () => {
    const id = emu.createSpreadsheet('Sổ', ['A', 'B']);
    const { data } = await api.spreadsheets.values.batchUpdate({
      spreadsheetId: id,
      requestBody: {
        valueInputOption: 'USER_ENTERED',
        data: [
          { range: 'A!A1:B1', values: [['1', '2']] },
          { range: 'B!C3', values: [['x']] },
        ],
      },
    });
    expect(data).toMatchObject({ totalUpdatedCells: 3, totalUpdatedSheets: 2, totalUpdatedRows: 2 });
    expect(emu.getValues(id, 'A!A1:B1', { valueRenderOption: 'UNFORMATTED_VALUE' })).toEqual([[1, 2]]);
    const cleared = await api.spreadsheets.values.batchClear({ spreadsheetId: id, requestBody: { ranges: ['A!A:A', 'B'] } });
    expect(cleared.data).toEqual({ spreadsheetId: id, clearedRanges: ['A!A1:A1000', 'B!A1:Z1000'] });
    expect(emu.getValues(id, 'A')).toEqual([['', '2']]);
    const missing = await failure(api.spreadsheets.values.batchUpdate({ spreadsheetId: id, requestBody: { data: [] } }));
    expect(missing.data.error.message).toBe("'valueInputOption' is required but not specified");
  });
});

describe('developer metadata', () => {
  it('moves with its row when rows are inserted, is found by search, and dies with its row', async () => {
    const id = emu.createSpreadsheet('Sổ', ['Nhiệm vụ']);
    emu.setValues(id, "'Nhiệm vụ'!A1:B3", [
      ['Mã', 'Tên'],
      ['NV-1', 'Một'],
      ['NV-2', 'Hai'],
    ]);
    const create = (row: number, value: string): sheets_v4.Schema$Request => ({
      createDeveloperMetadata: {
        developerMetadata: {
          metadataKey: 'cchc.taskId',
          metadataValue: value,
          visibility: 'DOCUMENT',
          location: { dimensionRange: { sheetId: 0, dimension: 'ROWS', startIndex: row, endIndex: row + 1 } },
        },
      },
    });
    const { data } = await api.spreadsheets.batchUpdate({
      spreadsheetId: id,
      requestBody: { requests: [create(1, 'NV-1'), create(2, 'NV-2')] },
    });
    const created = data.replies![0]!.createDeveloperMetadata!.developerMetadata!;
    expect(created).toEqual({
      metadataId: expect.any(Number),
      metadataKey: 'cchc.taskId',
      metadataValue: 'NV-1',
      visibility: 'DOCUMENT',
      location: { locationType: 'ROW', dimensionRange: { sheetId: 0, dimension: 'ROWS', startIndex: 1, endIndex: 2 } },
    });

    // An official inserts two rows above NV-1 and types something there.
    emu.batchUpdate(id, [
      { insertDimension: { range: { sheetId: 0, dimension: 'ROWS', startIndex: 1, endIndex: 3 }, inheritFromBefore: true } },
    ]);
    emu.setValues(id, "'Nhiệm vụ'!A2", [['ghi chú']]);

    const search = await api.spreadsheets.developerMetadata.search({
      spreadsheetId: id,
      requestBody: {
        dataFilters: [{ developerMetadataLookup: { metadataKey: 'cchc.taskId', metadataValue: 'NV-1', locationType: 'ROW' } }],
      },
    });
    expect(search.data.matchedDeveloperMetadata).toHaveLength(1);
    const found = search.data.matchedDeveloperMetadata![0]!;
    expect(found.developerMetadata!.location!.dimensionRange).toEqual({ sheetId: 0, dimension: 'ROWS', startIndex: 3, endIndex: 4 });
    expect(found.dataFilters).toEqual([
      { developerMetadataLookup: { metadataKey: 'cchc.taskId', metadataValue: 'NV-1', locationType: 'ROW' } },
    ]);
    expect(emu.getValues(id, "'Nhiệm vụ'!A4:B4")).toEqual([['NV-1', 'Một']]);

    const byId = await api.spreadsheets.developerMetadata.get({ spreadsheetId: id, metadataId: created.metadataId! });
    expect(byId.data.metadataValue).toBe('NV-1');

    // Row metadata is not listed under sheets[].developerMetadata but inside grid data, as in the API.
    const sheet = await api.spreadsheets.get({ spreadsheetId: id, ranges: ["'Nhiệm vụ'!A4:B4"], includeGridData: true });
    expect(sheet.data.sheets![0]!.developerMetadata).toBeUndefined();
    expect(sheet.data.sheets![0]!.data![0]!.rowMetadata![0]!.developerMetadata![0]!.metadataValue).toBe('NV-1');

    emu.batchUpdate(id, [{ deleteDimension: { range: { sheetId: 0, dimension: 'ROWS', startIndex: 3, endIndex: 4 } } }]);
    const after = await api.spreadsheets.developerMetadata.search({
      spreadsheetId: id,
      requestBody: { dataFilters: [{ developerMetadataLookup: { metadataKey: 'cchc.taskId' } }] },
    });
    expect(
      after.data.matchedDeveloperMetadata!.map((m) => [
        m.developerMetadata!.metadataValue,
        m.developerMetadata!.location!.dimensionRange!.startIndex,
      ]),
    ).toEqual([['NV-2', 3]]);
  });

  it('rejects metadata spanning several rows', async () => {
    const id = emu.createSpreadsheet('Sổ');
    const f = await failure(
      api.spreadsheets.batchUpdate({
        spreadsheetId: id,
        requestBody: {
          requests: [
            {
              createDeveloperMetadata: {
                developerMetadata: {
                  metadataKey: 'k',
                  visibility: 'DOCUMENT',
                  location: { dimensionRange: { sheetId: 0, dimension: 'ROWS', startIndex: 1, endIndex: 5 } },
                },
              },
            },
          ],
        },
      }),
    );
    expect(f.status).toBe(400);
    expect(f.data.error.message).toMatch(/^Invalid requests\[0\]\.createDeveloperMetadata: .*single row or column/);
  });
});

describe('reading rows by metadata', () => {
  it('append with INSERT_ROWS pushes later rows (and their metadata) down; batchGetByDataFilter reads a row by its metadata', async () => {
    const id = emu.createSpreadsheet('Sổ', ['Nhiệm vụ']);
    emu.setValues(id, "'Nhiệm vụ'!A1:B4", [
      ['Mã', 'Tên'],
      ['NV-1', 'Một'],
      ['', ''],
      ['Ghi chú', 'cuối'],
    ]);
    emu.batchUpdate(id, [
      {
        createDeveloperMetadata: {
          developerMetadata: {
            metadataKey: 'note',
            metadataValue: 'footer',
            visibility: 'DOCUMENT',
            location: { dimensionRange: { sheetId: 0, dimension: 'ROWS', startIndex: 3, endIndex: 4 } },
          },
        },
      },
    ]);
    const { data } = await api.spreadsheets.values.append({
      spreadsheetId: id,
      range: "'Nhiệm vụ'!A1",
      valueInputOption: 'RAW',
      insertDataOption: 'INSERT_ROWS',
      includeValuesInResponse: true,
      requestBody: { values: [['NV-2', 'Hai']] },
    });
    expect(data.tableRange).toBe("'Nhiệm vụ'!A1:B2");
    expect(data.updates).toMatchObject({
      updatedRange: "'Nhiệm vụ'!A3:B3",
      updatedData: { range: "'Nhiệm vụ'!A3:B3", values: [['NV-2', 'Hai']] },
    });
    expect(emu.getValues(id, "'Nhiệm vụ'")).toEqual([['Mã', 'Tên'], ['NV-1', 'Một'], ['NV-2', 'Hai'], [], ['Ghi chú', 'cuối']]);
    const byFilter = await api.spreadsheets.values.batchGetByDataFilter({
      spreadsheetId: id,
      requestBody: {
        dataFilters: [{ developerMetadataLookup: { metadataKey: 'note', metadataValue: 'footer' } }],
        valueRenderOption: 'UNFORMATTED_VALUE',
      },
    });
    expect(byFilter.data.valueRanges).toEqual([
      {
        valueRange: { range: "'Nhiệm vụ'!A5:Z5", majorDimension: 'ROWS', values: [['Ghi chú', 'cuối']] },
        dataFilters: [{ developerMetadataLookup: { metadataKey: 'note', metadataValue: 'footer' } }],
      },
    ]);
  });
});

describe('auth, failures and limits', () => {
  it('answers 401 UNAUTHENTICATED without a bearer token, and for tokens outside the accepted set', async () => {
    const id = emu.createSpreadsheet('Sổ');
    const f = await failure(client(undefined).spreadsheets.get({ spreadsheetId: id }));
    expect(f.status).toBe(401);
    expect(f.data.error).toMatchObject({ code: 401, status: 'UNAUTHENTICATED' });
    const strict = await startSheetsEmulator({ acceptedTokens: ['good'] });
    try {
      const sid = strict.createSpreadsheet('Sổ');
      expect((await client('good', strict.url).spreadsheets.get({ spreadsheetId: sid })).status).toBe(200);
      expect((await failure(client('bad', strict.url).spreadsheets.get({ spreadsheetId: sid }))).status).toBe(401);
    } finally {
      await strict.close();
    }
  });

  it('injects a 429 with Retry-After; retry: false surfaces it after exactly one request', async () => {
    const id = emu.createSpreadsheet('Sổ');
    emu.injectFailures([{ match: { operation: 'spreadsheets.values.batchGet' }, status: 429, times: 1, retryAfterSeconds: 7 }]);
    const f = await failure(api.spreadsheets.values.batchGet({ spreadsheetId: id, ranges: ['Sheet1'] }, { retry: false }));
    expect(f.status).toBe(429);
    expect(f.data.error).toMatchObject({ code: 429, status: 'RESOURCE_EXHAUSTED' });
    expect(f.headers.get('retry-after')).toBe('7');
    expect(emu.requestLog).toEqual([expect.objectContaining({ operation: 'spreadsheets.values.batchGet', status: 429, injected: true })]);
    // The injection is used up: the next call succeeds.
    expect((await api.spreadsheets.values.batchGet({ spreadsheetId: id, ranges: ['Sheet1'] }, { retry: false })).status).toBe(200);
  });

  it("the client's own gaxios retry re-sends GETs (not POSTs) unless turned off", async () => {
    const id = emu.createSpreadsheet('Sổ');
    emu.injectFailures([{ match: { method: 'GET' }, status: 503, times: 1 }]);
    expect((await api.spreadsheets.values.get({ spreadsheetId: id, range: 'Sheet1!A1' })).status).toBe(200);
    expect(emu.requestLog.map((e) => e.status)).toEqual([503, 200]);

    emu.resetCounts();
    emu.injectFailures([{ match: { method: 'POST' }, status: 503, times: 1 }]);
    expect((await failure(api.spreadsheets.batchUpdate({ spreadsheetId: id, requestBody: { requests: [] } }))).status).toBe(503);
    expect(emu.counts().writes).toBe(1);

    emu.resetCounts();
    emu.injectFailures([{ match: { method: 'GET' }, status: 500, times: 1 }]);
    const f = await failure(api.spreadsheets.get({ spreadsheetId: id }, { retryConfig: { retry: 0 } }));
    expect(f.status).toBe(500);
    expect(f.data.error.status).toBe('INTERNAL');
    expect(emu.counts().reads).toBe(1);
  });

  it("the sync job's withBackoff waits the server's Retry-After against the real client", async () => {
    const id = emu.createSpreadsheet('Sổ');
    emu.injectFailures([{ match: { operation: 'spreadsheets.batchUpdate' }, status: 429, times: 2, retryAfterSeconds: 3 }]);
    const waits: number[] = [];
    const res = await withBackoff(
      'ghi bảng tính',
      () => api.spreadsheets.batchUpdate({ spreadsheetId: id, requestBody: { requests: [] } }, { retry: false }),
      {
        sleep: async (ms) => void waits.push(ms),
      },
    );
    expect(res.data).toEqual({ spreadsheetId: id, replies: [] });
    expect(waits).toEqual([3000, 3000]);
    expect(emu.counts()).toMatchObject({ writes: 3, byOperation: { 'spreadsheets.batchUpdate': 3 } });
  });

  it('rejects bodies over 2 MB with 413', async () => {
    const id = emu.createSpreadsheet('Sổ');
    const big = [['x'.repeat(2 * 1024 * 1024)]];
    const f = await failure(
      api.spreadsheets.values.update(
        { spreadsheetId: id, range: 'Sheet1!A1', valueInputOption: 'RAW', requestBody: { values: big } },
        { retry: false },
      ),
    );
    expect(f.status).toBe(413);
    expect(emu.requestLog[0]!.bodyBytes).toBeGreaterThan(2 * 1024 * 1024);
    expect(emu.getValues(id, 'Sheet1')).toEqual([]);
  });

  it('simulates the per-minute quota when asked to', async () => {
    let now = 1_000_000;
    const limited = await startSheetsEmulator({ quota: { readsPerMinute: 2, writesPerMinute: 1 }, clock: () => now });
    try {
      const id = limited.createSpreadsheet('Sổ');
      const c = client('t', limited.url);
      const read = () => c.spreadsheets.get({ spreadsheetId: id }, { retry: false });
      await read();
      await read();
      const f = await failure(read());
      expect(f.status).toBe(429);
      expect(f.data.error.status).toBe('RESOURCE_EXHAUSTED');
      expect(f.data.error.message).toContain("'Read requests per minute per user'");
      await c.spreadsheets.batchUpdate({ spreadsheetId: id, requestBody: { requests: [] } });
      expect((await failure(c.spreadsheets.batchUpdate({ spreadsheetId: id, requestBody: { requests: [] } }))).status).toBe(429);
      now += 60_000;
      expect((await read()).status).toBe(200);
    } finally {
      await limited.close();
    }
  });
});

describe('response sizes', () => {
  it('pretty-prints JSON as Google does unless prettyPrint=false, and counts the bytes each response carries', async () => {
    const id = emu.createSpreadsheet('Cỡ', ['Nhiệm vụ']);
    emu.setValues(id, "'Nhiệm vụ'!A1:B2", [
      ['Mã', 'Tên'],
      ['NV-1', 'Rà soát TTHC'],
    ]);
    const pretty = await api.spreadsheets.get({ spreadsheetId: id, includeGridData: true });
    const compact = await api.spreadsheets.get({ spreadsheetId: id, includeGridData: true, prettyPrint: false });
    expect(compact.data).toEqual(pretty.data);
    const [a, b] = emu.requestLog.map((r) => r.responseBytes);
    expect(a).toBe(Buffer.byteLength(JSON.stringify(pretty.data, null, 2)));
    expect(b).toBe(Buffer.byteLength(JSON.stringify(compact.data)));
    expect(b!).toBeLessThan(a! / 1.5);
    expect(emu.counts()).toMatchObject({ reads: 2, bytesReceived: a! + b! });
  });
});
