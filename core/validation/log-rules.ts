/**
 * Rules for the log tabs (meetings, documents, digitisation) and the settings:
 * dates, numbers, controlled words, periods, units and duplicate rows. `cchc
 * validate`, the Apps Script menu, the importer and the metrics all read the logs
 * through these, so a row the metrics cannot count is always named on its row.
 */
import { decodeRows, str, type Decoded } from '../layout/codec';
import type { Row, TabSpec } from '../layout/columns';
import { identityColumns, rowKey } from '../merge/row-identity';
import { DIGITISATION_TAB, DOCUMENTS_TAB, MEETINGS_TAB, OUTCOMES_TAB, tabByKey } from '../layout/tabs';
import { decodeMeetings } from '../metrics/meetings';
import { decodePeriodLog } from '../metrics/period-counts';
import { SETTING_FORMS, SETTING_SPECS, settingSpec, settingValueOk, TARGET_SPECS, type Settings } from '../settings/settings';
import { formatVnNumber } from '../text/number';
import type { UnitRegistry } from '../units/registry';
import { checkUnits } from './catalog-rules';
import type { ValidationIssue } from '../model/issue';

/** The tabs whose rows are logs an official fills in, checked by these rules. */
export const LOG_TABS: readonly TabSpec[] = [MEETINGS_TAB, DOCUMENTS_TAB, DIGITISATION_TAB, OUTCOMES_TAB];

/** Counts cannot be negative. */
function checkNumbers(tab: TabSpec, records: readonly Decoded[], rowNumbers: readonly number[], issues: ValidationIssue[]): void {
  const numeric = tab.columns.filter((c) => c.type === 'number');
  records.forEach((r, i) => {
    for (const c of numeric) {
      const v = r[c.key];
      if (typeof v === 'number' && v < 0) {
        issues.push({
          tab: tab.key,
          row: rowNumbers[i]!,
          column: c.key,
          code: 'NUMBER_NEGATIVE',
          severity: 'error',
          message: `${formatVnNumber(v)} là số âm. Nhập số lượng từ 0 trở lên.`,
        });
      }
    }
  });
}

function checkDuplicates(tab: TabSpec, rows: readonly Row[], rowNumbers: readonly number[], issues: ValidationIssue[]): void {
  const seen = new Map<string, number>();
  const columns = identityColumns(tab).map((k) => `"${tab.columns.find((c) => c.key === k)!.header}"`);
  let i = 0;
  for (const row of rows) {
    if (tab.columns.every((c) => row[c.key] === null || row[c.key] === undefined || row[c.key] === '')) continue;
    const key = rowKey(tab, row);
    const first = seen.get(key);
    const rowNumber = rowNumbers[i++]!;
    if (first === undefined) seen.set(key, rowNumber);
    else {
      issues.push({
        tab: tab.key,
        row: rowNumber,
        column: '',
        code: 'ROW_DUPLICATE',
        // Two meetings with one name on one day may be real; two counts for one unit and period double the figures.
        severity: tab.key === 'meetings' ? 'warning' : 'error',
        message: `Dòng này trùng ${columns.join(', ')} với dòng ${first}. Xóa dòng trùng hoặc gộp số liệu vào một dòng.`,
      });
    }
  }
}

function checkLogUnits(
  tab: TabSpec,
  records: readonly Decoded[],
  rowNumbers: readonly number[],
  registry: UnitRegistry,
  issues: ValidationIssue[],
): void {
  records.forEach((r, i) => {
    const text = str(r, 'unit');
    if (text === '') return;
    checkUnits(registry.parseList(text), 'unit', (column, code, severity, message) =>
      issues.push({ tab: tab.key, row: rowNumbers[i]!, column, code, severity, message }),
    );
  });
}

/** Every issue in one log tab's rows. */
export function checkLogTab(tab: TabSpec, rows: readonly Row[], registry: UnitRegistry): ValidationIssue[] {
  let decoded: { records: Decoded[]; rowNumbers: number[]; issues: ValidationIssue[] };
  if (tab.key === MEETINGS_TAB.key) {
    const { meetings, issues } = decodeMeetings(rows);
    for (const m of meetings) {
      if (m.date === null && !issues.some((i) => i.row === m.row && i.column === 'date')) {
        issues.push({
          tab: tab.key,
          row: m.row,
          column: 'date',
          code: 'DATE_MISSING',
          severity: 'error',
          message: 'Chưa ghi ngày họp, nên cuộc họp không được tính vào kỳ nào. Nhập ngày dạng dd/mm/yyyy.',
        });
      }
    }
    const plain = decodeRows(tab, rows);
    decoded = { records: plain.records, rowNumbers: plain.rowNumbers, issues };
  } else {
    decoded = decodePeriodLog(tab, rows);
  }
  const { records, rowNumbers, issues } = decoded;
  checkNumbers(tab, records, rowNumbers, issues);
  checkLogUnits(tab, records, rowNumbers, registry, issues);
  checkDuplicates(tab, rows, rowNumbers, issues);
  return issues;
}

/** Settings and targets whose value is not of their kind (a target "sáu mươi", a date "32/13"). */
export function checkSettings(
  settingsRows: readonly Row[],
  tabKey: 'settings' | 'targets',
  settings: Settings,
  year: number,
): ValidationIssue[] {
  const tab = tabByKey(tabKey);
  const specs = new Set<string>((tabKey === 'settings' ? SETTING_SPECS : TARGET_SPECS).map((s) => s.key));
  const { records, rowNumbers } = decodeRows(tab, settingsRows);
  const issues: ValidationIssue[] = [];
  records.forEach((r, i) => {
    const key = str(r, 'key');
    const spec = settingSpec(key);
    const value = settings[key] ?? '';
    if (!spec || !specs.has(key) || value.trim() === '') return;
    if (!settingValueOk(spec, value, year)) {
      issues.push({
        tab: tabKey,
        row: rowNumbers[i]!,
        column: 'value',
        code: 'SETTING_INVALID',
        severity: 'error',
        message: `"${spec.label}": "${value}" không đọc được, đang dùng mặc định ${spec.defaultValue || '(trống)'}. Ghi ${SETTING_FORMS[spec.type ?? 'number']}.`,
      });
    }
  });
  return issues;
}
