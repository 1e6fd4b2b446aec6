/**
 * "Xuất phụ lục (Excel)…" and "Xuất báo cáo định kỳ (Word)…": the print-ready appendix and the periodic report the
 * command line writes (`cchc export`, `cchc report`), made from the sheet. Apps Script's server cannot run the
 * writers (they zip asynchronously, and the server has no timers), so the work is split:
 *
 * 1. the menu item opens the export dialog (the HTML file `export-dialog`, which carries the writers and the report
 *    builders; Code.js stays small), told which document and what to choose from (the plans, the default period);
 * 2. the dialog asks `cchcExportData` for the sheet's tables (plain rows, read as every menu item reads them) and
 *    builds the document with the command line's own core use-case (appendixExport, periodReportOf) and writers;
 * 3. it offers the file at once as a download, and sends its bytes (base64) to `cchcSaveExport`, which saves it in
 *    the official's Drive, folder "CCHC – Tệp xuất", and returns the link.
 */
import { catalogFromTables, defaultPeriodText } from '../../core/index';
import { EXPORT_FOLDER, type ExportChoices, type ExportKind, EXPORT_MIME, type SheetData } from './export-shared';
import { drainEdits } from './edit-queue';
import { BUSY_MESSAGE, menuLocked, withDocumentLock } from './lock';
import { readTables, todayIso } from './sheet-io';
import { scriptLiteral } from './sidebar';

const FOLDER_MIME = 'application/vnd.google-apps.folder';

/** The tabs each document is made from. */
const TABS_OF: Record<ExportKind, readonly string[] | undefined> = {
  appendix: ['plans', 'tasks', 'units', 'settings'],
  report: undefined,
};

const DIALOG_FILE = 'export-dialog';
const TITLES: Record<ExportKind, string> = { appendix: 'Xuất phụ lục kế hoạch (Excel)', report: 'Xuất báo cáo định kỳ (Word)' };

/** The script that starts the dialog: appended to the page, after the writers' code has defined `CCHC_EXPORT`. */
const starter = (choices: ExportChoices): string => `<script>CCHC_EXPORT.start(${scriptLiteral(choices)});</script>`;

function openDialog(kind: ExportKind): void {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const { tables, timeZone } = readTables(spreadsheet, ['plans']);
  const choices: ExportChoices = {
    kind,
    plans: catalogFromTables(tables).plans.map((p) => ({ code: p.code, title: p.title })),
    period: defaultPeriodText(todayIso(timeZone)),
  };
  const output = HtmlService.createHtmlOutputFromFile(DIALOG_FILE).append(starter(choices)).setWidth(460).setHeight(340);
  SpreadsheetApp.getUi().showModalDialog(output, TITLES[kind]);
}

export const cchcExportAppendix = menuLocked(() => openDialog('appendix'));
export const cchcExportReport = menuLocked(() => openDialog('report'));

/** Called by the dialog: the tables a document is made from, read under the lock the menu's writes take. */
export function cchcExportData(kind: ExportKind): SheetData {
  return withDocumentLock<SheetData>(
    () => {
      const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
      drainEdits(spreadsheet);
      const { tables, timeZone } = readTables(spreadsheet, TABS_OF[kind === 'report' ? 'report' : 'appendix']);
      return { tables, today: todayIso(timeZone) };
    },
    () => ({ error: BUSY_MESSAGE }),
  );
}

/** Our own exports only: a page script cannot have the script save anything else under the official's name. */
const SAVED_NAME = /^(phu-luc|bao-cao)-[A-Za-z0-9-]+\.(xlsx|docx)$/;

/** The folder exports go in: the one this script made before (drive.file sees only those), else a new one. */
function exportFolder(drive: GoogleAppsScript.Drive): string {
  const q = `name = '${EXPORT_FOLDER}' and mimeType = '${FOLDER_MIME}' and 'root' in parents and trashed = false`;
  const found = drive.Files!.list({ q, fields: 'files(id)', pageSize: 1 }).files?.[0]?.id;
  return found ?? drive.Files!.create({ name: EXPORT_FOLDER, mimeType: FOLDER_MIME, parents: ['root'] }).id!;
}

/** Called by the dialog with the file it built: saved in the official's Drive; returns its name and link. */
export function cchcSaveExport(name: string, base64: string): { name: string; url: string; folder: string } | { error: string } {
  const match = SAVED_NAME.exec(String(name));
  if (!match) return { error: `Tên tệp "${String(name)}" không phải tệp xuất của CCHC; không lưu.` };
  const mime = EXPORT_MIME[match[2] as keyof typeof EXPORT_MIME];
  const drive = Drive as GoogleAppsScript.Drive;
  const blob = Utilities.newBlob(Utilities.base64Decode(base64), mime, name);
  const file = drive.Files!.create({ name, mimeType: mime, parents: [exportFolder(drive)] }, blob, { fields: 'id,name,webViewLink' });
  return { name: file.name ?? name, url: file.webViewLink ?? `https://drive.google.com/file/d/${file.id}/view`, folder: EXPORT_FOLDER };
}
