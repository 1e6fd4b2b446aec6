/**
 * vitest's global set-up: builds the Apps Script bundle (apps-script/dist/: Code.js and the export dialog) once from
 * the sources under test. The menu's tests load that built Code.js (`builtBundle` in test/apps-script/gas.ts), as
 * `clasp push` would send it, instead of each file bundling it again.
 */
import { buildBundle } from '../../apps-script/build';

export default async function setup(): Promise<void> {
  await buildBundle();
}
