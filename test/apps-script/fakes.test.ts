/**
 * The fakes keep Google's documented limits (test/fixtures/google-limits.md): one test
 * per limit, each failing if the fake stops enforcing it.
 */
import { describe, expect, it } from 'vitest';
import { ERRORS, fakeServices, LIMITS, midnightIn, scriptRunCopy, type FakeServices, type FakeSheet } from './fakes';

type Builder = {
  timeBased(): Builder;
  everyDays(n: number): Builder;
  atHour(h: number): Builder;
  after(ms: number): Builder;
  create(): unknown;
};

type Globals = {
  MailApp: { sendEmail(to: string, s: string, b: string): void; getRemainingDailyQuota(): number };
  ScriptApp: {
    newTrigger(h: string): Builder;
    getProjectTriggers(): { getHandlerFunction(): string }[];
    deleteTrigger(t: unknown): void;
  };
  PropertiesService: { getDocumentProperties(): { setProperty(k: string, v: string): void; getProperty(k: string): string | null } };
  SpreadsheetApp: {
    getActiveSpreadsheet(): { getSheets(): unknown[] };
    getUi(): { alert(t: string): unknown; showSidebar(o: unknown): void; showModalDialog(o: unknown, title: string): void };
  };
  HtmlService: { createHtmlOutput(html: string): unknown };
  CacheService: {
    getUserCache(): {
      get(k: string): string | null;
      getAll(k: string[]): Record<string, string>;
      put(k: string, v: string, s?: number): void;
      putAll(v: Record<string, string>, s?: number): void;
    };
  };
  LockService: { getDocumentLock(): { tryLock(ms: number): boolean; releaseLock(): void } };
  Utilities: {
    formatDate(d: Date, tz: string, p: string): string;
    parseDate(t: string, tz: string, p: string): Date;
    base64Decode(s: string): number[];
    newBlob(b: number[], type?: string, name?: string): { getBytes(): number[]; getName(): string | null };
  };
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

  it('a simple trigger may not use services that need authorisation; the sheet, properties and lock it may', () => {
    const s = fakeServices({ A: [] });
    const trigger = g(s).ScriptApp.newTrigger('f').timeBased().after(60_000).create();
    const listed = g(s).ScriptApp.getProjectTriggers()[0];
    s.run('simple', () => {
      expect(() => g(s).MailApp.getRemainingDailyQuota()).toThrow(ERRORS.permission);
      expect(() => g(s).MailApp.sendEmail('vhxh@phuong.gov.vn', 'a', 'b')).toThrow(`${ERRORS.permission} MailApp.sendEmail`);
      expect(() => g(s).ScriptApp.getProjectTriggers()).toThrow(ERRORS.permission);
      expect(() => g(s).ScriptApp.newTrigger('f').timeBased().after(60_000).create()).toThrow(`${ERRORS.permission} ScriptApp.newTrigger`);
      expect(() => g(s).ScriptApp.deleteTrigger(listed)).toThrow(ERRORS.permission);
      expect(() => g(s).SpreadsheetApp.getUi().showSidebar(g(s).HtmlService.createHtmlOutput('<p>x</p>'))).toThrow(
        `${ERRORS.permission} Ui.showSidebar`,
      );
      expect(g(s).SpreadsheetApp.getActiveSpreadsheet().getSheets()).toHaveLength(1);
      g(s).PropertiesService.getDocumentProperties().setProperty('k', 'v');
      expect(g(s).LockService.getDocumentLock().tryLock(1000)).toBe(true);
    });
    expect(trigger).toBeDefined();
    expect(s.mail.sent).toEqual([]);
    expect(s.triggers).toHaveLength(1);
    expect(s.sidebars).toEqual([]);
  });

  it('50,000 property reads and writes a day per user', () => {
    const s = fakeServices({});
    const props = g(s).PropertiesService.getDocumentProperties();
    s.costs.properties = 0;
    for (let i = 0; i < LIMITS.propertyCallsPerDay; i++) props.getProperty('k');
    expect(() => props.setProperty('k', 'v')).toThrow(ERRORS.propertyCalls);
    s.user.email = 'nam@phuong.gov.vn';
    props.setProperty('k', 'v');
    s.user.email = 'lan@phuong.gov.vn';
    s.clock.advance(24 * 3_600_000);
    expect(props.getProperty('k')).toBe('v');
  });
});

describe('fake executions keep the time limits', () => {
  const read = (s: FakeServices) => g(s).SpreadsheetApp.getActiveSpreadsheet().getSheets();

  it('a run past 6 minutes throws "Exceeded maximum execution time" at its next service call', () => {
    const s = fakeServices({ A: [] });
    const reads: number[] = [];
    expect(() =>
      s.run('menu', () => {
        s.clock.advance(LIMITS.runMillis - 1_000);
        reads.push(read(s).length);
        s.clock.advance(1_000);
        reads.push(read(s).length);
      }),
    ).toThrow(ERRORS.timeout);
    expect(reads).toEqual([1]);
    // Computation past the limit with no call after it: the run would have been stopped all the same.
    expect(() => s.run('trigger', () => s.clock.advance(LIMITS.runMillis + 1))).toThrow(ERRORS.timeout);
  });

  it('service calls cost simulated time: a run of slow emails stops inside the call that passes 6 minutes', () => {
    const s = fakeServices({});
    s.costs.mail = 10_000;
    let sent = 0;
    expect(() =>
      s.run('menu', () => {
        for (;;) {
          g(s).MailApp.sendEmail('vhxh@phuong.gov.vn', 'a', 'b');
          sent++;
        }
      }),
    ).toThrow(ERRORS.timeout);
    expect(sent).toBe(LIMITS.runMillis / 10_000);
    // The email whose call passed the limit went out, though the run never learned it.
    expect(s.mail.sent).toHaveLength(sent + 1);
  });

  it('a simple trigger has 30 seconds; waiting for the lock takes the run its time', () => {
    const s = fakeServices({ A: [] });
    s.lock.heldElsewhere = true;
    expect(() =>
      s.run('simple', () =>
        g(s)
          .LockService.getDocumentLock()
          .tryLock(LIMITS.simpleTriggerMillis + 1),
      ),
    ).toThrow(ERRORS.timeout);
    s.run('menu', () =>
      g(s)
        .LockService.getDocumentLock()
        .tryLock(LIMITS.simpleTriggerMillis + 1),
    );
    expect(s.executions.map((e) => [e.kind, e.millis! > LIMITS.simpleTriggerMillis])).toEqual([
      ['simple', true],
      ['menu', true],
    ]);
  });

  it('trigger runs stop being started past 90 minutes of trigger runtime a day, per user; menu runs still start', () => {
    const s = fakeServices({ A: [] });
    const runFor = (ms: number) => s.run('trigger', () => s.clock.advance(ms));
    for (let i = 0; i < 18; i++) runFor(5 * 60_000);
    expect(s.triggerMillis.get(`lan@phuong.gov.vn ${new Date(s.clock.now()).toISOString().slice(0, 10)}`)).toBe(LIMITS.triggerMillisPerDay);
    expect(() => runFor(1)).toThrow(ERRORS.triggerTime);
    s.run('menu', () => read(s));
    s.user.email = 'nam@phuong.gov.vn';
    runFor(1);
  });

  it("simple triggers' runs (each onEdit) count against the day's trigger runtime too", () => {
    const s = fakeServices({ A: [] });
    for (let i = 0; i < 180; i++) s.run('simple', () => s.clock.advance(30_000));
    expect(s.triggerMillis.get(`lan@phuong.gov.vn ${new Date(s.clock.now()).toISOString().slice(0, 10)}`)).toBe(LIMITS.triggerMillisPerDay);
    expect(() => s.run('simple', () => read(s))).toThrow(ERRORS.triggerTime);
    expect(() => s.run('trigger', () => read(s))).toThrow(ERRORS.triggerTime);
  });

  it('counts the cells each read and write covers, and a RangeList writes each of its cells', () => {
    const s = fakeServices({
      A: [
        ['a', 'b'],
        ['c', 'd'],
        ['e', 'f'],
      ],
    });
    s.run('menu', () => {
      const sheet = g(s).SpreadsheetApp.getActiveSpreadsheet().getSheets()[0] as FakeSheet;
      sheet.getRange(1, 1, 3, 2).getValues();
      sheet.getRange(1, 1, 2, 2).getNotes();
      sheet.getRangeList(['A1', 'B3']).setNote('x');
    });
    expect(s.spreadsheet.counts).toEqual({ cellsRead: 10, cellsWritten: 2 });
    expect(
      s
        .sheet('A')!
        .notes.slice(0, 3)
        .map((r) => r.slice(0, 2)),
    ).toEqual([
      ['x', ''],
      ['', ''],
      ['', 'x'],
    ]);
  });

  it('a trigger run that passes the day’s trigger runtime is stopped at its next call', () => {
    const s = fakeServices({ A: [] });
    for (let i = 0; i < 17; i++) s.run('trigger', () => s.clock.advance(5 * 60_000));
    const reads: number[] = [];
    expect(() =>
      s.run('trigger', () => {
        reads.push(read(s).length);
        s.clock.advance(5 * 60_000);
        reads.push(read(s).length);
      }),
    ).toThrow(ERRORS.triggerTime);
    expect(reads).toEqual([1]);
  });

  it('a time-driven trigger run has no dialogs: getUi throws there, not in a menu run', () => {
    const s = fakeServices({});
    expect(() => s.run('trigger', () => g(s).SpreadsheetApp.getUi())).toThrow(ERRORS.noUi);
    s.run('menu', () => g(s).SpreadsheetApp.getUi().alert('x'));
    expect(s.alerts).toEqual(['x']);
  });

  it('30 simultaneous runs per user: the 31st throws', () => {
    const s = fakeServices({});
    const runs = Array.from({ length: LIMITS.simultaneousRuns }, () => s.begin('trigger'));
    expect(() => s.begin('menu')).toThrow(ERRORS.simultaneous);
    s.user.email = 'nam@phuong.gov.vn';
    s.end(s.begin('menu'));
    s.user.email = 'lan@phuong.gov.vn';
    s.end(runs.pop()!);
    s.end(s.begin('simple'));
  });

  it("one-off triggers are due on the fake clock and Date in the bundle's realm reads it", () => {
    const s = fakeServices({});
    const before = s.clock.now();
    g(s).ScriptApp.newTrigger('f').timeBased().after(60_000).create();
    expect(s.triggers[0]!.at! - before - 60_000).toBeGreaterThanOrEqual(0);
    expect(s.triggers[0]!.at! - before - 60_000).toBeLessThan(100);
    s.clock.advance(3_600_000);
    const RealmDate = s.spreadsheet.RealmDate;
    expect(Math.abs(RealmDate.now() - (before + 3_600_000))).toBeLessThan(1_000);
    expect(Math.abs(new RealmDate().getTime() - RealmDate.now())).toBeLessThan(1_000);
    expect(new RealmDate(0).getTime()).toBe(0);
  });
});

describe('fake dialogs, files and cache keep what Google documents', () => {
  it('base64Decode gives signed bytes (-128…127), as Java does, and throws on text that is not base64', () => {
    const u = g(fakeServices({})).Utilities;
    expect(u.base64Decode(Buffer.from([0, 1, 127, 128, 200, 255]).toString('base64'))).toEqual([0, 1, 127, -128, -56, -1]);
    expect(() => u.base64Decode('không phải base64')).toThrow(ERRORS.base64);
    expect(() => u.base64Decode('QUJD=')).toThrow(ERRORS.base64);
    const blob = u.newBlob([-1, 65], 'text/csv', 'a.csv');
    expect([blob.getBytes(), blob.getName()]).toEqual([[-1, 65], 'a.csv']);
  });

  it('a cache key holds at most 250 characters, a value 100 KB (of UTF-8), an entry at most 6 hours', () => {
    const cache = g(fakeServices({})).CacheService.getUserCache();
    expect(() => cache.put('k'.repeat(LIMITS.cacheKeyChars + 1), 'v')).toThrow(ERRORS.cacheKey);
    cache.put('k'.repeat(LIMITS.cacheKeyChars), 'v');
    expect(() => cache.put('k', 'x'.repeat(LIMITS.cacheValueBytes + 1))).toThrow(ERRORS.cacheValue);
    // Vietnamese letters take 2-3 bytes: 40,000 "ệ" are 120,000 bytes.
    expect(() => cache.putAll({ a: 'v', b: 'ệ'.repeat(40_000) })).toThrow(ERRORS.cacheValue);
    // putAll is all or nothing here: nothing of a refused batch is kept.
    expect(cache.get('a')).toBeNull();
    expect(() => cache.put('k', 'v', LIMITS.cacheMaxSeconds + 1)).toThrow(ERRORS.cacheSeconds);
    cache.put('k', 'v', LIMITS.cacheMaxSeconds);
  });

  it('cache entries expire on the clock (10 minutes unless told), per user; past 1,000 the 900 farthest from expiry stay', () => {
    const s = fakeServices({});
    const cache = () => g(s).CacheService.getUserCache();
    cache().put('kept', 'v', 3600);
    cache().put('short', 'v');
    s.clock.advance(LIMITS.cacheDefaultSeconds * 1000);
    expect([cache().get('kept'), cache().get('short')]).toEqual(['v', null]);
    s.user.email = 'nam@phuong.gov.vn';
    expect(cache().get('kept')).toBeNull();
    s.user.email = 'lan@phuong.gov.vn';
    const many = Object.fromEntries(Array.from({ length: LIMITS.cacheItems }, (_, i) => [`k${i}`, 'v']));
    cache().putAll(many, 60);
    expect(cache().get('kept')).toBe('v');
    expect(Object.keys(cache().getAll(Object.keys(many)))).toHaveLength(LIMITS.cacheItemsKept - 1);
    s.clock.advance(3600 * 1000);
    expect(cache().get('kept')).toBeNull();
  });

  it('a modal dialog needs authorisation: a simple trigger may not show one', () => {
    const s = fakeServices({});
    const show = () => g(s).SpreadsheetApp.getUi().showModalDialog(g(s).HtmlService.createHtmlOutput('<p>x</p>'), 'Nhập');
    s.run('simple', () => expect(show).toThrow(`${ERRORS.permission} Ui.showModalDialog`));
    s.run('menu', show);
    expect(s.dialogs.map((d) => [d.title, d.width, d.height])).toEqual([['Nhập', 600, 400]]);
  });

  it('google.script.run carries copies of primitives, plain objects and arrays; a Date, a function or a typed array fails', () => {
    const sent = { file: 'a.csv', rows: [1, undefined, 'x'], nested: { ok: true, skip: undefined } };
    const copy = scriptRunCopy(sent) as typeof sent;
    expect(copy).toEqual({ file: 'a.csv', rows: [1, null, 'x'], nested: { ok: true } });
    expect(copy).not.toBe(sent);
    expect(copy.nested).not.toBe(sent.nested);
    expect(() => scriptRunCopy({ at: new Date() })).toThrow(ERRORS.scriptRun);
    expect(() => scriptRunCopy([() => 1])).toThrow(ERRORS.scriptRun);
    expect(() => scriptRunCopy({ bytes: new Uint8Array(2) })).toThrow(ERRORS.scriptRun);
    const loop: Record<string, unknown> = {};
    loop['self'] = loop;
    expect(() => scriptRunCopy(loop)).toThrow(ERRORS.scriptRun);
  });

  it('a formula written is kept as a formula (getFormulas) while getValues gives its result', () => {
    const sheet = fakeServices({}).spreadsheet.insertSheet('A');
    sheet.getRange(1, 1, 1, 2).setValues([['=B1', 'x']]);
    expect(sheet.getRange(1, 1, 1, 2).getFormulas()).toEqual([['=B1', '']]);
    expect(sheet.getRange(1, 1).getValues()).toEqual([['#NAME?']]);
  });
});
