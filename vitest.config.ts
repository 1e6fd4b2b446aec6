import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

const env = process.env;

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/helpers/build-cli.ts', 'test/helpers/build-apps-script.ts'],
    exclude: [
      // The live test talks to a real Google Sheet: it runs only when one is named (see README).
      ...(env['CCHC_LIVE_SHEET_ID'] ? [] : ['test/sheets/live.test.ts']),
      // The reliability suite (kill -9 loops, races, faults: ~80 s) is `npm run test:reliability`, which CI runs too;
      // `npm test` stays the fast suite every session runs.
      ...(env['CCHC_RELIABILITY'] ? [] : ['test/reliability/**']),
      // The scale suite (`*.scale.test.ts`: 5,000- and 12,000-row sheets, 900-task documents, Apps Script's time limits
      // at 5,000 tasks) is `npm run test:scale`, which CI runs too.
      ...(env['CCHC_SCALE'] ? [] : ['test/**/*.scale.test.ts']),
    ],
    // One worker per core and one more: the suite waits on processes it spawns and on the test browser, and a third
    // worker fills those waits (on the 2-core machine, 168 s against 180–199 s with two, 2026-12-06). Test files
    // share a worker's module cache, so the core and the CLI are imported once per worker, not once per file.
    maxWorkers: availableParallelism() + 1,
    isolate: false,
    // A young generation of 64 MB instead of 16: the emulator's answers and the workbooks the tests build live long
    // enough to be copied by scavenge after scavenge (four sheets test files: 1,105 scavenges, 7.5 s, against 263,
    // 4.8 s, 2026-12-06).
    execArgv: ['--max-semi-space-size=64'],
    // One generous limit for every test and hook, set here only: a test that spawns processes or works at scale may
    // take several times its usual time on a slow PC busy with other work, and must not fail for it (speed is measured
    // in bench/, not asserted here); five minutes still ends a test that hangs.
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
