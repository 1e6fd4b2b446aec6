import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogFromTables } from '../../core/index';
import { sampleTables } from '../../sync/catalog/sample';
import { XlsxStore } from '../../sync/store/xlsx-store';
import { cchc } from '../helpers/cli';
import { useTempDir } from '../helpers/tmp';

const tempDir = useTempDir();

describe('cchc CLI', () => {
  it('init creates a workbook and refuses to overwrite one (exit 2)', async () => {
    const store = join(await tempDir(), 'cchc.xlsx');
    const first = cchc(['init', '--store', store, '--ward', 'Nhị Chiểu']);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('Đã tạo sổ dữ liệu');
    const catalog = catalogFromTables(await new XlsxStore(store).read());
    expect(catalog.settings['ward']).toBe('Nhị Chiểu');
    expect(catalog.units.length).toBeGreaterThan(10);

    const second = cchc(['init', '--store', store]);
    expect(second.code).toBe(2);
    expect(second.stderr).toContain('[STORE_EXISTS]');
  });

  it('validate exits 0 with warnings only, 1 when there are errors', async () => {
    const store = new XlsxStore(join(await tempDir(), 'cchc.xlsx'));
    const tables = await sampleTables();
    await store.create(tables);
    const ok = cchc(['validate', '--store', store.location, '--json']);
    expect(ok.code).toBe(0);
    const report = JSON.parse(ok.stdout);
    expect(report).toMatchObject({ tasks: 74, errors: 0 });
    expect(report.issues.map((i: { code: string }) => i.code)).toContain('UNIT_TYPO');

    tables['tasks']![0] = { ...tables['tasks']![0]!, progress: 150 };
    await store.write({ tasks: tables['tasks']! });
    const bad = cchc(['validate', '--store', store.location]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('[LỖI] bảng "Nhiệm vụ", dòng 2, cột "Tiến độ (%)"');
    expect(bad.stdout).toContain('(PROGRESS_OUT_OF_RANGE)');
  });

  it('says in Vietnamese what to do when the workbook is missing (exit 2, no stack trace)', async () => {
    const result = cchc(['validate', '--store', join(await tempDir(), 'none.xlsx')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Chạy "cchc init"');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('treats unknown commands and options as usage errors (exit 2)', () => {
    expect(cchc(['khong-co']).code).toBe(2);
    expect(cchc(['validate', '--khong-co']).code).toBe(2);
    expect(cchc(['--help']).code).toBe(0);
  });

  it('demo (npm start) builds the sample workbook and prints a readable summary', async () => {
    const cwd = await tempDir();
    const result = cchc(['demo'], { cwd });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Kế hoạch: 3 — Nhiệm vụ: 74');
    expect(result.stdout).toContain('Kiểm tra dữ liệu: 0 lỗi');
    expect(result.stdout).toContain('Hội nghị trực tuyến, kể cả kết hợp  60% (24/40); chỉ tiêu ≥ 60% — Đạt');
    expect(result.stdout).toContain('Báo cáo sắp đến hạn:');
    expect(existsSync(join(cwd, 'data/demo/cchc-demo.xlsx'))).toBe(true);
  });
});
