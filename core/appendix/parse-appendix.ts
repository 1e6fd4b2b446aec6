/**
 * Turns an appendix table, as a grid of plain cell texts, into tasks. The grid
 * comes from Excel (sync/excel) or from a sheet (Apps Script); this part is pure.
 *
 * Handles what Word-to-Excel pastes produce: title rows above the table, the
 * header repeated at page breaks, a task split over two rows (the second with an
 * empty STT, possibly after a repeated header), Roman-numbered section rows and
 * group rows in hierarchical numbering that are not tasks.
 */
import { PLAN_TEXT_FIELDS, type PlanColumns } from '../model/plan-task';
import { nfc } from '../text/vietnamese';
import { detectHeader, headerField, type AppendixField } from './headers';

/** Excel's error values as a cell shows them. */
export const FORMULA_ERROR = /^#(REF!|VALUE!|N\/A|NAME\?|DIV\/0!|NUM!|NULL!|SPILL!|CALC!|GETTING_DATA)$/;

export interface GridRow {
  /** Row number as the official sees it (1-based). */
  row: number;
  /** Cell texts as displayed (a link cell shows its text, not its address). */
  cells: string[];
  bold: boolean;
  /** Link addresses of hyperlink cells, by column, where any. */
  links?: (string | undefined)[];
  /** How many columns a horizontally merged cell covers, by its first column, where more than one (readers that know merges). */
  spans?: (number | undefined)[];
}

export interface AppendixTask extends PlanColumns {
  points: string;
  evidence: string;
  /** The appendix's "Ghi chú" column. */
  remarks: string;
  /** Scoring tables: self-scores, explanation and appraisal as written. */
  scoreH1: string;
  scoreYear: string;
  explanation: string;
  appraised: string;
  /** A progress file's tracking columns as written (status, progress, completion day, progress note) and a task id column. */
  status: string;
  progress: string;
  completedOn: string;
  note: string;
  id: string;
  /** The group row (hierarchical numbering) the task sits under, "" when none. */
  group: string;
  sourceRows: number[];
}

export interface AppendixGroup {
  stt: string;
  title: string;
  row: number;
  /** Sub-total points, in criteria tables. */
  points: string;
  /** A Roman-numbered or bold section row, or a numbered row others extend ("2.1" over "2.1.1"). */
  kind: 'section' | 'group';
  /** The section it sits in (Roman numeral), "" when none. */
  section: string;
}

export interface ParsedAppendix {
  headerRow: number;
  columns: Map<AppendixField, number>;
  /** Text of the rows above the table ("PHỤ LỤC", "(Kèm theo Kế hoạch số …)"). */
  titleLines: string[];
  /** The appendix's own title ("DANH MỤC NHIỆM VỤ …"), never the national heading; "" when none. */
  title: string;
  planCode: string | null;
  planDate: string | null;
  planYear: number | null;
  ward: string | null;
  /** "phường", "xã" or "thị trấn" before the ward's name, when written. */
  wardTier: string | null;
  tasks: AppendixTask[];
  groups: AppendixGroup[];
  /** The file's row where another table begins under the appendix (not read as tasks); null when none does. */
  endRow: number | null;
  /** Each column's header as the file writes it ("Cơ quan chủ trì"), to name a cell to an official. */
  columnNames: Map<AppendixField, string>;
  /** Task cells holding an Excel error value (#REF!, #N/A …): read as blank, never as data, and reported. */
  unreadable: UnreadableCell[];
}

export interface UnreadableCell {
  row: number;
  field: AppendixField;
  /** What the cell shows ("#REF!"). */
  text: string;
}

const TEXT_FIELDS = [
  ...PLAN_TEXT_FIELDS,
  'points',
  'evidence',
  'remarks',
  'scoreH1',
  'scoreYear',
  'explanation',
  'appraised',
  'status',
  'progress',
  'completedOn',
  'note',
  'id',
] as const;
const ROMAN = /^(?=[IVXLC])M*(C[MD]|D?C{0,3})(X[CL]|L?X{0,3})(I[XV]|V?I{0,3})\.?$/;
const TASK_NUMBER = /^\d+(?:\.\d+)*\.?$/;
const SPANNED_TITLE = /^([IVXLC]+|\d+(?:\.\d+)*)[.)]?\s+(\S[\s\S]*)$/u;

const join = (a: string, b: string): string => (a === '' ? b : b === '' ? a : `${a} ${b}`);

/** Lines of the national heading block and the document's own furniture, never its title. */
const FURNITURE = [
  /CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM|CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM/giu,
  /Độc lập\s*[-–]\s*Tự do\s*[-–]\s*Hạnh phúc/giu,
  // The issuer's name opens the heading row; inside a title ("… CỦA UBND XÃ X") it stays.
  /^(?:(?:ỦY|UỶ) BAN NHÂN DÂN|UBND)(?:\s+(?:PHƯỜNG|XÃ|THỊ TRẤN)(?:\s+(?!DANH\b|PHỤ\b|KẾ\b)\p{Lu}+)*)?/u,
  /^PHỤ LỤC(?:\s+(?:[IVX]+|\d+))?\b\.?/iu,
  /Số:?\s*[\d\s]*\/[\p{L}\d-]+/gu,
  /[\p{L} ]*,\s*ngày\s.*$/iu,
];

/** Title Case for a name written in capitals ("ĐÔNG TIẾN" → "Đông Tiến"). */
function nameCase(name: string): string {
  if (name !== name.toUpperCase()) return name;
  return name.toLowerCase().replace(/(^|\s)(\p{L})/gu, (_, space: string, first: string) => space + first.toUpperCase());
}

/** Words that end a ward's name when it is written in capitals ("PHƯỜNG ĐÔNG TIẾN NĂM 2026"). */
const NAME_STOP = new Set(['NĂM', 'VỀ', 'TỈNH', 'HUYỆN', 'GIAI', 'ĐẾN', 'TRONG', 'THỰC', 'THEO', 'CỘNG']);

/** The ward in "của UBND phường X", "Ủy ban nhân dân xã X", "… phường X năm 2026"; old tone marks taken. */
function wardFrom(text: string): { name: string; tier: string; committee: boolean } | null {
  // No "i" flag: it would let \p{Lu} match small letters, and a name is told by its capitals.
  const pattern =
    /(?:(?:UBND|(?:Ủy|Uỷ|ỦY|UỶ) (?:ban nhân dân|BAN NHÂN DÂN))\s+)?(phường|xã|thị trấn|Phường|Xã|Thị trấn|PHƯỜNG|XÃ|THỊ TRẤN)\s+((?:\p{Lu}\p{L}*)(?:\s+\p{Lu}\p{L}*)*)/gu;
  const found: { name: string; tier: string; committee: boolean }[] = [];
  for (const m of text.matchAll(pattern)) {
    const words = m[2]!.split(/\s+/);
    // A name keeps one style: "ĐÔNG TIẾN" then "Độc lập …" is where it ended.
    const caps = (w: string): boolean => w === w.toUpperCase();
    const cut = words.findIndex((w, i) => i > 0 && (NAME_STOP.has(w.toUpperCase()) || caps(w) !== caps(words[0]!)));
    const name = (cut > 0 ? words.slice(0, cut) : words).join(' ');
    // "phường Phúc Thuận" yes, "phường/xã" or "xã hội" no: a name starts with a capital.
    if (!/^\p{Lu}/u.test(name) || /^(PHƯỜNG|XÃ|UBND)$/iu.test(name)) continue;
    found.push({ name: nameCase(name), tier: m[1]!.toLowerCase(), committee: /^(UBND|Ủy|Uỷ|ỦY|UỶ)/u.test(m[0]) });
  }
  return found.find((f) => f.committee) ?? found[0] ?? null;
}

/** The appendix's title: its own lines, cleared of the heading block, the "PHỤ LỤC" label and the "(Kèm theo …)" line. */
function titleFrom(lines: readonly string[]): string {
  const kept = lines
    .filter((l) => !l.startsWith('('))
    .map((line) =>
      FURNITURE.reduce((text, pattern) => text.replace(pattern, ' '), line)
        .replace(/\s+/g, ' ')
        .replace(/^[\s:–-]+|[\s:–-]+$/g, ''),
    )
    .filter((l) => l !== '');
  // "DANH MỤC NHIỆM VỤ: <plan title>" is how our export writes a plan's title: the title is what follows.
  return nfc(
    kept
      .join(' ')
      .replace(/\s*:\s*$/, '')
      .replace(/^DANH MỤC NHIỆM VỤ:\s*(?=\S)/iu, ''),
  );
}

/** Plan number, date, year, ward and title from the title rows. */
function planFromTitle(
  lines: readonly string[],
): Pick<ParsedAppendix, 'planCode' | 'planDate' | 'planYear' | 'ward' | 'wardTier' | 'title'> {
  const text = nfc(lines.join(' '));
  const code = text.match(/Kế hoạch số:?\s*([\p{L}\d][\p{L}\d-]*\s*\/\s*[\p{L}\d-]+)/iu)?.[1]?.replace(/\s+/g, '') ?? null;
  const date = text.match(/ngày\s+(\d{1,2})\/(\d{1,2})\/(\d{4})/iu);
  const planDate = date ? `${date[3]}-${date[2]!.padStart(2, '0')}-${date[1]!.padStart(2, '0')}` : null;
  const year = planDate ? Number(planDate.slice(0, 4)) : Number(text.match(/năm\s+(20\d{2})/iu)?.[1] ?? NaN);
  // Line by line, so the heading row's "… XÃ ĐÔNG TIẾN | CỘNG HÒA …" does not run into the next words.
  const wards = lines.map((l) => wardFrom(nfc(FURNITURE.slice(0, 2).reduce((t, p) => t.replace(p, ' '), l))));
  const ward = wards.find((w) => w?.committee) ?? wards.find((w) => w) ?? null;
  return {
    planCode: code,
    planDate,
    planYear: Number.isFinite(year) ? year : null,
    ward: ward?.name ?? null,
    wardTier: ward?.tier ?? null,
    title: titleFrom(lines),
  };
}

/** "NHỊ CHIỂU" → "Nhị Chiểu": the heading writes the issuing ward in capitals. */
const titleCase = (upper: string): string =>
  upper
    .toLocaleLowerCase('vi')
    .split(' ')
    .map((w) => w.charAt(0).toLocaleUpperCase('vi') + w.slice(1))
    .join(' ');

type PlanFacts = Pick<ParsedAppendix, 'planCode' | 'planDate' | 'planYear' | 'ward'>;

/**
 * Plan number, date, year and ward from a document's national heading ("UBND PHƯỜNG NHỊ CHIỂU",
 * "Số: 158/KH-UBND", "Nhị Chiểu, ngày 05 tháng 5 năm 2026"). The heading forms are matched per
 * line, from its start, so a plan quoted in the prose is never taken.
 */
export function planFromHeading(lines: readonly string[]): PlanFacts {
  const clean = lines.map((l) => nfc(l));
  const text = clean.join(' ');
  const firstLine = (pattern: RegExp): RegExpMatchArray | undefined =>
    clean.map((l) => l.match(pattern)).find((m): m is RegExpMatchArray => m !== null);
  const code =
    (text.match(/Kế hoạch số:?\s*([\p{L}\d][\p{L}\d-]*\s*\/\s*[\p{L}\d-]+)/iu) ??
      firstLine(/^Số:?\s*(\d+\s*\/\s*[\p{L}\d-]+)/u))?.[1]?.replace(/\s+/g, '') ?? null;
  const date = text.match(/ngày\s+(\d{1,2})\/(\d{1,2})\/(\d{4})/) ?? text.match(/ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})/);
  const planDate = date ? `${date[3]}-${date[2]!.padStart(2, '0')}-${date[1]!.padStart(2, '0')}` : null;
  const year = planDate ? Number(planDate.slice(0, 4)) : Number(text.match(/năm\s+(20\d{2})/)?.[1] ?? NaN);
  // "UBND PHƯỜNG X" on one line, or "ỦY BAN NHÂN DÂN" above "PHƯỜNG X"; capitals only, so no sentence of prose matches.
  const issuer = firstLine(/^(?:(?:UBND|[ỦU][YỶ] BAN NHÂN DÂN)\s+)?(?:PHƯỜNG|XÃ)\s+(\p{Lu}[\p{Lu} ]*)$/u)?.[1];
  const ward =
    text.match(/(?:UBND|[ỦU][yỷ] ban nhân dân)\s+(?:phường|xã)\s+([^)(,]+?)\s*\)/iu)?.[1] ??
    (issuer ? titleCase(issuer) : undefined) ??
    firstLine(/^(\p{Lu}[\p{L} ]*?),\s*ngày\b/u)?.[1] ??
    null;
  return { planCode: code, planDate, planYear: Number.isFinite(year) ? year : null, ward };
}

/** What the appendix's own title lines leave open, filled from the document's heading. */
function withHeading<T extends PlanFacts>(own: T, heading: readonly string[]): T {
  if (heading.length === 0) return own;
  const from = planFromHeading(heading);
  return {
    ...own,
    planCode: own.planCode ?? from.planCode,
    planDate: own.planDate ?? from.planDate,
    planYear: own.planYear ?? from.planYear,
    ward: own.ward ?? from.ward,
  };
}

/** Every text column blank, made once: a 100,000-row appendix makes a task per row. */
const BLANK_TASK = { ...(Object.fromEntries(TEXT_FIELDS.map((f) => [f, ''])) as Record<(typeof TEXT_FIELDS)[number], string>), group: '' };

/** A task with every column the file did not give blank. */
export function appendixTask(
  given: Pick<AppendixTask, 'stt' | 'section' | 'sectionTitle' | 'title' | 'sourceRows'> & Partial<AppendixTask>,
): AppendixTask {
  return { ...BLANK_TASK, ...given };
}

function cell(row: GridRow, column: number | undefined): string {
  return column === undefined ? '' : (row.cells[column] ?? '');
}

/**
 * The column of a row's one text when it is written in a cell merged across the row (a section title), else -1.
 * A merged range reads as its first cell, which may be any column (the lead unit's, in a table laid out unit by
 * unit); it must reach the table's last column, so a task's cell Word spans over two grid columns, continued
 * alone after a page break, stays the task's. Where the reader knows no merges, only the STT column's lone text
 * counts, as before.
 */
function spannedColumn(row: GridRow, sttCol: number, lastCol: number): number {
  let at = -1;
  for (let i = 0; i < row.cells.length; i++) {
    if (row.cells[i] === '') continue;
    if (at >= 0) return -1;
    at = i;
  }
  const span = at >= 0 ? (row.spans?.[at] ?? 1) : 1;
  return at >= 0 && (at === sttCol || (span > 1 && at + span > lastCol)) ? at : -1;
}

/**
 * Finds the header and reads the table below it; null when no task-table header is found.
 * `heading`: the lines of the document's national heading (a Word plan), used for the
 * plan number, date, year and ward that the title lines do not give.
 */
export function parseAppendix(grid: readonly GridRow[], heading: readonly string[] = []): ParsedAppendix | null {
  for (let i = 0; i < grid.length; i++) {
    const header = detectHeader(grid[i]!.cells, grid[i + 1]?.cells);
    if (header) return parseAppendixAt(grid, i, header, { heading });
  }
  return null;
}

export interface AppendixOptions {
  /** See parseAppendix. */
  heading?: readonly string[];
  /**
   * Whether the grid's row `index` starts another table (a meeting log under the appendix): the appendix ends above
   * it instead of reading its rows as tasks. Asked only of rows without a task number.
   */
  endsAt?: (index: number) => boolean;
}

/** Reads the table under the header found at `headerIndex` (detectHeader's answer for that row). */
export function parseAppendixAt(
  grid: readonly GridRow[],
  headerIndex: number,
  header: NonNullable<ReturnType<typeof detectHeader>>,
  options: AppendixOptions = {},
): ParsedAppendix {
  const { fields } = header;
  const sttCol = fields.get('stt')!;
  const titleCol = fields.get('title')!;
  const lastCol = Math.max(...fields.values());
  // The header again at a page break (either half of a two-row header). Task rows,
  // which carry a number, skip this check: it runs a name match on every cell.
  // A link cell keeps its text; in the evidence column its address too, which is what evidence is for.
  const unreadable: UnreadableCell[] = [];
  const field = (row: GridRow, f: (typeof TEXT_FIELDS)[number]): string => {
    const column = fields.get(f);
    const text = cell(row, column);
    // An error value is what a broken formula shows, not what the official wrote: blank, and said where.
    if (FORMULA_ERROR.test(text.trim())) {
      unreadable.push({ row: row.row, field: f, text: text.trim() });
      return '';
    }
    const link = column === undefined ? undefined : row.links?.[column];
    if (f !== 'evidence' || !link || link === text) return text;
    return text === '' ? link : `${text} (${link})`;
  };
  const isRepeatedHeader = (row: GridRow, stt: string): boolean =>
    !TASK_NUMBER.test(stt) &&
    (headerField(stt) === 'stt' ||
      headerField(cell(row, titleCol)) === 'title' ||
      row.cells.every((c) => c === '' || headerField(c) !== null));

  const tasks: AppendixTask[] = [];
  const groups: AppendixGroup[] = [];
  let section = { code: '', title: '' };
  let last: AppendixTask | null = null;

  let endRow: number | null = null;
  let unnumbered: { title: string; row: number } | null = null;
  let previous = grid[headerIndex + header.rows - 1]!.row;
  for (let index = headerIndex + header.rows; index < grid.length; index++) {
    const row = grid[index]!;
    if (row.cells.every((c) => c === '')) continue;
    // A section or group written across the whole row in one merged cell ("I. CÔNG TÁC CHỈ ĐẠO"), numbered or not.
    const spanAt = spannedColumn(row, sttCol, lastCol);
    const spanned = spanAt >= 0 ? cell(row, spanAt).match(SPANNED_TITLE) : null;
    const mergedTitle = spanAt >= 0 && spanAt !== sttCol && !spanned ? cell(row, spanAt) : null;
    // Its text is a title, not the value of the column it happens to start in.
    const value = (f: (typeof TEXT_FIELDS)[number]): string => (spanned || mergedTitle !== null ? '' : field(row, f));
    const stt = (spanned ? spanned[1]! : mergedTitle !== null ? '' : cell(row, sttCol)).replace(/\s+/g, '');
    // Whether this row comes straight under the last one read (a blank row between them ends a task).
    const adjacent = row.row === previous + 1;
    previous = row.row;
    if (isRepeatedHeader(row, stt)) continue;
    if (!TASK_NUMBER.test(stt) && options.endsAt?.(index)) {
      endRow = row.row;
      break;
    }
    const title = spanned ? spanned[2]! : (mergedTitle ?? cell(row, titleCol));
    const others = TEXT_FIELDS.some((f) => f !== 'title' && value(f) !== '');

    // An area row of a criteria table carries its points: still a section, not a task.
    const beyondPoints = TEXT_FIELDS.some((f) => f !== 'title' && f !== 'points' && value(f) !== '');
    if (ROMAN.test(stt) && !beyondPoints) {
      section = { code: stt.replace(/\.$/, ''), title };
      groups.push({
        stt: section.code,
        title,
        row: row.row,
        points: value('points'),
        kind: 'section',
        section: section.code,
      });
      last = null;
      unnumbered = null;
      continue;
    }
    if (stt === '') {
      // The rest of a task a page break cut in two comes straight under it (or under the header repeated on the new
      // page); after a blank row, what has no number is no longer the table ("Nơi nhận:", the signature lines).
      if (last && adjacent && mergedTitle === null) {
        for (const f of TEXT_FIELDS) last[f] = join(last[f], field(row, f));
        last.sourceRows.push(row.row);
        continue;
      }
      last = null;
      // A bold title alone is a section without a numeral, once a task follows it.
      if (title !== '' && (row.bold || mergedTitle !== null) && !others) unnumbered = { title, row: row.row };
      continue;
    }
    const task = appendixTask({
      stt: stt.replace(/\.$/, ''),
      section: section.code,
      sectionTitle: section.title,
      title,
      sourceRows: [row.row],
    });
    for (const f of TEXT_FIELDS) if (f !== 'title') task[f] = value(f);
    if (!TASK_NUMBER.test(stt) && !/^[a-zđ]\)?$/i.test(stt)) {
      // Not a number ("*", "Ghi chú"): keep it as a task only if it has a title.
      if (title === '') continue;
    }
    if (unnumbered) {
      section = { code: '', title: unnumbered.title };
      groups.push({ stt: '', title: unnumbered.title, row: unnumbered.row, points: '', kind: 'section', section: '' });
      task.section = '';
      task.sectionTitle = unnumbered.title;
      unnumbered = null;
    }
    tasks.push(task);
    last = task;
  }

  // A numbered row is a group, not a task, when the next row's number extends it ("2.1" → "2.1.1").
  const kept: AppendixTask[] = [];
  tasks.forEach((task, i) => {
    const next = tasks[i + 1];
    if (next && next.stt.startsWith(`${task.stt}.`)) {
      groups.push({
        stt: task.stt,
        title: task.title,
        row: task.sourceRows[0]!,
        points: task.points,
        kind: 'group',
        section: task.section,
      });
    } else {
      kept.push(task);
    }
  });
  groups.sort((a, b) => a.row - b.row);
  // A task's group is its closest numbered parent ("2.1" for "2.1.3").
  const numbered = groups.filter((g) => g.kind === 'group');
  for (const task of kept) {
    const parents = numbered.filter((g) => g.section === task.section && task.stt.startsWith(`${g.stt}.`));
    task.group = parents.reduce((a, g) => (g.stt.length > a.length ? g.stt : a), '');
  }

  const columnNames = new Map<AppendixField, string>();
  for (const [f, index] of fields) {
    const names = grid.slice(headerIndex, headerIndex + header.rows).map((r) => (r.cells[index] ?? '').replace(/\s+/g, ' ').trim());
    columnNames.set(f, names.filter((n, i) => n !== '' && names.indexOf(n) === i).join(' – '));
  }
  // Only cells of rows kept as tasks are reported (a group row's error is never read either).
  const taskRows = new Set(kept.flatMap((t) => t.sourceRows));
  const titleLines = grid
    .slice(0, headerIndex)
    .map((r) => r.cells.filter((c) => c !== '').join(' '))
    .filter((t) => t !== '');
  return {
    headerRow: grid[headerIndex]!.row,
    columns: fields,
    titleLines,
    ...withHeading(planFromTitle(titleLines), options.heading ?? []),
    tasks: kept,
    groups,
    endRow,
    columnNames,
    unreadable: unreadable.filter((u) => taskRows.has(u.row)),
  };
}
