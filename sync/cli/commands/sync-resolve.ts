/**
 * `cchc sync resolve`: lists the conflicts between the local workbook and the
 * shared sheet (cells both changed differently since the last sync, rows one side
 * deleted while the other changed them) and settles them per conflict or all at
 * once, keeping the sheet's value or the local one (the use-case: syncResolve in
 * sheets/sheet-sync.ts). The next push or pull is then clean. Nothing is written
 * unless every conflict named was found.
 */
import { conflictRef, describeOpenConflict, type SyncSide } from '../../../core/index';
import { CchcError, EXIT } from '../../errors';
import { syncResolve, type ResolveChoice } from '../../sheets/sheet-sync';
import type { StoreOptions } from '../../store/store-options';
import { openSync } from '../shared/open-store';

export interface ResolveOptions extends StoreOptions {
  keep?: string;
  all?: boolean;
  /** One value or several, as the option parser hands them over. */
  cell?: string | string[];
}

function keepSide(options: ResolveOptions): SyncSide | null {
  if (options.keep === undefined) {
    if (options.all || options.cell) {
      throw new CchcError(
        'KEEP_REQUIRED',
        'Chọn bên giữ lại: --keep sheet (giữ giá trị trên bảng tính) hoặc --keep local (giữ giá trị trong sổ cục bộ).',
      );
    }
    return null;
  }
  if (options.keep !== 'sheet' && options.keep !== 'local') {
    throw new CchcError('KEEP_INVALID', `"--keep ${options.keep}" không hợp lệ. Ghi --keep sheet hoặc --keep local.`);
  }
  if (!options.all && !options.cell) {
    throw new CchcError(
      'RESOLVE_WHAT',
      'Chọn xung đột cần giải quyết: --all (tất cả) hoặc --cell SỐ (số thứ tự trong danh sách, hoặc mã như tasks:NV-…:note).',
    );
  }
  return options.keep;
}

/** What the official chose: a side and the conflicts (--all, or --cell given once or more, each a comma list). */
function choiceOf(options: ResolveOptions): ResolveChoice | null {
  const keep = keepSide(options);
  if (keep === null) return null;
  const names = ([] as string[])
    .concat(options.cell ?? [])
    .flatMap((c) => c.split(','))
    .map((c) => c.trim())
    .filter((c) => c !== '');
  return { keep, all: options.all, names };
}

export async function resolveCommand(options: ResolveOptions): Promise<number> {
  const sides = openSync(options);
  const choice = choiceOf(options);
  const [id, path] = [sides.sheet.spreadsheetId, sides.local.location];
  const { conflicts, settled } = await syncResolve(sides, choice);
  if (conflicts.length === 0) {
    console.log(`Không có xung đột giữa ${path} và bảng tính ${id}.`);
    return EXIT.ok;
  }
  if (choice === null || settled === null) {
    console.log(`${conflicts.length} xung đột giữa ${path} và bảng tính ${id}:`);
    conflicts.forEach((c, i) => console.log(`  ${i + 1}. [${conflictRef(c)}] ${describeOpenConflict(c)}`));
    console.log('Giải quyết: cchc sync resolve --keep sheet|local --all, hoặc --cell SỐ (ví dụ --cell 1,3).');
    return EXIT.dataErrors;
  }
  const kept = choice.keep === 'sheet' ? 'giá trị trên bảng tính' : 'giá trị trong sổ cục bộ';
  for (const c of settled) console.log(`  Đã giải quyết [${conflictRef(c)}]: giữ ${kept}.`);
  console.log(
    `Đã giải quyết ${settled.length}/${conflicts.length} xung đột.` +
      (choice.keep === 'local'
        ? ' Chạy "cchc sync push" để ghi giá trị trong sổ cục bộ lên bảng tính.'
        : ` Sổ cục bộ ${path} đã lấy giá trị trên bảng tính.`),
  );
  return settled.length === conflicts.length ? EXIT.ok : EXIT.dataErrors;
}
