/**
 * What a new official reads from the command line: the day a report states its situation at, period names in
 * Vietnamese (messages and file names), lower-case "năm" inside a sentence, each column named once, the version,
 * and the Vietnamese name of the Excel file type. Expected texts are written out here, not taken from the code.
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { sampleTables } from '../../sync/samples/sample-tables';
import { XlsxStore } from '../../sync/store/xlsx-store';
import { cchcAsync } from '../helpers/cli';
import { useTempDir } from '../helpers/tmp';

const tempDir = useTempDir();

async function sampleStore(): Promise<{ dir: string; store: string }> {
  const dir = await tempDir();
  const store = join(dir, 'cchc.xlsx');
  await new XlsxStore(store).create(await sampleTables());
  return { dir, store };
}

/** Whole days from one dd/mm/yyyy to another, by the calendar. */
const daysBetween = (from: string, to: string): number => {
  const utc = (d: string) => {
    const [day, month, year] = d.split('/').map(Number);
    return Date.UTC(year!, month! - 1, day!);
  };
  return Math.round((utc(to) - utc(from)) / 86_400_000);
};

/** The overdue rows of the workbook's alert sheet: [due dd/mm/yyyy, days]. */
async function overdueRows(path: string): Promise<{ title: string; rows: [string, number][] }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const ws = wb.getWorksheet('Quá hạn, sắp đến hạn')!;
  const rows: [string, number][] = [];
  ws.eachRow((row) => {
    if (row.getCell(1).value === 'Quá hạn') rows.push([String(row.getCell(6).value), Number(row.getCell(7).value)]);
  });
  return { title: String(ws.getCell('A1').value), rows };
}

async function docxParagraphs(path: string): Promise<{ paragraphs: string[]; rows: string[][] }> {
  const xml = await (await JSZip.loadAsync(await readFile(path))).file('word/document.xml')!.async('string');
  const unescape = (s: string) =>
    s
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
  const text = (s: string) => unescape([...s.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]!).join(''));
  const all = (s: string, tag: string) => s.match(new RegExp(`<${tag}[ >][\\s\\S]*?</${tag}>`, 'g')) ?? [];
  return { paragraphs: all(xml, 'w:p').map(text), rows: all(xml, 'w:tr').map((tr) => all(tr, 'w:tc').map(text)) };
}

/** "Năm 2026" after a word, a number, a comma or a bracket: a capital in the middle of a sentence. */
const MID_SENTENCE_NAM = /[\p{L}\d,(]\s*Năm \d{4}/u;

describe('the day a report states its situation at', () => {
  it('a past period: overdue days and "tính đến" both at the period end, in Excel, Word and the text view', async () => {
    const { dir, store } = await sampleStore();
    // Six months by the cut-off calendar end on 14/06; the report is made on 01/12.
    const asOf = '14/06/2026';
    const xlsx = join(dir, 'h1.xlsx');
    expect((await cchcAsync(['report', '--store', store, '--period', '2026-H1', '--today', '01/12/2026', '--out', xlsx])).code).toBe(0);
    const sheet = await overdueRows(xlsx);
    expect(sheet.title).toContain(`(tính đến ngày ${asOf})`);
    expect(sheet.title).not.toContain('01/12/2026');
    // The seed plan of Phúc Thuận has tasks due in quarter I (31/03/2026) still open.
    expect(sheet.rows.map(([due]) => due)).toContain('31/03/2026');
    for (const [due, days] of sheet.rows) expect(days, due).toBe(daysBetween(due, asOf));

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    const cover: string[] = [];
    wb.getWorksheet('Bìa')!.eachRow((row) => row.eachCell((c) => cover.push(String(c.value))));
    expect(cover.some((line) => line.startsWith(`Tính đến ngày ${asOf}, tổng số `))).toBe(true);
    expect(cover).toContain('Lập ngày 01/12/2026');

    const docx = join(dir, 'h1.docx');
    expect((await cchcAsync(['report', '--store', store, '--period', '2026-H1', '--today', '01/12/2026', '--out', docx])).code).toBe(0);
    const word = await docxParagraphs(docx);
    expect(word.paragraphs.some((p) => p.startsWith(`Tính đến ngày ${asOf}, tổng số `))).toBe(true);
    expect(word.paragraphs.join('\n')).not.toMatch(/[Tt]ính đến ngày 01\/12\/2026/);
    const late = word.rows.filter((r) => r.length === 4 && /^\d{2}\/\d{2}\/\d{4}$/.test(r[2]!));
    expect(late.length).toBeGreaterThan(0);
    for (const r of late) expect(Number(r[3]), r[0]).toBe(daysBetween(r[2]!, asOf));

    const text = await cchcAsync(['metrics', '--store', store, '--period', '2026-H1', '--today', '01/12/2026']);
    expect(text.stdout.split('\n')[0]).toBe(`Chỉ số 6 tháng đầu năm 2026 (15/12/2025 – 14/06/2026), tính đến ngày ${asOf}`);
    const json = JSON.parse(
      (await cchcAsync(['metrics', '--store', store, '--period', '2026-H1', '--today', '01/12/2026', '--json'])).stdout,
    );
    expect({ today: json.today, asOf: json.asOf }).toEqual({ today: '2026-12-01', asOf: '2026-06-14' });
  });

  it('a calendar six months ends on 30/06', async () => {
    const { store } = await sampleStore();
    const text = await cchcAsync(['metrics', '--store', store, '--period', '2026-H1', '--calendar', '--today', '01/12/2026']);
    expect(text.stdout.split('\n')[0]).toMatch(/, tính đến ngày 30\/06\/2026$/);
  });

  it('the current period: as of the day given with --today', async () => {
    const { dir, store } = await sampleStore();
    const asOf = '20/06/2026';
    const xlsx = join(dir, 'year.xlsx');
    expect((await cchcAsync(['report', '--store', store, '--period', '2026', '--today', asOf, '--out', xlsx])).code).toBe(0);
    const sheet = await overdueRows(xlsx);
    expect(sheet.title).toContain(`(tính đến ngày ${asOf})`);
    expect(sheet.rows.length).toBeGreaterThan(0);
    for (const [due, days] of sheet.rows) expect(days, due).toBe(daysBetween(due, asOf));
    const text = await cchcAsync(['metrics', '--store', store, '--period', 'Năm 2026', '--today', asOf]);
    expect(text.stdout.split('\n')[0]).toBe(`Chỉ số năm 2026 (15/12/2025 – 14/12/2026), tính đến ngày ${asOf}`);
  });
});

describe('days to a deadline', () => {
  it('"còn N ngày", "hạn là hôm nay", "đã quá N ngày", never "còn 0 ngày" or "còn -1 ngày"', async () => {
    const { store } = await sampleStore();
    const due = await cchcAsync(['metrics', '--store', store, '--today', '15/12/2026']);
    expect(due.stdout).toContain('Báo cáo sắp đến hạn: Báo cáo năm 2026, hạn nộp 15/12/2026 (hạn là hôm nay).');
    const before = await cchcAsync(['metrics', '--store', store, '--today', '12/12/2026']);
    expect(before.stdout).toContain('hạn nộp 15/12/2026 (còn 3 ngày).');
    // The six-month self-assessment is due "trước ngày 21/6" by default: on 20/06.
    const late = await cchcAsync(['index', '--store', store, '--period', '2026-H1', '--today', '23/06/2026']);
    expect(late.stdout).toContain('Hạn gửi tự chấm điểm: 20/06/2026 (đã quá 3 ngày)');
    for (const r of [due, before, late]) expect(r.stdout).not.toMatch(/còn -?0 ngày|còn -\d/);
  });
});

describe('period names', () => {
  it('messages and default file names use the Vietnamese name; 2026-H1 and the like are still accepted', async () => {
    const { dir: cwd, store } = await sampleStore();
    const cases: [string, string, string][] = [
      ['2026-H1', '6 tháng đầu năm 2026', 'bao-cao-6-thang-dau-nam-2026.xlsx'],
      ['2026-Q1', 'Quý I/2026', 'bao-cao-quy-I-nam-2026.xlsx'],
      ['Quý III/2026', 'Quý III/2026', 'bao-cao-quy-III-nam-2026.xlsx'],
      ['2026', 'năm 2026', 'bao-cao-nam-2026.xlsx'],
      ['2026-9M', '9 tháng năm 2026', 'bao-cao-9-thang-nam-2026.xlsx'],
      ['2026-03', 'tháng 3/2026', 'bao-cao-thang-3-nam-2026.xlsx'],
    ];
    for (const [input, name, file] of cases) {
      const result = await cchcAsync(['report', '--store', store, '--period', input, '--today', '20/06/2026'], { cwd });
      expect(result.code, input).toBe(0);
      expect(result.stdout.trim(), input).toBe(`Đã lập báo cáo ${name} ra ${file}.`);
      expect(existsSync(join(cwd, file)), file).toBe(true);
    }
  });

  it('no capital "Năm" inside a sentence: metrics, index, demo and the Word report of a year', async () => {
    const { dir, store } = await sampleStore();
    const metrics = await cchcAsync(['metrics', '--store', store, '--period', '2026', '--today', '01/12/2026']);
    expect(metrics.stdout).toContain('Chỉ số năm 2026 (');
    expect(metrics.stdout).toContain('Báo cáo sắp đến hạn: Báo cáo năm 2026, hạn nộp 15/12/2026');
    const index = await cchcAsync(['index', '--store', store, '--period', '2026', '--today', '01/12/2026']);
    expect(index.stdout).toContain('Chỉ số CCHC — tự chấm năm 2026: ');
    const demo = await cchcAsync(['demo'], { cwd: dir });
    expect(demo.stdout).toContain('Chỉ số CCHC — tự chấm 6 tháng đầu năm 2026: ');
    const docx = join(dir, 'nam.docx');
    expect((await cchcAsync(['report', '--store', store, '--period', '2026', '--today', '01/12/2026', '--out', docx])).code).toBe(0);
    const word = await docxParagraphs(docx);
    expect(
      word.paragraphs.some((p) => /^Tập trung hoàn thành \d+ nhiệm vụ đến hạn từ nay đến ngày 31\/12\/2027 \(hết kỳ năm 2027\):$/.test(p)),
    ).toBe(true);
    // Issue kinds in Vietnamese, the code in brackets; a unit by its name, not its registry id.
    expect(demo.stdout).toMatch(/^ {2}Tên đơn vị viết sai \[UNIT_TYPO\] +\d+$/m);
    const unit = await cchcAsync(['metrics', '--store', store, '--unit', 'VHXH', '--period', '2026', '--today', '01/12/2026']);
    expect(unit.stdout.split('\n')[0]).toMatch(/, đơn vị Phòng Văn hóa - Xã hội$/);
    for (const [what, text] of [
      ['metrics', metrics.stdout],
      ['index', index.stdout],
      ['demo', demo.stdout],
      ['docx', word.paragraphs.join('\n')],
    ] as const) {
      expect(text, what).not.toMatch(MID_SENTENCE_NAM);
    }
  });
});

describe('the tasks of the next period', () => {
  it('none left: the report says so in one sentence, not "0 nhiệm vụ" over an empty table', async () => {
    const { dir, store } = await sampleStore();
    const tables = await sampleTables();
    const done = tables['tasks']!.map((t) => ({ ...t, status: 'Hoàn thành', completedOn: '2026-01-05' }));
    await new XlsxStore(store).write({ tasks: done });
    const docx = join(dir, 'q1.docx');
    expect((await cchcAsync(['report', '--store', store, '--period', '2026-Q1', '--today', '10/01/2026', '--out', docx])).code).toBe(0);
    const word = await docxParagraphs(docx);
    expect(word.paragraphs).toContain('Không có nhiệm vụ nào đến hạn từ nay đến ngày 30/06/2026 (hết kỳ Quý II/2026).');
    expect(word.paragraphs.join('\n')).not.toMatch(/hoàn thành 0 nhiệm vụ|Nhiệm vụ đến hạn đến ngày/);
  });
});

describe('validation lines', () => {
  it('name each column once: unit typos, unknown words, bad numbers, lengths and dates, duplicate STT', async () => {
    const { store } = await sampleStore();
    const tables = await sampleTables();
    const docs = tables['documents']!;
    docs[0] = { ...docs[0]!, issued: 'abc' };
    docs[1] = { ...docs[1]!, baseline: -5 };
    tables['plans']![0] = { ...tables['plans']![0]!, reportHalf: '32/13' };
    const tasks = tables['tasks']!;
    const [a, b] = tasks.filter((t) => t['plan'] === tasks[0]!['plan'] && t['stt']);
    Object.assign(a!, { status: 'Xong lâu rồi' });
    Object.assign(b!, { stt: a!['stt'], progress: 150 });
    const meetings = tables['meetings']!;
    meetings[0] = { ...meetings[0]!, kind: 'Liên hoan', length: 'abc' };
    await new XlsxStore(store).write({ documents: docs, plans: tables['plans']!, tasks, meetings });
    const result = await cchcAsync(['validate', '--store', store]);
    expect(result.code).toBe(1);
    const lines = result.stdout.split('\n').filter((l) => l.startsWith('['));
    const expected = [
      ['UNIT_TYPO', 'Cơ quan chủ trì'],
      ['NUMBER_INVALID', 'Văn bản hành chính ban hành'],
      ['NUMBER_NEGATIVE', 'Cùng kỳ năm trước'],
      ['DATE_INVALID', 'Hạn báo cáo 6 tháng (dd/mm)'],
      ['STATUS_INVALID', 'Trạng thái'],
      ['PROGRESS_OUT_OF_RANGE', 'Tiến độ (%)'],
      ['STT_DUPLICATE', 'STT'],
      ['WORD_UNKNOWN', 'Loại'],
      ['MEETING_LENGTH_INVALID', 'Thời lượng (ngày)'],
    ];
    for (const [code, header] of expected) {
      const line = lines.find((l) => l.endsWith(`(${code})`) && l.includes(`cột "${header}"`));
      expect(line, code).toBeDefined();
      expect(line!.slice(0, -` (${code})`.length).split(header).length - 1, line).toBe(1);
      // Nor in other words: the message does not open with the column's name ("Tiến độ 150%", "Loại "…"").
      const message = line!.slice(line!.indexOf(`cột "${header}": `) + `cột "${header}": `.length);
      expect(message.startsWith(header.replace(/ \(.*\)$/, '')), line).toBe(false);
    }
    expect(lines.find((l) => l.endsWith('(PROGRESS_OUT_OF_RANGE)'))).toContain(': 150% không hợp lệ. Nhập số từ 0 đến 100.');
    expect(lines.find((l) => l.endsWith('(NUMBER_NEGATIVE)'))).toContain(': -5 là số âm.');
    // Tabs are "trang" everywhere an official reads them.
    expect(lines.every((l) => /^\[(LỖI|CẢNH BÁO)\] trang "/.test(l))).toBe(true);
    const init = await cchcAsync(['init', '--store', join(await tempDir(), 'moi.xlsx')]);
    expect(init.stdout).toMatch(/\(các trang: Nhiệm vụ, Kế hoạch, /);
  });
});

describe('the Word self-assessment', () => {
  it('lists each criteria error with where it is, the column once', async () => {
    const { dir, store } = await sampleStore();
    const tables = await sampleTables();
    const criteria = tables['criteria']!;
    criteria[0] = { ...criteria[0]!, maxPoints: 13 }; // group 1: its criteria add up to 12
    await new XlsxStore(store).write({ criteria });
    const docx = join(dir, 'tu-cham.docx');
    const result = await cchcAsync(['index', '--store', store, '--period', '2026-H1', '--today', '20/06/2026', '--out', docx]);
    expect(result.code).toBe(1);
    const word = await docxParagraphs(docx);
    const bullet =
      'Trang "Chỉ số CCHC", dòng 2, cột "Điểm tối đa": Nhóm 1 ghi 13 điểm nhưng các tiêu chí con cộng lại 12 điểm. Sửa lại cho khớp.';
    expect(word.paragraphs.some((p) => p.endsWith(bullet))).toBe(true);
  });
});

describe('what import says', () => {
  it('a CSV is named alone (it has no sheets), issues come in order, a second import says nothing is new', async () => {
    const { dir, store } = await sampleStore();
    const csv = join(dir, 'so-hoi-nghi.csv');
    const header = 'Ngày;Đơn vị tổ chức;Tên hội nghị/cuộc họp;Loại;Phạm vi toàn xã/phường;Hình thức;Thời lượng (ngày);Không giấy';
    const rows = [
      '12/01/2027;Phòng VHXXH;Họp A;Chuyên môn;Không;Trực tuyến;0,5;Có',
      '13/01/2027;Văn phòng HĐND và UBND;Họp B;Chuyên mon;Không;Trực tuyến;0,5;Có',
    ];
    await writeFile(csv, [header, ...rows].join('\n'));
    const first = await cchcAsync(['import', csv, '--store', store]);
    expect(first.code).toBe(0);
    const lines = first.stdout.trim().split('\n');
    expect(lines[0]).toBe(`Tệp "${csv}": sổ hội nghị, 2 dòng, vào trang "Hội nghị".`);
    expect(first.stdout).not.toContain('"CSV"');
    // File row 2 (the unit typo) before file row 3 (the unknown kind).
    const issueRows = lines.filter((l) => l.startsWith('[')).map((l) => Number(/dòng (\d+)/.exec(l)![1]));
    expect(issueRows).toEqual([2, 3]);
    expect(lines.at(-1)).toBe(`Đã ghi vào ${store}.`);
    const again = await cchcAsync(['import', csv, '--store', store]);
    expect(again.stdout).toContain('Thêm mới 0, cập nhật 0, giữ nguyên 2 dòng.');
    expect(again.stdout.trim().split('\n').at(-1)).toBe(`Không có gì mới: ${store} giữ nguyên.`);
  });

  it("criteria: the count is the file's rows; an appendix with warnings points to cchc validate", async () => {
    const { dir, store } = await sampleStore();
    const csv = join(dir, 'tieu-chi.csv');
    await writeFile(
      csv,
      'Mã tiêu chí;Lĩnh vực, tiêu chí;Điểm tối đa;Điểm tự chấm\n1;Công tác chỉ đạo, điều hành CCHC;12;\n1.1;Kế hoạch CCHC năm;3;3\n',
    );
    const criteria = await cchcAsync(['index-import', csv, '--store', store]);
    expect(criteria.stdout.split('\n')[0]).toBe(`Đã nhập 2 dòng tiêu chí từ "${csv}" vào trang "Chỉ số CCHC".`);
    const appendix = fileURLToPath(new URL('../../templates/samples/phu-luc-nhi-chieu-2026.xlsx', import.meta.url));
    const imported = await cchcAsync(['import', appendix, '--store', store, '--dry-run']);
    expect(imported.stdout).toMatch(/^Kiểm tra: 0 lỗi, \d+ cảnh báo \(xem từng dòng: cchc validate\)\.$/m);
    // Imported twice: the second leaves the store as it was, and says so rather than "Đã ghi vào".
    expect((await cchcAsync(['import', appendix, '--store', store])).stdout).toContain(`Đã ghi vào ${store}.`);
    const before = await readFile(store);
    const again = await cchcAsync(['import', appendix, '--store', store]);
    expect(again.stdout.trim().split('\n').at(-1)).toBe(`Không có gì mới: ${store} giữ nguyên.`);
    expect((await readFile(store)).equals(before)).toBe(true);
  });
});

describe('options that do nothing are not offered', () => {
  it("index has no --unit (the self-assessment is the whole ward's)", async () => {
    const { store } = await sampleStore();
    expect((await cchcAsync(['index', '--help'])).stdout).not.toContain('--unit');
    const result = await cchcAsync(['index', '--store', store, '--unit', 'VHXH']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('[USAGE_UNKNOWN_OPTION]');
  });
});

describe('cchc --version', () => {
  it('prints "cchc" and the version of package.json, exit 0, and the help lists it in Vietnamese', async () => {
    const { version } = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    for (const flag of ['--version', '-V']) {
      const result = await cchcAsync([flag]);
      expect(result, flag).toMatchObject({ code: 0, stdout: `cchc ${version}\n`, stderr: '' });
    }
    expect((await cchcAsync(['--help'])).stdout).toMatch(/^ {2}-V, --version +xem số phiên bản$/m);
  });
});

describe('file types', () => {
  it.each([
    ['phu-luc.xlsx', 'STT;Nội dung công việc\n1;Việc\n', '"Sổ làm việc Excel (.xlsx)"', /Workbook/],
    ['ke-hoach.docx', 'không phải Word', '"Tài liệu Word (.docx)"', /Document/],
  ])('%s that is no such file is told to be saved as %s', async (name, content, saveAs, english) => {
    const { dir, store } = await sampleStore();
    const fake = join(dir, name);
    await writeFile(fake, content);
    const result = await cchcAsync(['import', fake, '--store', store]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`lưu dạng ${saveAs}`);
    expect(result.stderr).not.toMatch(english);
  });

  it('export refuses a name that is neither .xlsx nor .docx, and writes nothing', async () => {
    const { dir, store } = await sampleStore();
    const out = join(dir, 'phu-luc.pdf');
    const result = await cchcAsync(['export', '--store', store, '--plan', '158/KH-UBND', '--out', out]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe(
      'Lỗi: Không xuất được phụ lục dạng ".pdf". Ghi tên tệp .xlsx (Excel) hoặc .docx (Word). [EXPORT_FORMAT]',
    );
    expect(existsSync(out)).toBe(false);
  });
});
