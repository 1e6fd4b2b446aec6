/**
 * The fakes keep Google's documented limits (test/fixtures/google-limits.md): one test
 * per limit, each failing if the fake stops enforcing it.
 */
import { describe, expect, it } from 'vitest';
import { ERRORS, fakeServices, LIMITS, midnightIn, type FakeServices } from './fakes';

type Globals = {
  MailApp: { sendEmail(to: string, s: string, b: string): void; getRemainingDailyQuota(): number };
  ScriptApp: {
    newTrigger(h: string): { timeBased(): { everyDays(n: number): { atHour(h: number): { create(): unknown } } } };
    getProjectTriggers(): { getHandlerFunction(): string }[];
  };
  PropertiesService: { getDocumentProperties(): { setProperty(k: string, v: string): void; getProperty(k: string): string | null } };
  LockService: { getDocumentLock(): { tryLock(ms: number): boolean; releaseLock(): void } };
  Utilities: { formatDate(d: Date, tz: string, p: string): string; parseDate(t: string, tz: string, p: string): Date };
};
const g = (s: FakeServices) => s.globals as unknown as Globals;

describe('fake SpreadsheetApp keeps the grid limits', () => {
  it('insertSheet gives 1,000 × 26 and refuses a name already used', () => {
    const s = fakeServices({ 'Trang tính1': [] });
    const sheet = s.spreadsheet.insertSheet('Đơn vị');
    expect([sheet.getMaxRows(), sheet.getMaxColumns()]).toEqual([LIMITS.newSheetRows, LIMITS.newSheetColumns]);
    expect(() => s.spreadsheet.insertSheet('Đơn vị')).toThrow('already exists');
  });

  it('getRange past the grid throws until the grid grows', () => {
    const sheet = fakeServices({}).spreadsheet.insertSheet('Nhiệm vụ');
    expect(() => sheet.getRange(2, 1, 2000, 1)).toThrow(ERRORS.outside);
    expect(() => sheet.getRange(1, 27)).toThrow(ERRORS.outside);
    expect(() => sheet.getRange(1, 1, 0, 1)).toThrow('at least 1');
    sheet.insertRowsAfter(sheet.getMaxRows(), 1001);
    sheet.insertColumnsAfter(sheet.getMaxColumns(), 1);
    expect(sheet.getRange(2, 1, 2000, 27).getNumRows()).toBe(2000);
  });

  it('deleteRows stays inside the grid and never deletes every row that is not frozen', () => {
    const sheet = fakeServices({}).spreadsheet.insertSheet('Nhật ký');
    sheet.setFrozenRows(1);
    sheet.getRange(2, 1, 3, 1).setValues([['a'], ['b'], ['c']]);
    expect(() => sheet.deleteRows(1000, 2)).toThrow(ERRORS.outside);
    expect(() => sheet.deleteRows(2, LIMITS.newSheetRows - 1)).toThrow(ERRORS.allRows);
    sheet.deleteRows(2, 2);
    expect(sheet.getMaxRows()).toBe(LIMITS.newSheetRows - 2);
    expect(sheet.getRange(2, 1).getValues()).toEqual([['c']]);
  });

  it("set* need exactly the range's rows and columns", () => {
    const sheet = fakeServices({}).spreadsheet.insertSheet('A');
    const range = sheet.getRange(1, 1, 2, 2);
    expect(() => range.setValues([['a', 'b']])).toThrow('number of rows');
    expect(() => range.setBackgrounds([['#fff'], ['#fff']])).toThrow('number of columns');
    expect(() =>
      range.setNotes([
        ['', '', ''],
        ['', '', ''],
      ]),
    ).toThrow('number of columns');
    expect(() => range.setFontWeights([['bold', 'bold']])).toThrow('number of rows');
    range.setValues([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(sheet.getRange(2, 2).getValues()).toEqual([['d']]);
  });

  it("getValues gives '' for empty cells and Dates for a date typed in any column, in the sheet's zone", () => {
    const s = fakeServices({}, { timeZone: 'Asia/Ho_Chi_Minh' });
    const sheet = s.spreadsheet.insertSheet('A');
    sheet.getRange(1, 1, 1, 5).setValues([['30/6/2026', '50%', "'30/6/2026", '=SUM(A1)', '2026-01-15']]);
    const [[date, percent, text, formula, iso, empty]] = sheet.getRange(1, 1, 1, 6).getValues() as [
      [Date, number, string, string, Date, string],
    ];
    expect(date).toBeInstanceOf(Date);
    expect(date.toISOString()).toBe('2026-06-29T17:00:00.000Z'); // midnight in Hà Nội
    expect(iso.toISOString()).toBe('2026-01-14T17:00:00.000Z');
    expect([percent, text, formula, empty]).toEqual([0.5, '30/6/2026', '#NAME?', '']);
  });

  it('getDataRange on an empty tab is A1, and getLastRow is 0', () => {
    const sheet = fakeServices({}).spreadsheet.insertSheet('A');
    const range = sheet.getDataRange();
    expect([range.getNumRows(), range.getNumColumns()]).toEqual([1, 1]);
    expect(range.getValues()).toEqual([['']]);
    expect(sheet.getLastRow()).toBe(0);
  });

  it('setFrozenRows and setColumnWidth past the grid throw', () => {
    const sheet = fakeServices({}).spreadsheet.insertSheet('A');
    expect(() => sheet.setFrozenRows(1001)).toThrow(ERRORS.outside);
    expect(() => sheet.setColumnWidth(27, 100)).toThrow(ERRORS.outside);
  });

  it('a cell holds at most 50,000 characters; a spreadsheet at most 10 million cells', () => {
    const sheet = fakeServices({}).spreadsheet.insertSheet('A');
    expect(() => sheet.getRange(1, 1).setValues([['x'.repeat(LIMITS.cellChars + 1)]])).toThrow('50000');
    expect(() => sheet.insertRowsAfter(1000, 400_000)).toThrow('10000000');
  });

  it('multi-cell ranges report their extent, as e.range of a paste does', () => {
    const sheet = fakeServices({}).spreadsheet.insertSheet('A');
    const r = sheet.getRange(3, 2, 4, 5);
    expect([r.getRow(), r.getLastRow(), r.getColumn(), r.getLastColumn(), r.getNumRows()]).toEqual([3, 6, 2, 6, 4]);
  });

  it('dates are formatted and parsed in the zone asked for', () => {
    const u = g(fakeServices({})).Utilities;
    const d = midnightIn('Asia/Ho_Chi_Minh', 2026, 1, 15);
    expect(u.formatDate(d, 'Asia/Ho_Chi_Minh', 'yyyy-MM-dd')).toBe('2026-01-15');
    expect(u.formatDate(d, 'UTC', 'yyyy-MM-dd')).toBe('2026-01-14');
    expect(u.parseDate('2026-01-15', 'America/New_York', 'yyyy-MM-dd').toISOString()).toBe('2026-01-15T05:00:00.000Z');
  });
});

describe('fake script services keep their quotas', () => {
  it('a property value holds at most 9 KB, the store 500 KB', () => {
    const props = g(fakeServices({})).PropertiesService.getDocumentProperties();
    expect(() => props.setProperty('k', 'x'.repeat(LIMITS.propertyValueBytes + 1))).toThrow(ERRORS.propertyTooLarge);
    // Vietnamese letters take 2-3 bytes: the limit is on bytes.
    expect(() => props.setProperty('k', 'ệ'.repeat(4000))).toThrow(ERRORS.propertyTooLarge);
    for (let i = 0; i < 56; i++) props.setProperty(`k${i}`, 'x'.repeat(9000));
    expect(() => props.setProperty('k56', 'x'.repeat(9000))).toThrow(ERRORS.storeFull);
    expect(props.getProperty('k56')).toBeNull();
  });

  it("20 triggers per user, and getProjectTriggers lists only the current user's", () => {
    const s = fakeServices({});
    const app = g(s).ScriptApp;
    const daily = () => app.newTrigger('cchcDailyReminders').timeBased().everyDays(1).atHour(7).create();
    for (let i = 0; i < LIMITS.triggersPerUser; i++) daily();
    expect(daily).toThrow(ERRORS.triggers);
    s.user.email = 'nam@phuong.gov.vn';
    expect(app.getProjectTriggers()).toHaveLength(0);
    daily();
    expect(app.getProjectTriggers()).toHaveLength(1);
    expect(s.triggers).toHaveLength(21);
  });

  it('MailApp throws on an invalid address and past the daily quota, per user', () => {
    const s = fakeServices({});
    const mail = g(s).MailApp;
    expect(() => mail.sendEmail('vhxh@phuong', 'a', 'b')).toThrow('Invalid email');
    expect(() => mail.sendEmail('vhxh@phuong.gov.vn; vp@phuong.gov.vn', 'a', 'b')).toThrow('Invalid email');
    s.mail.quota = 1;
    mail.sendEmail('vhxh@phuong.gov.vn', 'a', 'b');
    expect(mail.getRemainingDailyQuota()).toBe(0);
    expect(() => mail.sendEmail('vp@phuong.gov.vn', 'a', 'b')).toThrow(ERRORS.mailQuota);
    s.user.email = 'nam@phuong.gov.vn';
    expect(mail.getRemainingDailyQuota()).toBe(1);
  });

  it('the document lock refuses a second run', () => {
    const s = fakeServices({});
    s.lock.heldElsewhere = true;
    expect(g(s).LockService.getDocumentLock().tryLock(1000)).toBe(false);
    s.lock.heldElsewhere = false;
    expect(g(s).LockService.getDocumentLock().tryLock(1000)).toBe(true);
  });

  it('a simple trigger may not use services that need authorisation', () => {
    const s = fakeServices({});
    s.simple.active = true;
    expect(() => g(s).MailApp.getRemainingDailyQuota()).toThrow('permission');
    expect(() => g(s).ScriptApp.getProjectTriggers()).toThrow('permission');
  });
});
