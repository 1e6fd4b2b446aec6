/**
 * `npm run build:gas`: bundles the handlers and the core into apps-script/dist/Code.js
 * (one IIFE; Apps Script has no modules) and exposes each handler as a top-level
 * function so menus and triggers can name it. Vietnamese stays readable (UTF-8).
 */
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';

const root = fileURLToPath(new URL('.', import.meta.url));
const dist = `${root}dist`;
export const HANDLERS = [
  'onOpen',
  'onEdit',
  'cchcSetup',
  'cchcValidate',
  'cchcClearMarks',
  'cchcUpdateDeadlines',
  'cchcDashboard',
  'cchcReminders',
  'cchcEnableDailyReminders',
  'cchcDailyReminders',
  'cchcContinueReminders',
  'cchcIndex',
  'cchcSelectCell',
  'cchcImportPlan',
  'previewImport',
  'applyImport',
] as const;

/**
 * CommonJS packages the core imports that do nothing when loaded (saxes, the XML parser of the core's file reader):
 * esbuild keeps a CommonJS module it cannot prove pure, so without this the bundle carried 60 KB of parser that no
 * menu item called.
 */
function sideEffectFree(packages: readonly string[]): Plugin {
  const filter = new RegExp(`^(${packages.join('|')})$`);
  return {
    name: 'side-effect-free',
    setup(build) {
      build.onResolve({ filter }, async (args) => {
        // The resolution below comes back through this hook: let esbuild resolve that one itself.
        if (args.pluginData === 'inner') return undefined;
        const resolved = await build.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, pluginData: 'inner' });
        return { ...resolved, sideEffects: false };
      });
    },
  };
}

export async function buildBundle(): Promise<string> {
  const result = await build({
    entryPoints: [`${root}src/main.ts`],
    bundle: true,
    format: 'iife',
    globalName: 'CCHC',
    target: 'es2020',
    charset: 'utf8',
    write: false,
    legalComments: 'none',
    loader: { '.html': 'text' },
    plugins: [sideEffectFree(['saxes'])],
  });
  const wrappers = HANDLERS.map((name) => `function ${name}(a, b, c) { return CCHC.${name}(a, b, c); }`).join('\n');
  const code = `${result.outputFiles[0]!.text}\n${wrappers}\n`;
  await mkdir(dist, { recursive: true });
  await writeFile(`${dist}/Code.js`, code, 'utf8');
  await copyFile(`${root}appsscript.json`, `${dist}/appsscript.json`);
  return code;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const code = await buildBundle();
  console.log(`apps-script/dist/Code.js: ${(Buffer.byteLength(code) / 1024).toFixed(0)} KB`);
}
