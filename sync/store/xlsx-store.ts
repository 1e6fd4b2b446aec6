/**
 * The local store: the shared sheet's layout kept in an .xlsx workbook, so a ward
 * without Google (and every test) has the whole product. Writes go to a temp file
 * that replaces the workbook atomically; the previous file is kept as `.bak`.
 */
import { access, stat } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { headerKeys, matchKey, ROW_NUMBER, TABS, type CellValue, type Row, type TabSpec } from '../../core/index';
import { CchcError } from '../errors';
import { plainValue } from '../excel/cell-value';
import { writeWorkbookAtomic } from '../excel/atomic-write';
import { addTabSheet } from '../excel/tab-sheet';
import type { Store, Tables, WriteOutcome } from './store';

/** Maps a worksheet's header cells to column keys, so officials may reorder or add columns. */
function headerMap(ws: ExcelJS.Worksheet, tab: TabSpec): Map<string, number> {
  const byHeader = new Map(tab.columns.flatMap((c) => headerKeys(c, matchKey).map((k) => [k, c.key] as const)));
  const map = new Map<string, number>();
  ws.getRow(1).eachCell((cell, colNumber) => {
    const key = byHeader.get(matchKey(String(plainValue(cell.value) ?? '')));
    if (key && !map.has(key)) map.set(key, colNumber);
  });
  return map;
}

function toExcel(value: CellValue, isDate: boolean): ExcelJS.CellValue {
  if (value === null || value === '') return null;
  if (isDate && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return new Date(`${value}T00:00:00Z`);
  return value;
}

export class XlsxStore implements Store {
  readonly removesRows = true;
  constructor(readonly location: string) {}

  async exists(): Promise<boolean> {
    return access(this.location).then(
      () => true,
      () => false,
    );
  }

  async create(initial: Tables): Promise<string[]> {
    if (await this.exists()) {
      throw new CchcError(
        'STORE_EXISTS',
        `Sổ dữ liệu "${this.location}" đã có, không tạo lại để tránh mất dữ liệu. Dùng --store để chọn tệp khác.`,
      );
    }
    const workbook = new ExcelJS.Workbook();
    workbook.creator = 'cchc-sheets';
    for (const tab of TABS) addTabSheet(workbook, tab);
    this.fill(workbook, initial);
    await this.commit(workbook);
    return TABS.map((t) => t.name);
  }

  async read(): Promise<Tables> {
    const workbook = await this.load();
    const tables: Tables = {};
    for (const tab of TABS) {
      const ws = workbook.getWorksheet(tab.name);
      tables[tab.key] = ws ? readTab(ws, tab) : [];
    }
    return tables;
  }

  async write(tables: Tables): Promise<WriteOutcome> {
    const workbook = await this.load();
    this.fill(workbook, tables);
    await this.commit(workbook);
    return { conflicts: [], skipped: [] };
  }

  private fill(workbook: ExcelJS.Workbook, tables: Tables): void {
    for (const tab of TABS) {
      const rows = tables[tab.key];
      if (!rows) continue;
      const ws = workbook.getWorksheet(tab.name) ?? addTabSheet(workbook, tab);
      writeTab(ws, tab, rows);
    }
  }

  private async load(): Promise<ExcelJS.Workbook> {
    if (!(await this.exists())) {
      throw new CchcError(
        'STORE_MISSING',
        `Chưa có sổ dữ liệu "${this.location}". Chạy "cchc init" để tạo sổ mới.`,
      );
    }
    const workbook = new ExcelJS.Workbook();
    try {
      await workbook.xlsx.readFile(this.location);
    } catch {
      throw new CchcError(
        'STORE_UNREADABLE',
        `Không đọc được sổ dữ liệu "${this.location}" (tệp hỏng hoặc không phải .xlsx). Khôi phục từ bản sao "${this.location}.bak".`,
      );
    }
    return workbook;
  }

  private async commit(workbook: ExcelJS.Workbook): Promise<void> {
    await writeWorkbookAtomic(workbook, this.location, { backup: true });
  }

  /** Size in bytes, for benchmarks and messages. */
  async size(): Promise<number> {
    return (await stat(this.location)).size;
  }
}

function readTab(ws: ExcelJS.Worksheet, tab: TabSpec): Row[] {
  const columns = headerMap(ws, tab);
  const rows: Row[] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber <= tab.frozenRows) return;
    const out: Row = { [ROW_NUMBER]: rowNumber };
    let any = false;
    for (const c of tab.columns) {
      const colNumber = columns.get(c.key);
      const value = colNumber ? plainValue(row.getCell(colNumber).value) : null;
      if (value !== null && value !== '') any = true;
      out[c.key] = value;
    }
    if (any) rows.push(out);
  });
  return rows;
}

function writeTab(ws: ExcelJS.Worksheet, tab: TabSpec, rows: readonly Row[]): void {
  const columns = headerMap(ws, tab);
  // A tab whose header an official broke gets the layout's header back in place.
  for (const c of tab.columns) {
    if (columns.has(c.key)) continue;
    const colNumber = ws.getRow(1).cellCount + 1;
    ws.getRow(1).getCell(colNumber).value = c.header;
    columns.set(c.key, colNumber);
  }
  const first = tab.frozenRows + 1;
  rows.forEach((r, i) => {
    const row = ws.getRow(first + i);
    for (const c of tab.columns) row.getCell(columns.get(c.key)!).value = toExcel(r[c.key] ?? null, c.type === 'date');
  });
  // Rows the new data no longer fills are emptied (exceljs' spliceRows cannot remove trailing rows).
  for (let r = first + rows.length; r <= ws.rowCount; r++) {
    ws.getRow(r).eachCell({ includeEmpty: false }, (cell) => {
      cell.value = null;
    });
  }
}
