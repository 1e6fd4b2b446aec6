/**
 * `cchc init`: creates a new local workbook laid out like the shared sheet, or
 * with `--sheet`, lays out the tabs an existing Google Sheet lacks (tabs it has
 * are left exactly as they are).
 */
import type { Command } from 'commander';
import { EXIT } from '../../errors';
import { initialTables } from '../../store/initial-tables';
import { openStore, sheetId, type StoreOptions } from '../../store/open-store';
import { sheetOption, storeOption } from '../options';
import { run } from '../outcome';

export interface InitOptions extends StoreOptions {
  ward?: string;
  year?: string;
}

export async function initCommand(options: InitOptions): Promise<number> {
  const store = openStore(options);
  const overrides: Record<string, string> = {};
  if (options.ward) overrides['ward'] = options.ward;
  if (options.year) overrides['planYear'] = options.year;
  const created = await store.create(initialTables(overrides));
  if (!sheetId(options)) console.log(`Đã tạo sổ dữ liệu ${store.location} (các trang: ${created.join(', ')}).`);
  else if (created.length === 0) console.log(`${store.location} đã có đủ các trang; không thay đổi gì.`);
  else console.log(`Đã tạo ${created.length} trang trên ${store.location}: ${created.join(', ')}. Các trang đã có được giữ nguyên.`);
  return EXIT.ok;
}

export function registerInit(program: Command): void {
  program
    .command('init')
    .description('Tạo sổ dữ liệu mới, hoặc các trang còn thiếu trên bảng tính Google')
    .addOption(storeOption())
    .addOption(sheetOption())
    .option('--ward <tên>', 'tên phường/xã')
    .option('--year <năm>', 'năm kế hoạch')
    .action(async (opts: InitOptions) => {
      run.exitCode = await initCommand(opts);
    });
}
