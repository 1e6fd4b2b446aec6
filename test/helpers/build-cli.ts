/**
 * vitest's global set-up: builds the CLI (dist/cli/) from the sources under test, so the tests that run the real
 * `bin/cchc.mjs` in a child process run this code, not a build left from an earlier checkout.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export default function setup(): void {
  execFileSync(process.execPath, [fileURLToPath(new URL('../../scripts/build-cli.mjs', import.meta.url))], { stdio: 'inherit' });
}
