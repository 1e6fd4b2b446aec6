/**
 * `cchc import-stats FILE.xlsx [--period 2026-Q1]`: takes the province procedure
 * system's statistics export into the "Số hóa" tab. Rows for the same period and
 * unit replace the old ones; others are added.
 */
import type { Command } from 'commander';
import { parsePeriod, PERIOD_FORMS, provinceStatsRows } from '../../../core/index';
import { readWorkbook } from '../../excel/read-workbook';
import { worksheetGrid } from '../../excel/worksheet-grid';
import { CchcError } from '../../errors';
import { openStore, type StoreOptions } from '../../store/open-store';
import { reportConflicts, run, sheetOption, storeOption } from '../program';

export interface ImportStatsOptions extends StoreOptions {
  period?: string;
}

export async function importStatsCommand(file: string, options: ImportStatsOptions): Promise<number> {
  if (options.period && !parsePeriod(options.period)) {
    throw new CchcError('PERIOD_INVALID', `Kỳ "${options.period}" không hợp lệ. Ghi ${PERIOD_FORMS}.`);
  }
  const workbook = await readWorkbook(file);
  const found = workbook.worksheets
    .map((ws) => provinceStatsRows(worksheetGrid(ws).map((r) => r.cells), options.period))
    .find((r) => r !== null);
  if (!found) {
    throw new CchcError(
      'HEADER_NOT_FOUND',
      `Không tìm thấy bảng số liệu trong "${file}". Bảng cần dòng tiêu đề có cột "Hồ sơ tiếp nhận" (hoặc "Tổng số hồ sơ tiếp nhận") và các cột trực tuyến, đúng hạn …`,
    );
  }
  const missingPeriod = found.rows.some((r) => !r['period']);
  if (missingPeriod) throw new CchcError('PERIOD_REQUIRED', 'Tệp không có cột "Kỳ". Ghi kỳ của số liệu bằng --period, ví dụ --period "Quý I/2026".');

  const store = openStore(options);
  const tables = await store.read();
  const key = (r: Record<string, unknown>) => `${String(r['period'] ?? '')}\u0000${String(r['unit'] ?? '')}`;
  const incoming = new Set(found.rows.map(key));
  const kept = (tables['digitisation'] ?? []).filter((r) => !incoming.has(key(r)));
  const outcome = await store.write({ digitisation: [...kept, ...found.rows] });
  console.log(`Đã nhập ${found.rows.length} dòng số liệu số hóa từ "${file}" (thay ${(tables['digitisation'] ?? []).length - kept.length} dòng cũ cùng kỳ, cùng đơn vị).`);
  return reportConflicts(outcome);
}

export function registerImportStats(program: Command): void {
  program
    .command('import-stats')
    .description('Nhập số liệu từ Hệ thống giải quyết TTHC của tỉnh (import the province statistics export into "Số hóa")')
    .argument('<file>', 'tệp .xlsx xuất từ hệ thống của tỉnh')
    .addOption(storeOption())
    .addOption(sheetOption())
    .option('--period <period>', 'kỳ của số liệu khi tệp không có cột "Kỳ", ví dụ "Quý I/2026"')
    .action(async (file: string, opts: ImportStatsOptions) => {
      run.exitCode = await importStatsCommand(file, opts);
    });
}
