/**
 * `npm run bench`: runs every bench/*.bench.ts in turn. Benchmarks measure and
 * print figures (copy them into the README); tests, not benchmarks, assert.
 */
import { readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('.', import.meta.url));
const only = process.argv[2];
const files = (await readdir(dir)).filter((f) => f.endsWith('.bench.ts') && (!only || f.includes(only))).sort();
for (const file of files) {
  console.log(`\n== ${file}`);
  await import(`./${file}`);
}
