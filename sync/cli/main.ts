/**
 * The `cchc` command line. Exit codes: 0 ok, 1 data errors found, 2 unusable
 * input or usage. Officials read Vietnamese messages; each carries a stable code.
 * The commands are declared in program.ts, their work is in commands/. `runCli` builds a
 * fresh program per call, so tests run commands in-process exactly as the binary does.
 */
import { CommanderError } from 'commander';
import { CchcError, EXIT, foreignText, stopLine } from '../errors';
import { run } from './shared/outcome';
import { buildProgram } from './program';

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
    console.error(`Lỗi: ${stopLine(error.messageVi, error.code)}`);
    return EXIT.unusable;
  }
  // Not ours, so its text may quote anything (a request, its headers): secrets are taken out first.
  console.error(stopLine(`Lỗi không mong đợi: ${foreignText(error)}`, 'UNEXPECTED'));
  return EXIT.unusable;
}
