// Builds the `cchc` command line into plain JavaScript (dist/cli/), so it starts without compiling TypeScript and
// runs wherever Node 20 does, Windows included (tsx's esbuild binary cannot run there). Runs on `npm ci` (prepare).
// Each command's work is a chunk of its own, loaded when that command runs (see sync/cli/program.ts). Packages are
// bundled too: the built CLI needs no node_modules, so `npm pack` gives officials' PCs one self-contained package.
// dist/cli/ sits two folders deep, like sync/cli/, so `new URL('../../templates/…', import.meta.url)` finds the
// same files from the sources and from the build.
import { build } from 'esbuild';
import { rename, rm } from 'node:fs/promises';
import { fileURLToPath, URL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = `${root}dist/cli`;

/** `exceljs` itself, for the project's sources: sync/excel/exceljs-bundled.cjs, its index without the streaming classes. */
const exceljsOnUse = {
  name: 'exceljs-on-use',
  setup(build) {
    build.onResolve({ filter: /^exceljs$/ }, () => ({ path: `${root}sync/excel/exceljs-bundled.cjs` }));
  },
};

// Built beside, then swapped in: a command running meanwhile (tests run the binary while another run builds) finds
// a whole build, and chunk names carry their content's hash, so the same sources give the same files.
const fresh = `${outdir}-${process.pid}`;
await build({
  // cchc: the process; main: runCli alone, for the start-up benchmark to time a command's own work in-process.
  entryPoints: { cchc: `${root}sync/cli/bin.ts`, main: `${root}sync/cli/main.ts` },
  outdir: fresh,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  chunkNames: '[name]-[hash]',
  // Bundled CommonJS packages call require() for Node's own modules; an ES module has none, so one is made.
  banner: { js: "import { createRequire as __cchcRequire } from 'node:module'; const require = __cchcRequire(import.meta.url);" },
  legalComments: 'eof',
  minify: true,
  plugins: [exceljsOnUse],
  logLevel: 'warning',
});
const old = `${outdir}-old-${process.pid}`;
await rename(outdir, old).catch((error) => {
  if (error.code !== 'ENOENT') throw error;
});
await rename(fresh, outdir);
await rm(old, { recursive: true, force: true });
