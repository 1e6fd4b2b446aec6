/**
 * Measured as the ward will use it: a year's meeting log (61 meetings), document
 * counts and digitisation figures typed into the shipped templates the way
 * officials write them, imported with `cchc import`, and every figure `cchc
 * metrics` prints compared with a computation made here from what each row was
 * meant to say (the generator's intent), not from the code under test.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { defaultSettings, encodeSettings } from '../../core/index';
import { XlsxStore } from '../../sync/store/xlsx-store';
import { cchcAsync } from '../helpers/cli';
import { useTempDir } from '../helpers/tmp';

const tempDir = useTempDir();
const template = (file: string) => fileURLToPath(new URL(`../../templates/${file}`, import.meta.url));

type Format = 'online' | 'hybrid' | 'inPerson';
type Kind = 'dissemination' | 'professional' | 'important' | 'other';
interface Intent {
  /** Day of the 2026 cut-off year (15/12/2025 – 14/12/2026), as [y, m, d]. */
  date: [number, number, number];
  format: Format;
  kind: Kind;
  days: number;
  communeWide: boolean;
  paperless: boolean;
}

// How officials write each value; several spellings per meaning.
const FORMAT_TEXT: Record<Format, readonly string[]> = {
  online: ['Trực tuyến', 'trực tuyến', 'Online', 'TRỰC TUYẾN'],
  hybrid: ['Kết hợp', 'kết hợp', 'Trực tiếp kết hợp trực tuyến'],
  inPerson: ['Trực tiếp', 'trực tiếp', 'Tập trung'],
};
const KIND_TEXT: Record<Kind, readonly string[]> = {
  dissemination: ['Quán triệt', 'quán triệt'],
  professional: ['Chuyên môn', 'chuyên môn'],
  important: ['Quan trọng có thảo luận', 'Quan trọng', 'quan trọng'],
  other: ['Khác'],
};
const LIMIT: Record<Kind, number> = { dissemination: 0.5, professional: 1, important: 1.5, other: Infinity };
const lengthText = (days: number, i: number): string =>
  i % 3 === 0 ? `${days * 8} giờ` : i % 3 === 1 ? String(days).replace('.', ',') : `${String(days).replace('.', ',')} ngày`;

/** 61 meetings of 2026, deterministic, spread over the cut-off year. */
function meetings2026(): Intent[] {
  const formats: Format[] = ['online', 'online', 'inPerson', 'online', 'hybrid', 'inPerson', 'online'];
  const kinds: Kind[] = ['professional', 'dissemination', 'important', 'professional', 'other'];
  const lengths = [0.5, 1, 1.5, 2, 0.5, 1];
  return Array.from({ length: 61 }, (_, i) => {
    const day = new Date(Date.UTC(2025, 11, 16 + i * 5)); // 16/12/2025 … 10/12/2026
    return {
      date: [day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate()],
      format: formats[i % formats.length]!,
      kind: kinds[i % kinds.length]!,
      days: lengths[i % lengths.length]!,
      communeWide: i % 20 === 7,
      paperless: i % 4 === 0,
    };
  });
}

const pad = (n: number) => String(n).padStart(2, '0');

async function fillTemplate(file: string, sheet: string, rows: (string | number | Date | null)[][], out: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(template(file));
  const ws = wb.getWorksheet(sheet)!;
  rows.forEach((values, r) => {
    const row = ws.getRow(2 + r);
    values.forEach((v, c) => {
      row.getCell(c + 1).value = v;
    });
  });
  await wb.xlsx.writeFile(out);
}

const round1 = (n: number) => Math.round(n * 10) / 10;

describe('a year of logs through the templates, imported, figures checked independently', () => {
  it('meetings, documents and digitisation for 2026 match a computation from the rows', async () => {
    const dir = await tempDir();
    const store = join(dir, 'cchc.xlsx');
    expect((await cchcAsync(['init', '--store', store])).code).toBe(0);
    // The ward filled in last year's total; one stray 2025 meeting in the log must not override it.
    await new XlsxStore(store).write({ settings: encodeSettings({ ...defaultSettings(), meetingsBaseline: '62' }) });

    const intents = meetings2026();
    const stray: Intent = { date: [2025, 11, 20], format: 'inPerson', kind: 'professional', days: 1, communeWide: false, paperless: false };
    const meetingRows = [...intents, stray].map((m, i) => {
      const [y, mo, d] = m.date;
      return [
        // Half the dates are date cells, half typed as text.
        i % 2 === 0 ? new Date(Date.UTC(y, mo - 1, d)) : `${pad(d)}/${pad(mo)}/${y}`,
        i % 2 === 0 ? 'Văn phòng HĐND và UBND' : 'Phòng Văn hóa - Xã hội',
        `Hội nghị số ${i + 1}`,
        KIND_TEXT[m.kind][i % KIND_TEXT[m.kind].length]!,
        m.communeWide ? 'x' : '',
        FORMAT_TEXT[m.format][i % FORMAT_TEXT[m.format].length]!,
        lengthText(m.days, i),
        m.paperless ? '✓' : 'không',
        '',
      ];
    });
    const meetingsFile = join(dir, 'so-hoi-nghi.xlsx');
    await fillTemplate('so-hoi-nghi.xlsx', 'Hội nghị', meetingRows, meetingsFile);

    const imported = await cchcAsync(['import', meetingsFile, '--store', store, '--json']);
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    const report = JSON.parse(imported.stdout);
    expect(report).toMatchObject({ kind: 'meetings', rows: 62, changes: { added: 62, updated: 0, unchanged: 0 } });
    expect(report.issues.filter((i: { severity: string }) => i.severity === 'error')).toEqual([]);

    // Re-importing the same log doubles nothing.
    const again = JSON.parse((await cchcAsync(['import', meetingsFile, '--store', store, '--json'])).stdout);
    expect(again.changes).toEqual({ added: 0, updated: 0, unchanged: 62 });

    // Documents: two units, four quarters, written "Quý I/2026" as the template asks.
    const docs = [1, 2, 3, 4].flatMap((q) =>
      [
        ['Văn phòng HĐND và UBND', 40 + q, 50 + q, 120 + q * 3, 118 + q * 3],
        ['Phòng Văn hóa - Xã hội', 20 + q, 21 + q, 60 + q, 60 + q],
      ].map(([unit, issued, baseline, exchanged, electronic]) => [
        `Quý ${['I', 'II', 'III', 'IV'][q - 1]}/2026`,
        unit as string,
        issued as number,
        baseline as number,
        exchanged as number,
        electronic as number,
        '',
      ]),
    );
    const docsFile = join(dir, 'so-van-ban.xlsx');
    await fillTemplate('so-van-ban.xlsx', 'Văn bản', docs, docsFile);
    const docsImport = await cchcAsync(['import', docsFile, '--store', store, '--json']);
    expect(docsImport.code).toBe(0);
    expect(JSON.parse(docsImport.stdout)).toMatchObject({ kind: 'documents', changes: { added: 8 } });

    // Digitisation figures as a CSV saved by Excel on a Vietnamese machine: ";" separators, "1.234" thousands.
    const digi = [
      ['Quý I/2026', 'Trung tâm Phục vụ hành chính công', 1234, 1200, 640, 1180, 1100, 1150],
      ['Quý II/2026', 'Trung tâm Phục vụ hành chính công', 1410, 1395, 700, 1400, 1390, 1390],
    ];
    const csv = [
      'Kỳ;Đơn vị;Hồ sơ tiếp nhận;Hồ sơ trực tuyến;Hồ sơ trực tuyến toàn trình;Hồ sơ đã giải quyết;Hồ sơ giải quyết đúng hạn;Hồ sơ được số hóa',
      ...digi.map((r) => r.map((v) => (typeof v === 'number' ? v.toLocaleString('de-DE') : v)).join(';')),
    ].join('\r\n');
    const csvFile = join(dir, 'so-lieu-so-hoa.csv');
    await writeFile(csvFile, `\uFEFF${csv}\r\n`);
    const digiImport = await cchcAsync(['import', csvFile, '--store', store, '--json']);
    expect(digiImport.code).toBe(0);
    expect(JSON.parse(digiImport.stdout)).toMatchObject({ kind: 'digitisation', changes: { added: 2 } });

    const metrics = await cchcAsync(['metrics', '--store', store, '--period', 'Năm 2026', '--today', '01/12/2026', '--json']);
    expect(metrics.code).toBe(0);
    const m = JSON.parse(metrics.stdout);

    // Independent figures from the intents.
    const total = intents.length;
    const online = intents.filter((i) => i.format === 'online').length;
    const hybrid = intents.filter((i) => i.format === 'hybrid').length;
    const over = intents.filter((i) => i.days > LIMIT[i.kind]).length;
    const overImportant = intents.filter((i) => i.kind === 'important' && i.days > 1.5).length;
    expect(overImportant).toBeGreaterThan(0);
    expect(m.meetings.total).toBe(total);
    expect(m.meetings.online).toBe(online);
    expect(m.meetings.hybrid).toBe(hybrid);
    expect(m.meetings.onlineShare.value).toBe(round1((online / total) * 100));
    expect(m.meetings.onlineShareWithHybrid.value).toBe(round1(((online + hybrid) / total) * 100));
    expect(m.meetings.overLength.count).toBe(over);
    expect(m.meetings.communeWide.count).toBe(intents.filter((i) => i.communeWide).length);
    expect(m.meetings.paperless.share).toBe(round1((intents.filter((i) => i.paperless).length / total) * 100));
    expect(m.meetings.change).toMatchObject({ baseline: 62, source: 'setting', value: round1(((total - 62) / 62) * 100) });

    const sum = (col: number) => docs.reduce((s, r) => s + (r[col] as number), 0);
    expect(m.documents.issued).toBe(sum(2));
    expect(m.documents.change.value).toBe(round1(((sum(2) - sum(3)) / sum(3)) * 100));
    expect(m.documents.electronicShare).toMatchObject({ numerator: sum(5), denominator: sum(4) });

    const d = (col: number) => digi.reduce((s, r) => s + (r[col] as number), 0);
    const by = Object.fromEntries(m.digitisation.indicators.map((i: { key: string }) => [i.key, i]));
    expect(by['onlineHandling']).toMatchObject({ numerator: d(3), denominator: d(2), value: round1((d(3) / d(2)) * 100) });
    expect(by['onTime']).toMatchObject({ numerator: d(6), denominator: d(5) });
    expect(by['digitised']).toMatchObject({ numerator: d(7), denominator: d(2) });

    // The text output speaks Vietnamese numbers.
    const text = (await cchcAsync(['metrics', '--store', store, '--period', 'Năm 2026', '--today', '01/12/2026'])).stdout;
    expect(text).toContain(`${String(round1((online / total) * 100)).replace('.', ',')}%`);
  });

  it('a log with a bad row writes nothing and names the row', async () => {
    const dir = await tempDir();
    const store = join(dir, 'cchc.xlsx');
    expect((await cchcAsync(['init', '--store', store])).code).toBe(0);
    const file = join(dir, 'so-hoi-nghi.xlsx');
    await fillTemplate(
      'so-hoi-nghi.xlsx',
      'Hội nghị',
      [
        ['05/01/2026', 'Văn phòng HĐND và UBND', 'Họp giao ban', 'Chuyên môn', '', 'Trực tuyến', '0,5', 'Có', ''],
        ['32/13/2026', 'Văn phòng HĐND và UBND', 'Họp sai ngày', 'Chuyên môn', '', 'Trực tuyến', '0,5', 'Có', ''],
        ['06/01/2026', 'Văn phòng HĐND và UBND', 'Họp tất niên', 'Liên hoan', '', 'Trực tiếp', '0,5', 'Có', ''],
      ],
      file,
    );
    const result = await cchcAsync(['import', file, '--store', store]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/dòng 3, cột "Ngày": .*"32\/13\/2026" không phải ngày hợp lệ/);
    expect(result.stdout).toMatch(/\[CẢNH BÁO\].*dòng 4, cột "Loại": "Liên hoan" không nằm trong danh sách/);
    expect(result.stdout).toContain('Không ghi gì');
    expect((await new XlsxStore(store).read())['meetings']).toEqual([]);
  });
});
