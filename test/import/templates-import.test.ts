import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { planImport, type ImportReady } from '../../core/index';
import { readGrids } from '../../sync/excel/read-grids';
import { TEMPLATES } from '../../sync/excel/templates';

const template = (file: string) => fileURLToPath(new URL(`../../templates/${file}`, import.meta.url));

const KIND: Record<string, string> = {
  'phu-luc-nhiem-vu.xlsx': 'appendix',
  'so-hoi-nghi.xlsx': 'meetings',
  'bieu-chi-so-cchc.xlsx': 'criteria',
  'so-van-ban.xlsx': 'documents',
  'so-lieu-so-hoa.xlsx': 'digitisation',
  'so-lieu-chi-tieu-khac.xlsx': 'outcomes',
};

describe('cchc import recognises every template the project ships, by its header', () => {
  it('covers every template', () => {
    expect(TEMPLATES.map((t) => t.file).sort()).toEqual(Object.keys(KIND).sort());
  });

  it.each(TEMPLATES.map((t) => [t.file] as const))('%s', async (file) => {
    const plan = planImport({ file, sheets: await readGrids(template(file)), tables: {}, plan: 'X/KH' });
    expect(plan.ok).toBe(true);
    expect((plan as ImportReady).kind).toBe(KIND[file]);
  });
});
