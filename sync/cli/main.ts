/**
 * The `cchc` command line. Exit codes: 0 ok, 1 data errors found, 2 unusable
 * input or usage. Officials read Vietnamese messages; each carries a stable code.
 */
import { Command, CommanderError, Option } from 'commander';
import { CchcError, EXIT } from '../errors';
import { DEFAULT_STORE_PATH } from '../store/open-store';
import { demoCommand } from './commands/demo';
import { initCommand } from './commands/init';
import { validateCommand } from './commands/validate';

const program = new Command('cchc')
  .description('cchc-sheets: theo dõi kế hoạch cải cách hành chính (CCHC) của phường/xã trên bảng tính.')
  .exitOverride()
  .showHelpAfterError();

const storeOption = (): Option =>
  new Option('--store <path>', `sổ dữ liệu .xlsx (workbook path; env CCHC_STORE, default ${DEFAULT_STORE_PATH})`);

let exitCode: number = EXIT.ok;

program
  .command('init')
  .description('Tạo sổ dữ liệu mới (create a new local workbook with every tab)')
  .addOption(storeOption())
  .option('--ward <name>', 'tên phường/xã (ward name)')
  .option('--year <year>', 'năm kế hoạch (plan year)')
  .action(async (opts) => {
    exitCode = await initCommand(opts);
  });

program
  .command('validate')
  .description('Kiểm tra dữ liệu nhiệm vụ (validate the catalog); exit 1 when errors are found')
  .addOption(storeOption())
  .option('--json', 'machine-readable output')
  .action(async (opts) => {
    exitCode = await validateCommand(opts);
  });

program
  .command('demo', { isDefault: true })
  .description('Chạy thử với dữ liệu mẫu (run on the bundled sample appendices)')
  .action(async () => {
    exitCode = await demoCommand();
  });

try {
  await program.parseAsync(process.argv);
} catch (error) {
  exitCode = handleError(error);
}
process.exitCode = exitCode;

function handleError(error: unknown): number {
  if (error instanceof CommanderError) {
    // --help and --version are not failures; everything else commander rejects is a usage error.
    return error.exitCode === 0 ? EXIT.ok : EXIT.unusable;
  }
  if (error instanceof CchcError) {
    console.error(`Lỗi: ${error.messageVi} [${error.code}]`);
    return error.exitCode;
  }
  console.error(`Lỗi không mong đợi: ${error instanceof Error ? error.message : String(error)} [UNEXPECTED]`);
  return EXIT.unusable;
}
