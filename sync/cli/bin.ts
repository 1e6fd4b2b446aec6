/** The `cchc` process: runs one command line and exits with its code. Built into dist/cli/cchc.mjs (scripts/build-cli.mjs). */
import process from 'node:process';
import { cleanUpOnSignals } from '../files/temp-files';
import { runCli } from './main';

// Ctrl-C (Windows' too) or a kill: the temp files this process made are removed, then it exits 130 (143 for SIGTERM).
cleanUpOnSignals((line) => process.stderr.write(`${line}\n`));

// Output piped into a reader that stops early (`cchc … | head`): stop quietly instead of a Node stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}
process.exitCode = await runCli(process.argv.slice(2));
