/** The validation sidebar: issues grouped by kind, each a link that selects its cell. */
import { columnLetter, issueLabel, TASKS_TAB, type ValidationIssue } from '../../core/index';
import template from './sidebar.html';

/** One kind of issue in the sidebar: its Vietnamese name, how many, and the links listed ([sheet, row, col, "M12", message]). */
export interface SidebarGroup {
  kind: string;
  severity: ValidationIssue['severity'];
  total: number;
  items: [string, number, number, string, string][];
}

export interface SidebarData {
  errors: number;
  warnings: number;
  groups: SidebarGroup[];
}

const MARKER = '/*ISSUES*/[]';
/**
 * The sidebar's page stays under this (Apps Script serves it to a browser on a slow
 * office line): links past it are left out, counted in their group's heading; the
 * cells themselves are all marked.
 */
export const SIDEBAR_MAX_BYTES = 200 * 1024;

/**
 * The issues as a script literal: "<" escaped so no cell text can close the script
 * element, U+2028/U+2029 so none ends a line inside a string.
 */
export function scriptLiteral(value: unknown): string {
  return JSON.stringify(value).replace(/[<\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Spliced in by position: a String.replace replacement string would expand "$'" or "$`" typed in a cell. */
export function sidebarHtml(data: SidebarData): string {
  const at = template.indexOf(MARKER);
  return template.slice(0, at) + scriptLiteral(data) + template.slice(at + MARKER.length);
}

/** The issues grouped by kind, errors first, with as many links as fit in SIDEBAR_MAX_BYTES. */
export function sidebarData(
  issues: readonly ValidationIssue[],
  locate: (tab: string, column: string) => { sheet: string; col: number },
): SidebarData {
  const groups = new Map<string, SidebarGroup>();
  let errors = 0;
  for (const i of issues) {
    if (i.severity === 'error') errors++;
    const group =
      groups.get(i.code) ?? groups.set(i.code, { kind: issueLabel(i.code), severity: i.severity, total: 0, items: [] }).get(i.code)!;
    group.total++;
  }
  const data: SidebarData = {
    errors,
    warnings: issues.length - errors,
    groups: [...groups.values()].sort((a, b) => Number(b.severity === 'error') - Number(a.severity === 'error')),
  };
  let budget = SIDEBAR_MAX_BYTES - utf8Bytes(template) - utf8Bytes(scriptLiteral(data));
  // Links are added errors first until the page would pass its size.
  for (const i of [...issues].sort((a, b) => Number(b.severity === 'error') - Number(a.severity === 'error'))) {
    const { sheet, col } = locate(i.tab ?? 'tasks', i.column);
    const cell = `${sheet === TASKS_TAB.name ? '' : `${sheet}!`}${columnLetter(col - 1)}${i.row}`;
    const item: SidebarGroup['items'][number] = [sheet, i.row, col, cell, i.message];
    budget -= utf8Bytes(scriptLiteral(item)) + 1;
    if (budget < 0) break;
    groups.get(i.code)!.items.push(item);
  }
  return data;
}

/** UTF-8 bytes of a string: Vietnamese letters take two or three. */
function utf8Bytes(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c < 0xdc00) {
      // A surrogate pair: one four-byte character.
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

export function showSidebar(
  issues: readonly ValidationIssue[],
  locate: (tab: string, column: string) => { sheet: string; col: number },
): void {
  const html = sidebarHtml(sidebarData(issues, locate));
  SpreadsheetApp.getUi().showSidebar(HtmlService.createHtmlOutput(html).setTitle('Kết quả kiểm tra dữ liệu'));
}

/** Called from the sidebar: selects the cell an issue points at. */
export function cchcSelectCell(row: number, col: number, sheetName: string = TASKS_TAB.name): void {
  const sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName(sheetName);
  if (sheet) sheet.getRange(row, col).activate();
}
