/**
 * Long tables written a slice of rows at a time (sync/word/long-tables.ts) give the document docx writes when it
 * builds the whole document at once: the same document part, byte for byte, links pointing where they did.
 */
import { Packer } from 'docx';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { catalogFromTables, periodReportOf, parsePeriod, type OfficialDocument } from '../../core/index';
import { sampleTables } from '../../sync/samples/sample-tables';
import { appendixDocument, appendixDocxBytes } from '../../sync/word/appendix-docx';
import { officialDocx, officialDocxBytes } from '../../sync/word/official-docx';
import { manyTasks } from '../fixtures/many-tasks';

/** The document part with each link's relationship id replaced by where it points, and the links' targets. */
function documentOf(bytes: Uint8Array): { document: string; links: string[] } {
  const parts = unzipSync(bytes);
  const rels = strFromU8(parts['word/_rels/document.xml.rels']!);
  const target = new Map(
    [...rels.matchAll(/<Relationship Id="([^"]+)" Type="[^"]*\/hyperlink" Target="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]),
  );
  const document = strFromU8(parts['word/document.xml']!).replace(/r:id="([^"]+)"/g, (whole, id: string) =>
    target.has(id) ? `r:id="${target.get(id)}"` : whole,
  );
  return { document, links: [...target.values()].sort() };
}

describe('long Word tables, a slice of rows at a time', () => {
  it('a 900-task appendix with merged leads and sections: the document docx writes whole', async () => {
    const tables = await sampleTables();
    const catalog = catalogFromTables({ ...tables, tasks: manyTasks(tables['tasks']!, 900) });
    const plan = catalog.plans[0]!;
    const tasks = catalog.tasks.map((t) => t.item);
    for (const withProgress of [false, true]) {
      const whole = await Packer.pack(appendixDocument(plan, tasks, { withProgress }), 'uint8array');
      const sliced = await appendixDocxBytes(plan, tasks, { withProgress });
      expect(documentOf(sliced).document).toBe(documentOf(whole).document);
      expect(documentOf(sliced).document.match(/<w:tr[\s>]/g)?.length).toBeGreaterThan(900);
    }
  });

  it('a report with long tables and links in their cells: the same document, each link where it pointed', async () => {
    const tables = await sampleTables();
    const { report } = periodReportOf(
      { ...tables, tasks: manyTasks(tables['tasks']!, 1500) },
      { period: parsePeriod('2026-H1')!, today: '2026-06-20' },
    );
    const rows = Array.from({ length: 900 }, (_, i) => ({
      cells: [
        { text: `Tiêu chí ${i + 1}` },
        i % 3 === 0 ? { text: `https://drive.example.vn/${i}`, link: `https://drive.example.vn/${i}` } : { text: '' },
      ],
      bold: i % 50 === 0,
    }));
    const doc: OfficialDocument = {
      ...report,
      body: [
        ...report.body,
        { kind: 'paragraph', parts: ['Minh chứng:'] },
        {
          kind: 'table',
          table: {
            title: 'Minh chứng',
            columns: [
              { header: 'Tiêu chí', width: 30 },
              { header: 'Liên kết', width: 50 },
            ],
            rows,
            empty: '',
          },
        },
      ],
    };
    const whole = documentOf(await Packer.pack(officialDocx(doc), 'uint8array'));
    const sliced = documentOf(await officialDocxBytes(doc));
    expect(sliced.document).toBe(whole.document);
    expect(sliced.links).toEqual(whole.links);
    expect(sliced.links).toHaveLength(300);
  });
});
