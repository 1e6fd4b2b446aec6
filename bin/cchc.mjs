#!/usr/bin/env node
// Runs the TypeScript CLI directly: tsx compiles on load, so there is no build step to forget.
import process from 'node:process';
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../sync/cli/main.ts');
process.exitCode = await runCli(process.argv.slice(2));
