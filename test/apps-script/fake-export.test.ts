/**
 * The export's fakes keep Google's limits (test/fixtures/google-limits.md, "Dialogs, files and export"): one test per
 * limit, each failing if the fake stops enforcing it. google.script.run's page side (script-run.ts) is run here in
 * node:vm with a stand-in window; the Chromium test drives it in a real page.
 */
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { EXPORT_ERRORS, type FakeBlob, type Manifest } from './fake-export';
import { ERRORS, fakeServices } from './fakes';
import { ILLEGAL_VALUE, scriptRunStub } from './script-run';

const MANIFEST: Manifest = {
  oauthScopes: ['https://www.googleapis.com/auth/drive.file'],
  dependencies: { enabledAdvancedServices: [{ userSymbol: 'Drive', serviceId: 'drive', version: 'v3' }] },
};

interface DriveFiles {
  list(p: { q?: string; fields?: string }): { files: Record<string, unknown>[] };
  create(r: { name?: string; mimeType?: string; parents?: string[] }, b?: FakeBlob, p?: { fields?: string }): Record<string, unknown>;
}
type Globals = {
  Utilities: {
    base64Decode(t: string): number[];
    newBlob(d: number[] | string, type?: string, name?: string): FakeBlob;
  };
  HtmlService: { createHtmlOutputFromFile(name: string): { append(s: string): unknown; getContent(): string } };
  SpreadsheetApp: { getUi(): { showModalDialog(o: unknown, title: string): void } };
  Drive?: { Files: DriveFiles };
};
const services = (manifest: Manifest = MANIFEST) => fakeServices({}, { manifest, htmlFiles: { 'export-dialog': '<p>x</p>' } });
const g = (s: ReturnType<typeof services>) => s.globals as unknown as Globals;

describe('fake Utilities: Java bytes', () => {
  it('base64Decode gives signed bytes (-128..127) and refuses text that is not base64', () => {
    const u = g(services()).Utilities;
    expect(u.base64Decode('/w==')).toEqual([-1]);
    expect(u.base64Decode('UEsDBA==')).toEqual([80, 75, 3, 4]);
    expect(() => u.base64Decode('không phải base64')).toThrow(EXPORT_ERRORS.base64);
  });

  it('newBlob takes signed bytes and refuses a number that is no byte (255 from a Uint8Array)', () => {
    const u = g(services()).Utilities;
    const blob = u.newBlob([-1, 80], 'application/octet-stream', 'a.bin');
    expect([blob.getBytes(), blob.getContentType(), blob.getName()]).toEqual([[-1, 80], 'application/octet-stream', 'a.bin']);
    expect(() => u.newBlob([255], 'application/octet-stream', 'a.bin')).toThrow(EXPORT_ERRORS.notByte(255));
    // A copy: changing what getBytes gave changes nothing in the blob.
    blob.getBytes()[0] = 0;
    expect(blob.getBytes()[0]).toBe(-1);
  });
});

describe('fake HtmlService and modal dialogs', () => {
  it("createHtmlOutputFromFile serves the project's files by name, and no other", () => {
    const h = g(services()).HtmlService;
    expect(h.createHtmlOutputFromFile('export-dialog').getContent()).toBe('<p>x</p>');
    expect(() => h.createHtmlOutputFromFile('import-dialog')).toThrow(EXPORT_ERRORS.noHtmlFile('import-dialog'));
  });

  it('a simple trigger may not open a modal dialog; a menu run may', () => {
    const s = services();
    const output = g(s).HtmlService.createHtmlOutputFromFile('export-dialog');
    expect(() => s.run('simple', () => g(s).SpreadsheetApp.getUi().showModalDialog(output, 'T'))).toThrow(ERRORS.permission);
    s.run('menu', () => g(s).SpreadsheetApp.getUi().showModalDialog(output, 'T'));
    expect(s.dialogs.map((d) => d.title)).toEqual(['T']);
  });
});

describe('fake advanced Drive service under drive.file', () => {
  it('is there only when the manifest enables it and grants a Drive scope', () => {
    expect(g(services()).Drive).toBeDefined();
    expect(g(services({ ...MANIFEST, dependencies: {} })).Drive).toBeUndefined();
    expect(g(services({ ...MANIFEST, oauthScopes: [] })).Drive).toBeUndefined();
  });

  it("lists only the files the script made; the official's own are not there for it (full drive scope sees them)", () => {
    for (const [scope, seen] of [
      ['https://www.googleapis.com/auth/drive.file', ['mine']],
      ['https://www.googleapis.com/auth/drive', ['theirs', 'mine']],
    ] as const) {
      const s = services({ ...MANIFEST, oauthScopes: [scope] });
      s.driveFiles.push({ id: 'x', name: 'theirs', mimeType: 'text/plain', parents: ['root'], trashed: false, bytes: [], byScript: false });
      g(s).Drive!.Files.create({ name: 'mine', mimeType: 'text/plain' });
      expect(
        g(s)
          .Drive!.Files.list({ q: "'root' in parents and trashed = false" })
          .files.map((f) => f['name']),
      ).toEqual(seen);
    }
  });

  it('refuses a parent folder it cannot see, and a query it cannot read', () => {
    const s = services();
    s.driveFiles.push({
      id: 'theirs',
      name: 'F',
      mimeType: 'application/vnd.google-apps.folder',
      parents: ['root'],
      trashed: false,
      bytes: null,
      byScript: false,
    });
    expect(() => g(s).Drive!.Files.create({ name: 'a.xlsx', parents: ['theirs'] })).toThrow(EXPORT_ERRORS.notFound('theirs'));
    expect(() => g(s).Drive!.Files.list({ q: "name contains 'F'" })).toThrow(EXPORT_ERRORS.badQuery);
  });

  it('returns the fields asked for, else only kind, id, name and mimeType (no link)', () => {
    const d = g(services()).Drive!.Files;
    expect(Object.keys(d.create({ name: 'a.xlsx', mimeType: 'x' }))).toEqual(['kind', 'id', 'name', 'mimeType']);
    expect(Object.keys(d.create({ name: 'b.xlsx', mimeType: 'x' }, undefined, { fields: 'id,webViewLink' }))).toEqual([
      'id',
      'webViewLink',
    ]);
  });
});

describe("google.script.run's page side (script-run.ts)", () => {
  /** The stub in a stand-in window whose server echoes the arguments it got. */
  function page(functions: string[]) {
    const sent: { name: string; json: string }[] = [];
    const timers: (() => void)[] = [];
    const window: Record<string, unknown> = {
      __cchcScriptRun: (name: string, json: string) => {
        sent.push({ name, json });
        return Promise.resolve(JSON.stringify({ value: JSON.parse(json) as unknown }));
      },
      setTimeout: (f: () => void) => timers.push(f),
    };
    window['window'] = window;
    vm.runInNewContext(scriptRunStub(functions), window);
    const run = (window['google'] as { script: { run: Record<string, (...a: unknown[]) => unknown> } }).script.run;
    return { run, sent, timers, window };
  }

  it("has only the script's functions", () => {
    const { run } = page(['cchcExportData']);
    expect(typeof run['cchcExportData']).toBe('function');
    expect(run['cchcDeleteEverything']).toBeUndefined();
  });

  it('fails a call given a Date, a function or a typed array, later and through the failure handler; sends nothing', () => {
    const { sent, timers, window } = page(['f']);
    const failures: string[] = [];
    window['fail'] = (e: Error) => failures.push(e.message);
    // Values made in the page's own realm, as the dialog makes them.
    vm.runInContext(
      `const run = google.script.run.withFailureHandler(fail);
       run.f('ok', new Date());
       run.f(() => 1);
       run.f({ bytes: new Uint8Array(2) });
       run.f({ nested: [{ when: new Date() }] });`,
      window,
    );
    expect(failures).toEqual([]);
    timers.forEach((t) => t());
    expect(failures).toEqual([`${ILLEGAL_VALUE}: 1`, `${ILLEGAL_VALUE}: 0`, `${ILLEGAL_VALUE}: 0`, `${ILLEGAL_VALUE}: 0`]);
    expect(sent).toEqual([]);
  });

  it('sends a copy: undefined in an array arrives as null', async () => {
    const { sent, window } = page(['f']);
    // Arguments made in the page's own realm, as the dialog makes them.
    const got = await new Promise((resolve) => {
      window['resolve'] = resolve;
      vm.runInContext("google.script.run.withSuccessHandler(resolve).f([1, undefined], { a: 'x' })", window);
    });
    expect(sent[0]!.json).toBe('[[1,null],{"a":"x"}]');
    expect(got).toEqual([[1, null], { a: 'x' }]);
  });
});
