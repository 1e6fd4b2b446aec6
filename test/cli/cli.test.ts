import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogFromTables } from '../../core/index';
import { sampleTables } from '../../sync/samples/sample-tables';
import { XlsxStore } from '../../sync/store/xlsx-store';
import { cchcAsync, cchcSpawn } from '../helpers/cli';
import { useTempDir } from '../helpers/tmp';

const tempDir = useTempDir();

describe('cchc CLI', () => {
  it.each(['26', '1999', '2101', 'năm nay'])('init --year %s is refused before anything is made (YEAR_INVALID, exit 2)', async (year) => {
    const store = join(await tempDir(), 'cchc.xlsx');
    const init = await cchcAsync(['init', '--store', store, '--year', year]);
    expect(init.code).toBe(2);
    expect(init.stderr.trim()).toBe(
      `Lỗi: Năm "${year}" không hợp lệ. Ghi năm kế hoạch đủ bốn chữ số, từ 2000 đến 2100, ví dụ 2026. [YEAR_INVALID]`,
    );
    expect(existsSync(store)).toBe(false);
  });

  it('a plan year typed short in the settings tab is a SETTING_INVALID error', async () => {
    const store = join(await tempDir(), 'cchc.xlsx');
    expect((await cchcAsync(['init', '--store', store, '--year', '2026'])).code).toBe(0);
    const tables = await new XlsxStore(store).read();
    const settings = tables['settings']!.map((r) => (r['key'] === 'planYear' ? { ...r, value: '26' } : r));
    await new XlsxStore(store).write({ settings });
    const validate = await cchcAsync(['validate', '--store', store]);
    expect(validate.code).toBe(1);
    expect(validate.stdout).toContain('"Năm kế hoạch": "26" không đọc được');
    expect(validate.stdout).toContain('từ 2000 đến 2100');
  });

  it('init creates a workbook and refuses to overwrite one (exit 2)', async () => {
    const store = join(await tempDir(), 'cchc.xlsx');
    const first = await cchcAsync(['init', '--store', store, '--ward', 'Nhị Chiểu']);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('Đã tạo sổ dữ liệu');
    const catalog = catalogFromTables(await new XlsxStore(store).read());
    expect(catalog.settings['ward']).toBe('Nhị Chiểu');
    expect(catalog.units.length).toBeGreaterThan(10);

    const second = await cchcAsync(['init', '--store', store]);
    expect(second.code).toBe(2);
    expect(second.stderr).toContain('[STORE_EXISTS]');
  });

  it('validate exits 0 with warnings only, 1 when there are errors', async () => {
    const store = new XlsxStore(join(await tempDir(), 'cchc.xlsx'));
    const tables = await sampleTables();
    await store.create(tables);
    const ok = await cchcAsync(['validate', '--store', store.location, '--json']);
    expect(ok.code).toBe(0);
    const report = JSON.parse(ok.stdout);
    expect(report).toMatchObject({ tasks: 74, errors: 0 });
    expect(report.issues.map((i: { code: string }) => i.code)).toContain('UNIT_TYPO');

    tables['tasks']![0] = { ...tables['tasks']![0]!, progress: 150 };
    await store.write({ tasks: tables['tasks']! });
    const bad = await cchcAsync(['validate', '--store', store.location]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('[LỖI] trang "Nhiệm vụ", dòng 2, cột "Tiến độ (%)"');
    expect(bad.stdout).toContain('(PROGRESS_OUT_OF_RANGE)');
  });

  it('says in Vietnamese what to do when the workbook is missing (exit 2, no stack trace)', async () => {
    const result = await cchcAsync(['validate', '--store', join(await tempDir(), 'none.xlsx')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Chạy "cchc init"');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('treats unknown commands and options as usage errors (exit 2)', async () => {
    expect((await cchcAsync(['khong-co'])).code).toBe(2);
    expect((await cchcAsync(['validate', '--khong-co'])).code).toBe(2);
    expect((await cchcAsync(['--help'])).code).toBe(0);
  });

  it('demo (npm start) builds the sample workbook and prints a readable summary', async () => {
    const cwd = await tempDir();
    const result = await cchcAsync(['demo'], { cwd });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Kế hoạch: 3 — Nhiệm vụ: 74');
    expect(result.stdout).toContain('Kiểm tra dữ liệu: 0 lỗi');
    expect(result.stdout).toContain('Hội nghị trực tuyến, kể cả kết hợp  60% (24/40); chỉ tiêu ≥ 60% — Đạt');
    expect(result.stdout).toContain('Báo cáo sắp đến hạn:');
    expect(existsSync(join(cwd, 'data/demo/cchc-demo.xlsx'))).toBe(true);
  });
});

/** Every command's help, the program's included, as an official reads it. */
async function allHelp(): Promise<string[]> {
  const top = await cchcAsync(['--help']);
  const names = [...top.stdout.matchAll(/^ {2}([a-z-]+)(?= )/gm)].map((m) => m[1]!).filter((n) => n !== 'help');
  const pages = [top.stdout];
  for (const name of names) {
    const page = (await cchcAsync([name, '--help'])).stdout;
    pages.push(page);
    // Command groups (sync, auth) list their own subcommands.
    for (const sub of page.matchAll(/^ {2}([a-z-]+) \[tùy chọn\]/gm))
      if (sub[1] !== name) pages.push((await cchcAsync([name, sub[1]!, '--help'])).stdout);
  }
  return pages;
}

describe('cchc speaks Vietnamese', () => {
  it('a bare cchc shows the help (exit 0), with Vietnamese headings and the help command itself', async () => {
    const bare = await cchcAsync([]);
    expect(bare.code).toBe(0);
    expect(bare.stdout).toMatch(/^Cách dùng: cchc \[tùy chọn\] \[lệnh\]/);
    expect(bare.stdout).toContain('Lệnh:');
    expect(bare.stdout).toContain('help [lệnh]');
    expect((await cchcAsync(['help', 'import'])).stdout).toContain('Cách dùng: cchc import [tùy chọn] <tệp>');
  });

  it('no English word reaches the help of any command', async () => {
    const pages = await allHelp();
    expect(pages.length).toBeGreaterThan(14);
    // Command names and flags are what officials type; the rest must be Vietnamese.
    const english =
      /\b(the|and|or|of|for|into|with|when|file|path|code|options?|usage|commands?|arguments?|default|display|help|output|machine|readable|store|sheet|workbook|spreadsheet|env|id|e\.g|mode|version)\b/i;
    for (const page of pages) {
      const prose = page
        .replace(/--?[a-z][a-z-]*/g, ' ')
        .replace(/"[a-z]+"/g, ' ') // option values typed as written ("sheet", "local")
        .replace(/^ {2}[a-z-]+(?= )/gm, ' ')
        .replace(/cchc( [a-z-]+)*/g, ' ')
        .replace(/\b[A-Z][A-Z0-9_]{2,}\b/g, ' ') // environment variable names
        .replace(/[\w./-]+\.(xlsx|json|docx|txt)\b/g, ' ');
      expect(prose).not.toMatch(english);
    }
  });

  it('a mistyped command gets a Vietnamese suggestion, one line with a code, exit 2', async () => {
    const typo = await cchcAsync(['improt', 'x.xlsx']);
    expect(typo.code).toBe(2);
    expect(typo.stderr.split('\n')[0]).toBe('Lỗi: Không có lệnh "improt". Có phải "import"? [USAGE_UNKNOWN_COMMAND]');
    expect(typo.stdout).toBe('');
  });

  it('a mistyped option gets a Vietnamese suggestion, exit 2', async () => {
    const typo = await cchcAsync(['metrics', '--perod', '2026']);
    expect(typo.code).toBe(2);
    expect(typo.stderr.split('\n')[0]).toBe('Lỗi: Không có tùy chọn "--perod". Có phải "--period"? [USAGE_UNKNOWN_OPTION]');
  });

  it('usage errors are Vietnamese: missing argument, missing value, invalid value, too many arguments', async () => {
    const cases: [string[], RegExp][] = [
      [['import'], /^Lỗi: Thiếu tham số <tệp>\. \[USAGE_ARGUMENT_MISSING\]$/],
      [['sync', 'pull', '--out'], /^Lỗi: Tùy chọn --out cần một giá trị \(--out <tệp>\)\. \[USAGE_OPTION_VALUE_MISSING\]$/],
      [
        ['rollup', '--concurrency', 'x'],
        /^Lỗi: Giá trị "x" của tùy chọn --concurrency không hợp lệ\. Cần một số nguyên dương\. \[USAGE_OPTION_INVALID\]$/,
      ],
      [['demo', 'x'], /^Lỗi: Lệnh "demo" nhận tối đa 0 tham số, nhưng được ghi 1\. \[USAGE_TOO_MANY_ARGUMENTS\]$/],
      [['rollup'], /^Lỗi: Thiếu tùy chọn bắt buộc --sheets <tệp>\. \[USAGE_OPTION_MISSING\]$/],
    ];
    for (const [args, line] of cases) {
      const result = await cchcAsync(args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr.split('\n')[0], args.join(' ')).toMatch(line);
      expect(result.stderr, args.join(' ')).not.toMatch(/error:|Usage|Did you mean/);
    }
  });

  it('export and report write to a default name built from the plan or the period', async () => {
    const cwd = await tempDir();
    const store = new XlsxStore(join(cwd, 'cchc.xlsx'));
    await store.create(await sampleTables());
    const report = await cchcAsync(['report', '--store', store.location, '--period', '2026-H1', '--today', '2026-06-20'], { cwd });
    expect(report.code).toBe(0);
    expect(existsSync(join(cwd, 'bao-cao-6-thang-dau-nam-2026.xlsx'))).toBe(true);
    const plan = catalogFromTables(await store.read()).plans[0]!.code;
    const exported = await cchcAsync(['export', '--store', store.location, '--plan', plan], { cwd });
    expect(exported.code).toBe(0);
    expect(existsSync(join(cwd, `phu-luc-${plan.replace(/\//g, '-')}.xlsx`))).toBe(true);
  });
});

describe('the cchc binary (child processes)', () => {
  it('starts, prints the Vietnamese help and exits 0', async () => {
    const result = await cchcSpawn(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Cách dùng: cchc');
  });

  it('reports a usage error and a data error with their exit codes', async () => {
    expect((await cchcSpawn(['improt'])).code).toBe(2);
    const missing = await cchcSpawn(['validate', '--store', join(await tempDir(), 'none.xlsx')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('[STORE_MISSING]');
  });
});
