/**
 * Every `cchc` command as an official types it: names, arguments, options and their Vietnamese help. What a command
 * does lives in commands/ and is loaded only when that command runs, so `cchc --help` and the light commands never
 * load exceljs, docx, the Sheets client or zod (one chunk each in the built CLI).
 */
import { Command } from 'commander';
import type { ImportOptions } from './commands/import';
import {
  calendarOption,
  DEFAULT_READS_PER_MINUTE,
  periodOption,
  positive,
  sheetOption,
  storeOption,
  withStoreOptions,
  todayOption,
  withPeriodOptions,
} from './shared/options';
import { setVersionCommand } from '../files/versions';
import { run } from './shared/outcome';
import { speakVietnamese } from './usage-vi';

/**
 * A command's action: its work (commands/) loaded only when it runs, called with the command's arguments and options
 * (commander adds the command itself last, which no work needs), its exit code kept for the process.
 */
const runs =
  <A extends unknown[]>(load: () => Promise<(...args: A) => Promise<number>>) =>
  async (...args: unknown[]): Promise<void> => {
    run.exitCode = await (await load())(...(args.slice(0, -1) as A));
  };

const JSON_HELP = 'in kết quả dạng JSON (cho phần mềm khác)';
const FORCE_HELP = 'thay tệp --out đã có (bản cũ giữ thành .bak)';

export function buildProgram(): Command {
  const program = new Command('cchc').description(
    'cchc-sheets: theo dõi kế hoạch cải cách hành chính (CCHC) của phường/xã trên bảng tính.',
  );
  // Before any command is added: subcommands inherit the help, output and exit settings.
  speakVietnamese(program);
  // The command a store write is made by, named in the store's list of versions ("import", "sync-pull").
  program.hook('preAction', (_program, action) => {
    const words: string[] = [];
    for (let c: Command | null = action; c && c !== program; c = c.parent) words.unshift(c.name());
    setVersionCommand(words);
  });

  withStoreOptions(program.command('init').description('Tạo sổ dữ liệu mới, hoặc các trang còn thiếu trên bảng tính Google'))
    .option('--ward <tên>', 'tên phường/xã')
    .option('--year <năm>', 'năm kế hoạch')
    .action(runs(async () => (await import('./commands/init')).initCommand));

  withStoreOptions(
    program
      .command('validate')
      .description('Kiểm tra dữ liệu mọi trang: nhiệm vụ, hội nghị, văn bản, số hóa, cài đặt, chỉ tiêu; mã thoát 1 khi có lỗi'),
  )
    .option('--json', JSON_HELP)
    .action(runs(async () => (await import('./commands/validate')).validateCommand));

  /** The one import, under each name officials know it by: a file, the store options, and what that name implies. */
  const importing = (name: string, description: string, fileHelp: string, implied: Partial<ImportOptions> = {}): Command =>
    withStoreOptions(program.command(name).description(description).argument('<tệp>', fileHelp)).action(
      runs(async () => {
        const { importCommand } = await import('./commands/import');
        return (file: string, opts: ImportOptions) => importCommand(file, { ...opts, ...implied });
      }),
    );

  importing(
    'import',
    'Nhập một biểu mẫu (.xlsx, .csv) hoặc kế hoạch Word (.docx): phụ lục nhiệm vụ, sổ hội nghị, số liệu văn bản, số liệu số hóa, bộ tiêu chí Chỉ số CCHC',
    'tệp .xlsx, .csv hoặc .docx',
  )
    .option('--plan <số>', 'số kế hoạch khi phụ lục không ghi, ví dụ 158/KH-UBND')
    .option('--period <kỳ>', 'kỳ của các dòng không ghi "Kỳ", ví dụ "Quý I/2026"')
    .option('--replace', 'thay giá trị trong sổ bằng giá trị trong tệp')
    .option('--dry-run', 'chỉ đọc và kiểm tra, không ghi')
    .option('--json', JSON_HELP);

  // Under the name wards know for the province system's export.
  importing(
    'import-stats',
    'Nhập số liệu từ Hệ thống giải quyết TTHC của tỉnh vào trang "Số hóa" (như cchc import)',
    'tệp .xlsx hoặc .csv xuất từ hệ thống của tỉnh',
  ).option('--period <kỳ>', 'kỳ của số liệu khi tệp không có cột "Kỳ", ví dụ "Quý I/2026"');

  program
    .command('export')
    .description('Xuất phụ lục nhiệm vụ ra Excel hoặc Word theo mẫu')
    .option('--out <tệp>', 'tệp .xlsx hoặc .docx cần ghi (mặc định: phu-luc-<số kế hoạch>.xlsx)')
    .option('--force', FORCE_HELP)
    .addOption(storeOption())
    .addOption(sheetOption())
    .option('--plan <số>', 'số kế hoạch (bắt buộc khi sổ có nhiều kế hoạch)')
    .option('--with-progress', 'thêm cột trạng thái, tiến độ, ngày hoàn thành, minh chứng')
    .action(runs(async () => (await import('./commands/export')).exportCommand));

  withPeriodOptions(program.command('metrics').description('Tính chỉ số theo kỳ: hội nghị, văn bản, số hóa, tiến độ nhiệm vụ'))
    .option('--json', JSON_HELP)
    .action(runs(async () => (await import('./commands/metrics')).metricsCommand));

  withStoreOptions(program.command('remind').description('Xem trước nhắc việc: nhiệm vụ quá hạn, sắp đến hạn của từng đơn vị chủ trì'))
    .addOption(todayOption())
    .option('--json', JSON_HELP)
    .action(runs(async () => (await import('./commands/remind')).remindCommand));

  withPeriodOptions(program.command('report').description('Lập báo cáo định kỳ ra Excel hoặc Word'))
    .option('--out <tệp>', 'tệp .xlsx (Excel) hoặc .docx (Word) cần ghi (mặc định: bao-cao-<kỳ>.xlsx)')
    .option('--force', FORCE_HELP)
    .action(runs(async () => (await import('./commands/report')).reportCommand));

  // No --unit: the self-assessment is the ward's as a whole (its totals per unit are in the output).
  withStoreOptions(program.command('index').description('Tự chấm điểm Chỉ số CCHC'))
    .addOption(periodOption())
    .addOption(calendarOption())
    .addOption(todayOption())
    .option('--out <tệp>', 'xuất biểu tự chấm điểm (.xlsx) hoặc báo cáo tự chấm điểm (.docx)')
    .option('--force', FORCE_HELP)
    .option('--json', JSON_HELP)
    .action(runs(async () => (await import('./commands/par-index')).indexCommand));

  importing(
    'index-import',
    'Nhập bộ tiêu chí, bảng phân công, biểu tự chấm Chỉ số CCHC (.xlsx, .csv hoặc Word .docx) vào trang "Chỉ số CCHC"',
    'tệp .xlsx, .csv hoặc .docx',
    { criteria: true },
  );

  const sync = program.command('sync').description('Đồng bộ sổ cục bộ với bảng tính Google dùng chung');
  sync
    .command('pull')
    .description('Tải bảng tính về sổ cục bộ')
    .addOption(sheetOption())
    .addOption(storeOption())
    .option('--out <tệp>', 'sổ .xlsx nhận dữ liệu (mặc định: sổ của --store)')
    .option('--yes', 'đồng ý xóa trong sổ cục bộ nhiều dòng, hoặc cột trống hết, theo bảng tính')
    .action(runs(async () => (await import('./commands/sync')).pullCommand));
  sync
    .command('push')
    .description('Đẩy sổ cục bộ lên bảng tính, không ghi đè sửa đổi của cán bộ')
    .addOption(sheetOption())
    .addOption(storeOption())
    .option('--yes', 'đồng ý đẩy lên cả cột đã bị xóa trống hết trong sổ cục bộ')
    .action(runs(async () => (await import('./commands/sync')).pushCommand));
  sync
    .command('resolve')
    .description('Xem và giải quyết xung đột đồng bộ')
    .addOption(sheetOption())
    .addOption(storeOption())
    .option('--keep <bên>', 'giữ bên nào: "sheet" (bảng tính) hoặc "local" (sổ cục bộ)')
    .option('--all', 'giải quyết tất cả xung đột')
    .option('--cell <STT...>', 'số thứ tự hoặc mã xung đột (ví dụ 1,3 hoặc tasks:NV-…:note)')
    .action(runs(async () => (await import('./commands/sync-resolve')).resolveCommand));

  program
    .command('rollup')
    .description('Tổng hợp, so sánh chỉ số của nhiều phường, xã từ bảng tính Google')
    .requiredOption('--sheets <tệp>', 'tệp danh sách mã bảng tính, mỗi dòng một mã (kèm tên phường/xã nếu muốn)')
    .option('--out <tệp>', 'tệp .xlsx cần ghi (mặc định: tong-hop-<kỳ>.xlsx)')
    .option('--force', FORCE_HELP)
    .addOption(periodOption())
    .addOption(calendarOption())
    .addOption(todayOption())
    .option('--concurrency <số>', 'số bảng tính đọc cùng lúc', positive, 4)
    .option('--per-minute <số>', 'tối đa số lượt đọc mỗi phút (hạn mức của Google)', positive, DEFAULT_READS_PER_MINUTE)
    .action(runs(async () => (await import('./commands/rollup')).rollupCommand));

  program
    .command('auth')
    .description('Đăng nhập Google')
    .command('login')
    .description(
      'Đăng nhập một lần bằng tài khoản Google qua ứng dụng OAuth "Desktop app"; mã truy cập được lưu trong tệp chỉ người dùng đó đọc được',
    )
    .option('--client <tệp>', 'tệp JSON của ứng dụng OAuth Desktop (hoặc biến môi trường CCHC_GOOGLE_KEY_FILE)')
    .action(runs(async () => (await import('./commands/auth')).loginCommand));

  program
    .command('restore')
    .description(
      'Khôi phục sổ dữ liệu về một bản lưu trước (ví dụ trước một lần nhập nhầm): không ghi số để xem các bản, ghi số để khôi phục bản đó',
    )
    .argument('[số]', 'số của bản lưu trong danh sách (1: bản gần nhất)')
    .addOption(storeOption())
    .action(runs(async () => (await import('./commands/restore')).restoreCommand));

  program
    .command('demo')
    .description('Chạy thử với dữ liệu mẫu (ba phụ lục năm 2026 kèm theo)')
    .action(runs(async () => (await import('./commands/demo')).demoCommand));
  return program;
}
