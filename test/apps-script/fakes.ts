/**
 * In-repo fakes of the Apps Script services the handlers use, recording every call,
 * so tests can assert what a handler did to the sheet and how many calls it took.
 *
 * They keep Google's documented limits (../shared/google-limits.md, copied into
 * test/fixtures/google-limits.md): a handler that passes here must not throw on a
 * real sheet. Time limits run on a fake clock (FakeClock) that every service call
 * advances. Each limit has a test of its own in fakes.test.ts.
 */
import { randomUUID } from 'node:crypto';
import { addExportServices, type ExportFakes, type Manifest } from './fake-export';

export type Cell = string | number | boolean | Date;

/** What a data-validation or conditional-format builder was told, kept for assertions. */
export type Built = Record<string, unknown>;

export const LIMITS = {
  newSheetRows: 1000,
  newSheetColumns: 26,
  spreadsheetCells: 10_000_000,
  cellChars: 50_000,
  propertyValueBytes: 9 * 1024,
  propertyStoreBytes: 500 * 1024,
  triggersPerUser: 20,
  propertyCallsPerDay: 50_000,
  runMillis: 6 * 60_000,
  simpleTriggerMillis: 30_000,
  triggerMillisPerDay: 90 * 60_000,
  simultaneousRuns: 30,
  /** CacheService: a key at most 250 characters, a value at most 100 KB (taken as 100,000 bytes, the stricter reading). */
  cacheKeyChars: 250,
  cacheValueBytes: 100_000,
  /** Seconds an entry may be kept (6 hours), and kept when none is said (10 minutes). */
  cacheMaxSeconds: 21_600,
  cacheDefaultSeconds: 600,
  /** Past 1,000 entries the cache keeps the 900 farthest from expiry. */
  cacheItems: 1_000,
  cacheItemsKept: 900,
} as const;

export const ERRORS = {
  outside: 'The coordinates of the range are outside the dimensions of the sheet.',
  allRows: 'Sorry, it is not possible to delete all non-frozen rows.',
  mailQuota: 'Service invoked too many times for one day: email.',
  propertyTooLarge: 'Argument too large: value',
  storeFull: 'You have exceeded the property storage quota. Please remove some properties and try again.',
  triggers: 'This script has too many triggers. Triggers must be deleted from the script before more can be added.',
  propertyCalls: 'Service invoked too many times for one day: properties.',
  timeout: 'Exceeded maximum execution time',
  triggerTime: 'Service using too much computer time for one day',
  simultaneous: 'There are too many scripts running simultaneously for this Google user account.',
  permission: 'You do not have permission to call',
  noUi: 'Cannot call SpreadsheetApp.getUi() from this context.',
  base64: 'Could not decode string.',
  cacheKey: 'Argument too large: key',
  cacheValue: 'Argument too large: value',
  cacheSeconds: 'Invalid argument: expirationInSeconds',
  scriptRun: 'Failed due to illegal value in property',
} as const;

/**
 * Simulated milliseconds each service call takes, rough figures of Apps Script's own
 * (a range read or write is a round trip, then per cell; an email about a second; a
 * dialog waits for the official). Tests set their own where a figure matters.
 */
export const COSTS = {
  call: 5,
  range: 100,
  cell: 0.01,
  mail: 1_000,
  trigger: 200,
  properties: 30,
  answer: 5_000,
};
export type Costs = typeof COSTS;

export type RunKind = 'menu' | 'simple' | 'trigger';

/** One execution: Apps Script stops it at its limit, counted from its start. */
export interface Execution {
  kind: RunKind;
  user: string;
  started: number;
  limit: number;
  /** Elapsed simulated milliseconds, once it ended. */
  millis?: number;
}

/**
 * The services' clock: simulated time, advanced by each service call (COSTS), by
 * tests, and optionally by the run's real CPU time times `cpuFactor` (Apps Script's
 * V8 against this machine's), so computation counts against the limits too. CPU time,
 * not elapsed time: a machine busy with other work does not make a run look slower.
 */
export class FakeClock {
  private at: number;
  private lastReal = 0;
  /** True while a run is in progress: only then is CPU time counted. */
  counting = false;
  constructor(
    start: number,
    public cpuFactor = 0,
  ) {
    this.at = start;
  }
  now(): number {
    if (this.counting && this.cpuFactor > 0) {
      const real = cpuMillis();
      this.at += (real - this.lastReal) * this.cpuFactor;
      this.lastReal = real;
    }
    return Math.floor(this.at);
  }
  advance(ms: number): void {
    this.now();
    this.at += ms;
  }
  startCounting(): void {
    this.lastReal = cpuMillis();
    this.counting = true;
  }
}

/** This process's CPU time (user and system), in milliseconds. */
function cpuMillis(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** A Date whose clock is the fake's: `new Date()` and `Date.now()` in the bundle read simulated time. */
function clockedDate(Base: DateConstructor, clock: FakeClock): DateConstructor {
  class ClockDate extends Base {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(clock.now());
      else super(...(args as [number]));
    }
    static override now(): number {
      return clock.now();
    }
  }
  return ClockDate as DateConstructor;
}

function builder(into: Built = {}): Record<string, unknown> {
  const self: Record<string, unknown> = new Proxy(
    {},
    {
      get: (_t, prop: string) =>
        prop === 'build' ? () => into : (...args: unknown[]) => ((into[prop] = args.length === 1 ? args[0] : args), self),
    },
  );
  return self;
}

const bytes = (text: string): number => Buffer.byteLength(text, 'utf8');

/** Minutes east of UTC of a time zone at an instant, from the platform's zone data. */
const formats = new Map<string, Intl.DateTimeFormat>();
function offsetMinutes(timeZone: string, at: number): number {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formats.set(timeZone, format);
  }
  const parts = format.formatToParts(new Date(at));
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  return (
    (Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) - Math.floor(at / 1000) * 1000) / 60_000
  );
}

/** Midnight of a calendar day in a time zone, as Sheets stores a date typed in a sheet of that zone. */
export function midnightIn(timeZone: string, year: number, month: number, day: number, RealmDate: DateConstructor = Date): Date {
  const guess = Date.UTC(year, month - 1, day);
  const first = guess - offsetMinutes(timeZone, guess) * 60_000;
  return new RealmDate(guess - offsetMinutes(timeZone, first) * 60_000);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Date objects from either realm: the bundle runs in a node:vm context with its own Date. */
const isDate = (v: unknown): v is Date => Object.prototype.toString.call(v) === '[object Date]';

/** Utilities.formatDate for the patterns the handlers use. */
function formatDate(date: Date, timeZone: string, pattern: string): string {
  const local = new Date(date.getTime() + offsetMinutes(timeZone, date.getTime()) * 60_000);
  const fields: Record<string, string> = {
    yyyy: String(local.getUTCFullYear()),
    MM: pad(local.getUTCMonth() + 1),
    dd: pad(local.getUTCDate()),
    HH: pad(local.getUTCHours()),
    mm: pad(local.getUTCMinutes()),
    ss: pad(local.getUTCSeconds()),
  };
  return pattern.replace(/yyyy|MM|dd|HH|mm|ss/g, (f) => fields[f]!);
}

function parseDate(text: string, timeZone: string, pattern: string, RealmDate: DateConstructor): Date {
  if (pattern !== 'yyyy-MM-dd') throw new Error(`fake Utilities.parseDate: pattern ${pattern} not supported`);
  const m = text.match(/^(\d{4})-(\d{2})-(\d{2})$/);
  if (!m) throw new Error(`Unparseable date: ${text}`);
  return midnightIn(timeZone, Number(m[1]), Number(m[2]), Number(m[3]), RealmDate);
}

/** A value the way Sheets stores it when a script writes it, in a vi_VN sheet: typed text is parsed like input. */
function entered(value: unknown, timeZone: string, RealmDate: DateConstructor): Cell {
  if (value === null || value === undefined) return '';
  if (isDate(value)) return new RealmDate(value.getTime());
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  const text = String(value);
  if (text.length > LIMITS.cellChars)
    throw new Error(`Your input contains more than the maximum of ${LIMITS.cellChars} characters in a single cell.`);
  if (text.startsWith("'")) return text.slice(1);
  // A formula the fake cannot evaluate: the sheet shows an error, which is what a stray "=" in data gives.
  if (text.startsWith('=')) return '#NAME?';
  const date = text.match(/^(\d{1,2})\/(\d{1,2})\/(\d{4})$/);
  if (date) return midnightIn(timeZone, Number(date[3]), Number(date[2]), Number(date[1]), RealmDate);
  // ISO dates are read as dates in every locale.
  const iso = text.match(/^(\d{4})-(\d{2})-(\d{2})$/);
  if (iso) return midnightIn(timeZone, Number(iso[1]), Number(iso[2]), Number(iso[3]), RealmDate);
  const percent = text.match(/^(-?\d+(?:,\d+)?)%$/);
  if (percent) return Number(percent[1]!.replace(',', '.')) / 100;
  if (/^-?\d+(?:,\d+)?$/.test(text)) return Number(text.replace(',', '.'));
  return text;
}

interface Grid {
  values: Cell[][];
  formulas: string[][];
  backgrounds: string[][];
  notes: string[][];
  weights: string[][];
}

let nextSheetId = 1;

/** Inserts `items` into `list` at `at`, in place (the grids are shared by reference), in one pass. */
function insertAll<T>(list: T[], at: number, items: readonly T[]): void {
  const tail = list.splice(at);
  for (const item of items) list.push(item);
  for (const item of tail) list.push(item);
}

export class FakeSheet {
  /** Sheets' id of the tab: kept when the tab is renamed. */
  readonly sheetId = nextSheetId++;
  values: Cell[][] = [];
  /** What a cell was given starting with "=": Sheets keeps the formula, getValues gives its result (here "#NAME?"). */
  formulas: string[][] = [];
  backgrounds: string[][] = [];
  notes: string[][] = [];
  weights: string[][] = [];
  frozenRows = 0;
  hidden = false;
  validations: { row: number; column: number; rows: number; rule: Built }[] = [];
  protections: { row: number; column: number; rows: number; columns: number; warningOnly: boolean; description: string }[] = [];
  conditionalRules: Built[] = [];
  /** Number formats by "row:col". */
  formats = new Map<string, string>();
  columnWidths = new Map<number, number>();
  charts: Built[] = [];

  constructor(
    readonly spreadsheet: FakeSpreadsheet,
    private name: string,
    values: Cell[][],
    private readonly log: string[],
    rows = LIMITS.newSheetRows,
    columns = LIMITS.newSheetColumns,
  ) {
    const height = Math.max(rows, values.length);
    const width = Math.max(columns, ...values.map((r) => r.length));
    spreadsheet.reserve(height * width);
    this.insertRows(0, height, width, values);
  }

  /** `count` new rows of `width` cells before row index `at`, all at once: rows inserted one by one cost n² at 5,000. */
  private insertRows(at: number, count: number, width: number, values: readonly (readonly Cell[])[] = []): void {
    const rows = <T>(make: (r: number) => T[]): T[][] => Array.from({ length: count }, (_, r) => make(r));
    insertAll(
      this.values,
      at,
      rows((r) => Array.from({ length: width }, (_, c) => values[r]?.[c] ?? '')),
    );
    const blanks: [string[][], string][] = [
      [this.formulas, ''],
      [this.backgrounds, '#ffffff'],
      [this.notes, ''],
      [this.weights, 'normal'],
    ];
    for (const [grid, blank] of blanks)
      insertAll(
        grid,
        at,
        rows(() => Array<string>(width).fill(blank)),
      );
  }

  private grids(): Grid {
    return { values: this.values, formulas: this.formulas, backgrounds: this.backgrounds, notes: this.notes, weights: this.weights };
  }

  getName(): string {
    return this.name;
  }
  getSheetId(): number {
    return this.sheetId;
  }
  /** Cells by A1 notation ("B3"), each written on its own: what a RangeList of single cells does. */
  getRangeList(a1s: readonly string[]) {
    this.log.push(`${this.name}.getRangeList`);
    const ranges = a1s.map((a1) => {
      const m = /^([A-Z]+)(\d+)$/.exec(a1);
      if (!m) throw new Error(`Range not found: ${a1}`);
      const col = [...m[1]!].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
      return this.getRange(Number(m[2]), col);
    });
    const list = {
      getRanges: () => ranges,
      setBackground: (colour: string | null) => (ranges.forEach((r) => r.setBackground(colour ?? '#ffffff')), list),
      setNote: (note: string | null) => (ranges.forEach((r) => r.setNotes([[note]])), list),
    };
    return list;
  }
  /** Sheets' sort of the data rows by a column: each row's values, colours and notes move with it. */
  sortRows(column: number, ascending = true): void {
    const from = this.frozenRows;
    const order = this.values
      .slice(from, this.getLastRow())
      .map((row, i) => ({ key: String(row[column - 1] ?? ''), i: i + from }))
      .sort((a, b) => (ascending ? 1 : -1) * a.key.localeCompare(b.key, 'vi', { numeric: true }));
    for (const grid of Object.values(this.grids()) as unknown[][][]) {
      const moved = order.map(({ i }) => grid[i]!);
      moved.forEach((row, k) => (grid[from + k] = row));
    }
  }
  setName(name: string): FakeSheet {
    this.name = name;
    return this;
  }
  getParent(): FakeSpreadsheet {
    return this.spreadsheet;
  }
  getMaxRows(): number {
    return this.values.length;
  }
  getMaxColumns(): number {
    return this.values[0]?.length ?? 0;
  }
  /** The last row holding a value; 0 on an empty tab, as Sheets says. */
  getLastRow(): number {
    for (let r = this.values.length; r > 0; r--) if (this.values[r - 1]!.some((v) => v !== '')) return r;
    return 0;
  }
  getLastColumn(): number {
    let last = 0;
    for (const row of this.values) for (let c = row.length; c > last; c--) if (row[c - 1] !== '') last = c;
    return last;
  }
  insertRowsAfter(after: number, how: number): FakeSheet {
    this.log.push(`${this.name}.insertRowsAfter`);
    if (after < 0 || after > this.getMaxRows() || how < 1) throw new Error(ERRORS.outside);
    this.spreadsheet.reserve(how * this.getMaxColumns());
    this.insertRows(after, how, this.getMaxColumns());
    return this;
  }
  /** As Sheets: rows inside the grid only, and never every row that is not frozen. */
  deleteRows(position: number, how: number): FakeSheet {
    this.log.push(`${this.name}.deleteRows`);
    if (position < 1 || how < 1 || position + how - 1 > this.getMaxRows()) throw new Error(ERRORS.outside);
    if (how >= this.getMaxRows() - this.frozenRows) throw new Error(ERRORS.allRows);
    for (const grid of Object.values(this.grids()) as unknown[][][]) grid.splice(position - 1, how);
    this.spreadsheet.reserve(-how * this.getMaxColumns());
    return this;
  }
  insertColumnsAfter(after: number, how: number): FakeSheet {
    this.log.push(`${this.name}.insertColumnsAfter`);
    if (after < 0 || after > this.getMaxColumns() || how < 1) throw new Error(ERRORS.outside);
    this.spreadsheet.reserve(how * this.getMaxRows());
    const grids = this.grids();
    for (const [key, grid] of Object.entries(grids) as [keyof Grid, unknown[][]][]) {
      const blank = key === 'values' || key === 'notes' || key === 'formulas' ? '' : key === 'backgrounds' ? '#ffffff' : 'normal';
      for (const row of grid) row.splice(after, 0, ...Array(how).fill(blank));
    }
    return this;
  }
  setFrozenRows(n: number): void {
    this.log.push('setFrozenRows');
    if (n < 0 || n > this.getMaxRows()) throw new Error(ERRORS.outside);
    this.frozenRows = n;
  }
  setColumnWidth(column: number, width: number): FakeSheet {
    if (column < 1 || column > this.getMaxColumns()) throw new Error(ERRORS.outside);
    this.columnWidths.set(column, width);
    return this;
  }
  hideSheet(): FakeSheet {
    this.hidden = true;
    return this;
  }
  activate(): FakeSheet {
    this.spreadsheet.active = this;
    return this;
  }
  isSheetHidden(): boolean {
    return this.hidden;
  }
  hiddenColumns: number[] = [];
  hideColumns(column: number): void {
    if (column < 1 || column > this.getMaxColumns()) throw new Error(ERRORS.outside);
    this.log.push('hideColumns');
    this.hiddenColumns.push(column);
  }
  clear(): FakeSheet {
    this.log.push('clear');
    for (const row of this.values) row.fill('');
    for (const row of this.formulas) row.fill('');
    for (const row of this.backgrounds) row.fill('#ffffff');
    for (const row of this.notes) row.fill('');
    return this;
  }
  getCharts(): Built[] {
    return this.charts;
  }
  removeChart(chart: Built): void {
    this.charts = this.charts.filter((c) => c !== chart);
  }
  newChart(): Record<string, unknown> {
    return builder();
  }
  insertChart(chart: Built): void {
    this.log.push('insertChart');
    this.charts.push(chart);
  }
  getConditionalFormatRules(): Built[] {
    return [...this.conditionalRules];
  }
  setConditionalFormatRules(rules: Built[]): void {
    this.log.push('setConditionalFormatRules');
    this.conditionalRules = rules;
  }
  /** A1 (1 × 1) on an empty tab, never 0 × 0. */
  getDataRange(): FakeRange {
    this.log.push(`${this.name}.getDataRange`);
    return new FakeRange(this, 1, 1, Math.max(1, this.getLastRow()), Math.max(1, this.getLastColumn()), this.log);
  }
  getRange(row: number, col: number, rows = 1, cols = 1): FakeRange {
    this.log.push(`${this.name}.getRange`);
    if (![row, col, rows, cols].every(Number.isInteger)) throw new Error('Cannot convert to an integer range.');
    if (rows < 1) throw new Error('The number of rows in the range must be at least 1.');
    if (cols < 1) throw new Error('The number of columns in the range must be at least 1.');
    if (row < 1 || col < 1 || row + rows - 1 > this.getMaxRows() || col + cols - 1 > this.getMaxColumns()) throw new Error(ERRORS.outside);
    return new FakeRange(this, row, col, rows, cols, this.log);
  }
}

export class FakeRange {
  constructor(
    private readonly sheet: FakeSheet,
    private readonly row: number,
    private readonly col: number,
    private readonly rows: number,
    private readonly cols: number,
    private readonly log: string[],
  ) {}
  getSheet(): FakeSheet {
    return this.sheet;
  }
  getRow(): number {
    return this.row;
  }
  getColumn(): number {
    return this.col;
  }
  getNumRows(): number {
    return this.rows;
  }
  getNumColumns(): number {
    return this.cols;
  }
  getLastRow(): number {
    return this.row + this.rows - 1;
  }
  getLastColumn(): number {
    return this.col + this.cols - 1;
  }
  private slice<T>(grid: T[][]): T[][] {
    return grid.slice(this.row - 1, this.row - 1 + this.rows).map((r) => r.slice(this.col - 1, this.col - 1 + this.cols));
  }
  /** Sheets throws unless the array has exactly the range's rows and columns. */
  private put<T, U>(grid: U[][], values: T[][], convert: (v: T) => U): void {
    this.sheet.spreadsheet.counts.cellsWritten += this.cells;
    if (!Array.isArray(values) || values.length !== this.rows) {
      throw new Error(
        `The number of rows in the data does not match the number of rows in the range. The data has ${Array.isArray(values) ? values.length : 0} but the range has ${this.rows}.`,
      );
    }
    for (const r of values) {
      if (!Array.isArray(r) || r.length !== this.cols) {
        throw new Error(
          `The number of columns in the data does not match the number of columns in the range. The data has ${Array.isArray(r) ? r.length : 0} but the range has ${this.cols}.`,
        );
      }
    }
    const converted = values.map((r) => r.map(convert));
    converted.forEach((r, i) => r.forEach((v, j) => (grid[this.row - 1 + i]![this.col - 1 + j] = v)));
  }
  private get cells(): number {
    return this.rows * this.cols;
  }
  setNumberFormat(pattern: string): FakeRange {
    this.log.push('setNumberFormat');
    for (let r = 0; r < this.rows; r++)
      for (let c = 0; c < this.cols; c++) this.sheet.formats.set(`${this.row + r}:${this.col + c}`, pattern);
    this.sheet.spreadsheet.counts.cellsWritten += this.cells;
    return this;
  }
  getValues(): Cell[][] {
    this.log.push('getValues');
    this.sheet.spreadsheet.counts.cellsRead += this.cells;
    const RealmDate = this.sheet.spreadsheet.RealmDate;
    return this.slice(this.sheet.values).map((r) => r.map((v) => (isDate(v) ? new RealmDate(v.getTime()) : v)));
  }
  setValues(values: unknown[][]): FakeRange {
    this.log.push('setValues');
    const { RealmDate } = this.sheet.spreadsheet;
    const zone = this.sheet.spreadsheet.getSpreadsheetTimeZone();
    this.put(this.sheet.values, values, (v) => entered(v, zone, RealmDate));
    this.put(this.sheet.formulas, values, (v) => (typeof v === 'string' && v.startsWith('=') ? v : ''));
    this.sheet.spreadsheet.counts.cellsWritten -= this.cells;
    return this;
  }
  /** The formulas of the range, '' where a cell holds a value. */
  getFormulas(): string[][] {
    this.log.push('getFormulas');
    this.sheet.spreadsheet.counts.cellsRead += this.cells;
    return this.slice(this.sheet.formulas);
  }
  getBackgrounds(): string[][] {
    this.log.push('getBackgrounds');
    this.sheet.spreadsheet.counts.cellsRead += this.cells;
    return this.slice(this.sheet.backgrounds);
  }
  setBackgrounds(values: (string | null)[][]): FakeRange {
    this.log.push('setBackgrounds');
    this.put(this.sheet.backgrounds, values, (v) => v ?? '#ffffff');
    return this;
  }
  getNotes(): string[][] {
    this.log.push('getNotes');
    this.sheet.spreadsheet.counts.cellsRead += this.cells;
    return this.slice(this.sheet.notes);
  }
  setNotes(values: (string | null)[][]): FakeRange {
    this.log.push('setNotes');
    this.put(this.sheet.notes, values, (v) => {
      const note = v ?? '';
      if (note.length > LIMITS.cellChars) throw new Error(`A note may hold at most ${LIMITS.cellChars} characters.`);
      return note;
    });
    return this;
  }
  setFontWeights(values: (string | null)[][]): FakeRange {
    this.log.push('setFontWeights');
    this.put(this.sheet.weights, values, (v) => v ?? 'normal');
    return this;
  }
  activate(): FakeRange {
    this.log.push(`activate ${this.row},${this.col}`);
    return this;
  }
  setFontWeight(weight: string): FakeRange {
    this.log.push('setFontWeight');
    this.put(
      this.sheet.weights,
      Array.from({ length: this.rows }, () => Array(this.cols).fill(weight)),
      (v: string) => v,
    );
    return this;
  }
  setBackground(colour: string): FakeRange {
    this.log.push('setBackground');
    this.put(
      this.sheet.backgrounds,
      Array.from({ length: this.rows }, () => Array(this.cols).fill(colour)),
      (v: string) => v,
    );
    return this;
  }
  setDataValidation(rule: Built): FakeRange {
    this.log.push('setDataValidation');
    this.sheet.validations.push({ row: this.row, column: this.col, rows: this.rows, rule });
    return this;
  }
  protect() {
    this.log.push('protect');
    const protection = { row: this.row, column: this.col, rows: this.rows, columns: this.cols, warningOnly: false, description: '' };
    this.sheet.protections.push(protection);
    const handle = {
      setDescription: (d: string) => ((protection.description = d), handle),
      setWarningOnly: (w: boolean) => ((protection.warningOnly = w), handle),
    };
    return handle;
  }
}

export class FakeSpreadsheet {
  readonly sheets: FakeSheet[] = [];
  private cells = 0;
  /** Cells the script read and wrote, as Apps Script's quotas and its time count them. */
  readonly counts = { cellsRead: 0, cellsWritten: 0 };
  /** The tab the official sees; insertSheet makes the new tab active, as Sheets does. */
  active: FakeSheet | null = null;
  constructor(
    private readonly log: string[],
    private timeZone: string,
    /** The bundle's realm's Date, so the Dates handed to it pass its own `instanceof Date`, as in Apps Script. */
    readonly RealmDate: DateConstructor,
  ) {}
  /** Sheets refuses to grow a spreadsheet past 10 million cells. */
  reserve(cells: number): void {
    if (this.cells + cells > LIMITS.spreadsheetCells)
      throw new Error(
        `This action would increase the number of cells in the workbook above the limit of ${LIMITS.spreadsheetCells} cells.`,
      );
    this.cells += cells;
  }
  getSpreadsheetTimeZone(): string {
    return this.timeZone;
  }
  setSpreadsheetTimeZone(zone: string): void {
    this.timeZone = zone;
  }
  getSheets(): FakeSheet[] {
    this.log.push('getSheets');
    return [...this.sheets];
  }
  /** Exact name, as Sheets matches it. */
  getSheetByName(name: string): FakeSheet | null {
    this.log.push('getSheetByName');
    return this.sheets.find((s) => s.getName() === name) ?? null;
  }
  insertSheet(name: string): FakeSheet {
    this.log.push('insertSheet');
    if (this.sheets.some((s) => s.getName().toLowerCase() === name.toLowerCase())) {
      throw new Error(`A sheet with the name "${name}" already exists. Please enter another name.`);
    }
    const sheet = new FakeSheet(this, name, [], this.log);
    this.sheets.push(sheet);
    this.active = sheet;
    return sheet;
  }
  getActiveSheet(): FakeSheet {
    return this.active ?? this.sheets[0]!;
  }
  deleteSheet(sheet: FakeSheet): void {
    this.log.push('deleteSheet');
    if (this.sheets.length === 1) throw new Error('Sorry, it is not possible to delete all sheets.');
    this.sheets.splice(this.sheets.indexOf(sheet), 1);
    this.reserve(-sheet.getMaxRows() * sheet.getMaxColumns());
    if (this.active === sheet) this.active = this.sheets[0] ?? null;
  }
  /** A range in A1 notation with its tab's name ('Đơn vị'!$B$2:$B), as requireValueInRange takes it: Sheets throws when no tab has that name. */
  getRange(a1: string): { a1: string } {
    const m = /^(?:'((?:[^']|'')+)'|([^!']+))!/.exec(a1);
    const name = m ? (m[1] ?? m[2]!).replace(/''/g, "'") : null;
    if (name === null || !this.sheets.some((s) => s.getName() === name)) throw new Error('Range not found');
    return { a1 };
  }
}

/**
 * CacheService.getUserCache(): one user's cache. Keys over 250 characters, values over 100 KB and expirations past
 * 6 hours throw; entries expire on the fake clock; past 1,000 entries only the 900 farthest from expiry stay.
 */
function userCache(caches: FakeServices['caches'], user: string, now: () => number) {
  const entries = caches.get(user) ?? caches.set(user, new Map()).get(user)!;
  const live = (key: string) => {
    const e = entries.get(key);
    if (e && e.expires <= now()) entries.delete(key);
    return entries.get(key);
  };
  const check = (key: string, value: string) => {
    if (String(key).length > LIMITS.cacheKeyChars) throw new Error(ERRORS.cacheKey);
    if (bytes(String(value)) > LIMITS.cacheValueBytes) throw new Error(ERRORS.cacheValue);
  };
  const seconds = (s: number | undefined) => {
    const n = s ?? LIMITS.cacheDefaultSeconds;
    if (!Number.isInteger(n) || n < 1 || n > LIMITS.cacheMaxSeconds) throw new Error(ERRORS.cacheSeconds);
    return n;
  };
  const store = (values: Record<string, string>, s: number | undefined) => {
    const expires = now() + seconds(s) * 1000;
    for (const [k, v] of Object.entries(values)) check(k, v);
    for (const [k, v] of Object.entries(values)) entries.set(k, { value: String(v), expires });
    for (const k of [...entries.keys()]) live(k);
    if (entries.size > LIMITS.cacheItems) {
      const kept = [...entries].sort((a, b) => b[1].expires - a[1].expires).slice(0, LIMITS.cacheItemsKept);
      entries.clear();
      for (const [k, e] of kept) entries.set(k, e);
    }
  };
  return {
    get: (key: string) => live(key)?.value ?? null,
    getAll: (keys: string[]) => Object.fromEntries(keys.filter((k) => live(k)).map((k) => [k, live(k)!.value])),
    put: (key: string, value: string, s?: number) => store({ [key]: value }, s),
    putAll: (values: Record<string, string>, s?: number) => store(values, s),
    remove: (key: string) => void entries.delete(key),
    removeAll: (keys: string[]) => keys.forEach((k) => entries.delete(k)),
  };
}

/**
 * What google.script.run carries between a dialog and the server, either way: primitives, plain objects and arrays
 * of them, copied; a Date, a function, a DOM node or a circular object makes the call fail; undefined in an array
 * becomes null, an undefined field is left out.
 */
export function scriptRunCopy(value: unknown, seen: object[] = []): unknown {
  if (value === undefined) return undefined;
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'object' || isDate(value) || seen.includes(value)) throw new Error(`${ERRORS.scriptRun}: ${describe(value)}`);
  const isPlain = Array.isArray(value) || [Object.prototype, null].includes(Object.getPrototypeOf(value)) || isRealmPlain(value);
  if (!isPlain) throw new Error(`${ERRORS.scriptRun}: ${describe(value)}`);
  const inner = [...seen, value];
  if (Array.isArray(value)) return value.map((v) => (v === undefined ? null : scriptRunCopy(v, inner)));
  const copy: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined) copy[k] = scriptRunCopy(v, inner);
  return copy;
}

/** A plain object made in another realm (the bundle's node:vm context): its prototype is that realm's Object.prototype. */
function isRealmPlain(value: object): boolean {
  const proto = Object.getPrototypeOf(value) as object | null;
  return proto !== null && Object.getPrototypeOf(proto) === null && proto.constructor?.name === 'Object';
}

const describe = (value: unknown): string =>
  isDate(value) ? 'Date' : typeof value === 'function' ? 'function' : Object.prototype.toString.call(value).slice(8, -1);

export interface Trigger {
  handler: string;
  owner: string;
  kind: 'daily' | 'after';
  atHour?: number;
  after?: number;
  /** When a one-off trigger is due, on the fake clock. */
  at?: number;
  /** A one-off trigger that has run stays listed (and counts towards the 20) until deleted. */
  fired?: boolean;
}

export interface FakeServices {
  globals: Record<string, unknown>;
  spreadsheet: FakeSpreadsheet;
  sidebars: { title: string; html: string }[];
  /** Modal dialogs shown (the export's), and the official's Drive as the export sees it: fake-export.ts. */
  dialogs: ExportFakes['dialogs'];
  driveFiles: ExportFakes['driveFiles'];
  /** Each user's CacheService.getUserCache(): key → value and when it expires on the fake clock. */
  caches: Map<string, Map<string, { value: string; expires: number }>>;
  /** Per-user daily quota; `sent` across users. */
  mail: { quota: number; quotas: Map<string, number>; sent: { to: string; subject: string; body: string; by: string }[] };
  /** Every user's triggers; `getProjectTriggers` shows only the current user's. */
  triggers: Trigger[];
  log: string[];
  menus: { name: string; items: [string, string][] }[];
  alerts: string[];
  /** The answer the next dialogs give, and how long the official takes over each of the next ones (then `costs.answer`). */
  answer: { button: 'YES' | 'NO'; waits: number[] };
  sheet(name: string): FakeSheet | undefined;
  sheetNames(): string[];
  properties: Map<string, string>;
  /** Who runs the next calls; triggers and mail quota are per user. */
  user: { email: string };
  /** Another run holding the document lock (true) or not. */
  lock: { heldElsewhere: boolean; heldHere: boolean };
  clock: FakeClock;
  /** What each service call costs in simulated time; tests change them. */
  costs: Costs;
  /** Service calls the bundle made, by "Service.method". */
  calls: Map<string, number>;
  /** Every run so far, in the order they started. */
  executions: Execution[];
  /** Trigger runtime (time-driven and simple triggers) per user and UTC day ("user day"), as Google counts it against the daily limit. */
  triggerMillis: Map<string, number>;
  /** Starts a run by the current user, as Apps Script refuses one: past 30 at once, or a trigger run past the day's runtime. */
  begin(kind: RunKind): Execution;
  /** Ends a run; one that ran past its limit throws, since Apps Script would have stopped it. */
  end(run: Execution): void;
  run<T>(kind: RunKind, fn: () => T): T;
  /** A value the bundle gets (an onEdit event) with its calls metered like the services'. */
  metered<T>(value: T): T;
}

const EMAIL = /^[^\s@,;<>"]+@[^\s@,;<>"]+\.[^\s@,;<>"]+$/;

/** A spreadsheet holding the given tabs, and the Apps Script globals around it. */
export function fakeServices(
  tabs: Record<string, Cell[][]>,
  options: {
    timeZone?: string;
    realmDate?: DateConstructor;
    now?: number;
    cpuFactor?: number;
    /** The project's HTML files (apps-script/dist/*.html, by name without ".html") and manifest: see fake-export.ts. */
    htmlFiles?: Record<string, string>;
    manifest?: Manifest;
  } = {},
): FakeServices {
  const log: string[] = [];
  const clock = new FakeClock(options.now ?? Date.now(), options.cpuFactor ?? 0);
  const costs: Costs = { ...COSTS };
  const calls = new Map<string, number>();
  const menus: FakeServices['menus'] = [];
  const alerts: string[] = [];
  const properties = new Map<string, string>();
  const RealmDate = clockedDate(options.realmDate ?? Date, clock);
  const spreadsheet = new FakeSpreadsheet(log, options.timeZone ?? 'Asia/Ho_Chi_Minh', RealmDate);
  for (const [name, values] of Object.entries(tabs)) spreadsheet.sheets.push(new FakeSheet(spreadsheet, name, values, log));
  const answer: FakeServices['answer'] = { button: 'YES', waits: [] };
  const sidebars: { title: string; html: string }[] = [];
  const caches: FakeServices['caches'] = new Map();
  const user = { email: 'lan@phuong.gov.vn' };
  const executions: Execution[] = [];
  const active: Execution[] = [];
  const triggerMillis = new Map<string, number>();
  const utcDay = (at: number) => new Date(at).toISOString().slice(0, 10);
  const triggerSpent = (owner: string, started: number) => triggerMillis.get(`${owner} ${utcDay(started)}`) ?? 0;
  /** Apps Script stops a run at its limit: the service call under way when it passes it never returns. */
  const check = () => {
    const run = active.at(-1);
    if (!run) return;
    const elapsed = clock.now() - run.started;
    if (elapsed > run.limit) throw new Error(ERRORS.timeout);
    if (run.kind !== 'menu' && triggerSpent(run.user, run.started) + elapsed > LIMITS.triggerMillisPerDay)
      throw new Error(ERRORS.triggerTime);
  };
  const spend = (ms: number) => {
    clock.advance(ms);
    check();
  };
  const begin = (kind: RunKind): Execution => {
    if (active.filter((r) => r.user === user.email).length >= LIMITS.simultaneousRuns) throw new Error(ERRORS.simultaneous);
    if (kind !== 'menu' && triggerSpent(user.email, clock.now()) >= LIMITS.triggerMillisPerDay) throw new Error(ERRORS.triggerTime);
    const run: Execution = {
      kind,
      user: user.email,
      started: clock.now(),
      limit: kind === 'simple' ? LIMITS.simpleTriggerMillis : LIMITS.runMillis,
    };
    if (active.length === 0) clock.startCounting();
    active.push(run);
    executions.push(run);
    return run;
  };
  const end = (run: Execution) => {
    run.millis = clock.now() - run.started;
    active.splice(active.indexOf(run), 1);
    if (active.length === 0) clock.counting = false;
    // Simple triggers (onEdit, onOpen) are triggers too: their time counts against the day's trigger runtime.
    if (run.kind !== 'menu') {
      const key = `${run.user} ${utcDay(run.started)}`;
      triggerMillis.set(key, (triggerMillis.get(key) ?? 0) + run.millis);
    }
    if (run.millis > run.limit) throw new Error(ERRORS.timeout);
  };
  const authorised = (service: string, scope: string) => {
    if (active.at(-1)?.kind === 'simple')
      throw new Error(`${ERRORS.permission} ${service}. Required permissions: https://www.googleapis.com/auth/${scope}`);
  };
  const propertyCalls = new Map<string, number>();
  const countProperty = () => {
    const key = `${user.email} ${utcDay(clock.now())}`;
    const n = propertyCalls.get(key) ?? 0;
    if (n >= LIMITS.propertyCallsPerDay) throw new Error(ERRORS.propertyCalls);
    propertyCalls.set(key, n + 1);
  };
  const ui = {
    createMenu(name: string) {
      const menu = { name, items: [] as [string, string][] };
      const b = {
        addItem: (label: string, fn: string) => (menu.items.push([label, fn]), b),
        addSeparator: () => b,
        addToUi: () => void menus.push(menu),
      };
      return b;
    },
    // A dialog holds the run until the official closes it: its time counts against the run's limit.
    alert: (title: string, text?: string) => {
      alerts.push(text === undefined ? title : `${title}\n${text}`);
      spend(answer.waits.shift() ?? costs.answer);
      return answer.button;
    },
    showSidebar: (output: { getContent(): string; title: string }) => {
      authorised('Ui.showSidebar', 'script.container.ui');
      sidebars.push({ title: output.title, html: output.getContent() });
    },
    ButtonSet: { YES_NO: 'YES_NO', OK: 'OK' },
    Button: { YES: 'YES', NO: 'NO', OK: 'OK' },
  };
  const mail: FakeServices['mail'] = { quota: 100, quotas: new Map(), sent: [] };
  const quotaOf = () => mail.quotas.get(user.email) ?? mail.quota;
  const triggers: Trigger[] = [];
  const lock = { heldElsewhere: false, heldHere: false };
  const storeBytes = () => [...properties].reduce((n, [k, v]) => n + bytes(k) + bytes(v), 0);
  const services = {
    SpreadsheetApp: {
      getActiveSpreadsheet: () => spreadsheet,
      // A time-driven trigger has no official watching: no dialog, no sidebar.
      getUi: () => {
        if (active.at(-1)?.kind === 'trigger') throw new Error(ERRORS.noUi);
        return ui;
      },
      newDataValidation: () => builder(),
      newConditionalFormatRule: () => builder(),
    },
    Charts: { ChartType: { BAR: 'BAR', PIE: 'PIE' } },
    HtmlService: {
      createHtmlOutput: (html: string) => {
        // Google's default dialog size.
        const output = {
          title: '',
          width: 600,
          height: 400,
          getContent: () => html,
          setTitle: (t: string) => ((output.title = t), output),
          setWidth: (w: number) => ((output.width = w), output),
          setHeight: (h: number) => ((output.height = h), output),
        };
        return output;
      },
    },
    MailApp: {
      getRemainingDailyQuota: () => {
        authorised('MailApp.getRemainingDailyQuota', 'script.send_mail');
        return quotaOf();
      },
      sendEmail: (to: string, subject: string, body: string) => {
        authorised('MailApp.sendEmail', 'script.send_mail');
        const recipients = String(to)
          .split(',')
          .map((a) => a.trim());
        const invalid = recipients.find((a) => !EMAIL.test(a));
        if (invalid !== undefined) throw new Error(`Invalid email: ${invalid}`);
        if (quotaOf() < recipients.length) throw new Error(ERRORS.mailQuota);
        mail.quotas.set(user.email, quotaOf() - recipients.length);
        mail.sent.push({ to, subject, body, by: user.email });
      },
    },
    ScriptApp: {
      getProjectTriggers: () => {
        authorised('ScriptApp.getProjectTriggers', 'script.scriptapp');
        return triggers
          .filter((t) => t.owner === user.email)
          .map((t) => ({ trigger: t, getHandlerFunction: () => t.handler, getUniqueId: () => String(triggers.indexOf(t)) }));
      },
      deleteTrigger: (t: { trigger: Trigger }) => {
        authorised('ScriptApp.deleteTrigger', 'script.scriptapp');
        if (t.trigger.owner !== user.email || !triggers.includes(t.trigger)) throw new Error('No such trigger.');
        triggers.splice(triggers.indexOf(t.trigger), 1);
      },
      newTrigger: (handler: string) => {
        authorised('ScriptApp.newTrigger', 'script.scriptapp');
        const t: Trigger = { handler, owner: user.email, kind: 'after' };
        const b = {
          timeBased: () => b,
          everyDays: () => ((t.kind = 'daily'), b),
          atHour: (h: number) => ((t.atHour = h), b),
          after: (ms: number) => ((t.kind = 'after'), (t.after = ms), (t.at = clock.now() + ms), b),
          create: () => {
            if (triggers.filter((x) => x.owner === user.email).length >= LIMITS.triggersPerUser) throw new Error(ERRORS.triggers);
            triggers.push(t);
            return { getHandlerFunction: () => handler };
          },
        };
        return b;
      },
    },
    PropertiesService: {
      getDocumentProperties: () => ({
        getProperty: (k: string) => {
          countProperty();
          return properties.get(k) ?? null;
        },
        getProperties: () => {
          countProperty();
          return Object.fromEntries(properties);
        },
        setProperty: (k: string, v: string) => {
          countProperty();
          if (bytes(v) > LIMITS.propertyValueBytes) throw new Error(ERRORS.propertyTooLarge);
          const before = properties.get(k);
          properties.set(k, v);
          if (storeBytes() > LIMITS.propertyStoreBytes) {
            if (before === undefined) properties.delete(k);
            else properties.set(k, before);
            throw new Error(ERRORS.storeFull);
          }
        },
        deleteProperty: (k: string) => {
          countProperty();
          properties.delete(k);
        },
      }),
    },
    LockService: {
      getDocumentLock: () => ({
        // Waiting for the lock takes the run's time.
        tryLock: (ms: number) => {
          if (lock.heldElsewhere) {
            spend(ms);
            return false;
          }
          lock.heldHere = true;
          return true;
        },
        waitLock: (ms: number) => {
          if (lock.heldElsewhere) spend(ms);
          if (lock.heldElsewhere) throw new Error('Lock timeout: another process was holding the lock for too long.');
          lock.heldHere = true;
        },
        hasLock: () => lock.heldHere,
        releaseLock: () => void (lock.heldHere = false),
      }),
    },
    Utilities: {
      formatDate,
      parseDate: (text: string, zone: string, pattern: string) => parseDate(text, zone, pattern, RealmDate),
      getUuid: () => randomUUID(),
    },
    CacheService: { getUserCache: () => userCache(caches, user.email, () => clock.now()) },
  };
  const exported = addExportServices(services as unknown as Record<string, Record<string, unknown>>, ui, {
    htmlFiles: options.htmlFiles ?? {},
    manifest: options.manifest ?? {},
    authorised,
  });
  const meter = metering(
    () => check(),
    (ms) => spend(ms),
    (service, method, target) =>
      method === 'sendEmail'
        ? costs.mail
        : target instanceof FakeRange && CELL_CALLS.has(method)
          ? costs.range + costs.cell * target.getNumRows() * target.getNumColumns()
          : service === 'ScriptApp' && TRIGGER_CALLS.has(method)
            ? costs.trigger
            : service === 'PropertiesService' && method.endsWith('Property')
              ? costs.properties
              : costs.call,
    calls,
  );
  const globals = Object.fromEntries(Object.entries(services).map(([name, service]) => [name, meter(service, name)]));
  return {
    globals,
    spreadsheet,
    sidebars,
    caches,
    ...exported,
    mail,
    triggers,
    log,
    menus,
    alerts,
    answer,
    sheet: (name) => spreadsheet.sheets.find((s) => s.getName() === name),
    sheetNames: () => spreadsheet.sheets.map((s) => s.getName()),
    properties,
    user,
    lock,
    clock,
    costs,
    calls,
    executions,
    triggerMillis,
    begin,
    end,
    run: (kind, fn) => {
      const run = begin(kind);
      try {
        return fn();
      } finally {
        end(run);
      }
    },
    metered: (value) => meter(value, 'SpreadsheetApp'),
  };
}

const CELL_CALLS = new Set([
  'getValues',
  'getFormulas',
  'setValues',
  'getBackgrounds',
  'setBackgrounds',
  'getNotes',
  'setNotes',
  'setFontWeights',
  'setNumberFormat',
]);
const TRIGGER_CALLS = new Set(['create', 'getProjectTriggers', 'deleteTrigger']);

const wrappable = (v: unknown): v is object => typeof v === 'object' && v !== null && !Array.isArray(v) && !isDate(v);

/**
 * Every call the bundle makes on a service, or on an object a service returned, goes
 * through here: refused once the run is past its limit, then its cost in simulated
 * time is spent (a call that ends past the limit did its work, but never returns).
 * Objects handed back to the fakes are unwrapped, so identity checks still hold.
 */
function metering(
  check: () => void,
  spend: (ms: number) => void,
  costOf: (service: string, method: string, target: object) => number,
  calls: Map<string, number>,
): <T>(value: T, service: string) => T {
  const proxies = new WeakMap<object, object>();
  const targets = new WeakMap<object, object>();
  const unwrap = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.some((x) => wrappable(x) && targets.has(x)) ? v.map(unwrap) : v;
    return wrappable(v) ? (targets.get(v) ?? v) : v;
  };
  const wrap = (value: unknown, service: string): unknown => {
    if (Array.isArray(value)) return value.some(wrappable) ? value.map((v) => wrap(v, service)) : value;
    if (!wrappable(value) || targets.has(value)) return value;
    let proxy = proxies.get(value);
    if (!proxy) {
      proxy = new Proxy(value, {
        get(target, prop) {
          const v: unknown = Reflect.get(target, prop, target);
          if (typeof v === 'function' && typeof prop === 'string')
            return (...args: unknown[]) => {
              const name = `${service}.${prop}`;
              calls.set(name, (calls.get(name) ?? 0) + 1);
              check();
              const result: unknown = (v as (...a: unknown[]) => unknown).apply(target, args.map(unwrap));
              spend(costOf(service, prop, target));
              return wrap(result, service);
            };
          return wrap(v, service);
        },
      });
      proxies.set(value, proxy);
      targets.set(proxy, value);
    }
    return proxy;
  };
  return <T>(value: T, service: string) => wrap(value, service) as T;
}
