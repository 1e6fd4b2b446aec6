import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import {
  catalogFromTables,
  computeMetrics,
  defaultSettings,
  encodeSettings,
  parsePeriod,
  resolveUnit,
  TARGETS_TAB,
  validateCatalog,
  validateTables,
  type Plan,
  type Row,
  type Task,
} from '../../core/index';
import { XlsxStore } from '../../sync/store/xlsx-store';
import { cchcAsync } from '../helpers/cli';
import { useTempDir } from '../helpers/tmp';

const tempDir = useTempDir();

const task = (stt: string, extra: Partial<Task> = {}): Task => ({
  id: `t${stt}`,
  plan: 'P1',
  section: 'I',
  sectionTitle: '',
  stt,
  title: `Nhiệm vụ ${stt}`,
  target: '',
  lead: 'Văn phòng HĐND và UBND',
  support: '',
  product: '',
  deadline: 'Quý II/2026',
  status: '',
  progress: null,
  completedOn: null,
  evidence: '',
  note: '',
  ...extra,
});
const plan: Plan = { code: 'P1', title: 'KH', date: null, ward: 'X', year: 2026 };
const registry = catalogFromTables({}).registry;
const productIssues = (tasks: Task[]) =>
  validateCatalog({ tasks: tasks.map((item, i) => ({ item, row: i + 2 })), plans: [plan], registry, defaultYear: 2026 }).filter(
    (i) => i.code === 'PRODUCT_MISSING',
  );

describe('friction', () => {
  it('one PRODUCT_MISSING note per plan when no task has an output; "Yêu cầu" counts as the expected result', () => {
    const none = Array.from({ length: 106 }, (_, i) => task(String(i + 1)));
    expect(productIssues(none)).toHaveLength(1);
    expect(productIssues(none)[0]!.message).toContain('cả 106 nhiệm vụ');
    const withTarget = none.map((t) => ({ ...t, target: 'Yêu cầu năm 2026: 100% hồ sơ' }));
    expect(productIssues(withTarget)).toHaveLength(0);
    const some = [task('1', { product: 'Kế hoạch' }), task('2'), task('3')];
    expect(productIssues(some).map((i) => i.row)).toEqual([3, 4]);
  });

  it('a lower-case status is the status, not an error', () => {
    const tables = {
      tasks: [
        {
          id: 'a',
          plan: 'P1',
          stt: '1',
          title: 'Việc',
          lead: 'Văn phòng HĐND và UBND',
          deadline: 'Quý II/2026',
          status: 'đang thực hiện',
          product: 'Báo cáo',
        } as Row,
      ],
    };
    const { issues } = validateTables(tables);
    expect(issues.filter((i) => i.code === 'STATUS_INVALID')).toEqual([]);
    expect(computeMetrics(tables, { period: parsePeriod('2026')!, today: '2026-05-01' }).tasks.overall.inProgress).toBe(1);
  });

  it('validate checks the logs and settings: a meeting on 32/13/2026, a target "sáu mươi"', () => {
    const settings = encodeSettings({ ...defaultSettings(), indexScoreStep: '0,5', reportHalfDate: '32/13' });
    const { issues } = validateTables({
      settings,
      meetings: [
        {
          date: '32/13/2026',
          unit: 'Văn phòng HĐND và UBND',
          title: 'Họp',
          kind: 'Quan trọng',
          communeWide: 'x',
          format: 'Trực tuyến',
          length: '1',
          paperless: '',
        },
      ],
      documents: [{ period: '2026-13', unit: 'Văn phòng HĐND và UBND', issued: 5 }],
    });
    expect(issues.find((i) => i.tab === 'meetings' && i.code === 'DATE_INVALID')).toMatchObject({ row: 2, severity: 'error' });
    expect(issues.find((i) => i.tab === 'documents' && i.code === 'PERIOD_INVALID')).toMatchObject({ row: 2 });
    const settingIssues = issues.filter((i) => i.code === 'SETTING_INVALID');
    // "0,5" is a number; "32/13" is no date.
    expect(settingIssues.map((i) => i.message)).toEqual([expect.stringContaining('"32/13"')]);
    expect(issues.filter((i) => i.code === 'WORD_UNKNOWN')).toEqual([]);
  });

  it('an unknown unit is an error with a suggestion, a known name or id works', () => {
    expect(resolveUnit(registry, 'VHXH')).toEqual({ unit: 'VHXH' });
    expect(resolveUnit(registry, 'Phòng Văn hóa - Xã hội')).toEqual({ unit: 'VHXH' });
    const unknown = resolveUnit(registry, 'Phòng Tài chính');
    expect(unknown).toHaveProperty('error');
  });

  it('the targets tab says "Chỉ tiêu" and hides its codes; older workbooks still read', () => {
    expect(TARGETS_TAB.columns.map((c) => c.header)).toEqual(['Chỉ tiêu', 'Mức chỉ tiêu', 'Mã']);
    expect(TARGETS_TAB.columns.find((c) => c.key === 'key')!.hidden).toBe(true);
  });

  it('on the command line: unknown --unit exits 2 with a hint; index with no criteria points to index-import', async () => {
    const dir = await tempDir();
    const store = join(dir, 'cchc.xlsx');
    expect((await cchcAsync(['init', '--store', store])).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(store);
    const targets = wb.getWorksheet('Chỉ tiêu')!;
    expect(targets.getRow(1).getCell(1).value).toBe('Chỉ tiêu');
    expect(targets.getColumn(3).hidden).toBe(true);

    const unit = await cchcAsync(['metrics', '--store', store, '--unit', 'Phòng Tài chính']);
    expect(unit.code).toBe(2);
    expect(unit.stderr).toMatch(/Không có đơn vị "Phòng Tài chính".*\[UNIT_UNKNOWN\]/);
    const index = await cchcAsync(['index', '--store', store]);
    expect(index.code).toBe(1);
    expect(index.stdout).toContain('cchc index-import');
    expect((await new XlsxStore(store).read())['targets']!.length).toBeGreaterThan(10);
  });
});
