/**
 * In-repo fakes of the Apps Script services the handlers use, recording every call,
 * so tests can assert what a handler did to the sheet and how many calls it took.
 */
export type Cell = string | number | boolean | Date;

/** What a data-validation or conditional-format builder was told, kept for assertions. */
export type Built = Record<string, unknown>;

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

export class FakeSheet {
  backgrounds: string[][] = [];
  notes: string[][] = [];
  frozenRows = 0;
  validations: { column: number; rule: Built }[] = [];
  protections: { column: number; warningOnly: boolean; description: string }[] = [];
  conditionalRules: Built[] = [];
  setFrozenRows(n: number): void {
    this.log.push('setFrozenRows');
    this.frozenRows = n;
  }
  hiddenColumns: number[] = [];
  hideColumns(column: number): void {
    this.log.push('hideColumns');
    this.hiddenColumns.push(column);
  }
  charts: Built[] = [];
  clear(): void {
    this.log.push('clear');
    this.values = [];
    this.backgrounds = [];
    this.notes = [];
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
  setConditionalFormatRules(rules: Built[]): void {
    this.log.push('setConditionalFormatRules');
    this.conditionalRules = rules;
  }
  constructor(
    readonly name: string,
    public values: Cell[][],
    private readonly log: string[],
  ) {
    this.backgrounds = values.map((r) => r.map(() => '#ffffff'));
    this.notes = values.map((r) => r.map(() => ''));
  }
  getName(): string {
    return this.name;
  }
  getLastColumn(): number {
    return Math.max(0, ...this.values.map((r) => r.length));
  }
  private ensure(rows: number, cols: number): void {
    while (this.values.length < rows) this.values.push([]);
    for (const grid of [this.values, this.backgrounds, this.notes]) {
      while (grid.length < rows) grid.push([]);
      for (const row of grid) while (row.length < cols) row.push(grid === this.backgrounds ? '#ffffff' : '');
    }
  }
  getDataRange(): FakeRange {
    this.log.push(`${this.name}.getDataRange`);
    const width = Math.max(0, ...this.values.map((r) => r.length));
    return new FakeRange(this, 1, 1, this.values.length, width, this.log);
  }
  getRange(row: number, col: number, rows = 1, cols = 1): FakeRange {
    this.log.push(`${this.name}.getRange`);
    this.ensure(row + rows - 1, col + cols - 1);
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
  private slice<T>(grid: T[][]): T[][] {
    return grid.slice(this.row - 1, this.row - 1 + this.rows).map((r) => r.slice(this.col - 1, this.col - 1 + this.cols));
  }
  private put<T>(grid: T[][], values: T[][]): void {
    values.forEach((r, i) => r.forEach((v, j) => (grid[this.row - 1 + i]![this.col - 1 + j] = v)));
  }
  getValues(): Cell[][] {
    this.log.push('getValues');
    return this.slice(this.sheet.values);
  }
  setValues(values: Cell[][]): void {
    this.log.push('setValues');
    this.put(this.sheet.values, values);
  }
  getBackgrounds(): string[][] {
    this.log.push('getBackgrounds');
    return this.slice(this.sheet.backgrounds);
  }
  setBackgrounds(values: (string | null)[][]): void {
    this.log.push('setBackgrounds');
    this.put(this.sheet.backgrounds, values.map((r) => r.map((v) => v ?? '#ffffff')));
  }
  getNotes(): string[][] {
    this.log.push('getNotes');
    return this.slice(this.sheet.notes);
  }
  setNotes(values: string[][]): void {
    this.log.push('setNotes');
    this.put(this.sheet.notes, values);
  }
  activate(): FakeRange {
    this.log.push(`activate ${this.row},${this.col}`);
    return this;
  }
  setFontWeight(_weight: string): FakeRange {
    this.log.push('setFontWeight');
    return this;
  }
  setBackground(colour: string): FakeRange {
    this.log.push('setBackground');
    this.put(this.sheet.backgrounds, Array.from({ length: this.rows }, () => Array.from({ length: this.cols }, () => colour)));
    return this;
  }
  setDataValidation(rule: Built): FakeRange {
    this.log.push('setDataValidation');
    this.sheet.validations.push({ column: this.col, rule });
    return this;
  }
  protect() {
    this.log.push('protect');
    const protection = { column: this.col, warningOnly: false, description: '' };
    this.sheet.protections.push(protection);
    const handle = {
      setDescription: (d: string) => ((protection.description = d), handle),
      setWarningOnly: (w: boolean) => ((protection.warningOnly = w), handle),
    };
    return handle;
  }
}

export interface FakeServices {
  globals: Record<string, unknown>;
  spreadsheet: unknown;
  sidebars: { title: string; html: string }[];
  mail: { quota: number; sent: { to: string; subject: string; body: string }[] };
  triggers: { handler: string }[];
  log: string[];
  menus: { name: string; items: [string, string][] }[];
  alerts: string[];
  sheet(name: string): FakeSheet | undefined;
  sheetNames(): string[];
  properties: Map<string, string>;
}

/** A spreadsheet holding the given tabs, and the Apps Script globals around it. */
export function fakeServices(tabs: Record<string, Cell[][]>): FakeServices {
  const log: string[] = [];
  const menus: FakeServices['menus'] = [];
  const alerts: string[] = [];
  const properties = new Map<string, string>();
  const sheets = new Map(Object.entries(tabs).map(([name, values]) => [name, new FakeSheet(name, values, log)]));
  const spreadsheet = {
    getSheetByName: (name: string) => {
      log.push('getSheetByName');
      return sheets.get(name) ?? null;
    },
    insertSheet: (name: string) => {
      log.push('insertSheet');
      const sheet = new FakeSheet(name, [], log);
      sheets.set(name, sheet);
      return sheet;
    },
    getRange: (a1: string) => ({ a1 }),
  };
  const ui = {
    createMenu(name: string) {
      const menu = { name, items: [] as [string, string][] };
      const builder = {
        addItem: (label: string, fn: string) => (menu.items.push([label, fn]), builder),
        addSeparator: () => builder,
        addToUi: () => void menus.push(menu),
      };
      return builder;
    },
    alert: (title: string, text?: string) => {
      alerts.push(text === undefined ? title : `${title}\n${text}`);
      return 'YES';
    },
    showSidebar: (output: { getContent(): string; title: string }) => void sidebars.push({ title: output.title, html: output.getContent() }),
    ButtonSet: { YES_NO: 'YES_NO' },
    Button: { YES: 'YES', NO: 'NO' },
  };
  const sidebars: { title: string; html: string }[] = [];
  const mail = { quota: 100, sent: [] as { to: string; subject: string; body: string }[] };
  const triggers: { handler: string }[] = [];
  const pad = (n: number) => String(n).padStart(2, '0');
  const globals = {
    SpreadsheetApp: {
      getActiveSpreadsheet: () => spreadsheet,
      getUi: () => ui,
      newDataValidation: () => builder(),
      newConditionalFormatRule: () => builder(),
    },
    Charts: { ChartType: { BAR: 'BAR', PIE: 'PIE' } },
    HtmlService: {
      createHtmlOutput: (html: string) => {
        const output = { title: '', getContent: () => html, setTitle: (t: string) => ((output.title = t), output) };
        return output;
      },
    },
    MailApp: {
      getRemainingDailyQuota: () => mail.quota,
      sendEmail: (to: string, subject: string, body: string) => {
        mail.sent.push({ to, subject, body });
        mail.quota--;
      },
    },
    ScriptApp: {
      getProjectTriggers: () => triggers.map((t) => ({ trigger: t, getHandlerFunction: () => t.handler })),
      deleteTrigger: (t: { trigger: { handler: string } }) => void triggers.splice(triggers.indexOf(t.trigger), 1),
      newTrigger: (handler: string) => {
        const b = { timeBased: () => b, everyDays: () => b, atHour: () => b, after: () => b, create: () => void triggers.push({ handler }) };
        return b;
      },
    },
    PropertiesService: {
      getDocumentProperties: () => ({
        getProperty: (k: string) => properties.get(k) ?? null,
        setProperty: (k: string, v: string) => void properties.set(k, v),
        deleteProperty: (k: string) => void properties.delete(k),
      }),
    },
    Utilities: {
      // The fakes run in UTC; enough for tests that pin their dates.
      formatDate: (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`,
    },
  };
  return { globals, spreadsheet, sidebars, mail, triggers, log, menus, alerts, sheet: (name) => sheets.get(name), sheetNames: () => [...sheets.keys()], properties };
}
