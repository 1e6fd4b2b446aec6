/**
 * The `cchc` command line. Exit codes: 0 ok, 1 data errors found, 2 unusable
 * input or usage. Officials read Vietnamese messages; each carries a stable code.
 * Each command lives in commands/ and registers itself here. `runCli` builds a
 * fresh program per call, so tests run commands in-process exactly as the binary does.
 */
import { Command, CommanderError } from 'commander';
import { CchcError, EXIT } from '../errors';
import { registerAuth } from './commands/auth';
import { registerDemo } from './commands/demo';
import { registerExport } from './commands/export';
import { registerImport } from './commands/import';
import { registerImportStats } from './commands/import-stats';
import { registerMetrics } from './commands/metrics';
import { registerIndexImport } from './commands/index-import';
import { registerIndex } from './commands/par-index';
import { registerReport } from './commands/report';
import { registerInit } from './commands/init';
import { registerRollup } from './commands/rollup';
import { registerSync } from './commands/sync';
import { registerValidate } from './commands/validate';
import { run } from './outcome';
import { speakVietnamese } from './usage-vi';

export function buildProgram(): Command {
  const program = new Command('cchc').description(
    'cchc-sheets: theo dõi kế hoạch cải cách hành chính (CCHC) của phường/xã trên bảng tính.',
  );
  // Before any command is added: subcommands inherit the help, output and exit settings.
  speakVietnamese(program);
  registerInit(program);
  registerValidate(program);
  registerImport(program);
  registerImportStats(program);
  registerExport(program);
  registerMetrics(program);
  registerReport(program);
  registerIndex(program);
  registerIndexImport(program);
  registerSync(program);
  registerRollup(program);
  registerAuth(program);
  registerDemo(program);
  return program;
}

/** Runs one command line (without the node and script arguments) and returns its exit code. */
export async function runCli(args: readonly string[]): Promise<number> {
  run.exitCode = EXIT.ok;
  // A bare `cchc` shows what it can do rather than guessing a command.
  const argv = args.length === 0 ? ['--help'] : [...args];
  try {
    await buildProgram().parseAsync(argv, { from: 'user' });
    return run.exitCode;
  } catch (error) {
    return handleError(error);
  }
}

function handleError(error: unknown): number {
  if (error instanceof CommanderError) {
    // --help is not a failure; the usage error itself was printed through the Vietnamese output hook.
    return error.exitCode === 0 ? EXIT.ok : EXIT.unusable;
  }
  if (error instanceof CchcError) {
    console.error(`Lỗi: ${error.messageVi} [${error.code}]`);
    return error.exitCode;
  }
  console.error(`Lỗi không mong đợi: ${error instanceof Error ? error.message : String(error)} [UNEXPECTED]`);
  return EXIT.unusable;
}
