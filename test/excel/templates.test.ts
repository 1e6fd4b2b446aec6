import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { parseAppendix } from '../../core/index';
import { readAppendix } from '../helpers/appendix-reader';
import { TEMPLATES } from '../../sync/excel/templates';
import { workbookGrid } from '../helpers/workbook-grid';

const templates = (file: string) => fileURLToPath(new URL(`../../templates/${file}`, import.meta.url));

describe('templates/ (regenerate with npm run templates)', () => {
  it.each(TEMPLATES.map((t) => [t.file, t] as const))(
    '%s is committed, up to date, with instructions and dropdowns',
    async (file, spec) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(templates(file));
      const ws = wb.getWorksheet(spec.sheet)!;
      expect(ws.getRow(1).values).toEqual([undefined, ...spec.columns.map((c) => c.header)]);
      const guide = wb.getWorksheet('Hướng dẫn')!;
      expect(guide.getCell('A2').value).toBe(`1. ${spec.instructions[0]}`);
      const model = (ws as unknown as { dataValidations: { model: Record<string, { type: string }> } }).dataValidations.model;
      expect(Object.values(model).some((v) => v.type === 'list')).toBe(true);
    },
  );

  it('the blank appendix template is recognised by the importer', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(templates('phu-luc-nhiem-vu.xlsx'));
    const parsed = parseAppendix(await workbookGrid(wb, 'Phụ lục'));
    expect(parsed).not.toBeNull();
    expect([...parsed!.columns.keys()]).toEqual(
      expect.arrayContaining(['stt', 'title', 'target', 'lead', 'support', 'product', 'deadline']),
    );
    // The tracking columns, as the appendix export writes them, so a filled template records progress.
    expect([...parsed!.columns.keys()]).toEqual(expect.arrayContaining(['status', 'progress', 'completedOn', 'evidence', 'note']));
    expect(parsed!.tasks).toEqual([]);
  });

  it.each([
    ['phu-luc-phuc-thuan-2026.xlsx', 9],
    ['phu-luc-an-tuong-2026.xlsx', 46],
    ['phu-luc-nhi-chieu-2026.xlsx', 19],
  ])('sample %s imports with %i tasks', async (file, count) => {
    const a = await readAppendix(templates(`samples/${file}`));
    expect(a.tasks).toHaveLength(count);
  });
});
