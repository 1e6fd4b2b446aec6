#!/usr/bin/env node
// The `cchc` command: the built CLI (plain JavaScript, made by `npm run build`, which `npm ci` runs).
import process from 'node:process';

try {
  await import('../dist/cli/cchc.mjs');
} catch (error) {
  if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !String(error.message).includes('dist')) throw error;
  process.stderr.write(
    'Lỗi: Chương trình chưa được dựng. Chạy "npm run build" (hoặc "npm ci") trong thư mục cchc-sheets rồi chạy lại. [NOT_BUILT]\n',
  );
  process.exitCode = 2;
}
