/**
 * `cchc sync pull|push`: moves the whole store between the local workbook and the shared sheet (the use-cases in
 * sheets/sheet-sync.ts, one core merge against what was last synced): a cell is overwritten only where the other side
 * still holds the synced value; where both changed it, it is listed as a conflict and left alone (exit 1).
 */
import { EXIT } from '../../errors';
import { syncPull, syncPush } from '../../sheets/sheet-sync';
import { localStorePath, type StoreOptions } from '../../store/store-options';
import { openSync } from '../shared/open-store';
import { reportConflicts } from '../shared/outcome';

export interface SyncOptions extends StoreOptions {
  out?: string;
  yes?: boolean;
}

function summary(kind: string, inserted: number, updated: number): string {
  return `${kind}: thêm ${inserted} dòng, cập nhật ${updated} ô.`;
}

export async function pullCommand(options: SyncOptions): Promise<number> {
  const sides = openSync(options, options.out ?? localStorePath(options));
  const [id, path] = [sides.sheet.spreadsheetId, sides.local.location];
  const pulled = await syncPull(sides, { yes: options.yes });
  if (pulled.created) {
    console.log(`Đã tải toàn bộ bảng tính ${id} về sổ mới ${path}.`);
    return EXIT.ok;
  }
  console.log(
    summary(`Đã tải bảng tính ${id} về ${path}`, pulled.inserted, pulled.updated) +
      (pulled.deleted ? ` Bỏ ${pulled.deleted} dòng đã bị xóa trên bảng tính.` : ''),
  );
  return reportConflicts(pulled.leftAlone);
}

export async function pushCommand(options: SyncOptions): Promise<number> {
  const sides = openSync(options);
  const pushed = await syncPush(sides, { yes: options.yes });
  console.log(
    summary(`Đã đẩy ${sides.local.location} lên bảng tính ${sides.sheet.spreadsheetId}`, pushed.inserted, pushed.updated) +
      ` (${pushed.requests} yêu cầu tới Google Sheets).`,
  );
  if (pushed.createdTabs.length > 0) console.log(`  Đã tạo trang: ${pushed.createdTabs.join(', ')}.`);
  return reportConflicts(pushed.leftAlone);
}
