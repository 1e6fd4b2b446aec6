// Run by startup.bench.ts: loads every module of the built CLI, then times one command's work (its first run, cold
// like in a new process, but with nothing left to load) and prints the milliseconds.
import { readdir } from 'node:fs/promises';
import process from 'node:process';
import { fileURLToPath, pathToFileURL } from 'node:url';

const dist = fileURLToPath(new URL('../dist/cli/', import.meta.url));
for (const name of await readdir(dist)) {
  if (name.endsWith('.mjs') && name !== 'cchc.mjs') await import(pathToFileURL(dist + name).href);
}
const { runCli } = await import(pathToFileURL(`${dist}main.mjs`).href);
const write = process.stdout.write.bind(process.stdout);
console.log = console.error = () => undefined;
process.stdout.write = process.stderr.write = () => true;
const start = performance.now();
await runCli(process.argv.slice(2));
write(`${performance.now() - start}\n`);
