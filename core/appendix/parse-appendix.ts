/**
 * Turns an appendix table, as a grid of plain cell texts, into tasks. The grid
 * comes from Excel (sync/excel) or from a sheet (Apps Script); this part is pure.
 *
 * Handles what Word-to-Excel pastes produce: title rows above the table, the
 * header repeated at page breaks, a task split over two rows (the second with an
 * empty STT, possibly after a repeated header), Roman-numbered section rows and
 * group rows in hierarchical numbering that are not tasks.
 */
import { nfc } from '../text/vietnamese';
import { detectHeader, headerField, type AppendixField } from './headers';

export interface GridRow {
  /** Row number as the official sees it (1-based). */
  row: number;
  cells: string[];
  bold: boolean;
}

export interface AppendixTask {
  stt: string;
  section: string;
  sectionTitle: string;
  title: string;
  target: string;
  lead: string;
  support: string;
  product: string;
  deadline: string;
  points: string;
  evidence: string;
  sourceRows: number[];
}

export interface AppendixGroup {
  stt: string;
  title: string;
  row: number;
  /** Sub-total points, in criteria tables. */
  points: string;
}

export interface ParsedAppendix {
  headerRow: number;
  columns: Map<AppendixField, number>;
  /** Text of the rows above the table ("PHỤ LỤC", "(Kèm theo Kế hoạch số …)"). */
  titleLines: string[];
  planCode: string | null;
  planDate: string | null;
  planYear: number | null;
  ward: string | null;
  tasks: AppendixTask[];
  groups: AppendixGroup[];
}

const TEXT_FIELDS = ['title', 'target', 'lead', 'support', 'product', 'deadline', 'points', 'evidence'] as const;
const ROMAN = /^(?=[IVXLC])M*(C[MD]|D?C{0,3})(X[CL]|L?X{0,3})(I[XV]|V?I{0,3})\.?$/;
const TASK_NUMBER = /^\d+(?:\.\d+)*\.?$/;
const SPANNED_TITLE = /^([IVXLC]+|\d+(?:\.\d+)*)[.)]?\s+(\S[\s\S]*)$/u;

const join = (a: string, b: string): string => (a === '' ? b : b === '' ? a : `${a} ${b}`);

/** "NHỊ CHIỂU" → "Nhị Chiểu": the heading writes the issuing ward in capitals. */
const titleCase = (upper: string): string =>
  upper
    .toLocaleLowerCase('vi')
    .split(' ')
    .map((w) => w.charAt(0).toLocaleUpperCase('vi') + w.slice(1))
    .join(' ');

type PlanFacts = Pick<ParsedAppendix, 'planCode' | 'planDate' | 'planYear' | 'ward'>;

/**
 * Plan number, date, year and ward from the title rows ("(Kèm theo Kế hoạch số 158/KH-UBND
 * ngày 05/5/2026 của UBND phường Nhị Chiểu)") or from a document's national heading
 * ("UBND PHƯỜNG NHỊ CHIỂU", "Số: 158/KH-UBND", "Nhị Chiểu, ngày 05 tháng 5 năm 2026"). The heading forms are
 * matched per line, from its start, so a plan quoted in the prose is never taken.
 */
export function planFromTitle(lines: readonly string[]): PlanFacts {
  const clean = lines.map((l) => nfc(l));
  const text = clean.join(' ');
  const firstLine = (pattern: RegExp): RegExpMatchArray | undefined =>
    clean.map((l) => l.match(pattern)).find((m): m is RegExpMatchArray => m !== null);
  const code =
    (text.match(/Kế hoạch số:?\s*(\d+\s*\/\s*[\p{L}\d-]+)/iu) ?? firstLine(/^Số:?\s*(\d+\s*\/\s*[\p{L}\d-]+)/u))?.[1]?.replace(/\s+/g, '') ??
    null;
  const date =
    text.match(/ngày\s+(\d{1,2})\/(\d{1,2})\/(\d{4})/) ?? text.match(/ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})/);
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
function withHeading(own: PlanFacts, heading: readonly string[]): PlanFacts {
  if (heading.length === 0) return own;
  const from = planFromTitle(heading);
  return {
    planCode: own.planCode ?? from.planCode,
    planDate: own.planDate ?? from.planDate,
    planYear: own.planYear ?? from.planYear,
    ward: own.ward ?? from.ward,
  };
}

function cell(row: GridRow, column: number | undefined): string {
  return column === undefined ? '' : (row.cells[column] ?? '');
}

/**
 * Finds the header and reads the table below it; null when no task-table header is found.
 * `heading`: the lines of the document's national heading (a Word plan), used for the
 * plan number, date, year and ward that the title lines do not give.
 */
export function parseAppendix(grid: readonly GridRow[], heading: readonly string[] = []): ParsedAppendix | null {
  let headerIndex = -1;
  let header: ReturnType<typeof detectHeader> = null;
  for (let i = 0; i < grid.length && !header; i++) {
    header = detectHeader(grid[i]!.cells, grid[i + 1]?.cells);
    if (header) headerIndex = i;
  }
  if (!header) return null;
  const { fields } = header;
  const sttCol = fields.get('stt')!;
  const titleCol = fields.get('title')!;
  // The header again at a page break (either half of a two-row header). Task rows,
  // which carry a number, skip this check: it runs a name match on every cell.
  const isRepeatedHeader = (row: GridRow, stt: string): boolean =>
    !TASK_NUMBER.test(stt) &&
    (headerField(stt) === 'stt' ||
      headerField(cell(row, titleCol)) === 'title' ||
      row.cells.every((c) => c === '' || headerField(c) !== null));

  const tasks: AppendixTask[] = [];
  const groups: AppendixGroup[] = [];
  let section = { code: '', title: '' };
  let last: AppendixTask | null = null;

  for (const row of grid.slice(headerIndex + header.rows)) {
    if (row.cells.every((c) => c === '')) continue;
    // A section or group written across the whole row in one merged cell ("I. CÔNG TÁC CHỈ ĐẠO").
    const spanned = row.cells.every((c, i) => i === sttCol || c === '') ? cell(row, sttCol).match(SPANNED_TITLE) : null;
    const stt = (spanned ? spanned[1]! : cell(row, sttCol)).replace(/\s+/g, '');
    if (isRepeatedHeader(row, stt)) continue;
    const title = spanned ? spanned[2]! : cell(row, titleCol);
    const others = TEXT_FIELDS.some((f) => f !== 'title' && cell(row, fields.get(f)) !== '');

    if (ROMAN.test(stt) && !others) {
      section = { code: stt.replace(/\.$/, ''), title };
      last = null;
      continue;
    }
    if (stt === '') {
      if (last) {
        // The rest of a task a page break cut in two.
        for (const f of TEXT_FIELDS) last[f] = join(last[f], cell(row, fields.get(f)));
        last.sourceRows.push(row.row);
      } else if (title !== '' && row.bold && !others) {
        section = { code: '', title };
      }
      continue;
    }
    const task: AppendixTask = {
      stt: stt.replace(/\.$/, ''),
      section: section.code,
      sectionTitle: section.title,
      title,
      target: '',
      lead: '',
      support: '',
      product: '',
      deadline: '',
      points: '',
      evidence: '',
      sourceRows: [row.row],
    };
    for (const f of TEXT_FIELDS) if (f !== 'title') task[f] = cell(row, fields.get(f));
    if (!TASK_NUMBER.test(stt) && !/^[a-zđ]\)?$/i.test(stt)) {
      // Not a number ("*", "Ghi chú"): keep it as a task only if it has a title.
      if (title === '') continue;
    }
    tasks.push(task);
    last = task;
  }

  // A numbered row is a group, not a task, when the next row's number extends it ("2.1" → "2.1.1").
  const kept: AppendixTask[] = [];
  tasks.forEach((task, i) => {
    const next = tasks[i + 1];
    if (next && next.stt.startsWith(`${task.stt}.`)) {
      groups.push({ stt: task.stt, title: task.title, row: task.sourceRows[0]!, points: task.points });
    } else {
      kept.push(task);
    }
  });

  const titleLines = grid
    .slice(0, headerIndex)
    .map((r) => r.cells.filter((c) => c !== '').join(' '))
    .filter((t) => t !== '');
  return { headerRow: grid[headerIndex]!.row, columns: fields, titleLines, ...withHeading(planFromTitle(titleLines), heading), tasks: kept, groups };
}
