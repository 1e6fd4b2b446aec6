/**
 * Criteria rows from a province criteria set, a ward's assignment table or the
 * units' filled scoring table (biểu tự chấm điểm), read by the appendix parser
 * (Roman-numbered areas and numbered group rows kept as rows), merged into the
 * criteria tab by code.
 *
 * What the file says updates the criterion, and is reported; a blank cell in the
 * file keeps what is there (the province set has no scores, an assignment table
 * may have no points). An official's edit survives a re-import: where the tab's
 * value differs from what the last import brought (the base), the tab wins.
 * Evidence adds up, line by line, so no link an official typed is lost.
 */
import type { AppendixGroup, AppendixTask, ParsedAppendix } from '../appendix/parse-appendix';
import { parseVnNumber } from '../text/number';
import type { CellValue, Row } from '../layout/columns';
import { CRITERIA_TAB } from '../layout/tabs';
import { sameCell } from '../merge/row-identity';

const ROMAN_VALUES: Record<string, number> = { I: 1, V: 5, X: 10, L: 50 };

function romanValue(roman: string): number {
  let total = 0;
  for (let i = 0; i < roman.length; i++) {
    const v = ROMAN_VALUES[roman[i]!] ?? 0;
    total += v < (ROMAN_VALUES[roman[i + 1] ?? ''] ?? 0) ? -v : v;
  }
  return total;
}

const number = (text: string): number | null => {
  const n = parseVnNumber(text.trim());
  return n === undefined ? null : n;
};

/** The columns read as numbers: points, self-scores, appraisal. */
const NUMBER_FIELDS = ['points', 'scoreH1', 'scoreYear', 'appraised'] as const;

/**
 * Number cells that hold text no number reads from ("bốn", "đạt"): read as blank (the stored value stays), and
 * returned so the import names each one; never dropped without a word.
 */
export function unreadableNumbers(parsed: ParsedAppendix): { row: number; field: (typeof NUMBER_FIELDS)[number]; text: string }[] {
  const found: { row: number; field: (typeof NUMBER_FIELDS)[number]; text: string }[] = [];
  const check = (row: number, field: (typeof NUMBER_FIELDS)[number], text: string): void => {
    if (parseVnNumber(text.trim()) === undefined) found.push({ row, field, text: text.trim() });
  };
  for (const g of parsed.groups) check(g.row, 'points', g.points);
  for (const t of parsed.tasks) for (const f of NUMBER_FIELDS) check(t.sourceRows[0]!, f, t[f]);
  return found.sort((a, b) => a.row - b.row);
}

/** The columns a file can bring, from the tab layout: every column but the code. */
const FILE_COLUMNS = CRITERIA_TAB.columns.filter((c) => c.key !== 'code');

function fromTask(t: AppendixTask, code: string): Row {
  return {
    code,
    title: t.title,
    maxPoints: number(t.points),
    requirement: t.target,
    deadline: t.deadline,
    lead: t.lead,
    support: t.support,
    evidence: t.evidence,
    scoreH1: number(t.scoreH1),
    scoreYear: number(t.scoreYear),
    explanation: t.explanation,
    appraised: number(t.appraised),
    note: t.remarks,
  };
}

function fromGroup(g: AppendixGroup, code: string): Row {
  return { code, title: g.title, maxPoints: number(g.points) };
}

/**
 * The file's rows in file order. A Roman-numbered area row ("I. Công tác chỉ
 * đạo") takes the code its criteria are numbered under ("1" over "1.1"), so the
 * area keeps its title; an unnumbered heading has no code to merge by and is left out.
 */
export function criteriaFromAppendix(parsed: ParsedAppendix): Row[] {
  const codes = new Set([...parsed.tasks.map((t) => t.stt), ...parsed.groups.filter((g) => g.kind === 'group').map((g) => g.stt)]);
  const rows: { row: number; value: Row }[] = [];
  for (const g of parsed.groups) {
    if (g.stt === '') continue;
    let code = g.stt;
    if (g.kind === 'section') {
      const arabic = String(romanValue(g.stt));
      code = codes.has(arabic) ? g.stt : arabic;
    }
    rows.push({ row: g.row, value: fromGroup(g, code) });
  }
  for (const t of parsed.tasks) rows.push({ row: t.sourceRows[0]!, value: fromTask(t, t.stt) });
  return rows.sort((a, b) => a.row - b.row).map((r) => r.value);
}

/** What the last import brought, per criterion code and column: the base that tells an official's edit from the file's. */
export type CriteriaBase = Record<string, Record<string, CellValue>>;

export interface CriterionChange {
  code: string;
  /** Column keys the file changed or filled. */
  columns: string[];
  /** Column keys where an official's edit was kept over a different value in the file. */
  kept: string[];
}

export interface CriteriaMerge {
  rows: Row[];
  /** Criteria added by this file. */
  added: string[];
  changed: CriterionChange[];
  /** Criteria of the tab the file does not name: kept as they are. */
  untouched: number;
  /** The next base: the file's non-blank values over the previous base. */
  base: CriteriaBase;
}

const blank = (v: CellValue | undefined): boolean => v === null || v === undefined || (typeof v === 'string' && v.trim() === '');

function evidenceLines(v: CellValue | undefined): string[] {
  return blank(v)
    ? []
    : String(v)
        .split(/\n+/)
        .map((l) => l.trim())
        .filter((l) => l !== '');
}

/** Merges the file's rows into the tab by code; rows of the tab the file lacks stay, in place. */
export function mergeCriteria(existing: readonly Row[], imported: readonly Row[], previousBase: CriteriaBase = {}): CriteriaMerge {
  const code = (r: Row): string => String(r['code'] ?? '').replace(/\.$/, '');
  const fileByCode = new Map(imported.map((r) => [code(r), r]));
  const base: CriteriaBase = { ...previousBase };
  const result: CriteriaMerge = { rows: [], added: [], changed: [], untouched: 0, base };
  const seen = new Set<string>();

  const merge = (old: Row, file: Row): Row => {
    const c = code(file);
    const was = previousBase[c] ?? {};
    const next: Row = { ...old };
    const change: CriterionChange = { code: c, columns: [], kept: [] };
    for (const column of FILE_COLUMNS) {
      const value = file[column.key];
      if (blank(value)) continue;
      base[c] = { ...base[c], [column.key]: value! };
      const current = old[column.key];
      if (column.key === 'evidence') {
        const have = evidenceLines(current);
        const more = evidenceLines(value).filter((l) => !have.includes(l));
        if (more.length > 0) {
          next['evidence'] = [...have, ...more].join('\n');
          change.columns.push('evidence');
        }
        continue;
      }
      if (!blank(current) && sameCell(column, current, value)) continue;
      const edited = !blank(current) && column.key in was && !sameCell(column, current, was[column.key]);
      if (edited) {
        change.kept.push(column.key);
        continue;
      }
      next[column.key] = value!;
      change.columns.push(column.key);
    }
    if (change.columns.length + change.kept.length > 0) result.changed.push(change);
    return next;
  };

  for (const old of existing) {
    const c = code(old);
    const file = fileByCode.get(c);
    if (!file || seen.has(c)) {
      result.untouched++;
      result.rows.push(old);
      continue;
    }
    seen.add(c);
    result.rows.push(merge(old, file));
  }
  for (const file of imported) {
    const c = code(file);
    if (seen.has(c)) continue;
    seen.add(c);
    result.added.push(c);
    result.rows.push(merge({ code: c }, file));
  }
  // Added criteria must not count as "changed".
  result.changed = result.changed.filter((ch) => !result.added.includes(ch.code));
  if (result.added.length > 0) {
    // New criteria go where the file has them: the file's order, then the tab's own rows.
    const byCode = new Map(result.rows.map((r) => [code(r), r]));
    const inFile = imported.map((r) => byCode.get(code(r))!).filter((r, i, all) => all.indexOf(r) === i);
    result.rows = [...inFile, ...result.rows.filter((r) => !fileByCode.has(code(r)))];
  }
  return result;
}
