/**
 * The house's floors, as the lint guards them (eslint.config.js): core/ is pure — it runs in Node and in Apps
 * Script's V8 — and the adapters never reach into each other (but for the browser dialog, which uses sync/'s
 * writers that need no Node). Type-checking the core on its own (no ambient
 * types) is `npm run typecheck`, and the lint of the code as it is `npm run lint` (both in CI, beside `npm test`);
 * this checks the guard itself can fail.
 */
import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const eslint = new ESLint({ cwd: root });
const rulesHit = async (path: string, text: string) =>
  (await eslint.lintText(text, { filePath: `${root}${path}` }))[0]!.messages.map((m) => m.ruleId);

describe('the floors of the house, guarded by the lint', () => {
  it('core/ takes no Node module, no Node or Apps Script global, nothing from sync/ or apps-script/', async () => {
    expect(await rulesHit('core/__stray__.ts', "import { readFile } from 'node:fs/promises';\nexport const r = readFile;\n")).toContain(
      'no-restricted-imports',
    );
    expect(await rulesHit('core/__stray__.ts', 'export const a = process.env.X;\nexport const b = SpreadsheetApp;\n')).toEqual([
      'no-restricted-globals',
      'no-restricted-globals',
    ]);
    expect(await rulesHit('core/metrics/__stray__.ts', "export { openStore } from '../../sync/cli/shared/open-store';\n")).toContain(
      'no-restricted-imports',
    );
  });

  it('apps-script/ and sync/ never import each other', async () => {
    expect(await rulesHit('apps-script/src/__stray__.ts', "export { openStore } from '../../sync/cli/shared/open-store';\n")).toContain(
      'no-restricted-imports',
    );
    expect(await rulesHit('sync/__stray__.ts', "export { onEdit } from '../apps-script/src/on-edit';\n")).toContain(
      'no-restricted-imports',
    );
  });

  it('folders form a tree: no import from a folder to one on its own floor or above', async () => {
    expect(await rulesHit('core/text/__stray__.ts', "export { decodeRows } from '../layout/codec';\n")).toEqual(['house/folder-order']);
    expect(await rulesHit('core/merge/__stray__.ts', "export { catalogFromTables } from '../catalog/catalog';\n")).toEqual([
      'house/folder-order',
    ]);
    expect(await rulesHit('sync/store/__stray__.ts', "export { sheetsStore } from '../sheets/sheets-store';\n")).toEqual([
      'house/folder-order',
    ]);
    expect(await rulesHit('sync/cli/commands/__stray__.ts', "export { runCli } from '../main';\n")).toEqual(['house/folder-order']);
    expect(await rulesHit('sync/cli/commands/__stray__.ts', "export { todayOf } from '../shared/options';\n")).toEqual([]);
  });

  it('sync/ reads the environment only through sync/environment.ts', async () => {
    expect(await rulesHit('sync/sheets/__stray__.ts', "export const wait = process.env['CCHC_LOCK_WAIT_MS'];\n")).toEqual([
      'no-restricted-properties',
    ]);
  });
});
