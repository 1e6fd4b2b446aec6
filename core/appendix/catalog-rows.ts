/**
 * An appendix as catalog rows, in the plan's order: section and group headings
 * as rows of their own, tasks with the section and group they sit under.
 */
import type { ImportedTask } from '../catalog/merge-import';
import type { ParsedAppendix } from './parse-appendix';

const blank = { target: '', lead: '', support: '', product: '', deadline: '', remarks: '' };

/**
 * `criteria`: the plan's rows are CCHC-index criteria too (a PAR plan), so each task carries the code of the
 * criterion it serves: its own number, or for a lettered row ("a") the numbered one above it.
 */
export function catalogRows(parsed: ParsedAppendix, plan: string, options: { criteria?: boolean } = {}): ImportedTask[] {
  return catalogRowsAt(parsed, plan, options).map((r) => r.item);
}

/** catalogRows with the file's row each comes from (a task's first row), to name a cell to an official. */
export function catalogRowsAt(
  parsed: ParsedAppendix,
  plan: string,
  options: { criteria?: boolean } = {},
): { row: number; item: ImportedTask }[] {
  let code = '';
  const criterionOf = (stt: string): string => (code = /^\d+(?:\.\d+)*$/.test(stt) ? stt : code);
  const groupLabel = new Map(parsed.groups.filter((g) => g.kind === 'group').map((g) => [`${g.section}|${g.stt}`, `${g.stt} ${g.title}`]));
  const sectionTitle = new Map(parsed.groups.filter((g) => g.kind === 'section').map((g) => [g.stt, g.title]));
  const rows: { row: number; item: ImportedTask }[] = [
    ...parsed.groups.map((g) => ({
      row: g.row,
      item: {
        plan,
        kind: g.kind,
        stt: g.stt,
        section: g.section,
        sectionTitle: g.kind === 'section' ? g.title : (sectionTitle.get(g.section) ?? ''),
        group: '',
        title: g.title,
        ...blank,
      },
    })),
    ...parsed.tasks.map((t) => ({
      row: t.sourceRows[0]!,
      item: {
        plan,
        kind: 'task' as const,
        stt: t.stt,
        section: t.section,
        sectionTitle: t.sectionTitle,
        group: t.group === '' ? '' : (groupLabel.get(`${t.section}|${t.group}`) ?? t.group),
        title: t.title,
        target: t.target,
        lead: t.lead,
        support: t.support,
        product: t.product,
        deadline: t.deadline,
        remarks: t.remarks,
        // Absent for other plans, so a code an official typed is kept on re-import.
        ...(options.criteria ? { criterion: criterionOf(t.stt) } : {}),
      },
    })),
  ];
  return rows.sort((a, b) => a.row - b.row);
}
