/** `cchc init`: creates a new local workbook laid out like the shared sheet. */
import type { Command } from 'commander';
import { CchcError, EXIT } from '../../errors';
import { initialTables } from '../../store/initial-tables';
import { openStore, type StoreOptions } from '../../store/open-store';
import { run, storeOption } from '../program';

export interface InitOptions extends StoreOptions {
  ward?: string;
  year?: string;
}

export async function initCommand(options: InitOptions): Promise<number> {
  const store = openStore(options);
  if (await store.exists()) {
    throw new CchcError(
      'STORE_EXISTS',
      `Sổ dữ liệu "${store.location}" đã có, không tạo lại để tránh mất dữ liệu. Dùng --store để chọn tệp khác.`,
    );
  }
  const overrides: Record<string, string> = {};
  if (options.ward) overrides['ward'] = options.ward;
  if (options.year) overrides['planYear'] = options.year;
  await store.create(initialTables(overrides));
  console.log(`Đã tạo sổ dữ liệu ${store.location} (các bảng: Nhiệm vụ, Kế hoạch, Đơn vị, Cài đặt).`);
  return EXIT.ok;
}

export function registerInit(program: Command): void {
  program
    .command('init')
    .description('Tạo sổ dữ liệu mới (create a new local workbook with every tab)')
    .addOption(storeOption())
    .option('--ward <name>', 'tên phường/xã (ward name)')
    .option('--year <year>', 'năm kế hoạch (plan year)')
    .action(async (opts: InitOptions) => {
      run.exitCode = await initCommand(opts);
    });
}
