#!/usr/bin/env node
// Runs the TypeScript CLI directly: tsx compiles on load, so there is no build step to forget.
import process from 'node:process';
import { register } from 'tsx/esm/api';

register();
// Output piped into a reader that stops early (`cchc … | head`): stop quietly instead of a Node stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}
const { runCli } = await import('../sync/cli/main.ts');
process.exitCode = await runCli(process.argv.slice(2));
