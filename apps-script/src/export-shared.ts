/**
 * What the export's server functions (export.ts) and its dialog (apps-script/dialog/export-dialog.ts) share: plain
 * constants and types, no Apps Script service, so the dialog's bundle takes nothing of the server's.
 */
import type { Row } from '../../core/index';

export type ExportKind = 'appendix' | 'report';

export const EXPORT_MIME = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
} as const;

/** The folder in the official's My Drive that exports are saved in (made by the script, so `drive.file` reaches it). */
export const EXPORT_FOLDER = 'CCHC – Tệp xuất';

/** What the dialog offers when it opens. */
export interface ExportChoices {
  kind: ExportKind;
  plans: { code: string; title: string }[];
  /** The period a report covers unless the official writes another ("Năm 2026"). */
  period: string;
}

/** The sheet's tables as the core reads them (cells are text, numbers, booleans or null: nothing google.script.run refuses), and today in the sheet's zone. */
export type SheetData = { tables: Record<string, Row[]>; today: string } | { error: string };
