/**
 * The export dialog's script, run in the official's browser (bundled by apps-script/build.ts into the HTML file
 * `export-dialog`, never into Code.js). From the sheet's tables it makes the document with the command line's own
 * core use-case (appendixExport, periodReportOf) and writers (sync/excel/appendix-writer, sync/word/official-docx),
 * offers the file as a download at once, then has the server save it in the official's Drive.
 */
import { appendixExport, documentFileName, periodName, periodReportOf, reportPeriod, type Row } from '../../core/index';
import { appendixWorkbook } from '../../sync/excel/appendix-writer';
import { workbookBytes } from '../../sync/files/workbook-bytes';
import { officialDocxBytes } from '../../sync/word/official-docx';
import { EXPORT_MIME, type ExportChoices, type SheetData } from '../src/export-shared';

/** What the official chose in the dialog. */
export type ExportRequest = { kind: 'appendix'; plan: string; withProgress: boolean } | { kind: 'report'; period: string };

/** A document ready to save: its name, type, what the dialog calls it, and its bytes. */
export interface ExportFile {
  fileName: string;
  mime: string;
  what: string;
  bytes: Uint8Array;
}

/** The command line's NO_PLANS says "cchc import"; an official at the sheet brings a plan in from the menu. */
const NO_PLANS = 'Bảng tính chưa có kế hoạch nào để xuất phụ lục.';

interface ScriptRun {
  withSuccessHandler(f: (value: unknown) => void): ScriptRun;
  withFailureHandler(f: (error: Error) => void): ScriptRun;
  [name: string]: unknown;
}
declare const google: { script: { run: ScriptRun; host: { close(): void } } };

/** A server function, as a promise. */
function server<T>(name: string, ...args: unknown[]): Promise<T> {
  return new Promise((resolve, reject) => {
    const run = google.script.run.withSuccessHandler((v) => resolve(v as T)).withFailureHandler(reject);
    (run[name] as (...a: unknown[]) => void)(...args);
  });
}

/**
 * The document the official asked for, made from the sheet's tables exactly as `cchc export` / `cchc report` make
 * theirs from the store's: the same use-case, the same writer, the same default file name.
 */
export async function exportFile(
  request: ExportRequest,
  tables: Record<string, Row[]>,
  today: string,
): Promise<ExportFile | { error: string }> {
  if (request.kind === 'appendix') {
    const found = appendixExport(tables, request.plan);
    if ('error' in found) return { error: found.code === 'NO_PLANS' ? NO_PLANS : found.error };
    return {
      fileName: documentFileName('phu-luc', found.plan.code, '.xlsx'),
      mime: EXPORT_MIME.xlsx,
      what: `Phụ lục kế hoạch ${found.plan.code} (${found.tasks} nhiệm vụ)`,
      bytes: await workbookBytes(appendixWorkbook(found.plan, found.rows, { withProgress: request.withProgress })),
    };
  }
  const chosen = reportPeriod(request.period.trim() || undefined, today);
  if ('error' in chosen) return { error: chosen.error };
  const { report } = periodReportOf(tables, { period: chosen.period, today });
  return {
    fileName: documentFileName('bao-cao', periodName(chosen.period, { title: true }), '.docx'),
    mime: EXPORT_MIME.docx,
    what: `Báo cáo ${periodName(chosen.period)}`,
    bytes: await officialDocxBytes(report),
  };
}

/** Base64 of the bytes, in slices: String.fromCharCode takes a bounded number of arguments. */
function base64(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;

function say(id: string, text: string, kind: 'info' | 'error' = 'info'): void {
  const el = $(id);
  el.textContent = text;
  el.className = kind;
}

function link(parent: HTMLElement, href: string, text: string, download?: string): HTMLAnchorElement {
  const a = document.createElement('a');
  a.href = href;
  a.textContent = text;
  if (download) a.download = download;
  // Apps Script's sandbox allows no navigation of the dialog itself: links open a new tab (or download).
  else a.target = '_blank';
  parent.appendChild(a);
  return a;
}

function request(choices: ExportChoices): ExportRequest {
  return choices.kind === 'appendix'
    ? { kind: 'appendix', plan: $<HTMLSelectElement>('plan').value, withProgress: $<HTMLInputElement>('progress').checked }
    : { kind: 'report', period: $<HTMLInputElement>('period').value };
}

async function run(choices: ExportChoices): Promise<void> {
  const button = $<HTMLButtonElement>('go');
  button.disabled = true;
  $('result').replaceChildren();
  say('status', 'Đang đọc dữ liệu trong bảng tính…');
  try {
    const sheet = await server<SheetData>('cchcExportData', choices.kind);
    if ('error' in sheet) return say('status', sheet.error, 'error');
    say('status', 'Đang lập tệp…');
    const file = await exportFile(request(choices), sheet.tables, sheet.today);
    if ('error' in file) return say('status', file.error, 'error');
    const url = URL.createObjectURL(new Blob([file.bytes as BlobPart], { type: file.mime }));
    const result = $('result');
    say('status', `${file.what}: đã lập xong. Đang lưu vào Google Drive…`);
    link(result, url, `Tải về máy: ${file.fileName}`, file.fileName).id = 'download';
    // The file is the official's already (the link above): a Drive that fails says so and takes nothing away.
    const saved = await server<{ name: string; url: string; folder: string } | { error: string }>(
      'cchcSaveExport',
      file.fileName,
      base64(file.bytes),
    ).catch((error: unknown) => ({ error: error instanceof Error ? error.message : String(error) }));
    if ('error' in saved)
      return say(
        'status',
        `${file.what}: đã lập xong nhưng chưa lưu được vào Google Drive (${saved.error}). Tải tệp về máy bằng liên kết dưới đây.`,
        'error',
      );
    say('status', `${file.what}: đã lưu vào Google Drive, thư mục "${saved.folder}".`);
    result.appendChild(document.createElement('br'));
    link(result, saved.url, `Mở trên Google Drive: ${saved.name}`).id = 'drive';
  } catch (error) {
    say('status', `Không xuất được tệp: ${error instanceof Error ? error.message : String(error)}`, 'error');
  } finally {
    button.disabled = false;
  }
}

/** Called by the script the server appends to the page: shows the choices of this document. */
export function start(choices: ExportChoices): void {
  $(choices.kind === 'appendix' ? 'appendix' : 'report').hidden = false;
  if (choices.kind === 'appendix') {
    const select = $<HTMLSelectElement>('plan');
    for (const p of choices.plans) {
      const option = document.createElement('option');
      option.value = p.code;
      option.textContent = p.title ? `${p.code} – ${p.title}` : p.code;
      select.appendChild(option);
    }
    if (choices.plans.length === 0) {
      say('status', NO_PLANS, 'error');
      $<HTMLButtonElement>('go').disabled = true;
      return;
    }
  } else $<HTMLInputElement>('period').value = choices.period;
  $('go').addEventListener('click', () => void run(choices));
}
