/** The built CLI's exceljs (sync/excel/exceljs-bundled.cjs) is exceljs's own index, its streaming classes loaded on use. */
import { createRequire } from 'node:module';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);

describe('the bundled exceljs entry', () => {
  it('gives the same classes and enums as the package index', () => {
    const bundled = require('../../sync/excel/exceljs-bundled.cjs') as typeof ExcelJS;
    const index = require('exceljs') as typeof ExcelJS;
    expect(Object.keys(bundled).sort()).toEqual(Object.keys(index).sort());
    for (const key of Object.keys(index) as (keyof typeof ExcelJS)[]) {
      if (key !== 'stream') expect(bundled[key], key).toBe(index[key]);
    }
    expect(bundled.stream.xlsx.WorkbookReader).toBe(index.stream.xlsx.WorkbookReader);
    expect(bundled.stream.xlsx.WorkbookWriter).toBe(index.stream.xlsx.WorkbookWriter);
  });
});
