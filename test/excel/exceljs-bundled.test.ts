/**
 * The built CLI's exceljs (sync/excel/exceljs-bundled.cjs) is exceljs's own index less the streaming classes.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);

describe('the bundled exceljs entry', () => {
  it('gives the same classes and enums as the package index, without the streaming classes', () => {
    const bundled = require('../../sync/excel/exceljs-bundled.cjs') as Record<string, unknown>;
    const index = require('exceljs') as Record<string, unknown>;
    expect(Object.keys(bundled).sort()).toEqual(
      Object.keys(index)
        .filter((key) => key !== 'stream')
        .sort(),
    );
    for (const key of Object.keys(bundled)) expect(bundled[key], key).toBe(index[key]);
  });
});
