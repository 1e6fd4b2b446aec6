/**
 * "Nhập kế hoạch từ tệp Word/Excel…" as the dialog uses it: previewImport(fileName, base64) and applyImport(token) of
 * the built bundle, called through the strict google.script.run copy (gas.dialog), on a sheet freshly set up by
 * "Khởi tạo bảng tính". Each fixture gives the tasks `cchc import --dry-run --json` gives for the same file, and
 * once applied the sheet holds what `cchc import` writes into a fresh store.
 *
 * The Word and Excel fixtures are read by core/files/read-table-file.ts; until the full reader (branch i26-readers)
 * is merged, its stand-in reads CSV only and those fixtures fail at the preview. The CSV fixtures pass either way.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PLANS_TAB, TASKS_TAB, type TabSpec } from '../../core/index';
import { readGrids } from '../../sync/excel/read-grids';
import { initialTables } from '../../sync/store/initial-tables';
import { XlsxStore } from '../../sync/store/xlsx-store';
import { wordPlanFromSeed, wordProsePlanFromSeed } from '../fixtures/appendix-docx';
import { cchcAsync } from '../helpers/cli';
import { useTempDir } from '../helpers/tmp';
import { FakeRange, type Cell } from './fakes';
import { builtBundle, load, type Gas } from './gas';

const tempDir = useTempDir();
let code = '';
beforeAll(async () => {
  code = await builtBundle();
});

const root = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));
const SAMPLES = ['phu-luc-an-tuong-2026.xlsx', 'phu-luc-nhi-chieu-2026.xlsx', 'phu-luc-phuc-thuan-2026.xlsx'];

/** A grid as Excel saves "CSV UTF-8" on a Vietnamese system: ";" between fields, quotes where needed. */
function csvOf(grid: readonly { cells: string[] }[]): string {
  const field = (c: string) => (/[;"\n\r]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
  return grid.map((r) => r.cells.map(field).join(';')).join('\r\n') + '\r\n';
}

/** An Excel sample saved as CSV, read by the command line's own reader. */
async function csvFromSample(dir: string, sample: string, edit?: (cells: string[][]) => string[][]): Promise<string> {
  const [sheet] = await readGrids(root(`templates/samples/${sample}`));
  const cells = sheet!.grid.map((r) => [...r.cells]);
  const path = join(dir, sample.replace(/\.xlsx$/, '.csv'));
  await writeFile(path, csvOf((edit ? edit(cells) : cells).map((c) => ({ cells: c }))), 'utf8');
  return path;
}

/**
 * The project's Word and Excel fixtures, then CSV ones made from them. Word and Excel wait for the full reader
 * (branch i26-readers); CSV is read by the stand-in too.
 */
const FIXTURES: { name: string; make: (dir: string) => Promise<string> }[] = [
  ...SAMPLES.map((s) => ({ name: s, make: async () => root(`templates/samples/${s}`) })),
  { name: 'openpyxl-appendix.xlsx', make: async () => root('test/fixtures/openpyxl/openpyxl-appendix.xlsx') },
  ...(
    [
      ['nhi-chieu-appendix.tsv', 'nhi-chieu', { headers: 'marked', mergeColumns: [2, 3, 5] }],
      ['an-tuong-appendix.tsv', 'an-tuong', {}],
      ['phuc-thuan-appendix.tsv', 'phuc-thuan', {}],
    ] as const
  ).map(([seed, heading, opts]) => ({
    name: `${heading}.docx`,
    make: async (dir: string) => {
      const path = join(dir, `ke-hoach-${heading}.docx`);
      await writeFile(path, await wordPlanFromSeed(seed, heading, opts as Parameters<typeof wordPlanFromSeed>[2]));
      return path;
    },
  })),
  {
    name: 'dong-quang.docx (duties in prose)',
    make: async (dir) => {
      const path = join(dir, 'ke-hoach-dong-quang.docx');
      await writeFile(path, await wordProsePlanFromSeed('dong-quang-plan.txt', 'dong-quang', { autoNumber: true }));
      return path;
    },
  },
  ...SAMPLES.map((s) => ({ name: s.replace(/\.xlsx$/, '.csv'), make: (dir: string) => csvFromSample(dir, s) })),
];

interface Preview {
  ok: boolean;
  code: string | null;
  token: string | null;
  tasks: number;
  errors: string[];
  warnings: string[];
  errorCount: number;
  warningCount: number;
  plan: { code: string; title: string } | null;
  sections: { name: string; tasks: number }[];
  firstRows: { stt: string; title: string; lead: string; deadline: string; product: string }[];
  unknownUnits: { name: string; tasks: number }[];
  changes: Record<string, number> | null;
  lines: string[];
  differences: string[];
}
interface Applied {
  ok: boolean;
  code: string | null;
  lines: string[];
  added: number;
  updated: number;
}
interface CliTask {
  stt: string;
  section: string;
  title: string;
  product: string;
  lead: { text: string; unit: string | null }[];
  support: { text: string; unit: string | null }[];
  deadline: { text: string };
}

const VIETNAMESE = /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i;

/** A sheet as "Khởi tạo bảng tính" leaves a new spreadsheet. */
function freshSheet(): Gas {
  const gas = load(code, { 'Trang tính1': [] });
  gas.call('cchcSetup');
  return gas;
}

const preview = (gas: Gas, file: string, bytes: Buffer | string): Preview =>
  gas.dialog('previewImport', file, typeof bytes === 'string' ? bytes : bytes.toString('base64')) as Preview;
const apply = (gas: Gas, token: string | null, options?: { replace: boolean }): Applied =>
  (options ? gas.dialog('applyImport', token, options) : gas.dialog('applyImport', token)) as Applied;

/**
 * Every tab's cells, notes and colours: what "nothing written" compares. Trailing rows left as a new sheet has them
 * are left out with their count kept (getMaxRows): the set-up's thousands of blank rows made each snapshot 10 MB.
 */
const snapshot = (gas: Gas) =>
  JSON.stringify(
    gas.spreadsheet.sheets.map((s) => [
      s.getName(),
      s.getMaxRows(),
      s.getMaxColumns(),
      ...[s.values, s.formulas, s.notes].map((grid) => usedRows(grid, '')),
      usedRows(s.backgrounds, '#ffffff'),
    ]),
  );
function usedRows<T>(grid: readonly T[][], blank: T): readonly T[][] {
  let n = grid.length;
  while (n > 0 && grid[n - 1]!.every((c) => c === blank || c === null || c === undefined)) n--;
  return grid.slice(0, n);
}

/** A tab's rows by column key, as text ('' for blank; a date cell as its ISO day in Hà Nội). */
function sheetRows(gas: Gas, tab: TabSpec, name = tab.name): Record<string, string>[] {
  const sheet = gas.sheet(name)!;
  const header = sheet.values[0]!.map(String);
  const at = new Map(tab.columns.map((c) => [c.key, header.indexOf(c.header)]));
  return sheet.values
    .slice(1, sheet.getLastRow())
    .map((line) => Object.fromEntries(tab.columns.map((c) => [c.key, text(at.get(c.key)! >= 0 ? line[at.get(c.key)!] : '')])));
}
function text(v: Cell | null | undefined): string {
  if (v === null || v === undefined || v === '') return '';
  if (typeof v === 'object') return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(v);
  return String(v);
}

async function freshStore(dir: string): Promise<string> {
  const store = join(dir, 'cchc.xlsx');
  await new XlsxStore(store).create(initialTables());
  return store;
}

describe('previewImport and applyImport give what cchc import gives, on every fixture', () => {
  it.each(FIXTURES)(
    '$name',
    async ({ make }) => {
      const dir = await tempDir();
      const file = await make(dir);
      const store = await freshStore(dir);
      const cli = await cchcAsync(['import', file, '--store', store, '--dry-run', '--json']);
      expect(cli.stderr).toBe('');
      const expected = JSON.parse(cli.stdout) as { plan: { code: string }; tasks: CliTask[]; changes: Record<string, number> };

      const gas = freshSheet();
      const before = snapshot(gas);
      const shown = preview(gas, basename(file), await readFile(file));
      expect(shown.ok, shown.errors.join('\n')).toBe(true);
      expect(snapshot(gas)).toBe(before);
      expect(shown.tasks).toBe(expected.tasks.length);
      expect(shown.plan!.code).toBe(expected.plan.code);
      expect(shown.changes).toEqual(expected.changes);
      expect(shown.firstRows.map((r) => [r.stt, r.title, r.deadline, r.product])).toEqual(
        expected.tasks.slice(0, shown.firstRows.length).map((t) => [t.stt, t.title, t.deadline.text, t.product]),
      );
      const unresolved = expected.tasks.flatMap((t) => [...t.lead, ...t.support].filter((u) => u.unit === null && u.text.trim() !== ''));
      expect(shown.unknownUnits.map((u) => u.name).sort()).toEqual([...new Set(unresolved.map((u) => u.text.trim()))].sort());
      expect(shown.sections.reduce((n, s) => n + s.tasks, 0)).toBe(expected.tasks.length);

      const done = apply(gas, shown.token);
      expect(done).toMatchObject({ ok: true, added: expected.changes['added'] });
      const tasks = sheetRows(gas, TASKS_TAB).filter((r) => r['kind'] === '');
      expect(tasks.map((t) => [t['stt'], t['title'], t['product'], t['deadline']])).toEqual(
        expected.tasks.map((t) => [t.stt, t.title, t.product, t.deadline.text]),
      );

      // Written as `cchc import` writes its store: every column of every row, plans and tasks alike.
      const real = await cchcAsync(['import', file, '--store', store]);
      expect(real.code).toBe(0);
      const stored = await new XlsxStore(store).read();
      const asText = (rows: readonly Record<string, unknown>[], tab: TabSpec) =>
        rows.map((r) => Object.fromEntries(tab.columns.map((c) => [c.key, text(r[c.key] as Cell | null)])));
      expect(sheetRows(gas, TASKS_TAB)).toEqual(asText(stored['tasks']!, TASKS_TAB));
      expect(sheetRows(gas, PLANS_TAB)).toEqual(asText(stored['plans']!, PLANS_TAB));
    },
    120_000,
  );
});

describe('a file that cannot be imported writes nothing and is told in Vietnamese', () => {
  const BROKEN: [string, (dir: string) => Promise<Buffer>][] = [
    ['a truncated .xlsx', async () => (await readFile(root(`templates/samples/${SAMPLES[0]}`))).subarray(0, 3000)],
    ['a truncated .docx', async () => (await wordPlanFromSeed('phuc-thuan-appendix.tsv', 'phuc-thuan', {})).subarray(0, 2000)],
    ['an old Word .doc', async () => Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(4000, 7)])],
    ['random bytes as .xlsx', async () => Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7919) % 256))],
    ['a .csv with a quote never closed', async () => Buffer.from('STT;Nội dung công việc\n1;"Rà soát thủ tục\n', 'utf8')],
    ['a .csv that is not UTF-8', async () => Buffer.from([0x53, 0x54, 0x54, 0x3b, 0xff, 0xfe, 0x0a])],
    ['an empty .csv', async () => Buffer.alloc(0)],
    ['the blank template (a header, no task)', async () => readFile(root('templates/phu-luc-nhiem-vu.xlsx'))],
  ];
  const names: Record<string, string> = {
    'a truncated .xlsx': 'phu-luc.xlsx',
    'a truncated .docx': 'ke-hoach.docx',
    'an old Word .doc': 'ke-hoach.doc',
    'random bytes as .xlsx': 'phu-luc.xlsx',
    'a .csv with a quote never closed': 'phu-luc.csv',
    'a .csv that is not UTF-8': 'phu-luc.csv',
    'an empty .csv': 'phu-luc.csv',
    'the blank template (a header, no task)': 'phu-luc-nhiem-vu.xlsx',
  };
  it.each(BROKEN)('%s', async (label, make) => {
    const gas = freshSheet();
    const before = snapshot(gas);
    const shown = preview(gas, names[label]!, await make(await tempDir()));
    expect(shown).toMatchObject({ ok: false, token: null, tasks: 0 });
    expect(shown.errors).toHaveLength(1);
    expect(shown.errors[0]).toMatch(VIETNAMESE);
    expect(shown.code).toMatch(/^[A-Z_]+$/);
    expect(snapshot(gas)).toBe(before);
    expect(apply(gas, shown.token)).toMatchObject({ ok: false });
    expect(snapshot(gas)).toBe(before);
  });

  it('a file over the size limit is refused, before it is decoded when its text says so, naming the command line', () => {
    const gas = freshSheet();
    const MAX = 4 * 1024 * 1024;
    for (const size of [MAX + 1, MAX + 3]) {
      const shown = preview(gas, 'lon.xlsx', Buffer.alloc(size, 1));
      expect(shown).toMatchObject({ ok: false, code: 'FILE_TOO_LARGE', token: null });
      expect(shown.errors[0]).toContain('cchc import');
    }
    // MAX + 1 bytes make as much base64 as MAX do: only the decoded length tells; MAX + 3 is refused on its text.
    expect(gas.calls.get('Utilities.base64Decode')).toBe(1);
    expect(preview(gas, 'vua.csv', Buffer.alloc(MAX, 0x41)).code).not.toBe('FILE_TOO_LARGE');
  });

  it('text that is not base64 is a Vietnamese line, not a crash', () => {
    const gas = freshSheet();
    const shown = preview(gas, 'phu-luc.csv', 'không phải base64!');
    expect(shown).toMatchObject({ ok: false, code: 'FILE_UNREADABLE' });
    expect(shown.errors[0]).toMatch(VIETNAMESE);
  });
});

describe('applyImport writes what was previewed, once, under the lock, around the officials’ own work', () => {
  const spied: { sheet: string; lockHeld: boolean; rows: number }[] = [];
  const original = FakeRange.prototype.setValues;
  let current: Gas | null = null;
  /** Called after each write lands, with the tab's name. */
  let landed: ((sheet: string) => void) | null = null;
  beforeAll(() => {
    FakeRange.prototype.setValues = function (this: FakeRange, values: unknown[][]) {
      if (current) spied.push({ sheet: this.getSheet().getName(), lockHeld: current.lock.heldHere, rows: values.length });
      const result = original.call(this, values);
      landed?.(this.getSheet().getName());
      return result;
    };
  });
  afterEach(() => {
    spied.length = 0;
    current = null;
    landed = null;
  });
  afterAll(() => {
    FakeRange.prototype.setValues = original;
  });

  it('holds the document lock while writing, one setValues per tab; a second official is told to retry and nothing is written', async () => {
    const gas = freshSheet();
    current = gas;
    const file = await csvFromSample(await tempDir(), SAMPLES[0]!);
    const shown = preview(gas, basename(file), await readFile(file));
    expect(spied).toEqual([]);
    gas.lock.heldElsewhere = true;
    const before = snapshot(gas);
    const busy = apply(gas, shown.token);
    expect(busy).toMatchObject({ ok: false, code: 'MENU_BUSY' });
    expect(busy.lines[0]).toContain('thử lại');
    expect(snapshot(gas)).toBe(before);
    gas.lock.heldElsewhere = false;
    const done = apply(gas, shown.token);
    expect(done.ok).toBe(true);
    expect(spied.length).toBeGreaterThan(0);
    expect(spied.every((s) => s.lockHeld)).toBe(true);
    // One block per tab the import changes (plans, tasks).
    expect(spied.map((s) => s.sheet).sort()).toEqual([PLANS_TAB.name, TASKS_TAB.name].sort());
    expect(gas.lock.heldHere).toBe(false);
  });

  it('a second apply of the same token adds no row; a preview outdated by another import asks for a new preview', async () => {
    const gas = freshSheet();
    const file = await csvFromSample(await tempDir(), SAMPLES[1]!);
    const bytes = await readFile(file);
    const first = preview(gas, basename(file), bytes);
    const second = preview(gas, basename(file), bytes);
    expect(apply(gas, second.token).ok).toBe(true);
    const rows = gas.sheet(TASKS_TAB.name)!.getLastRow();
    expect(rows - 1).toBe(second.tasks + sheetRows(gas, TASKS_TAB).filter((r) => r['kind'] !== '').length);
    const again = apply(gas, second.token);
    expect(again).toMatchObject({ ok: false, code: 'PREVIEW_EXPIRED' });
    expect(again.lines[0]).toMatch(VIETNAMESE);
    const stale = apply(gas, first.token);
    expect(stale).toMatchObject({ ok: false, code: 'PREVIEW_OUTDATED' });
    expect(stale.lines[0]).toContain('Xem trước lại');
    expect(gas.sheet(TASKS_TAB.name)!.getLastRow()).toBe(rows);
    // Previewed again, the same plan changes nothing.
    const third = preview(gas, basename(file), bytes);
    expect(third.changes).toMatchObject({ added: 0, changed: 0, unchanged: second.tasks });
  });

  it('a run stopped at 6 minutes between two tabs: the old preview is refused, a new one shows what is left, and importing it completes without a duplicate', async () => {
    const gas = freshSheet();
    const file = await csvFromSample(await tempDir(), SAMPLES[0]!);
    const bytes = await readFile(file);
    const shown = preview(gas, basename(file), bytes);
    landed = (sheet) => {
      if (sheet === PLANS_TAB.name) gas.clock.advance(7 * 60_000);
    };
    expect(() => apply(gas, shown.token)).toThrow('Exceeded maximum execution time');
    landed = null;
    expect(sheetRows(gas, PLANS_TAB)).toHaveLength(1);
    expect(gas.sheet(TASKS_TAB.name)!.getLastRow()).toBe(1);
    expect(apply(gas, shown.token)).toMatchObject({ ok: false, code: 'PREVIEW_OUTDATED' });
    const again = preview(gas, basename(file), bytes);
    expect(again.changes).toMatchObject({ added: shown.tasks });
    expect(apply(gas, again.token)).toMatchObject({ ok: true, added: shown.tasks });
    expect(sheetRows(gas, PLANS_TAB)).toHaveLength(1);
    expect(sheetRows(gas, TASKS_TAB).filter((r) => r['kind'] === '')).toHaveLength(shown.tasks);
  });

  it("keeps an official's own column (in the middle), formulas, colours and notes; lists a retitled task as a difference, keeps the sheet's title unless the official replaces it, appends a new one", async () => {
    const gas = freshSheet();
    current = gas;
    const dir = await tempDir();
    const file = await csvFromSample(dir, SAMPLES[2]!);
    expect(apply(gas, preview(gas, basename(file), await readFile(file)).token).ok).toBe(true);
    const sheet = gas.sheet(TASKS_TAB.name)!;
    const titleCol = TASKS_TAB.columns.findIndex((c) => c.key === 'title') + 1;
    // The official adds a column of their own after "Nội dung công việc", a formula, a date typed as text, a colour, a note.
    sheet.insertColumnsAfter(titleCol, 1);
    const own = titleCol + 1;
    const last = sheet.getLastRow();
    sheet.getRange(1, own, 3, 1).setValues([['Người theo dõi'], ['=A2'], ["'30/6/2026"]]);
    sheet.getRange(last, own).setValues([['Chị Lan']]);
    sheet.backgrounds[2]![titleCol - 1] = '#fce8b2';
    sheet.notes[2]![titleCol - 1] = 'Cán bộ ghi: kiểm tra lại';
    const firstTask = sheetRows(gas, TASKS_TAB).findIndex((r) => r['kind'] === '');
    const oldTitle = String(sheet.values[firstTask + 1]![titleCol - 1]);

    // The plan comes again: one task reworded, one added at the end.
    const edited = await csvFromSample(dir, SAMPLES[2]!, (cells) => {
      const header = cells.findIndex((r) => r.some((c) => /nội dung/i.test(c)));
      const titleAt = cells[header]!.findIndex((c) => /nội dung/i.test(c));
      const row = cells.findIndex((r, i) => i > header && r[titleAt] === oldTitle);
      const next = cells.map((r) => [...r]);
      next[row]![titleAt] = `${oldTitle} (sửa)`;
      const tail = [...next[next.length - 1]!];
      tail[0] = String(Number(tail[0]) + 1 || 99);
      tail[titleAt] = 'Tổ chức hội nghị đối thoại với doanh nghiệp về thủ tục hành chính';
      return [...next, tail];
    });
    spied.length = 0;
    const shown = preview(gas, basename(edited), await readFile(edited));
    // Without a record of what the last import brought, the sheet's title may be an official's correction: kept, listed.
    expect(shown.changes).toMatchObject({ added: 1, changed: 0 });
    expect(shown.differences).toHaveLength(1);
    expect(shown.differences[0]).toContain(`trong tệp: "${oldTitle} (sửa)"`);
    // The official ticks "Thay các giá trị này bằng giá trị trong tệp".
    const done = apply(gas, shown.token, { replace: true });
    expect(done).toMatchObject({ ok: true, added: 1, updated: 1 });
    expect(spied.filter((s) => s.sheet === TASKS_TAB.name)).toHaveLength(1);

    expect(sheet.values[0]![own - 1]).toBe('Người theo dõi');
    expect(sheet.formulas[1]![own - 1]).toBe('=A2');
    expect(sheet.values[2]![own - 1]).toBe('30/6/2026');
    expect(sheet.values[last - 1]![own - 1]).toBe('Chị Lan');
    expect(sheet.backgrounds[2]![titleCol - 1]).toBe('#fce8b2');
    expect(sheet.notes[2]![titleCol - 1]).toBe('Cán bộ ghi: kiểm tra lại');
    expect(sheet.values[firstTask + 1]![titleCol - 1]).toBe(`${oldTitle} (sửa)`);
    expect(sheet.getLastRow()).toBe(last + 1);
    expect(sheet.values[last]![titleCol - 1]).toBe('Tổ chức hội nghị đối thoại với doanh nghiệp về thủ tục hành chính');
    expect(sheet.values[last]![own - 1]).toBe('');
  });
});

describe('the sheet as officials keep it', () => {
  it('writes into a tasks tab an official renamed, whose columns they reordered, by header', async () => {
    const gas = freshSheet();
    const sheet = gas.sheet(TASKS_TAB.name)!;
    sheet.setName('Việc của phường 2026');
    const header = sheet.values[0]!;
    const [title, lead] = ['title', 'lead'].map((k) => TASKS_TAB.columns.findIndex((c) => c.key === k));
    [header[title!], header[lead!]] = [header[lead!]!, header[title!]!];
    const file = await csvFromSample(await tempDir(), SAMPLES[0]!);
    const shown = preview(gas, basename(file), await readFile(file));
    expect(apply(gas, shown.token).ok).toBe(true);
    expect(gas.sheet(TASKS_TAB.name)).toBeUndefined();
    const rows = sheet.values.slice(1, sheet.getLastRow());
    const firstTask = rows.find((r) => r[TASKS_TAB.columns.findIndex((c) => c.key === 'kind')] === '')!;
    // The tab's own header says where each column is.
    expect(firstTask[lead!]).toBe(shown.firstRows[0]!.title);
    expect(firstTask[title!]).toBe(shown.firstRows[0]!.lead);
  });
});

describe('a sheet that lacks what the plan needs', () => {
  it('a tab an official deleted, or a column whose header they changed: the preview says which, and nothing is written', async () => {
    const file = await csvFromSample(await tempDir(), SAMPLES[1]!);
    const bytes = await readFile(file);
    const noPlans = freshSheet();
    noPlans.spreadsheet.deleteSheet(noPlans.sheet(PLANS_TAB.name)!);
    const before = snapshot(noPlans);
    const shown = preview(noPlans, basename(file), bytes);
    expect(shown).toMatchObject({ ok: false, code: 'TAB_MISSING', token: null });
    expect(shown.errors[0]).toContain(`"${PLANS_TAB.name}"`);
    expect(snapshot(noPlans)).toBe(before);

    const renamed = freshSheet();
    const product = TASKS_TAB.columns.findIndex((c) => c.key === 'product');
    renamed.sheet(TASKS_TAB.name)!.values[0]![product] = 'SP';
    const other = preview(renamed, basename(file), bytes);
    expect(other).toMatchObject({ ok: false, code: 'COLUMN_MISSING' });
    expect(other.errors[0]).toContain(`"${TASKS_TAB.columns[product]!.header}"`);
  });
});

describe('a large plan within the 6-minute run', () => {
  it('12,000 tasks (a CSV of 2.4 MB) preview and apply each in under half a run, CPU counted 3 times this machine’s', async () => {
    const header = ['STT', 'Nội dung công việc', 'Cơ quan chủ trì', 'Cơ quan phối hợp', 'Sản phẩm', 'Thời gian hoàn thành'];
    const lines = [['PHỤ LỤC', '', '', '', '', ''], ['(Kèm theo Kế hoạch số 12/KH-UBND ngày 10/01/2026 của UBND phường An Tường)'], header];
    for (let i = 1; i <= 12_000; i++) {
      lines.push([
        String(i),
        `Rà soát, đơn giản hóa thủ tục hành chính nhóm ${i} thuộc lĩnh vực tư pháp - hộ tịch`,
        'Phòng Văn hóa - Xã hội',
        'Văn phòng HĐND và UBND',
        'Báo cáo kết quả',
        `Quý ${['I', 'II', 'III', 'IV'][i % 4]}/2026`,
      ]);
    }
    const bytes = Buffer.from(csvOf(lines.map((cells) => ({ cells }))), 'utf8');
    const gas = load(code, { 'Trang tính1': [] }, { cpuFactor: 3 });
    gas.call('cchcSetup');
    const shown = preview(gas, 'ke-hoach-lon.csv', bytes);
    expect(shown.ok, shown.errors.join('\n')).toBe(true);
    expect(shown.tasks).toBe(12_000);
    expect(apply(gas, shown.token).ok).toBe(true);
    const [previewRun, applyRun] = gas.executions.slice(-2);
    expect(previewRun!.millis!).toBeLessThan(3 * 60_000);
    expect(applyRun!.millis!).toBeLessThan(3 * 60_000);
    expect(gas.sheet(TASKS_TAB.name)!.getLastRow()).toBe(12_001);
  });
});
