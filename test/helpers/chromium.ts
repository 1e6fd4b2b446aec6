/**
 * Headless Chromium for tests that render HTML: the system browser when there is one (CHROMIUM_PATH, Debian's
 * /usr/bin/chromium), otherwise the build shipped inside the `@sparticuz/chromium` devDependency, so `npm test` needs
 * nothing but Node and npm.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

const SYSTEM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
const QUIET_ARGS = ['--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** A program that can run: an executable regular file (a path masked by /dev/null or a folder is not one). */
function isExecutableFile(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

export async function launchChromium(): Promise<Browser> {
  const system = [process.env['CHROMIUM_PATH'], ...SYSTEM_CANDIDATES].find((p): p is string => !!p && isExecutableFile(p));
  if (system) return chromium.launch({ executablePath: system, args: ['--no-sandbox', ...QUIET_ARGS] });
  // The package keeps a brotli-compressed build and unpacks it to the OS temp folder on first use.
  const { default: packaged } = await import('@sparticuz/chromium');
  // Its defaults are for one-shot serverless runs: in --single-process, closing a test's page ends the whole browser.
  const args = packaged.args.filter((a) => a !== '--single-process');
  return chromium.launch({ executablePath: await packaged.executablePath(), args: [...args, ...QUIET_ARGS] });
}
