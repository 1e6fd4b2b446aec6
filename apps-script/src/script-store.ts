/**
 * What the menu must remember between runs (the reminders sent, and those that
 * failed) lives in a hidden tab the script owns, one record a row. Document
 * properties cap a value at 9 KB and the store at 500 KB, and a record per email
 * sent grows daily. A tab holds millions of cells, is read in one getValues() and
 * written in one setValues(), and is covered by the document lock like the data it
 * describes.
 */
import { asCells, asText, ensureGrid, hiddenTab, ownTab } from './sheet-io';

export const STORE_TAB = ownTab('CCHC – dữ liệu của menu (không sửa)');
/** The kinds of record kept; others (an older version's cell marks, now kept in the cells) go at the next save. */
const KINDS = new Set(['sent', 'failed']);
/** kind, then the record's fields. */
const WIDTH = 8;

export type Field = string | number;
export type StoredRecord = Field[];

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export interface ScriptStore {
  /** The records of one kind. */
  get(kind: string): StoredRecord[];
  /** Replaces the records of one kind. */
  set(kind: string, records: readonly StoredRecord[]): void;
  /** Writes every kind back in one setValues (only if something changed). */
  save(): void;
}

export function openStore(spreadsheet: Spreadsheet): ScriptStore {
  const existing = spreadsheet.getSheetByName(STORE_TAB);
  const last = existing ? existing.getLastRow() : 0;
  const byKind = new Map<string, StoredRecord[]>();
  if (existing && last > 0) {
    for (const [kind, ...fields] of existing.getRange(1, 1, last, WIDTH).getValues()) {
      if (!KINDS.has(String(kind))) continue;
      const list = byKind.get(String(kind)) ?? [];
      // Trailing blank fields are padding, not data.
      let end = fields.length;
      while (end > 0 && fields[end - 1] === '') end--;
      list.push(fields.slice(0, end).map((f) => (typeof f === 'number' ? f : String(f))));
      byKind.set(String(kind), list);
    }
  }
  let dirty = false;
  return {
    get: (kind) => byKind.get(kind) ?? [],
    set: (kind, records) => {
      byKind.set(kind, [...records]);
      dirty = true;
    },
    save: () => {
      if (!dirty) return;
      const rows: Field[][] = [];
      for (const [kind, records] of byKind) {
        for (const r of records) {
          if (r.length > WIDTH - 1) throw new Error(`script store record of ${r.length} fields`);
          rows.push([asText(kind), ...asCells(r), ...Array<string>(WIDTH - 1 - r.length).fill('')]);
        }
      }
      // Blank rows over what the previous save left, so nothing stale survives.
      while (rows.length < last) rows.push(Array<string>(WIDTH).fill(''));
      if (rows.length === 0) return;
      const sheet = existing ?? hiddenTab(spreadsheet, STORE_TAB);
      ensureGrid(sheet, rows.length, WIDTH);
      sheet.getRange(1, 1, rows.length, WIDTH).setValues(rows);
    },
  };
}
