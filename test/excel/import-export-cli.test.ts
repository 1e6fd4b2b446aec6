import { readFile, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { catalogFromTables } from '../../core/index';
import { XlsxStore } from '../../sync/store/xlsx-store';
import * as CFB from 'cfb';
import JSZip from 'jszip';
import { buildAppendixFile, linesFromSeed } from '../fixtures/appendix-xlsx';
import { cchcAsync } from '../helpers/cli';
import { useTempDir } from '../helpers/tmp';

/** An OLE2 container (what Office 97–2003 files and password-protected Office files are) holding these streams. */
function ole(streams: string[]): Buffer {
  const container = CFB.utils.cfb_new();
  for (const name of streams) CFB.utils.cfb_add(container, `/${name}`, Buffer.alloc(600, 1));
  return Buffer.from(CFB.write(container, { type: 'buffer' }) as Uint8Array);
}

/** An OpenDocument package as LibreOffice writes it: the stored "mimetype" entry first, then content.xml. */
async function odf(mimetype: string): Promise<Buffer> {
  const zip = new JSZip();
  zip.file('mimetype', mimetype, { compression: 'STORE' });
  zip.file('content.xml', '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>');
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

const tempDir = useTempDir();

async function setup(): Promise<{ dir: string; store: string; appendix: (seed: string) => Promise<string> }> {
  const dir = await tempDir();
  const store = join(dir, 'cchc.xlsx');
  expect((await cchcAsync(['init', '--store', store])).code).toBe(0);
  const appendix = async (seed: string) => {
    const path = join(dir, seed.replace('.tsv', '.xlsx'));
    await buildAppendixFile(path, linesFromSeed(seed));
    return path;
  };
  return { dir, store, appendix };
}

describe('cchc import', () => {
  it('--json prints plan, tasks with resolved units and due dates, and issues at Excel rows', async () => {
    const { store, appendix } = await setup();
    const result = await cchcAsync(['import', await appendix('nhi-chieu-appendix.tsv'), '--store', store, '--dry-run', '--json']);
    expect(result.code).toBe(0);
    const out = JSON.parse(result.stdout);
    expect(out.plan).toMatchObject({ code: '158/KH-UBND', date: '2026-05-05', ward: 'Nhị Chiểu', year: 2026 });
    expect(out.tasks).toHaveLength(19);
    expect(out.tasks[0]).toMatchObject({
      stt: '1',
      lead: [{ text: 'Phòng Văn hóa - Xã hội (VHXH)', unit: 'VHXH', name: 'Phòng Văn hóa - Xã hội' }],
      deadline: { text: 'Trước 10/5/2026', kind: 'date', due: '2026-05-09' },
      sourceRows: [5],
    });
    const t15 = out.tasks.find((t: { stt: string }) => t.stt === '15');
    expect(t15.deadline).toMatchObject({ kind: 'conditional', due: null });
    const typo = out.issues.find((i: { code: string }) => i.code === 'UNIT_TYPO');
    expect(typo).toMatchObject({ column: 'lead', severity: 'warning' });
    expect(typo.row).toBe(out.tasks.find((t: { stt: string }) => t.stt === '13').sourceRows[0]);
    // --dry-run wrote nothing.
    expect(catalogFromTables(await new XlsxStore(store).read()).tasks).toHaveLength(0);
  });

  it("re-importing a revised appendix updates the catalog and keeps officials' tracking", async () => {
    const { dir, store, appendix } = await setup();
    const first = await cchcAsync(['import', await appendix('phuc-thuan-appendix.tsv'), '--store', store, '--plan', 'KH-CCHC/PT']);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('Thêm mới 9');

    // An official tracks two tasks in the workbook.
    const s = new XlsxStore(store);
    const tables = await s.read();
    tables['tasks']![0] = {
      ...tables['tasks']![0]!,
      status: 'Hoàn thành',
      progress: 100,
      completedOn: '2026-03-02',
      evidence: 'https://drive.google.com/kh1',
    };
    tables['tasks']![8] = { ...tables['tasks']![8]!, note: 'Chờ UBND tỉnh' };
    await s.write({ tasks: tables['tasks']! });

    // The revised appendix rewords task 1, changes task 2's deadline, drops tasks 8 and 9 and adds a 10th.
    const lines = linesFromSeed('phuc-thuan-appendix.tsv').filter((l) => !l.cells || !['8', '9'].includes(String(l.cells[0])));
    const revised = lines.map((l) => {
      if (l.cells?.[0] === '1') return { ...l, cells: [...l.cells.slice(0, 1), `${String(l.cells[1])} (sửa đổi)`, ...l.cells.slice(2)] };
      if (l.cells?.[0] === '2') return { ...l, cells: [...l.cells.slice(0, 4), 'Quý II/2026'] };
      return l;
    });
    revised.push({ cells: ['10', 'Tổng kết công tác CCHC năm 2026', 'Phòng VHXH', 'Các phòng, ban chuyên môn', 'Quý IV/2026'] });
    const path = join(dir, 'revised.xlsx');
    await buildAppendixFile(path, revised);
    const second = await cchcAsync(['import', path, '--store', store, '--plan', 'KH-CCHC/PT']);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('Thêm mới 1, cập nhật 2, giữ nguyên 5, bỏ 1, giữ lại 1');

    const tasks = catalogFromTables(await s.read()).tasks.map((t) => t.item);
    expect(tasks).toHaveLength(9);
    const t1 = tasks.find((t) => t.stt === '1')!;
    expect(t1.title.endsWith('(sửa đổi)')).toBe(true);
    expect(t1).toMatchObject({ status: 'Hoàn thành', progress: 100, completedOn: '2026-03-02', evidence: 'https://drive.google.com/kh1' });
    expect(tasks.find((t) => t.stt === '2')!.deadline).toBe('Quý II/2026');
    expect(tasks.find((t) => t.stt === '9')!.note).toBe('Chờ UBND tỉnh'); // kept: tracked
    expect(tasks.find((t) => t.stt === '8')).toBeUndefined(); // dropped: untracked
  });

  describe('bad input: one Vietnamese message, exit 2, the store byte-for-byte unchanged', () => {
    const cases: [string, string, (path: string, dir: string) => Promise<void>][] = [
      ['not an xlsx', 'FILE_NOT_XLSX', (p) => writeFile(p, 'STT;Nội dung\n1;Việc A\n')],
      ['empty (0 bytes)', 'FILE_EMPTY', (p) => writeFile(p, '')],
      [
        'password-protected (an OLE container holding the encrypted package)',
        'FILE_ENCRYPTED',
        (p) => writeFile(p, ole(['EncryptionInfo', 'EncryptedPackage'])),
      ],
      ['an old Excel 97–2003 .xls', 'FILE_OLD_XLS', (p) => writeFile(p, ole(['Workbook', 'SummaryInformation']))],
      [
        'an OLE container too damaged to list (most likely an old .xls)',
        'FILE_OLD_XLS',
        (p) => writeFile(p, Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(4096)])),
      ],
      [
        'truncated',
        'FILE_TRUNCATED',
        async (p) => {
          await buildAppendixFile(p, linesFromSeed('phuc-thuan-appendix.tsv'));
          const size = (await readFile(p)).length;
          await truncate(p, Math.floor(size / 2));
        },
      ],
      [
        'a workbook with no cells',
        'FILE_EMPTY',
        async (p) => {
          const wb = new ExcelJS.Workbook();
          wb.addWorksheet('Sheet1');
          await wb.xlsx.writeFile(p);
        },
      ],
      [
        'no recognisable header',
        'HEADER_NOT_FOUND',
        async (p) => {
          const wb = new ExcelJS.Workbook();
          wb.addWorksheet('Sheet1').addRows([
            ['Họ tên', 'Chức vụ'],
            ['Nguyễn Văn A', 'Chủ tịch'],
          ]);
          await wb.xlsx.writeFile(p);
        },
      ],
      ['larger than 20 MB', 'FILE_TOO_LARGE', (p) => writeFile(p, Buffer.alloc(21 * 1024 * 1024))],
      ['missing', 'FILE_NOT_FOUND', async () => {}],
    ];
    it.each([
      ['an old .xls', 'KE-HOACH.xls', () => ole(['Workbook']), 'là sổ Excel cũ (.xls, Excel 97–2003). Mở bằng Excel, chọn Tệp → Lưu thành'],
      ['an old Word .doc given as .xls', 'KE-HOACH.xls', () => ole(['WordDocument']), 'là định dạng Word cũ (.doc). Mở bằng Word'],
      [
        'a Word OpenDocument text (.odt)',
        'KE-HOACH.odt',
        () => odf('application/vnd.oasis.opendocument.text'),
        'là văn bản OpenDocument (.odt), không phải bảng tính. Mở bằng Word',
      ],
      [
        'an OpenDocument spreadsheet (.ods)',
        'SO.ods',
        () => odf('application/vnd.oasis.opendocument.spreadsheet'),
        'là bảng tính OpenDocument (.ods). Mở bằng Excel',
      ],
      ['an .rtf', 'KE-HOACH.rtf', async () => Buffer.from('{\\rtf1\\ansi Kế hoạch}'), 'là văn bản RTF, không phải bảng tính. Mở bằng Word'],
    ])('%s: the message names what it is and the program that saves it right', async (_label, name, make, words) => {
      const { dir, store } = await setup();
      const path = join(dir, name);
      await writeFile(path, await make());
      const result = await cchcAsync(['import', path, '--store', store]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(words);
      expect(result.stderr).not.toContain('mật khẩu');
    });

    it.each(cases)('%s → %s', async (_label, code, make) => {
      const { dir, store } = await setup();
      const before = await readFile(store);
      const path = join(dir, 'input.xlsx');
      await make(path, dir);
      const result = await cchcAsync(['import', path, '--store', store, '--plan', 'X/KH']);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`[${code}]`);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).not.toMatch(/\n\s+at /);
      expect(await readFile(store)).toEqual(before);
    });
  });
});

describe('cchc export', () => {
  it('writes an official appendix: title rows, bold repeated header, merged sections, A4 landscape, formulas as text', async () => {
    const { dir, store, appendix } = await setup();
    await cchcAsync(['import', await appendix('an-tuong-appendix.tsv'), '--store', store, '--plan', '12/KH-UBND']);
    const s = new XlsxStore(store);
    const tables = await s.read();
    // The first task, under the section heading row "I".
    const first = tables['tasks']!.findIndex((r) => !r['kind']);
    tables['tasks']![first] = { ...tables['tasks']![first]!, title: '=HYPERLINK("http://x","bấm")', note: '+84' };
    await s.write({ tasks: tables['tasks']! });
    const out = join(dir, 'phu-luc.xlsx');
    const result = await cchcAsync(['export', '--store', store, '--out', out, '--with-progress']);
    expect(result.code).toBe(0);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.getWorksheet('Phụ lục')!;
    expect(ws.getCell('A1').value).toBe('PHỤ LỤC');
    expect(String(ws.getCell('A3').value)).toContain('Kế hoạch số 12/KH-UBND');
    const header = ws.getRow(5);
    expect(header.getCell(1).value).toBe('STT');
    expect(header.getCell(1).font?.bold).toBe(true);
    expect([header.getCell(7).value, header.getCell(10).value]).toEqual(['Trạng thái', 'Minh chứng']);
    expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9, fitToWidth: 1, printTitlesRow: '5:5' });
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 5 });
    expect(ws.getCell('A6').value).toBe('I');
    expect(ws.getCell('B6').font?.bold).toBe(true);
    expect(ws.getCell('C6').isMerged).toBe(true);
    expect(ws.getCell('A7').border?.top?.style).toBe('thin');
    expect(ws.getCell('B7').value).toBe('=HYPERLINK("http://x","bấm")');
    expect(ws.getCell('B7').type).toBe(ExcelJS.ValueType.String);
    expect(ws.getColumn(2).width).toBeGreaterThan(30);
  });

  it('round trip: import → export → import gives the same tasks for every sample', async () => {
    const { dir, store, appendix } = await setup();
    for (const [seed, code] of [
      ['phuc-thuan-appendix.tsv', '1/KH-UBND'],
      ['an-tuong-appendix.tsv', '2/KH-UBND'],
      ['nhi-chieu-appendix.tsv', '158/KH-UBND'],
    ] as const) {
      expect((await cchcAsync(['import', await appendix(seed), '--store', store, '--plan', code])).code).toBe(0);
      const out = join(dir, `export-${code.split('/')[0]}.xlsx`);
      expect((await cchcAsync(['export', '--store', store, '--plan', code, '--out', out])).code).toBe(0);
      const first = JSON.parse(
        (await cchcAsync(['import', await appendix(seed), '--store', store, '--plan', code, '--dry-run', '--json'])).stdout,
      );
      const again = JSON.parse((await cchcAsync(['import', out, '--store', store, '--dry-run', '--json'])).stdout);
      expect(again.plan.code).toBe(code);
      const strip = (tasks: { sourceRows: number[] }[]) => tasks.map(({ sourceRows: _rows, ...t }) => t);
      expect(strip(again.tasks)).toEqual(strip(first.tasks));
      expect(again.changes).toMatchObject({ added: 0, changed: 0, removed: 0 });
    }
  });
});
