/**
 * Reading a plan's appendix straight from Word. The files are built here from the
 * seed plans' text in every shape Word writes; expected values come from that text
 * (test/fixtures/appendix-docx.ts `seedTable`), never from the reader.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AppendixTask } from '../../core/index';
import { readAppendix } from '../helpers/appendix-reader';
import {
  del,
  docxFile,
  field,
  headingTable,
  hyperlink,
  ins,
  pageBreak,
  paragraph,
  run,
  seedHeading,
  seedTable,
  signatureTable,
  simpleField,
  table,
  wordPlanFromSeed,
  type RowSpec,
  type WordPlanOptions,
} from '../fixtures/appendix-docx';
import { useTempDir } from '../helpers/tmp';

const tempDir = useTempDir();

async function saved(buffer: Buffer | Promise<Buffer>, name = 'KE-HOACH.docx'): Promise<string> {
  const path = join(await tempDir(), name);
  await writeFile(path, await buffer);
  return path;
}

async function plan(seed: string, heading: string, opts: WordPlanOptions) {
  return readAppendix(await saved(wordPlanFromSeed(seed, heading, opts)));
}

/** Seed column → appendix field, per seed (their headers differ). */
const NHI_CHIEU = { title: 1, lead: 2, support: 3, product: 4, deadline: 5 } as const;
const AN_TUONG = { title: 1, lead: 2, support: 3, product: 4, deadline: 5 } as const;
const PHUC_THUAN = { title: 1, lead: 2, support: 3, deadline: 4 } as const;

function expected(seed: string, columns: Record<string, number>, paragraphs = false) {
  const asLines = (t: string) => (paragraphs ? t.split('; ').join(';\n') : t);
  return seedTable(seed).tasks.map((t) => ({
    stt: t.stt,
    section: t.section,
    ...Object.fromEntries(Object.entries(columns).map(([f, c]) => [f, asLines(t.cells[c]!)])),
  }));
}

const pick = (tasks: readonly AppendixTask[], keys: readonly string[]) =>
  tasks.map((t) => Object.fromEntries(keys.map((k) => [k, t[k as keyof AppendixTask]])));

describe('Word plans: the appendix table found among the layout tables', () => {
  it('Nhị Chiểu: leads, coordinators and deadlines merged over runs of tasks apply to every task; paragraphs kept as lines', async () => {
    const a = await plan('nhi-chieu-appendix.tsv', 'nhi-chieu', { headers: 'marked', mergeColumns: [2, 3, 5], paragraphs: true });
    const want = expected('nhi-chieu-appendix.tsv', NHI_CHIEU, true);
    expect(want).toHaveLength(19);
    expect(pick(a.tasks, Object.keys(want[0]!))).toEqual(want);
    // Tasks 13–19 share one lead written once (merged down seven rows) in the seed's run.
    expect(new Set(a.tasks.slice(12).map((t) => t.lead))).toEqual(new Set(['Phòng VHXXH']));
    // The heading, signature and appendix tables: the third is the appendix.
    expect(a.sheet).toBe('Bảng 3');
    expect(a).toMatchObject({ planCode: '158/KH-UBND', planDate: '2026-05-05', planYear: 2026, ward: 'Nhị Chiểu' });
    expect(a.titleLines).toEqual(seedTable('nhi-chieu-appendix.tsv').titles);
  });

  it('An Tường: header repeated by hand as real rows, section numbers beside a title spanning the rest; a draft has no number', async () => {
    const a = await plan('an-tuong-appendix.tsv', 'an-tuong', { headers: 'byHand', sections: 'rest', mergeColumns: [3] });
    const want = expected('an-tuong-appendix.tsv', AN_TUONG);
    expect(want).toHaveLength(46);
    expect(pick(a.tasks, Object.keys(want[0]!))).toEqual(want);
    const sections = seedTable('an-tuong-appendix.tsv').sections;
    expect(new Map(a.tasks.map((t) => [t.section, t.sectionTitle]))).toEqual(sections);
    // "Số: /KH-UBND": a draft; its ward and year still come from the title line and heading.
    expect(a).toMatchObject({ planCode: null, planDate: null, planYear: 2026, ward: 'An Tường' });
  });

  it('section rows written as one cell across the whole row ("I. CÔNG TÁC …"), and a table continued after a page break', async () => {
    const a = await plan('an-tuong-appendix.tsv', 'an-tuong', { headers: 'marked', sections: 'row', splitAfter: 23 });
    const want = expected('an-tuong-appendix.tsv', AN_TUONG);
    expect(pick(a.tasks, Object.keys(want[0]!))).toEqual(want);
    expect(new Map(a.tasks.map((t) => [t.section, t.sectionTitle]))).toEqual(seedTable('an-tuong-appendix.tsv').sections);
    // Rows are counted through both tables: the last task is not row 1 of the second table.
    expect(a.tasks[45]!.sourceRows[0]).toBeGreaterThan(a.tasks[22]!.sourceRows[0]!);
  });

  it('Phúc Thuận: a two-row header, "Phân công nhiệm vụ" spanning the lead and coordinating columns, other cells merged down', async () => {
    const twoRowHeader: RowSpec[] = [
      {
        header: true,
        cells: [
          { text: 'Số TT', vMerge: 'restart' },
          { text: 'Nội dung công việc', vMerge: 'restart' },
          { text: 'Phân công nhiệm vụ', span: 2 },
          { text: 'Thời gian hoàn thành', vMerge: 'restart' },
        ],
      },
      {
        header: true,
        cells: [
          { vMerge: 'continue' },
          { vMerge: 'continue' },
          { text: 'Cơ quan chủ trì thực hiện' },
          { text: 'Cơ quan phối hợp' },
          { vMerge: 'continue' },
        ],
      },
    ];
    const a = await plan('phuc-thuan-appendix.tsv', 'phuc-thuan', { twoRowHeader, mergeColumns: [2, 3, 4], splitAfter: 8 });
    const want = expected('phuc-thuan-appendix.tsv', PHUC_THUAN);
    expect(want).toHaveLength(9);
    expect(pick(a.tasks, Object.keys(want[0]!))).toEqual(want);
    expect(a.planCode).toBeNull();
    expect(a.ward).toBe('Phúc Thuận'); // from the heading's place line: the title line says only "của UBND phường"
  });

  it('tracked insertions kept, tracked deletions (text and whole rows) dropped, field results and hyperlinks read as text', async () => {
    const { tasks, header } = seedTable('nhi-chieu-appendix.tsv');
    const [t1, t2, t3] = tasks;
    const title = t1!.cells[1]!;
    const cut = title.indexOf(' đảm bảo');
    const rows: RowSpec[] = [
      { header: true, cells: header.map((text) => ({ text })) },
      {
        cells: [
          { text: t1!.stt },
          { xml: paragraph('', { xml: run(title.slice(0, cut)) + del(' (dự thảo cũ)') + ins(run(title.slice(cut))) }) },
          { xml: paragraph('', { xml: field('MERGEFIELD ChuTri', t1!.cells[2]!) }) },
          { text: t1!.cells[3] },
          { xml: paragraph('', { xml: hyperlink(t1!.cells[4]!) }) },
          { xml: paragraph('', { xml: simpleField('DOCPROPERTY HanChot', t1!.cells[5]!) }) },
        ],
      },
      { cells: t2!.cells.map((text) => ({ text })) },
      { cells: t3!.cells.map((text) => ({ text })) },
    ];
    const tbl = table(rows, header.length)
      // Task 2's row is a tracked deletion.
      .replace(
        `<w:tr><w:tc><w:tcPr></w:tcPr><w:p>${run(t2!.stt)}`,
        `<w:tr><w:trPr><w:del w:id="9" w:author="A" w:date="2026-05-04T08:00:00Z"/></w:trPr><w:tc><w:tcPr></w:tcPr><w:p>${run(t2!.stt)}`,
      );
    expect(tbl).toContain('<w:trPr><w:del');
    const a = await readAppendix(await saved(docxFile(paragraph('PHỤ LỤC') + tbl)));
    expect(a.tasks.map((t) => t.stt)).toEqual([t1!.stt, t3!.stt]);
    expect(a.tasks[0]).toMatchObject({ title, lead: t1!.cells[2], product: t1!.cells[4], deadline: t1!.cells[5] });
    expect(a.tasks[0]!.lead).not.toContain('MERGEFIELD');
  });

  it('a cell whose paragraph mark was deleted in tracked changes reads as one line', async () => {
    const { tasks, header } = seedTable('phuc-thuan-appendix.tsv');
    const t = tasks[5]!;
    const [a1, a2] = t.cells[3]!.split(', Các');
    const joined =
      `<w:p><w:pPr><w:rPr><w:del w:id="3" w:author="A" w:date="2026-05-04T08:00:00Z"/></w:rPr></w:pPr>${run(`${a1}, `)}</w:p>` +
      `<w:p>${run(`Các${a2}`)}</w:p>`;
    const rows: RowSpec[] = [
      { cells: header.map((text) => ({ text })) },
      { cells: t.cells.map((text, c) => (c === 3 ? { xml: joined } : { text })) },
    ];
    const a = await readAppendix(await saved(docxFile(table(rows, header.length))));
    expect(a.tasks[0]!.support).toBe(t.cells[3]);
  });

  it('group rows spanning the row ("2.1 …") are groups, their sub-tasks tasks', async () => {
    const { tasks, header } = seedTable('phuc-thuan-appendix.tsv');
    const rows: RowSpec[] = [
      { cells: header.map((text) => ({ text })) },
      { cells: [{ text: '2.1 Theo dõi thi hành pháp luật', span: header.length, bold: true }] },
      ...tasks.slice(0, 2).map((t, i) => ({ cells: t.cells.map((text, c) => ({ text: c === 0 ? `2.1.${i + 1}` : text })) })),
    ];
    const a = await readAppendix(await saved(docxFile(table(rows, header.length))));
    expect(a.groups.map((g) => [g.stt, g.title])).toEqual([['2.1', 'Theo dõi thi hành pháp luật']]);
    expect(a.tasks.map((t) => [t.stt, t.title])).toEqual(tasks.slice(0, 2).map((t, i) => [`2.1.${i + 1}`, t.cells[1]]));
  });

  it('a plan quoted in the prose is not taken for the plan: the number comes from the heading when the title line has none', async () => {
    const h = seedHeading('nhi-chieu');
    const { header, tasks } = seedTable('phuc-thuan-appendix.tsv');
    const rows: RowSpec[] = [{ cells: header.map((text) => ({ text })) }, { cells: tasks[0]!.cells.map((text) => ({ text })) }];
    // The prose cites "Kế hoạch số 144/KH-UBND ngày 21/4/2026"; the appendix's own title line names no number.
    const body =
      headingTable(h) +
      h.prose.map((t) => paragraph(t)).join('') +
      signatureTable() +
      paragraph('', { sectionBreak: true }) +
      paragraph('PHỤ LỤC') +
      table(rows, header.length);
    expect(h.prose[0]).toContain('Kế hoạch số 144/KH-UBND');
    const a = await readAppendix(await saved(docxFile(body)));
    expect(a).toMatchObject({ planCode: '158/KH-UBND', planDate: '2026-05-05', ward: 'Nhị Chiểu', titleLines: ['PHỤ LỤC'] });

    // The ward is the issuer ("UBND PHƯỜNG NHỊ CHIỂU"), even where the place line names the city.
    const city = headingTable({ ...h, placeDate: h.placeDate.replace('Nhị Chiểu', 'Hải Phòng') });
    const b = await readAppendix(await saved(docxFile(city + paragraph('PHỤ LỤC') + table(rows, header.length))));
    expect(b.ward).toBe('Nhị Chiểu');

    // Old-style tone marks ("HOÀ", "UỶ") and the issuer on two lines, as many offices write them.
    const oldStyle = table(
      [
        {
          cells: [
            { text: `UỶ BAN NHÂN DÂN\nPHƯỜNG NHỊ CHIỂU\n${h.number}` },
            { text: `CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nHải Phòng, ngày 05 tháng 5 năm 2026` },
          ],
        },
      ],
      2,
      { borders: false },
    );
    const c = await readAppendix(await saved(docxFile(oldStyle + paragraph('PHỤ LỤC') + table(rows, header.length))));
    expect(c).toMatchObject({ planCode: '158/KH-UBND', planDate: '2026-05-05', ward: 'Nhị Chiểu' });
  });

  it("a merge cut by the page break: the second table's first rows continue the lead from the first table", async () => {
    const { header, tasks } = seedTable('nhi-chieu-appendix.tsv');
    // Tasks 13–19 share "Phòng VHXXH"; the table is cut after task 15.
    const run13 = tasks.slice(12);
    expect(new Set(run13.map((t) => t.cells[2]))).toEqual(new Set(['Phòng VHXXH']));
    const row = (t: (typeof tasks)[number], k: number): RowSpec => ({
      cells: t.cells.map((text, c) => (c === 2 ? (k === 0 ? { text, vMerge: 'restart' } : { vMerge: 'continue' }) : { text })),
    });
    const first = table([{ header: true, cells: header.map((text) => ({ text })) }, ...run13.slice(0, 3).map(row)], header.length);
    const second = table(
      run13.slice(3).map((t, k) => row(t, k + 3)),
      header.length,
    );
    const a = await readAppendix(await saved(docxFile(first + pageBreak() + second)));
    expect(a.tasks.map((t) => [t.stt, t.lead])).toEqual(run13.map((t) => [t.stt, t.cells[2]]));
  });
});
