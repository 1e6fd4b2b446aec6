/** The validation sidebar: issues grouped by kind, each a link that selects its cell. */
import { columnLetter, issueLabel, TASKS_TAB, type ValidationIssue } from '../../core/index';
import template from './sidebar.html';

export interface SidebarIssue extends ValidationIssue {
  /** Sheet and column number the issue points at. */
  sheet: string;
  col: number;
  /** "M12": where the official finds it. */
  cell: string;
  /** Vietnamese name of the issue's kind, the sidebar's group heading. */
  kind: string;
}

const MARKER = '/*ISSUES*/[]';

/**
 * The issues as a script literal: "<" escaped so no cell text can close the script
 * element, U+2028/U+2029 so none ends a line inside a string.
 */
export function scriptLiteral(value: unknown): string {
  return JSON.stringify(value).replace(/[<\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Spliced in by position: a String.replace replacement string would expand "$'" or "$`" typed in a cell. */
export function sidebarHtml(issues: readonly SidebarIssue[]): string {
  const at = template.indexOf(MARKER);
  return template.slice(0, at) + scriptLiteral(issues) + template.slice(at + MARKER.length);
}

export function showSidebar(
  issues: readonly ValidationIssue[],
  locate: (tab: string, column: string) => { sheet: string; col: number },
): void {
  const located = issues.map((i) => {
    const { sheet, col } = locate(i.tab ?? 'tasks', i.column);
    const cell = `${sheet === TASKS_TAB.name ? '' : `${sheet}!`}${columnLetter(col - 1)}${i.row}`;
    return { ...i, sheet, col, cell, kind: issueLabel(i.code) };
  });
  SpreadsheetApp.getUi().showSidebar(HtmlService.createHtmlOutput(sidebarHtml(located)).setTitle('Kết quả kiểm tra dữ liệu'));
}

/** Called from the sidebar: selects the cell an issue points at. */
export function cchcSelectCell(row: number, col: number, sheetName: string = TASKS_TAB.name): void {
  const sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName(sheetName);
  if (sheet) sheet.getRange(row, col).activate();
}
