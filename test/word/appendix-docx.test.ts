/** The Word appendix with the tracking columns: numbers and dates as an official reads them. */
import { describe, expect, it } from 'vitest';
import JSZip from 'jszip';
import { Packer } from 'docx';
import { catalogFromTables } from '../../core/index';
import { sampleTables } from '../../sync/samples/sample-tables';
import { appendixDocument } from '../../sync/word/appendix-docx';

describe('Word appendix --with-progress', () => {
  it('adds status, progress with a decimal comma, completion date dd/mm/yyyy and evidence', async () => {
    const catalog = catalogFromTables(await sampleTables());
    const plan = catalog.plans[0]!;
    const tasks = catalog.tasks.map((t) => t.item).filter((t) => t.plan === plan.code);
    const done = { ...tasks[0]!, status: 'Hoàn thành', progress: 62.5, completedOn: '2026-03-09', evidence: 'Quyết định số 12/QĐ-UBND' };
    const xml = await (
      await JSZip.loadAsync(await Packer.toBuffer(appendixDocument(plan, [done, ...tasks.slice(1)], { withProgress: true })))
    )
      .file('word/document.xml')!
      .async('string');
    const text = (xml.match(/<w:t[^>]*>[^<]*<\/w:t>/g) ?? []).map((t) => t.replace(/<[^>]+>/g, ''));
    for (const header of ['Trạng thái', 'Tiến độ (%)', 'Ngày hoàn thành', 'Minh chứng']) expect(text).toContain(header);
    expect(text).toContain('62,5');
    expect(text).toContain('09/03/2026');
    expect(text).toContain('Quyết định số 12/QĐ-UBND');
    expect(text).not.toContain('62.5');
  });
});
