/**
 * What `cchc export` and the menu's "Xuất phụ lục" put in an appendix: the plan chosen and its rows (tasks and the
 * section and group headings, in catalog order), from the store's tables. One use-case for both, so the two files
 * cannot differ; the writers (sync/excel/appendix-writer, sync/word/appendix-docx) only lay it out.
 */
import { catalogFromTables } from '../catalog/catalog';
import { isHeading, type Plan, type Task } from '../model/plan-task';
import type { Row } from '../layout/columns';

export interface AppendixExport {
  plan: Plan;
  /** The plan's catalog rows, headings included, as the writers take them. */
  rows: Task[];
  /** How many of them are tasks (headings left out). */
  tasks: number;
}

/** Why no appendix can be made: a stable code and one Vietnamese line. */
export interface ExportRefusal {
  code: 'NO_PLANS' | 'PLAN_NOT_FOUND' | 'PLAN_REQUIRED';
  error: string;
}

/** The appendix of `planCode`, or of the only plan when none is named. */
export function appendixExport(tables: Record<string, readonly Row[] | undefined>, planCode?: string): AppendixExport | ExportRefusal {
  const catalog = catalogFromTables(tables);
  if (catalog.plans.length === 0)
    return { code: 'NO_PLANS', error: 'Sổ dữ liệu chưa có kế hoạch nào. Nhập phụ lục bằng "cchc import" trước.' };
  const plan =
    planCode !== undefined ? catalog.plans.find((p) => p.code === planCode) : catalog.plans.length === 1 ? catalog.plans[0] : undefined;
  if (!plan) {
    const codes = catalog.plans.map((p) => p.code).join(', ');
    return planCode !== undefined
      ? { code: 'PLAN_NOT_FOUND', error: `Không có kế hoạch "${planCode}". Các kế hoạch hiện có: ${codes}.` }
      : { code: 'PLAN_REQUIRED', error: `Sổ có nhiều kế hoạch; chọn một bằng --plan (${codes}).` };
  }
  // Headings (sections, groups) go out as the bold rows they were in the plan.
  const rows = catalog.rows.map((t) => t.item).filter((t) => t.plan === plan.code);
  return { plan, rows, tasks: rows.filter((t) => !isHeading(t)).length };
}

/**
 * The name a document is saved under when the official gives none: what it is and what it covers, without marks
 * or spaces (`phu-luc-158-KH-UBND.xlsx`, `bao-cao-6-thang-dau-nam-2026.docx`), the same from the CLI and the menu.
 */
export function documentFileName(document: 'bao-cao' | 'phu-luc' | 'tong-hop', covers: string, extension = '.xlsx'): string {
  const slug = covers
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `${document}-${slug}${extension}`;
}
