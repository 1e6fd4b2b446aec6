/**
 * "Nhập kế hoạch từ tệp Word/Excel…": a dialog (import-dialog.html) where the official picks a plan's .docx, .xlsx
 * or .csv; the browser sends it as base64 to previewImport, which reads it with the core's one reader
 * (readTableFile) and plans it with the core's import (locateTable, planTable), as `cchc import` does, against the
 * sheet as it is; nothing is written. The file waits in the official's cache under a token; applyImport(token)
 * plans it again under the document lock and writes it only if what it would write is what was previewed (a digest
 * of the changes), else it asks for a new preview. Writing is the sync's push (mergeTab against the sheet as read):
 * cells that change, placed by row identity, new rows after the last one; nothing an official typed in their own
 * columns, notes or colours is touched.
 */
import {
  indexRows,
  locateTable,
  mergeTab,
  planTable,
  readTableFile,
  ROW_NUMBER,
  TABS,
  TASKS_TAB,
  type CellValue,
  type AppendixReport,
  type ImportReady,
  type ReportedUnit,
  type Row,
  type StopCode,
  type TabMerge,
  type TabSpec,
  type ValidationIssue,
} from '../../core/index';
import template from './import-dialog.html';
import { BUSY_MESSAGE, lockedCall } from './lock';
import { growLayout } from './setup-sheet';
import { asText, dateWriter, ensureGrid, readTables, todayIso, type SheetContext, type TabData } from './sheet-io';

/**
 * The largest file the menu takes. The file travels to the server as base64 (a third larger), is read in memory and
 * parsed within one run of 6 minutes; and it waits in the cache in 100 KB pieces. Larger plans: `cchc import`.
 */
export const IMPORT_MAX_BYTES = 4 * 1024 * 1024;
/** How long a preview can be applied: an hour for an official to read it. Google's cache keeps an entry 6 hours at most. */
export const PREVIEW_SECONDS = 3600;
/** Characters of base64 per cache entry: Google caps a value at 100 KB (taken as 100,000 bytes, the stricter reading). */
const PIECE_CHARS = 90_000;
const CACHE_PREFIX = 'cchc.import.';
/** The dialog shows this many of the file's tasks, and of its errors and warnings (all are counted). */
const FIRST_ROWS = 15;
const ISSUES_SHOWN = 50;

const UNREADABLE = (file: string) =>
  `Không đọc được tệp "${file}": tệp hỏng hoặc không đúng dạng .docx, .xlsx, .csv. Mở tệp bằng Word hoặc Excel, lưu lại rồi chọn lại.`;
export const TOO_LARGE = `Tệp lớn hơn ${IMPORT_MAX_BYTES / 1024 / 1024} MB: menu không nhập được tệp lớn như vậy. Nhập trên máy tính bằng lệnh cchc import (xem Hướng dẫn, mục Các lệnh), hoặc tách phụ lục thành tệp nhỏ hơn.`;
const EXPIRED =
  'Bản xem trước này đã hết hạn hoặc đã được nhập vào bảng rồi: không ghi gì thêm. Chọn tệp và bấm "Xem trước" lại nếu cần nhập.';
const CHANGED =
  'Bảng tính đã thay đổi từ lúc xem trước (có người sửa hoặc vừa nhập tệp khác), nên những gì sẽ ghi khác với bản xem trước: chưa ghi gì. Bấm "Xem trước lại" rồi nhập.';

/** One task as the dialog lists it. */
export interface PreviewRow {
  stt: string;
  section: string;
  title: string;
  lead: string;
  deadline: string;
  product: string;
}

/** What previewImport returns; plain values only, as google.script.run carries them. */
export interface ImportPreview {
  ok: boolean;
  /** A code of the catalog (core/model/codes.ts) when the file cannot be imported: FILE_TOO_LARGE, HEADER_NOT_FOUND, NOT_A_PLAN, … */
  code: StopCode | null;
  /** What applyImport takes; null when there is nothing to apply. */
  token: string | null;
  file: string;
  /** Tasks read from the file. */
  tasks: number;
  /** Vietnamese lines naming the row of the file; the first ISSUES_SHOWN of each. */
  errors: string[];
  warnings: string[];
  errorCount: number;
  warningCount: number;
  plan: { code: string; title: string; ward: string; year: number; draft: boolean } | null;
  sections: { name: string; tasks: number }[];
  firstRows: PreviewRow[];
  /** Unit names the ward's units do not know, with how many tasks name each. */
  unknownUnits: { name: string; tasks: number }[];
  changes: { added: number; changed: number; unchanged: number; removed: number; kept: number } | null;
  /** The import's summary, as `cchc import` prints it. */
  lines: string[];
  /** Where the file differs from corrections officials made on the sheet (lead, deadline, title): kept unless replaced. */
  differences: string[];
}

export interface ImportResult {
  ok: boolean;
  code: StopCode | null;
  /** Vietnamese lines: what was written, or why nothing was. */
  lines: string[];
  /** Tasks added and changed (section rows not counted), as the preview counted them. */
  added: number;
  updated: number;
}

/** The official's choice at apply time: take the file's values where they differ from corrections on the sheet. */
export interface ApplyOptions {
  replace?: boolean;
}

/** The menu item: the dialog, modal, with the size limit it checks before sending. */
export function cchcImportPlan(): void {
  const html = template.replace('{{MAX_BYTES}}', String(IMPORT_MAX_BYTES));
  SpreadsheetApp.getUi().showModalDialog(
    HtmlService.createHtmlOutput(html).setWidth(820).setHeight(640),
    'Nhập kế hoạch từ tệp Word/Excel',
  );
}

const failed = (file: string, code: StopCode, message: string): ImportPreview => ({
  ok: false,
  code,
  token: null,
  file,
  tasks: 0,
  errors: [message],
  warnings: [],
  errorCount: 1,
  warningCount: 0,
  plan: null,
  sections: [],
  firstRows: [],
  unknownUnits: [],
  changes: null,
  lines: [],
  differences: [],
});

/** The file's bytes from the dialog's base64, or a Vietnamese reason. Apps Script decodes to signed bytes (-128…127). */
function decode(fileName: string, base64: string): Uint8Array | Refusal {
  // Checked on the text first: a file past the limit is never decoded.
  if (base64.length > Math.ceil(IMPORT_MAX_BYTES / 3) * 4) return { code: 'FILE_TOO_LARGE', message: TOO_LARGE };
  let signed: number[];
  try {
    signed = Utilities.base64Decode(base64);
  } catch {
    return { code: 'FILE_UNREADABLE', message: `Không đọc được tệp "${fileName}" (tệp gửi lên bị hỏng). Chọn lại tệp rồi thử lại.` };
  }
  if (signed.length === 0) return { code: 'FILE_EMPTY', message: `Tệp "${fileName}" rỗng (0 byte).` };
  if (signed.length > IMPORT_MAX_BYTES) return { code: 'FILE_TOO_LARGE', message: TOO_LARGE };
  const bytes = new Uint8Array(signed.length);
  for (let i = 0; i < signed.length; i++) bytes[i] = signed[i]! & 0xff;
  return bytes;
}

/** Why a file cannot be imported, or a write is refused: a code of the catalog and one Vietnamese line. */
interface Refusal {
  code: StopCode;
  message: string;
}

interface Planned {
  plan: ImportReady;
  changes: Map<string, TabMerge>;
  digest: string;
}

/** The file read and planned against the sheet as read, as `cchc import` plans it; or why it cannot be. */
function planFile(fileName: string, base64: string, context: SheetContext, today: string, replace = false): Planned | Refusal {
  const bytes = decode(fileName, base64);
  if (!(bytes instanceof Uint8Array)) return bytes;
  let read: ReturnType<typeof readTableFile>;
  try {
    read = readTableFile(fileName, bytes);
  } catch {
    // The reader refuses what it knows is broken; anything else it trips on is broken too, never a crash.
    read = { ok: false, code: 'FILE_UNREADABLE', message: UNREADABLE(fileName) };
  }
  if (!read.ok) return { code: read.code, message: read.message };
  const located = locateTable({ file: fileName, sheets: read.sheets });
  if ('ok' in located) return located;
  if (located.kind !== 'appendix') {
    return {
      code: 'NOT_A_PLAN',
      message: `Tệp "${fileName}" không phải phụ lục nhiệm vụ của một kế hoạch, nên menu không nhập. Nhập tệp này trên máy tính bằng lệnh: cchc import "${fileName}"`,
    };
  }
  if (!context.tabs.has('tasks')) {
    return {
      code: 'TAB_MISSING',
      message: `Bảng tính chưa có trang "${TASKS_TAB.name}". Chọn CCHC → Khởi tạo bảng tính trước, rồi nhập kế hoạch.`,
    };
  }
  const plan = planTable({ file: fileName, tables: context.tables, today, replace }, located);
  if (!plan.ok) return plan;
  const changes = changesOf(context, plan.writes());
  // Every tab and column the write needs, checked before anything is shown or written: nothing half-written.
  const missing = missingPlaces(context, changes);
  if (missing) return missing;
  return { plan, changes, digest: digestOf(changes) };
}

/** What writing the planned tabs into the sheet changes, tab by tab: the sync's push, the sheet as read being the base. */
function changesOf(context: SheetContext, writes: Record<string, Row[]>): Map<string, TabMerge> {
  const changes = new Map<string, TabMerge>();
  for (const [key, rows] of Object.entries(writes)) {
    const tab = TABS.find((t) => t.key === key)!;
    const current = context.tables[key] ?? [];
    changes.set(key, mergeTab(tab, { base: indexRows(tab, current), target: current, source: rows }));
  }
  return changes;
}

/** A 53-bit digest of the changes (cyrb53): equal changes, equal digest; anything else, all but surely another. */
function digestOf(changes: ReadonlyMap<string, TabMerge>): string {
  const text = JSON.stringify([...changes].map(([key, m]) => [key, m.updates, m.inserts]));
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

/** The plan's report: planFile plans appendices only. */
function appendixReport(plan: ImportReady): AppendixReport {
  const report = plan.report();
  if (report.kind !== 'appendix') throw new Error(`An appendix was planned, not ${report.kind}`);
  return report;
}

/** An issue of the file as the official reads it: the file's row, then the message. */
const issueLine = (i: Pick<ValidationIssue, 'row' | 'message'>): string => `Dòng ${i.row}: ${i.message}`;

function previewOf(fileName: string, token: string, planned: Planned): ImportPreview {
  const report = appendixReport(planned.plan);
  const tasks = report.tasks;
  const sections = new Map<string, number>();
  const unknown = new Map<string, number>();
  for (const t of tasks) {
    sections.set(t.section, (sections.get(t.section) ?? 0) + 1);
    const names = new Set([...t.lead, ...t.support].filter((u) => u.unit === null && u.text.trim() !== '').map((u) => u.text.trim()));
    for (const name of names) unknown.set(name, (unknown.get(name) ?? 0) + 1);
  }
  const issues = planned.plan.issues;
  const errors = issues.filter((i) => i.severity === 'error');
  const warnings = issues.filter((i) => i.severity !== 'error');
  const names = (units: readonly ReportedUnit[]) => units.map((u) => u.text).join('; ');
  return {
    ok: true,
    code: null,
    token,
    file: fileName,
    tasks: tasks.length,
    errors: errors.slice(0, ISSUES_SHOWN).map(issueLine),
    warnings: warnings.slice(0, ISSUES_SHOWN).map(issueLine),
    errorCount: errors.length,
    warningCount: warnings.length,
    plan: { code: report.plan.code, title: report.plan.title, ward: report.plan.ward, year: report.plan.year, draft: report.draft },
    sections: [...sections].map(([name, n]) => ({ name, tasks: n })),
    firstRows: tasks.slice(0, FIRST_ROWS).map((t) => ({
      stt: t.stt,
      section: t.section,
      title: t.title,
      lead: names(t.lead),
      deadline: t.deadline.text,
      product: t.product,
    })),
    unknownUnits: [...unknown].map(([name, n]) => ({ name, tasks: n })).sort((a, b) => b.tasks - a.tasks),
    changes: report.changes,
    lines: planned.plan.lines,
    differences: (planned.plan.differences ?? []).map(
      (d) => `Dòng ${d.row}, nhiệm vụ ${d.task}: ${d.column} — trên bảng tính: "${d.stored ?? ''}", trong tệp: "${d.file ?? ''}"`,
    ),
  };
}

/** What the preview keeps in the cache besides the file. */
interface Kept {
  file: string;
  today: string;
  digest: string;
  /** The digest when the official replaces their corrections by the file's values; absent when nothing differs. */
  replaceDigest?: string;
  pieces: number;
}

const cache = () => CacheService.getUserCache()!;
const keysOf = (token: string, pieces: number) => [
  `${CACHE_PREFIX}${token}`,
  ...Array.from({ length: pieces }, (_, i) => `${CACHE_PREFIX}${token}.${i}`),
];

/** Called from the dialog: reads and plans the file; writes nothing to the sheet. */
export function previewImport(fileName: unknown, base64: unknown): ImportPreview {
  const file = typeof fileName === 'string' && fileName.trim() !== '' ? fileName.trim() : 'tệp';
  if (typeof base64 !== 'string') return failed(file, 'FILE_UNREADABLE', 'Không nhận được nội dung tệp. Chọn lại tệp rồi thử lại.');
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const context = readTables(spreadsheet);
  const today = todayIso(context.timeZone);
  const planned = planFile(file, base64, context, today);
  if (!('plan' in planned)) return failed(file, planned.code, planned.message);
  const token = Utilities.getUuid();
  const pieces = Math.ceil(base64.length / PIECE_CHARS);
  const differ = (planned.plan.differences ?? []).length > 0;
  const replaced = differ ? planFile(file, base64, context, today, true) : undefined;
  const kept: Kept = {
    file,
    today,
    digest: planned.digest,
    replaceDigest: replaced && 'plan' in replaced ? replaced.digest : undefined,
    pieces,
  };
  const values: Record<string, string> = { [`${CACHE_PREFIX}${token}`]: JSON.stringify(kept) };
  for (let i = 0; i < pieces; i++) values[`${CACHE_PREFIX}${token}.${i}`] = base64.slice(i * PIECE_CHARS, (i + 1) * PIECE_CHARS);
  cache().putAll(values, PREVIEW_SECONDS);
  return previewOf(file, token, planned);
}

const refused = (code: StopCode, message: string): ImportResult => ({ ok: false, code, lines: [message], added: 0, updated: 0 });

/** Called from the dialog: writes what previewImport showed for this token, under the lock the menu's writes take. */
export function applyImport(token: unknown, options?: ApplyOptions): ImportResult {
  if (typeof token !== 'string' || token === '' || token.length > 100) return refused('PREVIEW_EXPIRED', EXPIRED);
  return lockedCall(
    () => applyLocked(token, options?.replace === true),
    () => refused('MENU_BUSY', BUSY_MESSAGE),
  );
}

function applyLocked(token: string, replace: boolean): ImportResult {
  const head = cache().get(`${CACHE_PREFIX}${token}`);
  if (head === null) return refused('PREVIEW_EXPIRED', EXPIRED);
  const kept = JSON.parse(head) as Kept;
  const keys = keysOf(token, kept.pieces);
  const found = cache().getAll(keys.slice(1));
  const pieces = keys.slice(1).map((k) => found[k] as string | undefined);
  if (pieces.some((p) => p === undefined)) return refused('PREVIEW_EXPIRED', EXPIRED);
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const context = readTables(spreadsheet);
  const planned = planFile(kept.file, pieces.join(''), context, kept.today, replace);
  if (!('plan' in planned)) return refused(planned.code, planned.message);
  if (planned.digest !== (replace ? (kept.replaceDigest ?? kept.digest) : kept.digest)) return refused('PREVIEW_OUTDATED', CHANGED);
  for (const [key, merge] of planned.changes)
    writeTab(
      context.tabs.get(key)!,
      TABS.find((t) => t.key === key)!,
      merge,
      context.timeZone,
    );
  // Rows the tab gained get its dropdowns and formats, as after any paste.
  growLayout(spreadsheet);
  cache().removeAll(keys);
  const { changes } = appendixReport(planned.plan);
  const lines = [
    `Đã nhập kế hoạch từ "${kept.file}": thêm ${changes.added} nhiệm vụ, cập nhật ${changes.changed}, giữ nguyên ${changes.unchanged}.`,
    ...(changes.removed > 0
      ? [`${changes.removed} nhiệm vụ không còn trong phụ lục vẫn nằm trên bảng tính (nhập không xóa dòng); xóa tay nếu không cần.`]
      : []),
    'Ghi chú, màu và các cột cán bộ tự thêm được giữ nguyên. Chọn CCHC → Kiểm tra dữ liệu để xem các vấn đề còn lại.',
  ];
  return { ok: true, code: null, lines, added: changes.added, updated: changes.changed };
}

/** A tab or a column the changes need that the sheet lacks, said in Vietnamese; null when all are there. */
function missingPlaces(context: SheetContext, changes: ReadonlyMap<string, TabMerge>): Refusal | null {
  for (const [key, merge] of changes) {
    if (merge.updates.length === 0 && merge.inserts.length === 0) continue;
    const tab = TABS.find((t) => t.key === key)!;
    const data = context.tabs.get(key);
    if (!data) {
      return {
        code: 'TAB_MISSING',
        message: `Bảng tính chưa có trang "${tab.name}". Chọn CCHC → Khởi tạo bảng tính trước, rồi nhập lại: chưa ghi gì.`,
      };
    }
    const needed = new Set(merge.updates.map((u) => u.column));
    for (const row of merge.inserts) for (const c of tab.columns) if (!isBlank(row[c.key])) needed.add(c.key);
    const lacking = tab.columns.filter((c) => needed.has(c.key) && !data.columns.has(c.key));
    if (lacking.length > 0) {
      return {
        code: 'COLUMN_MISSING',
        message: `Trang "${data.sheet.getName()}" thiếu cột ${lacking.map((c) => `"${c.header}"`).join(', ')}. Thêm lại cột đó (đúng tên tiêu đề) rồi nhập lại: chưa ghi gì.`,
      };
    }
  }
  return null;
}

const isBlank = (v: CellValue | undefined): boolean => v === null || v === undefined || v === '';

/**
 * Writes one tab's changes in one setValues: the block from the first changed row to the last new one, over the
 * columns that change. The block's other cells are written back as they are (a formula as its formula, text as
 * text), so an official's own columns inside it keep what they hold; notes, colours and formats are not touched.
 */
function writeTab(data: TabData, tab: TabSpec, merge: TabMerge, timeZone: string): void {
  if (merge.updates.length === 0 && merge.inserts.length === 0) return;
  const values = data.values!;
  const byKey = indexRows(tab, data.rows);
  const specOf = new Map(tab.columns.map((c) => [c.key, c]));
  const date = dateWriter(timeZone);
  const cell = (key: string, value: CellValue | undefined): unknown => {
    if (isBlank(value)) return '';
    if (typeof value === 'number' || typeof value === 'boolean') return value;
    if (specOf.get(key)!.type === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(String(value))) return date(String(value));
    return asText(String(value));
  };
  const cells = new Map<number, Map<number, unknown>>();
  const put = (row: number, key: string, value: CellValue | undefined) => {
    const column = data.columns.get(key);
    if (column === undefined) return;
    const line = cells.get(row) ?? cells.set(row, new Map()).get(row)!;
    line.set(column, cell(key, value));
  };
  for (const u of merge.updates) put(Number(byKey.get(u.key)![ROW_NUMBER]), u.column, u.value);
  const lastRow = values.length;
  merge.inserts.forEach((row, i) => {
    for (const c of tab.columns) put(lastRow + 1 + i, c.key, row[c.key]);
  });
  // Loops, not Math.min(...list): a spread of 100,000 cells overflows the stack.
  let [top, bottom, left, right] = [Infinity, 0, Infinity, 0];
  for (const [row, line] of cells) {
    top = Math.min(top, row);
    bottom = Math.max(bottom, row);
    for (const column of line.keys()) {
      left = Math.min(left, column);
      right = Math.max(right, column);
    }
  }
  ensureGrid(data.sheet, bottom, right);
  const range = data.sheet.getRange(top, left, bottom - top + 1, right - left + 1);
  // Formulas of the rows already there, so a formula in the block is written back as a formula, not its value.
  const existing = Math.min(bottom, lastRow) - top + 1;
  const formulas = existing > 0 ? data.sheet.getRange(top, left, existing, right - left + 1).getFormulas() : [];
  const block = Array.from({ length: bottom - top + 1 }, (_, i) =>
    Array.from({ length: right - left + 1 }, (_, j) => {
      const changed = cells.get(top + i)?.get(left + j);
      if (changed !== undefined) return changed;
      const formula = formulas[i]?.[j];
      if (formula) return formula;
      const current = values[top + i - 1]?.[left + j - 1];
      return typeof current === 'string' ? asText(current) : (current ?? '');
    }),
  );
  range.setValues(block);
}
