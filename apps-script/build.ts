/**
 * `npm run build:gas`: bundles the handlers and the core into apps-script/dist/Code.js
 * (one IIFE; Apps Script has no modules) and exposes each handler as a top-level
 * function so menus and triggers can name it. Vietnamese stays readable (UTF-8).
 */
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
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
  'cchcExportAppendix',
  'cchcExportReport',
  'cchcExportData',
  'cchcSaveExport',
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
  await buildExportDialog();
  return code;
}

const WRITERS = '/*WRITERS*/';

/**
 * The export dialog (apps-script/dialog/): an HTML file of its own in the project, served by
 * HtmlService.createHtmlOutputFromFile('export-dialog'), carrying the command line's writers (exceljs, docx) for
 * the official's browser. Code.js, which every menu item, onOpen and onEdit load, stays without them.
 */
export async function buildExportDialog(): Promise<string> {
  const result = await build({
    entryPoints: [`${root}dialog/export-dialog.ts`],
    bundle: true,
    format: 'iife',
    globalName: 'CCHC_EXPORT',
    platform: 'browser',
    target: 'es2020',
    charset: 'utf8',
    minify: true,
    write: false,
    legalComments: 'none',
    // exceljs's own browser build without its polyfills (the dialog runs in a current browser): the same library
    // the command line runs, as its authors bundle it for browsers (its lib/ needs Node's streams).
    alias: { exceljs: 'exceljs/dist/exceljs.bare.min.js' },
  });
  const script = result.outputFiles[0]!.text;
  // Spliced into a <script> element: nothing in it may close the element.
  if (/<\/script/i.test(script)) throw new Error('export dialog: the bundled writers contain "</script"');
  const template = await readFile(`${root}dialog/export-dialog.html`, 'utf8');
  const at = template.indexOf(WRITERS);
  const html = template.slice(0, at) + script + template.slice(at + WRITERS.length);
  await mkdir(dist, { recursive: true });
  await writeFile(`${dist}/export-dialog.html`, html, 'utf8');
  return html;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const code = await buildBundle();
  console.log(`apps-script/dist/Code.js: ${(Buffer.byteLength(code) / 1024).toFixed(0)} KB`);
  const dialog = await readFile(`${dist}/export-dialog.html`);
  console.log(`apps-script/dist/export-dialog.html: ${(dialog.byteLength / 1024).toFixed(0)} KB`);
}
