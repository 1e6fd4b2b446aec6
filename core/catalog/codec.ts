/** Typed records for the catalog tabs, decoded from and encoded to rows. */
import type { Row } from '../layout/columns';
import { decodeCell, decodeRows, encodeRow, encodeRows, isBlankRow, num, str } from '../layout/codec';
import { PLANS_TAB, SETTINGS_TAB, TASKS_TAB, UNITS_TAB } from '../layout/tabs';
import { STATUS_WORDS, wordReader } from '../layout/vocabulary';
import { defaultSettings, SETTING_SPECS, TARGET_SPECS, type SettingSpec, type Settings } from '../settings/settings';
import { UNIT_KIND_LABELS, unitKindFromLabel } from '../units/labels';
import type { UnitDef } from '../units/types';
import type { ValidationIssue } from '../model/issue';
import { isHeading, ROW_KIND_LABELS, rowKindFromLabel, type Plan, type Task } from '../model/plan-task';

export interface Located<T> {
  item: T;
  /** Sheet row number. */
  row: number;
}

const KIND_COLUMN = TASKS_TAB.columns.find((c) => c.key === 'kind')!;

/** How many of the tasks tab's rows are tasks, not headings (as catalogFromTables counts them), decoding only their kind. */
export function countTaskRows(rows: readonly Row[]): number {
  let count = 0;
  for (const row of rows) {
    if (isBlankRow(TASKS_TAB, row)) continue;
    if (!isHeading({ kind: rowKindFromLabel(String(decodeCell(row['kind'], KIND_COLUMN).value ?? '')) })) count++;
  }
  return count;
}

export function decodeTasks(rows: readonly Row[]): { tasks: Located<Task>[]; issues: ValidationIssue[] } {
  const { records, rowNumbers, issues } = decodeRows(TASKS_TAB, rows);
  const status = wordReader(STATUS_WORDS);
  const tasks = records.map((r, i) => ({
    row: rowNumbers[i]!,
    item: {
      id: str(r, 'id'),
      plan: str(r, 'plan'),
      kind: rowKindFromLabel(str(r, 'kind')),
      section: str(r, 'section'),
      sectionTitle: str(r, 'sectionTitle'),
      group: str(r, 'group'),
      stt: str(r, 'stt'),
      title: str(r, 'title'),
      target: str(r, 'target'),
      lead: str(r, 'lead'),
      support: str(r, 'support'),
      product: str(r, 'product'),
      deadline: str(r, 'deadline'),
      remarks: str(r, 'remarks'),
      criterion: str(r, 'criterion'),
      // "đang thực hiện", "Đã hoàn thành": every rule and metric sees the canonical status.
      status: status(str(r, 'status')) ?? str(r, 'status'),
      progress: num(r, 'progress'),
      completedOn: (r['completedOn'] as string | null) ?? null,
      conditionMetOn: (r['conditionMetOn'] as string | null) ?? null,
      evidence: str(r, 'evidence'),
      note: str(r, 'note'),
    },
  }));
  return { tasks, issues };
}

/** `due` is derived from the deadline text; pass it in so the sheet shows it. */
export function encodeTasks(tasks: readonly Task[], dueOf: (task: Task) => string | null): Row[] {
  // One row per task and no copy in between: a large catalog's store write is mostly these rows.
  return tasks.map((t) => {
    const row = encodeRow(TASKS_TAB, t);
    // Tasks leave "Loại dòng" blank: only headings need saying so.
    row['kind'] = t.kind && t.kind !== 'task' ? ROW_KIND_LABELS[t.kind] : '';
    row['due'] = dueOf(t);
    return row;
  });
}

export function decodePlans(rows: readonly Row[]): { plans: Plan[]; issues: ValidationIssue[] } {
  const { records, issues } = decodeRows(PLANS_TAB, rows);
  const plans = records.map((r) => ({
    code: str(r, 'code'),
    title: str(r, 'title'),
    date: (r['date'] as string | null) ?? null,
    ward: str(r, 'ward'),
    tier: str(r, 'tier'),
    year: num(r, 'year') ?? 0,
    reportHalf: str(r, 'reportHalf'),
    reportYear: str(r, 'reportYear'),
  }));
  return { plans, issues };
}

export function encodePlans(plans: readonly Plan[]): Row[] {
  return encodeRows(PLANS_TAB, plans);
}

export function decodeUnits(rows: readonly Row[]): UnitDef[] {
  return decodeRows(UNITS_TAB, rows)
    .records.filter((r) => str(r, 'id') !== '' || str(r, 'name') !== '')
    .map((r) => {
      const email = str(r, 'email');
      return {
        id: str(r, 'id') || str(r, 'name'),
        name: str(r, 'name') || str(r, 'id'),
        kind: unitKindFromLabel(str(r, 'kind')),
        aliases: str(r, 'aliases')
          .split(/[;\n]/)
          .map((a) => a.trim())
          .filter((a) => a !== ''),
        ...(email ? { email } : {}),
      };
    });
}

export function encodeUnits(units: readonly UnitDef[]): Row[] {
  return encodeRows(
    UNITS_TAB,
    units.map((u) => ({ ...u, kind: UNIT_KIND_LABELS[u.kind], aliases: u.aliases.join('; '), email: u.email ?? '' })),
  );
}

export function decodeSettings(rows: readonly Row[]): Settings {
  const settings = defaultSettings();
  for (const r of decodeRows(SETTINGS_TAB, rows).records) {
    const key = str(r, 'key');
    if (key !== '') settings[key] = str(r, 'value');
  }
  return settings;
}

function encodeSpecs(specs: readonly SettingSpec[], settings: Settings, others: (key: string) => boolean): Row[] {
  const known = new Set(specs.map((s) => s.key));
  const rows = specs.map((s) => ({ label: s.label, value: settings[s.key] ?? s.defaultValue, key: s.key }));
  // Keys a later feature added keep their rows even if this build does not know their label.
  for (const [key, value] of Object.entries(settings)) if (!known.has(key) && others(key)) rows.push({ label: key, value, key });
  return encodeRows(SETTINGS_TAB, rows);
}

const TARGET_KEYS: ReadonlySet<string> = new Set(TARGET_SPECS.map((s) => s.key));

/** Rows of the "Cài đặt" tab. */
export function encodeSettings(settings: Settings): Row[] {
  return encodeSpecs(SETTING_SPECS, settings, (key) => !TARGET_KEYS.has(key));
}

/** Rows of the "Chỉ tiêu" tab. */
export function encodeTargets(settings: Settings): Row[] {
  return encodeSpecs(TARGET_SPECS, settings, () => false);
}
