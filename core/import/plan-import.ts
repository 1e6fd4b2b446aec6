/**
 * The import use-case, pure: a file's grids and the store's tables in, what to
 * write and what to tell the official out. Every table the project ships a
 * template for is recognised by its header — a plan's appendix, the meeting log,
 * document counts, digitisation figures (our template or the province system's
 * export), CCHC-index criteria — whatever reads the file (xlsx, csv, docx).
 *
 * Log rows merge by their natural key (re-importing a month replaces its rows,
 * never doubles them); a cell left blank in the file keeps what the store has.
 * A log file with an error on any row writes nothing. An appendix never undoes an
 * official's correction unasked (listed as `differences`, taken with `replace`), and
 * its tracking columns, where it has them, record the tasks' progress (merge-import).
 */
import { appendixKind, keyErrorCells } from '../appendix/appendix-kind';
import { detectHeader, type AppendixField } from '../appendix/headers';
import { FORMULA_ERROR, parseAppendixAt, type GridRow, type ParsedAppendix } from '../appendix/parse-appendix';
import { catalogFromTables, type Catalog } from '../catalog/catalog';
import { adoptDraft, draftCode, isDraftCode } from '../catalog/drafts';
import { encodePlans, encodeTasks } from '../catalog/codec';
import {
  FILE_TRACKING_FIELDS,
  mergeImport,
  type DecidedField,
  type FileRowExtras,
  type ImportBase,
  type ImportedTask,
  type MergeResult,
} from '../catalog/merge-import';
import { readTrackingCells } from '../catalog/tracking-cells';
import type { Deadline } from '../deadline/types';
import { isHeading, type Plan, type Task } from '../model/plan-task';
import { catalogRowsAt } from '../appendix/catalog-rows';
import { makeDeadlineResolver, makeResolver } from '../catalog/resolve';
import { logKeyErrorCells, logTableAt } from './log-table';
import { decodeRows, encodeRows, ROW_NUMBER } from '../layout/codec';
import type { Row, TabSpec } from '../layout/columns';
import { CRITERIA_TAB, DIGITISATION_TAB, TASKS_TAB } from '../layout/tabs';
import { MEETING_FORMAT_WORDS, MEETING_KIND_WORDS, wordReader, YES_NO_WORDS, type Vocabulary } from '../layout/vocabulary';
import { provinceStatsAt } from './province-stats';
import { criteriaFromAppendix, mergeCriteria, unreadableNumbers, type CriteriaBase } from '../par-index/criteria-import';
import { readProseDuties, type ProseReading } from '../appendix/prose-duties';
import { UnitRegistry } from '../units/registry';
import { parsePeriod, periodName, PERIOD_FORMS } from '../periods/period';
import { rowKey, sameCell } from '../merge/row-identity';
import { settingNumber, settingText } from '../settings/settings';
import { matchKey, nfc } from '../text/vietnamese';
import { validateCatalog } from '../validation/catalog-rules';
import { countBySeverity, type ValidationIssue } from '../model/issue';
import { formatVn } from '../layout/date-cell';
import { formatVnPercent } from '../text/number';
import { checkLogTab } from '../validation/log-rules';

export interface ImportSheet {
  sheet: string;
  grid: readonly GridRow[];
  /** A Word plan's national heading lines: the plan's number, date and ward when the appendix's title omits them. */
  heading?: readonly string[];
  /** How to name this table to an official when none is recognised ("bảng 1 ("UBND PHƯỜNG …")"). */
  label?: string;
  /** A Word plan's paragraphs outside tables, in order (sheet PROSE_SHEET): read for duties per unit when no table is found. */
  prose?: readonly string[];
}

/** The sheet a Word plan's prose comes as; officials read it as where the tasks were found. */
export const PROSE_SHEET = 'Các đoạn giao nhiệm vụ';

export interface ImportRequest {
  /** The file's name, for messages. */
  file: string;
  sheets: readonly ImportSheet[];
  tables: Record<string, readonly Row[] | undefined>;
  /** Plan code when an appendix names none. */
  plan?: string;
  /** Period of log rows whose "Kỳ" is blank (a province export for one quarter). */
  period?: string;
  /** What the last criteria import brought, to tell an official's edit from the file's change. */
  criteriaBase?: CriteriaBase;
  /** What the last appendix imports brought, per task: a stored value that differs from it is an official's correction. */
  planBase?: ImportBase;
  /** Take the file's value where it differs from an official's correction in the store (`cchc import --replace`). */
  replace?: boolean;
  /** ISO day the computed due column is written as of (a periodic task's next due date); none: the plan's own dates only. */
  today?: string;
  /** The command takes criteria only (`cchc index-import`): any other table is refused, naming the command that fits. */
  criteria?: boolean;
}

export type TableKind = 'appendix' | 'criteria' | 'meetings' | 'documents' | 'digitisation' | 'outcomes';

export interface Changes {
  added: number;
  updated: number;
  unchanged: number;
}

export interface ImportFailure {
  ok: false;
  code: 'FILE_EMPTY' | 'HEADER_NOT_FOUND' | 'NOT_A_CRITERIA_TABLE' | 'APPENDIX_EMPTY' | 'CELL_ERROR' | 'PERIOD_INVALID' | 'PERIOD_REQUIRED';
  message: string;
}

export interface ImportReady {
  ok: true;
  kind: TableKind;
  sheet: string;
  /** Tabs to write, whole; empty when nothing may be written. Built on call: a dry run of a large appendix never needs them. */
  writes(): Record<string, Row[]>;
  /** How many rows each tab of `writes()` holds, known without building them. */
  rowCounts: Record<string, number>;
  /** The criteria base to keep once the write is done (criteria tables only). */
  criteriaBase?: CriteriaBase;
  /** The appendix base to keep once the write is done (appendix tables only). */
  planBase?: ImportBase;
  /** Values of the file that differ from an official's in the store (appendix tables only): kept unless `replace`. */
  differences?: ImportDifference[];
  issues: ValidationIssue[];
  /** Errors in the file's rows stop a log import: nothing is written. */
  blocked: boolean;
  /** What an official reads, in Vietnamese. */
  lines: string[];
  /** The machine-readable report (`--json`), built only when asked: an appendix's lists one entry per task. */
  report(): ImportReport;
  /** Tasks gone from the appendix and untracked, which a store that keeps rows must be told about. */
  removedTasks: number;
  /** A log or criteria table none of whose rows adds to or changes the store; not worked out (false) for an appendix. */
  nothingNew: boolean;
}

export type ImportPlan = ImportFailure | ImportReady;

/** A unit as the report names it: as written, and its registry id and name where the ward's units know it. */
export interface ReportedUnit {
  text: string;
  unit: string | null;
  name: string | null;
}

/** An appendix's import report (`cchc import --json`, the menu's preview). */
export interface AppendixReport {
  kind: 'appendix';
  plan: Plan;
  draft: boolean;
  /** The draft plan the import takes over, if any. */
  adopted: string | null;
  sheet: string;
  tasks: {
    stt: string;
    section: string;
    title: string;
    target: string;
    lead: ReportedUnit[];
    support: ReportedUnit[];
    product: string;
    deadline: Pick<Deadline, 'text' | 'kind' | 'due'>;
    sourceRows: number[];
  }[];
  issues: ValidationIssue[];
  changes: { added: number; changed: number; unchanged: number; removed: number; kept: number; progress: number };
  /** Progress the file reports for tracked tasks: its row, the task, and the value stored beside the file's. */
  progress: (Omit<MergeResult['reported'][number], 'index' | 'task'> & { row: number; task: string; id: string })[];
  differences: ImportDifference[];
  replace: boolean;
  /** A PAR plan's criteria, imported with its tasks. */
  criteria?: ImportReport;
}

/** The report of a criteria or log table's import. */
export interface TableReport extends Record<string, unknown> {
  kind: Exclude<TableKind, 'appendix'>;
}

export type ImportReport = AppendixReport | TableReport;

/** One value of the file that differs from an official's in the store, for a task both hold. */
export interface ImportDifference {
  /** The file's row. */
  row: number;
  /** The task's STT. */
  task: string;
  id: string;
  field: DecidedField;
  /** The column as the file names it ("Cơ quan chủ trì"). */
  column: string;
  stored: string | number | null;
  file: string | number | null;
  /** Written over the store's (`replace`), else the store's kept. */
  replaced: boolean;
}

const KIND_NAMES: Record<TableKind, string> = {
  appendix: 'phụ lục nhiệm vụ',
  criteria: 'bộ tiêu chí Chỉ số CCHC',
  meetings: 'sổ hội nghị',
  documents: 'số liệu văn bản',
  digitisation: 'số liệu số hóa, giải quyết TTHC',
  outcomes: 'số liệu các chỉ tiêu khác',
};

type Found =
  | {
      kind: 'appendix' | 'criteria';
      sheet: string;
      parsed: ParsedAppendix;
      /** An appendix whose rows are CCHC-index criteria too (a PAR plan): its import writes both. */
      criteriaToo?: boolean;
      /** Tasks read from prose, duties listed per unit: what was read, for the official to check. */
      prose?: ProseReading;
      grid: readonly GridRow[];
      /** Another table under this one, where it begins and what it is. */
      followedBy?: { row: number; kind: TableKind };
      /** The sheet of an earlier appendix without a plan number, not taken for this one that has one. */
      passedOver?: string;
    }
  | { kind: 'meetings' | 'documents' | 'digitisation' | 'outcomes'; sheet: string; tab: TabSpec; rows: Row[] };

/**
 * The table whose header comes first in the file: rows are tried from the top, each as every kind of header, so a
 * 100,000-row appendix is not searched for a log's header below its own. One exception: an appendix without a plan
 * number ("(Kèm theo Kế hoạch số …)") before a sheet whose appendix has one is a summary or a draft in front of the
 * plan's appendix, which is the one taken.
 */
function findTable(sheets: readonly ImportSheet[]): Found | null {
  let first: Found | null = null;
  for (const sheet of sheets) {
    const found = tableIn(sheet);
    if (!found) continue;
    if (!first) {
      if (!('parsed' in found) || found.kind !== 'appendix' || found.parsed.planCode !== null) return found;
      first = found;
    } else if ('parsed' in found && found.kind === 'appendix' && found.parsed.planCode !== null) {
      return { ...found, passedOver: first.sheet };
    }
  }
  return first;
}

/** The first table of one sheet, or null. */
function tableIn({ sheet, grid, heading }: ImportSheet): Found | null {
  const logOrStatsAt = (h: number): Found | null => {
    const log = logTableAt(grid, h);
    if (log) return { kind: log.tab.key as 'meetings' | 'documents' | 'outcomes', sheet, tab: log.tab, rows: log.rows };
    const stats = provinceStatsAt(grid, h);
    return stats ? { kind: 'digitisation', sheet, tab: DIGITISATION_TAB, rows: stats.rows } : null;
  };
  for (let h = 0; h < grid.length; h++) {
    const found = logOrStatsAt(h);
    if (found) return found;
    const header = detectHeader(grid[h]!.cells, grid[h + 1]?.cells);
    if (!header) continue;
    // The group row of a log's or the province export's two-row header ("STT | Lĩnh vực | Tiếp nhận | Kết quả giải
    // quyết" over "Tổng số hồ sơ tiếp nhận | …") reads as an appendix header too: the row under it says which it is.
    const under = h + 1 < grid.length ? logOrStatsAt(h + 1) : null;
    if (under) return under;
    // A log or an export under the appendix is a table of its own, never tasks: the appendix ends above it.
    const below: { kind?: TableKind } = {};
    const endsAt = (i: number): boolean => (below.kind = logOrStatsAt(i)?.kind) !== undefined;
    const parsed = parseAppendixAt(grid, h, header, { heading, endsAt });
    const followedBy = parsed.endRow !== null && below.kind ? { row: parsed.endRow, kind: below.kind } : undefined;
    const kind = appendixKind(parsed, grid);
    return {
      kind: kind === 'criteria' ? 'criteria' : 'appendix',
      ...(kind === 'both' ? { criteriaToo: true } : {}),
      sheet,
      parsed,
      grid,
      followedBy,
    };
  }
  return null;
}

/**
 * Duties listed per unit in a Word plan's prose, read when no sheet holds a table; `failure` when the document has
 * prose but no heading there names a unit with duties under it. Headings are matched against the standard units:
 * the file is located before the store is read.
 */
function proseTable(sheets: readonly ImportSheet[]): Found | { failure: ProseReading } | null {
  const sheet = sheets.find((s) => (s.prose?.length ?? 0) > 0);
  if (!sheet) return null;
  const reading = readProseDuties(sheet.prose!, sheet.heading ?? [], UnitRegistry.withStandard());
  if (!reading.parsed) return { failure: reading };
  return { kind: 'appendix', sheet: sheet.sheet, parsed: reading.parsed, grid: [], prose: reading };
}

/** What an official is told of a Word plan with neither an appendix table nor duties per unit: what was found, what to do. */
function noDuties(request: Pick<ImportRequest, 'file' | 'sheets'>, reading: ProseReading): string {
  const shown = reading.headings.slice(0, 8).map((h) => `"${h.length > 60 ? `${h.slice(0, 60)}…` : h}"`);
  const more = reading.headings.length > shown.length ? ` và ${reading.headings.length - shown.length} đề mục khác` : '';
  return (
    `Không tìm thấy bảng phụ lục nhiệm vụ trong "${request.file}", và phần văn bản không có đề mục nào là tên một đơn vị kèm các nhiệm vụ bên dưới.${labelled(request.sheets)}` +
    (shown.length > 0 ? ` Các đề mục đã đọc: ${shown.join(', ')}${more}.` : ' Văn bản không có đề mục đánh số nào.') +
    ` Nếu kế hoạch giao nhiệm vụ cho từng đơn vị, ghi mỗi đơn vị một dòng đề mục là tên đơn vị (ví dụ "1. Phòng Văn hóa - Xã hội:") và mỗi nhiệm vụ một dòng gạch đầu dòng bên dưới; hoặc chép các nhiệm vụ vào biểu mẫu templates/phu-luc-nhiem-vu.xlsx rồi nhập tệp đó.`
  );
}

/**
 * The file and where in it the table was found: '"kh.xlsx" (trang "Phụ lục")', '"kh.docx" (bảng 2)', or the file
 * alone for a CSV, which has no sheets to name.
 */
function fileAndSheet(file: string, sheet: string): string {
  const extension = file.toLowerCase().split('.').pop();
  if (extension === 'csv') return `"${file}"`;
  return extension === 'docx' ? `"${file}" (${sheet.toLocaleLowerCase('vi')})` : `"${file}" (trang "${sheet}")`;
}

/** " Các bảng trong tệp: bảng 1 ("…"), bảng 2 ("…")." when the reader named its tables, else "". */
function labelled(sheets: readonly ImportSheet[]): string {
  const labels = sheets.map((s) => s.label).filter((l): l is string => !!l);
  return labels.length > 0 ? ` Các bảng trong tệp: ${labels.join(', ')}.` : '';
}

/** What planning needs besides the table: all of the request but the file's grids. */
export type TableRequest = Omit<ImportRequest, 'sheets'>;

/** What the file holds, found and checked, without its grids: a large file's cells can be freed before planning. */
export type LocatedTable = Exclude<Found, { grid: readonly GridRow[] }> | Omit<Extract<Found, { grid: readonly GridRow[] }>, 'grid'>;

export function planImport(request: ImportRequest): ImportPlan {
  const located = locateTable(request);
  return 'ok' in located ? located : planTable(request, located);
}

/** Finds the table in the file's sheets, or says why there is none (the first half of planImport). */
export function locateTable(
  request: Pick<ImportRequest, 'file' | 'sheets' | 'criteria'>,
): LocatedTable | Extract<ImportPlan, { ok: false }> {
  if (request.sheets.every((s) => s.grid.length === 0 && (s.prose?.length ?? 0) === 0)) {
    return { ok: false, code: 'FILE_EMPTY', message: `Tệp "${request.file}" không có dữ liệu. Dán bảng vào một trang tính rồi nhập lại.` };
  }
  const found = findTable(request.sheets) ?? proseTable(request.sheets);
  if (found && 'failure' in found) return { ok: false, code: 'HEADER_NOT_FOUND', message: noDuties(request, found.failure) };
  if (!found) {
    return {
      ok: false,
      code: 'HEADER_NOT_FOUND',
      message: `Không nhận ra bảng nào trong "${request.file}".${labelled(request.sheets)} Dùng một biểu mẫu trong thư mục templates/ (phụ lục nhiệm vụ cần cột "STT" và "Nội dung công việc"; sổ hội nghị cần cột "Ngày", "Tên hội nghị/cuộc họp", "Hình thức"; số liệu văn bản cần cột "Văn bản hành chính ban hành"; số liệu số hóa cần cột "Hồ sơ tiếp nhận").`,
    };
  }
  if (request.criteria && found.kind !== 'criteria' && !('criteriaToo' in found && found.criteriaToo)) {
    return {
      ok: false,
      code: 'NOT_A_CRITERIA_TABLE',
      message: `Tệp "${request.file}" là ${KIND_NAMES[found.kind]}, không phải bộ tiêu chí Chỉ số CCHC; không nhập vào trang "${CRITERIA_TAB.name}". Nhập tệp này bằng lệnh: cchc import "${request.file}"`,
    };
  }
  // A formula error where a row's identity should be (#REF! as an STT, #N/A as a meeting's title) stops the import.
  const errors = 'grid' in found ? keyErrorCells(found.grid, found.parsed) : logKeyErrorCells(found.tab, found.rows);
  if (errors.length > 0) {
    const list = errors.slice(0, 5).map((e) => `dòng ${e.row} cột ${e.column} là ${e.text}`);
    return {
      ok: false,
      code: 'CELL_ERROR',
      message: `Tệp ${fileAndSheet(request.file, found.sheet)} có ô lỗi công thức: ${list.join('; ')}${errors.length > 5 ? ` và ${errors.length - 5} ô khác` : ''}. Sửa các ô đó trong Excel rồi nhập lại; không dòng nào bị bỏ qua.`,
    };
  }
  if (!('grid' in found)) return found;
  const { kind, sheet, parsed, criteriaToo, prose, followedBy, passedOver } = found;
  return { kind, sheet, parsed, criteriaToo, prose, followedBy, passedOver };
}

/** Plans the import of a table locateTable found (the second half of planImport). */
export function planTable(request: TableRequest, found: LocatedTable): ImportPlan {
  if (!('parsed' in found)) return planLog(request, found.kind, found.sheet, found.tab, found.rows);
  // A PAR plan is criteria to `cchc index-import`, tasks and criteria to `cchc import`.
  const planner =
    found.kind === 'criteria' || (found.criteriaToo && request.criteria) ? planCriteria : found.criteriaToo ? planParPlan : planAppendix;
  const plan = planner(request, found.sheet, found.parsed);
  if (plan.ok && found.prose) plan.lines.splice(1, 0, ...proseLines(found.prose, found.parsed));
  if (plan.ok && found.followedBy) {
    const { row, kind } = found.followedBy;
    plan.lines.push(
      `  Từ dòng ${row} là một bảng khác (${KIND_NAMES[kind]}), không phải ${KIND_NAMES[found.kind]}: không nhập bảng đó. Chép bảng đó sang một trang hoặc tệp riêng rồi nhập.`,
    );
  }
  if (plan.ok && found.passedOver) {
    plan.lines.push(
      `  Trang "${found.passedOver}" cũng có bảng dạng phụ lục nhưng không ghi số kế hoạch: không nhập trang đó. Muốn nhập nó, chép ra một tệp riêng rồi nhập.`,
    );
  }
  return plan;
}

/** What was read from a plan in prose, unit by unit, and what was not: the official checks it against the plan. */
function proseLines(reading: ProseReading, parsed: ParsedAppendix): string[] {
  const dated = parsed.tasks.filter((t) => t.deadline !== '').length;
  return [
    `  Kế hoạch không có bảng phụ lục: nhiệm vụ đọc từ các đoạn giao việc theo đơn vị, mỗi gạch đầu dòng một nhiệm vụ, đơn vị ở đề mục là cơ quan chủ trì. Đối chiếu với kế hoạch:`,
    ...reading.units.map((u) => `    "${u.heading}": ${u.duties} nhiệm vụ`),
    ...reading.skipped.map(
      (s) =>
        `    Không lấy làm nhiệm vụ: "${s.heading}" (${s.reason}). Nếu cần theo dõi, thêm các nhiệm vụ đó vào bảng tính hoặc vào biểu mẫu phụ lục.`,
    ),
    dated === parsed.tasks.length
      ? `  Thời hạn lấy từ nội dung từng nhiệm vụ.`
      : `  ${dated} nhiệm vụ ghi rõ thời hạn trong nội dung; ${parsed.tasks.length - dated} nhiệm vụ chưa có: ghi vào cột "Thời gian hoàn thành" trên bảng tính.`,
  ];
}

/** The plan the appendix belongs to; without a number (and no --plan) it is a draft of its ward, year and title. */
function planOf(parsed: ParsedAppendix, requested: string | undefined, catalog: Catalog): Plan {
  const ward = parsed.ward ?? settingText(catalog.settings, 'ward');
  const year = parsed.planYear ?? catalog.defaultYear;
  const code = nfc(requested ?? parsed.planCode ?? draftCode(ward, year, parsed.title));
  const known = catalog.plans.find((p) => p.code === code);
  return {
    code,
    // The same title in other capitals (our export writes it in capitals) keeps the stored one.
    title: known && matchKey(known.title) === matchKey(parsed.title) ? known.title : parsed.title || known?.title || '',
    date: parsed.planDate ?? known?.date ?? null,
    ward: parsed.ward ?? known?.ward ?? ward,
    tier: parsed.wardTier ?? known?.tier ?? '',
    year: parsed.planYear ?? known?.year ?? year,
    // The ward's own columns: an appendix never carries them.
    reportHalf: known?.reportHalf ?? '',
    reportYear: known?.reportYear ?? '',
  };
}

function planAppendix(request: TableRequest, sheet: string, parsed: ParsedAppendix, criteria = false): ImportPlan {
  // A header with no task under it (the blank template, a half-pasted table) would read as "every task removed".
  if (parsed.tasks.length === 0) {
    return {
      ok: false,
      code: 'APPENDIX_EMPTY',
      message: `Phụ lục ${fileAndSheet(request.file, sheet)} có dòng tiêu đề nhưng chưa có nhiệm vụ nào; không nhập để khỏi xóa nhiệm vụ đã có. Điền các nhiệm vụ dưới dòng tiêu đề rồi nhập lại.`,
    };
  }
  const catalog = catalogFromTables(request.tables);
  const plan = planOf(parsed, request.plan, catalog);
  // Section and group headings are merged and written too; rules and counts are about the tasks.
  const rowsAt = catalogRowsAt(parsed, plan.code, { criteria });
  const rows = rowsAt.map((r) => r.item);
  // A numbered plan takes over its draft (same ward, year and title): same tasks updated, tracking kept.
  const adoption = adoptDraft(
    catalog.plans,
    catalog.rows.map((t) => t.item),
    plan,
  );
  // A progress file's tracking cells and task ids, by row; what cannot be read is said, and never written.
  const byRow = new Map(parsed.tasks.map((t) => [t.sourceRows[0]!, t]));
  const trackingIssues: Omit<ValidationIssue, 'tab'>[] = [];
  const extras = rowsAt.map(({ row }): FileRowExtras | undefined => {
    const t = byRow.get(row);
    if (!t) return undefined;
    const { tracking, problems } = readTrackingCells(t);
    for (const p of problems) {
      trackingIssues.push({
        row,
        column: p.field,
        code: 'VALUE_UNREADABLE',
        severity: 'warning',
        message: `Ô ${cellName(parsed, row, p.field)} không đọc được: ${p.reason} Không ghi ô này, giữ giá trị đã có trong sổ.`,
      });
    }
    // A PAR plan's "Tài liệu kiểm chứng" is its criterion's evidence (the criteria tab's), not a task's report.
    if (criteria) delete tracking.evidence;
    return { tracking, ...(t.id.trim() !== '' ? { id: t.id.trim() } : {}) };
  });
  const merge = mergeImport(adoption.tasks, plan.code, rows, { base: request.planBase, replace: request.replace, extras });
  // What the import writes: the file's cells, with the stored values it kept where the file's cell was blank or an official's.
  const written = rows.map((r) => ({ ...r }));
  for (const f of merge.filled) written[f.index]![f.field] = f.value;
  for (const d of merge.differences) {
    if (!d.replaced && !(FILE_TRACKING_FIELDS as readonly string[]).includes(d.field)) {
      (written[d.index] as Record<string, unknown>)[d.field] = d.stored;
    }
  }
  const differences = merge.differences.map((d) => difference(parsed, rowsAt[d.index]!.row, d));
  const imported: ImportedTask[] = written.filter((r) => !isHeading(r));
  // Validated as written, located at the rows the official sees in the file; ids play no part in the rules.
  const located = imported.map((t, i) => ({
    row: parsed.tasks[i]!.sourceRows[0]!,
    item: { id: '', ...t, status: '', progress: null, completedOn: null, evidence: '', note: '' } satisfies Task,
  }));
  const cellIssues = [...keptCellIssues(parsed, merge.filled, rowsAt), ...trackingIssues].sort((a, b) => a.row - b.row);
  const issues = [
    ...cellIssues,
    ...validateCatalog({ tasks: located, plans: [plan], registry: catalog.registry, defaultYear: plan.year }).map(
      ({ tab: _tab, ...issue }) => issue,
    ),
  ];
  const plans = [...adoption.plans.filter((p) => p.code !== plan.code), plan];
  const writes = () => {
    const deadlineOf = makeDeadlineResolver({
      defaultYear: catalog.defaultYear,
      plans,
      today: request.today,
      conditionDays: settingNumber(catalog.settings, 'conditionDays'),
    });
    return { plans: encodePlans(plans), tasks: encodeTasks(merge.tasks, (t) => deadlineOf(t).deadline.due) };
  };

  const resolve = makeResolver({ registry: catalog.registry, defaultYear: plan.year, plans: [plan] });
  const unit = (r: { text: string; unit: string | null; name: string | null }) => ({ text: r.text, unit: r.unit, name: r.name });
  const { errors, warnings } = countBySeverity(issues);
  const lines = [
    `Phụ lục ${fileAndSheet(request.file, sheet)}, kế hoạch ${plan.code}: ${imported.length} nhiệm vụ.`,
    ...(isDraftCode(plan.code)
      ? [
          `  Phụ lục chưa có số kế hoạch: nhập là dự thảo ${plan.code} (${plan.ward || 'chưa rõ phường/xã'}, năm ${plan.year}). Khi kế hoạch có số, nhập lại phụ lục có số: dự thảo sẽ thành kế hoạch đó, giữ nguyên theo dõi.`,
        ]
      : []),
    ...(adoption.adopted
      ? [
          `  Dự thảo ${adoption.adopted.code} ("${adoption.adopted.title}") đã thành kế hoạch ${plan.code}: ${adoption.moved} nhiệm vụ chuyển sang, giữ nguyên theo dõi.`,
        ]
      : []),
    `Thêm mới ${merge.added.length}, cập nhật ${merge.changed.length}, giữ nguyên ${merge.unchanged}, bỏ ${merge.removed.length}` +
      (merge.kept.length ? `, giữ lại ${merge.kept.length} nhiệm vụ không còn trong phụ lục vì đã có theo dõi` : '') +
      '.',
    // Tracking fields the file recorded are listed under their own line (progressLines), with their values.
    ...merge.changed
      .map((c) => ({ stt: c.task.stt, fields: c.fields.filter((f) => !(FILE_TRACKING_FIELDS as readonly string[]).includes(f)) }))
      .filter((c) => c.fields.length > 0)
      .map((c) => `  Cập nhật STT ${c.stt}: ${c.fields.map(fieldName).join(', ')}`),
    ...merge.kept.map((t) => `  Giữ lại (đã có theo dõi) STT ${t.stt}: ${t.title}`),
    ...progressLines(merge, rowsAt),
    ...differenceLines(differences, request.replace === true),
    ...cellLines(cellIssues),
    // An appendix's issues are not listed here (they can run to hundreds): say where to read them.
    `Kiểm tra: ${errors} lỗi, ${warnings} cảnh báo${errors + warnings > 0 ? ' (xem từng dòng: cchc validate)' : ''}.`,
  ];
  return {
    ok: true,
    kind: 'appendix',
    sheet,
    writes,
    rowCounts: { plans: plans.length, tasks: merge.tasks.length },
    planBase: merge.base,
    differences,
    issues,
    blocked: false,
    lines,
    removedTasks: merge.removed.length,
    nothingNew: false,
    report: () => ({
      kind: 'appendix',
      plan,
      draft: isDraftCode(plan.code),
      adopted: adoption.adopted?.code ?? null,
      sheet,
      tasks: located.map(({ item }, i) => {
        const r = resolve(item);
        return {
          stt: item.stt,
          section: item.section,
          title: item.title,
          target: item.target,
          lead: r.lead.map(unit),
          support: r.support.map(unit),
          product: item.product,
          deadline: { text: r.deadline.text, kind: r.deadline.kind, due: r.deadline.due },
          sourceRows: parsed.tasks[i]!.sourceRows,
        };
      }),
      issues,
      changes: {
        added: merge.added.length,
        changed: merge.changed.length,
        unchanged: merge.unchanged,
        removed: merge.removed.length,
        kept: merge.kept.length,
        progress: new Set(merge.reported.map((r) => r.task.id)).size,
      },
      progress: merge.reported.map((r) => ({
        row: rowsAt[r.index]!.row,
        task: r.task.stt,
        id: r.task.id,
        field: r.field,
        stored: r.stored,
        file: r.file,
      })),
      differences,
      replace: request.replace === true,
    }),
  };
}

/**
 * A plan carrying out the CCHC-index criteria: its rows are the plan's tasks (due dates, leads, tracked like any
 * task) and the criteria they serve, written in one import; each task names its criterion's code.
 */
function planParPlan(request: TableRequest, sheet: string, parsed: ParsedAppendix): ImportPlan {
  const tasks = planAppendix(request, sheet, parsed, true);
  const criteria = planCriteria(request, sheet, parsed);
  if (!tasks.ok || !criteria.ok) return tasks.ok ? criteria : tasks;
  const column = TASKS_TAB.columns.find((c) => c.key === 'criterion')!.header;
  return {
    ...tasks,
    writes: () => ({ ...tasks.writes(), ...criteria.writes() }),
    rowCounts: { ...tasks.rowCounts, ...criteria.rowCounts },
    criteriaBase: criteria.criteriaBase,
    lines: [
      ...tasks.lines,
      ...criteria.lines,
      `Mỗi nhiệm vụ ghi mã tiêu chí nó thực hiện (cột "${column}" trang "${TASKS_TAB.name}"): tiến độ nhiệm vụ xem được theo từng tiêu chí.`,
    ],
    report: () => ({ ...tasks.report(), criteria: criteria.report() }),
  };
}

/** A field as the tasks tab names it to an official ("Cơ quan chủ trì", "Tiến độ (%)"). */
function fieldName(field: string): string {
  return TASKS_TAB.columns.find((c) => c.key === field)?.header ?? field;
}

function difference(parsed: ParsedAppendix, row: number, d: MergeResult['differences'][number]): ImportDifference {
  return {
    row,
    task: d.task.stt,
    id: d.task.id,
    field: d.field,
    column: parsed.columnNames.get(d.field) || fieldName(d.field),
    stored: d.stored,
    file: d.file,
    replaced: d.replaced,
  };
}

/** A tracking value as an official reads it: 80%, 15/03/2026, the text quoted. */
function shown(field: string, value: string | number | null): string {
  if (value === null || value === '') return '(trống)';
  if (field === 'progress' && typeof value === 'number') return formatVnPercent(value, 2);
  if (field === 'completedOn' && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return formatVn(value);
  return quoted(String(value));
}

/** One line per task whose progress the file recorded: "Dòng 12, nhiệm vụ 1.3: Trạng thái "Đang thực hiện" → "Hoàn thành"". */
function progressLines(merge: MergeResult, rowsAt: readonly { row: number }[]): string[] {
  const byTask = new Map<Task, { row: number; parts: string[] }>();
  for (const r of merge.reported) {
    const entry = byTask.get(r.task) ?? { row: rowsAt[r.index]!.row, parts: [] };
    entry.parts.push(`${fieldName(r.field)} ${shown(r.field, r.stored)} → ${shown(r.field, r.file)}`);
    byTask.set(r.task, entry);
  }
  if (byTask.size === 0) return [];
  const lines = [...byTask].map(([task, e]) => `  Dòng ${e.row}, nhiệm vụ ${task.stt}: ${e.parts.join('; ')}`);
  return [`Ghi nhận tiến độ của ${byTask.size} nhiệm vụ từ tệp:`, ...limited(lines, 'nhiệm vụ')];
}

/** The file's values that differ from officials' corrections in the store, one line each, and what was done. */
function differenceLines(differences: readonly ImportDifference[], replace: boolean): string[] {
  if (differences.length === 0) return [];
  const lines = differences.map(
    (d) =>
      `  Dòng ${d.row}, nhiệm vụ ${d.task}: ${d.column} — trong sổ: ${shown(d.field, d.stored)}, trong tệp: ${shown(d.field, d.file)}; ` +
      (d.replaced ? 'thay bằng giá trị trong tệp' : 'giữ giá trị trong sổ'),
  );
  return [
    replace
      ? `${differences.length} ô trong tệp khác giá trị cán bộ đã sửa trong sổ: thay bằng giá trị trong tệp (--replace).`
      : `${differences.length} ô trong tệp khác giá trị cán bộ đã sửa trong sổ: giữ giá trị trong sổ. Muốn lấy giá trị trong tệp, nhập lại với --replace.`,
    ...limited(lines, 'ô'),
  ];
}

/** At most 50 lines; the rest counted, read in full with --json. */
function limited(lines: readonly string[], what: string): string[] {
  return lines.length > 50 ? [...lines.slice(0, 50), `  … và ${lines.length - 50} ${what} khác (xem cchc import --json).`] : [...lines];
}

/** Cells of the file named as an official reads them: 'dòng 12, cột "Cơ quan chủ trì"'. */
const cellName = (parsed: ParsedAppendix, row: number, field: AppendixField): string =>
  `dòng ${row}, cột "${parsed.columnNames.get(field) || field}"`;

const quoted = (value: string): string => `"${value.length > 60 ? `${value.slice(0, 60)}…` : value}"`;

/**
 * Warnings for the file's cells that were not taken as they are: error values (read as blank) and blank cells whose
 * stored value was kept. Each names the row and column; the import itself goes on.
 */
function keptCellIssues(
  parsed: ParsedAppendix,
  filled: readonly { index: number; field: AppendixField; value: string }[],
  rowsAt: readonly { row: number }[],
  /** The table's merge keeps every stored value a blank cell meets (criteria): said so for an error value too. */
  mergeKeeps = false,
): Omit<ValidationIssue, 'tab'>[] {
  const keptAt = new Map(filled.map((f) => [`${rowsAt[f.index]!.row}|${f.field}`, f.value]));
  const issues: Omit<ValidationIssue, 'tab'>[] = [];
  const errors = new Set<string>();
  for (const u of parsed.unreadable) {
    const key = `${u.row}|${u.field}`;
    errors.add(key);
    const kept = keptAt.get(key);
    issues.push({
      row: u.row,
      column: u.field,
      code: 'CELL_UNREADABLE',
      severity: 'warning',
      message:
        `Ô ${cellName(parsed, u.row, u.field)} là lỗi công thức ${u.text}, không đọc được: ` +
        (kept !== undefined
          ? `giữ giá trị đã có ${quoted(kept)}.`
          : mergeKeeps
            ? 'bỏ qua ô này, giữ giá trị đã có (nếu có).'
            : 'để trống.') +
        ' Sửa ô đó trong Excel rồi nhập lại.',
    });
  }
  for (const f of filled) {
    const row = rowsAt[f.index]!.row;
    if (errors.has(`${row}|${f.field}`)) continue;
    issues.push({
      row,
      column: f.field,
      code: 'CELL_BLANK_KEPT',
      severity: 'warning',
      message: `Ô ${cellName(parsed, row, f.field)} trống trong tệp (hoặc là công thức chưa có giá trị): giữ giá trị đã có ${quoted(f.value)}. Muốn xóa giá trị đó, xóa trong sổ dữ liệu.`,
    });
  }
  return issues.sort((a, b) => a.row - b.row);
}

/** The issues above as the lines an official reads under the import's summary, at most 20. */
function cellLines(issues: readonly { message: string }[]): string[] {
  const shown = issues.slice(0, 20).map((i) => `  ${i.message}`);
  return issues.length > 20 ? [...shown, `  … và ${issues.length - 20} ô khác (xem cchc import --json).`] : shown;
}

function planCriteria(request: TableRequest, sheet: string, parsed: ParsedAppendix): ImportPlan {
  const existing = request.tables['criteria'] ?? [];
  const incoming = criteriaFromAppendix(parsed);
  const merge = mergeCriteria(existing, incoming, request.criteriaBase ?? {});
  const before = new Map(existing.map((r) => [rowKey(CRITERIA_TAB, r), r]));
  const changes = diffCounts(CRITERIA_TAB, before, merge.rows);
  const kept = merge.changed.reduce((n, c) => n + c.kept.length, 0);
  const cellIssues = [
    ...keptCellIssues(parsed, [], [], true),
    ...unreadableNumbers(parsed).map((u): Omit<ValidationIssue, 'tab'> => ({
      row: u.row,
      column: u.field,
      code: 'VALUE_UNREADABLE',
      severity: 'warning',
      message: `Ô ${cellName(parsed, u.row, u.field)} không đọc được: ${quoted(u.text)} không phải một số. Ghi số bằng chữ số, ví dụ 4 hoặc 1,5. Không ghi ô này, giữ giá trị đã có trong sổ.`,
    })),
  ].sort((a, b) => a.row - b.row);
  const lines = [
    `Đã nhập ${incoming.length} dòng tiêu chí từ ${fileAndSheet(request.file, sheet)} vào trang "${CRITERIA_TAB.name}".`,
    `${changesLine(changes)} Ô để trống trong tệp giữ nguyên giá trị đã có${kept > 0 ? `; giữ ${kept} ô cán bộ đã sửa` : ''}.`,
    ...merge.changed.map((c) => {
      const header = (key: string): string => CRITERIA_TAB.columns.find((col) => col.key === key)?.header ?? key;
      const parts = [];
      if (c.columns.length > 0) parts.push(`cập nhật ${c.columns.map(header).join(', ')}`);
      if (c.kept.length > 0) parts.push(`giữ giá trị cán bộ đã sửa ở ${c.kept.map(header).join(', ')} (tệp ghi khác)`);
      return `  Tiêu chí ${c.code}: ${parts.join('; ')}.`;
    }),
    ...cellLines(cellIssues),
  ];
  return {
    ok: true,
    kind: 'criteria',
    sheet,
    writes: () => ({ criteria: merge.rows }),
    rowCounts: { criteria: merge.rows.length },
    criteriaBase: merge.base,
    issues: cellIssues,
    blocked: false,
    lines,
    removedTasks: 0,
    nothingNew: changes.added + changes.updated === 0,
    report: () => ({ kind: 'criteria', sheet, rows: merge.rows.length, added: merge.added.length, kept, changes, issues: cellIssues }),
  };
}

/** Canonical words for the meeting log's controlled columns; text that matches none stays as written (validation names it). */
const MEETING_WORDS: readonly [string, Vocabulary<string>][] = [
  ['kind', MEETING_KIND_WORDS],
  ['format', MEETING_FORMAT_WORDS],
  ['communeWide', YES_NO_WORDS],
  ['paperless', YES_NO_WORDS],
];

function planLog(
  request: TableRequest,
  kind: 'meetings' | 'documents' | 'digitisation' | 'outcomes',
  sheet: string,
  tab: TabSpec,
  fileRows: readonly Row[],
): ImportPlan {
  let defaultPeriod: string | null = null;
  if (request.period !== undefined) {
    const p = parsePeriod(request.period);
    if (!p) return { ok: false, code: 'PERIOD_INVALID', message: `Kỳ "${request.period}" không hợp lệ. Ghi ${PERIOD_FORMS}.` };
    defaultPeriod = periodName(p, { start: true });
  }
  const hasPeriod = tab.columns.some((c) => c.key === 'period');
  // No "Kỳ" column at all (null, not a blank cell): the whole file's period is unknown.
  if (hasPeriod && !defaultPeriod && fileRows.length > 0 && fileRows.every((r) => r['period'] === null)) {
    return {
      ok: false,
      code: 'PERIOD_REQUIRED',
      message: 'Tệp không có cột "Kỳ". Ghi kỳ của số liệu bằng --period, ví dụ --period "Quý I/2026".',
    };
  }
  const readers = MEETING_WORDS.map(([key, vocab]) => [key, wordReader(vocab)] as const);
  // An error value in a column that does not identify the line (those stopped the import) is read as blank, which
  // keeps what the store holds, and said where.
  const unreadable: Omit<ValidationIssue, 'tab'>[] = [];
  const rows = fileRows.map((r) => {
    const row: Row = { ...r };
    for (const c of tab.columns) {
      const text = typeof row[c.key] === 'string' ? String(row[c.key]).trim() : '';
      if (!FORMULA_ERROR.test(text)) continue;
      row[c.key] = '';
      const at = Number(r[ROW_NUMBER]);
      unreadable.push({
        row: at,
        column: c.key,
        code: 'CELL_UNREADABLE',
        severity: 'warning',
        message: `Ô dòng ${at}, cột "${c.header}" là lỗi công thức ${text}, không đọc được: bỏ qua ô này, giữ giá trị đã có (nếu có). Sửa ô đó trong Excel rồi nhập lại.`,
      });
    }
    if (hasPeriod && (row['period'] === null || row['period'] === '') && defaultPeriod) row['period'] = defaultPeriod;
    if (kind === 'meetings') {
      for (const [key, read] of readers) {
        const w = read(String(row[key] ?? ''));
        if (w) row[key] = w;
      }
    }
    return row;
  });
  const catalog = catalogFromTables(request.tables);
  const issues = [...unreadable, ...checkLogTab(tab, rows, catalog.registry)];
  const { errors, warnings } = countBySeverity(issues);
  const blocked = errors > 0;
  const missingPeriod = issues.some((i) => i.code === 'PERIOD_MISSING');

  // Clean values (numbers as numbers, dates as ISO) for the store.
  const { records, rowNumbers } = decodeRows(tab, rows);
  const incoming: Row[] = records.map((r) => ({ ...r }));
  const existing = [...(request.tables[tab.key] ?? [])];
  const index = new Map(existing.map((r, i) => [rowKey(tab, r), i]));
  const changes: Changes = { added: 0, updated: 0, unchanged: 0 };
  for (const row of incoming) {
    const key = rowKey(tab, row);
    const at = index.get(key);
    if (at === undefined) {
      index.set(key, existing.length);
      existing.push(row);
      changes.added++;
      continue;
    }
    const old = existing[at]!;
    // A blank cell in the file keeps what the store holds: an import never blanks an official's entry.
    const merged: Row = { ...old };
    for (const c of tab.columns) if (row[c.key] !== null && row[c.key] !== '') merged[c.key] = row[c.key]!;
    const same = tab.columns.every((c) => sameCell(c, old[c.key], merged[c.key]));
    if (same) changes.unchanged++;
    else {
      existing[at] = merged;
      changes.updated++;
    }
  }
  // Only the tab's columns go back: row numbers and other adapters' markers stay behind.
  const clean = encodeRows(tab, existing);
  const lines = [
    `Tệp ${fileAndSheet(request.file, sheet)}: ${KIND_NAMES[kind]}, ${records.length} dòng, vào trang "${tab.name}".`,
    blocked ? `Không ghi gì: ${errors} lỗi ở các dòng dưới đây. Sửa trong tệp rồi nhập lại.` : `${changesLine(changes)}`,
    `Kiểm tra: ${errors} lỗi, ${warnings} cảnh báo.`,
  ];
  lines.push(...cellLines(unreadable));
  if (missingPeriod) lines.push(`Tệp không ghi kỳ cho một số dòng: ghi cột "Kỳ" hoặc dùng --period, ví dụ --period "Quý I/2026".`);
  return {
    ok: true,
    kind,
    sheet,
    writes: () => (blocked ? {} : { [tab.key]: clean }),
    rowCounts: blocked ? {} : { [tab.key]: clean.length },
    issues,
    blocked,
    lines,
    removedTasks: 0,
    nothingNew: changes.added + changes.updated === 0,
    report: () => ({ kind, tab: tab.key, sheet, rows: records.length, rowNumbers, changes, issues, written: !blocked }),
  };
}

function changesLine(c: Changes): string {
  return `Thêm mới ${c.added}, cập nhật ${c.updated}, giữ nguyên ${c.unchanged} dòng.`;
}

function diffCounts(tab: TabSpec, before: ReadonlyMap<string, Row>, after: readonly Row[]): Changes {
  const changes: Changes = { added: 0, updated: 0, unchanged: 0 };
  for (const row of after) {
    const old = before.get(rowKey(tab, row));
    if (!old) changes.added++;
    else if (tab.columns.every((c) => sameCell(c, old[c.key], row[c.key]))) changes.unchanged++;
    else changes.updated++;
  }
  return changes;
}
