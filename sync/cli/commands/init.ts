/**
 * `cchc init`: creates a new local workbook laid out like the shared sheet, or
 * with `--sheet`, lays out the tabs an existing Google Sheet lacks (tabs it has
 * are left exactly as they are).
 */
import { settingSpec, settingValueOk, SETTING_FORMS } from '../../../core/index';
import { CchcError, EXIT } from '../../errors';
import { initialTables } from '../../store/initial-tables';
import { openStore } from '../shared/open-store';
import { sheetId, type StoreOptions } from '../../store/store-options';

export interface InitOptions extends StoreOptions {
  ward?: string;
  year?: string;
}

export async function initCommand(options: InitOptions): Promise<number> {
  // Checked before anything is made: "--year 26" would make a store whose every deadline reads in year 26.
  if (options.year !== undefined && !settingValueOk(settingSpec('planYear')!, options.year, 0)) {
    throw new CchcError('YEAR_INVALID', `Năm "${options.year}" không hợp lệ. Ghi ${SETTING_FORMS.year}.`);
  }
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
