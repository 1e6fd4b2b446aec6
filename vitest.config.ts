import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The live test talks to a real Google Sheet: it runs only when one is named (see README), so `npm test`
    // on a fresh machine runs every test it collects and skips none.
    exclude: process.env['CCHC_LIVE_SHEET_ID'] ? [] : ['test/sheets/live.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
