/**
 * One entry point for every metric, a pure function of the store's tabs, the
 * period and the day: the CLI, the report and the Apps Script dashboard all call
 * this, so they cannot disagree.
 */
import { CATALOG_TABS, catalogFromTables, planIssuedBy } from '../catalog/catalog';
import type { Row } from '../layout/columns';
import { asOfDate, type Period } from '../periods/period';
import { nextReport, nextReports, type DueReport } from '../periods/reporting';
import type { UnitRegistry } from '../units/registry';
import type { ValidationIssue } from '../model/issue';
import { DIGITISATION_TAB, DOCUMENTS_TAB, OUTCOMES_TAB } from '../layout/tabs';
import { outcomeMetrics, type OutcomeMetrics } from './outcomes';
import { digitisationMetrics, type DigitisationMetrics } from './digitisation';
import { documentMetrics, type DocumentMetrics } from './documents';
import { decodeMeetings, meetingMetrics, type MeetingMetrics } from './meetings';
import { sumCounts } from './period-counts';
import { leadKey, taskProgress, type TaskProgress } from './task-progress';

export interface MetricsReport {
  period: { label: string; from: string; to: string };
  today: string;
  /** The day the task figures stand at and the report says "tính đến": see `asOfDate`. */
  asOf: string;
  unit: string | null;
  meetings: MeetingMetrics;
  documents: DocumentMetrics;
  digitisation: DigitisationMetrics;
  outcomes: OutcomeMetrics;
  tasks: TaskProgress;
  /** The next periodic report and its submission date (ward settings). */
  nextReport: { label: string; name: string; due: string; daysLeft: number };
  /** The next report of every schedule side by side (plans with their own dates apart), soonest first. */
  reports: { label: string; name: string; due: string; daysLeft: number; plans: string[] }[];
  /** Cells of the logs that could not be read (counted as missing). */
  issues: ValidationIssue[];
}

export interface MetricsOptions {
  period: Period;
  /** ISO date, in the ward's time zone. */
  today: string;
  /** Registry id of a lead unit, to restrict to its tasks and meetings. */
  unit?: string;
}

/** The tabs computeMetrics reads (the catalog's and the logs'): `cchc metrics` asks the store for these only. */
export const METRICS_TABS: readonly string[] = [...CATALOG_TABS, 'meetings', 'documents', 'digitisation', 'outcomes'];

export function computeMetrics(tables: Record<string, readonly Row[] | undefined>, options: MetricsOptions): MetricsReport {
  const asOf = asOfDate(options.period, options.today);
  const catalog = catalogFromTables(tables);
  const { meetings, issues } = decodeMeetings(tables['meetings'] ?? []);
  const filter = { unit: options.unit, registry: catalog.registry };
  const docs = sumCounts(DOCUMENTS_TAB, tables['documents'] ?? [], options.period, filter);
  const digi = sumCounts(DIGITISATION_TAB, tables['digitisation'] ?? [], options.period, filter);
  const outcomes = sumCounts(OUTCOMES_TAB, tables['outcomes'] ?? [], options.period, filter);
  const unitMeetings = options.unit ? meetings.filter((m) => catalog.registry.parseList(m.unit)[0]?.unit === options.unit) : meetings;
  const meetingReport = meetingMetrics(unitMeetings, options.period, catalog.settings, options.unit !== undefined);
  // A plan issued after the period's end has no tasks in that period's figures.
  const notYetIssued = new Set(catalog.plans.filter((p) => !planIssuedBy(p, options.period.to)).map((p) => p.code));
  return {
    period: { label: options.period.label, from: options.period.from, to: options.period.to },
    today: options.today,
    asOf,
    unit: options.unit ?? null,
    meetings: meetingReport,
    documents: documentMetrics(docs.totals, catalog.settings),
    digitisation: digitisationMetrics(digi.totals, catalog.settings, options.unit !== undefined),
    outcomes: outcomeMetrics(outcomes.totals, digi.totals, digi.byUnit, catalog.settings, (id) => catalog.registry.get(id)?.name ?? id),
    tasks: taskProgress(
      catalog,
      // A past period's tasks as they stood at its end: done by then, overdue then.
      asOf,
      (r) => r.planYear === options.period.year && !notYetIssued.has(r.task.plan) && (!options.unit || leadKey(r) === options.unit),
    ),
    nextReport: dueReport(nextReport(options.today, catalog.settings)),
    reports: nextReports(options.today, catalog.settings, catalog.plans).map((r) => ({ ...dueReport(r), plans: r.plans })),
    issues: [...issues, ...meetingReport.issues, ...docs.issues, ...digi.issues, ...outcomes.issues],
  };
}

function dueReport(r: DueReport): MetricsReport['nextReport'] {
  return { label: r.period.label, name: r.name, due: r.due, daysLeft: r.daysLeft };
}

/**
 * The unit a `--unit` option (or the dashboard's choice) names: a registry id
 * ("VHXH") or a name as people write it. An unknown unit is an error with the
 * closest name, never a report of zeros.
 */
export function resolveUnit(registry: UnitRegistry, text: string): { unit: string } | { error: string } {
  if (registry.get(text)) return { unit: text };
  const refs = registry.parseList(text);
  const ref = refs.length === 1 ? refs[0]! : null;
  if (ref?.unit && ref.match !== 'none') return { unit: ref.unit };
  const hint = ref?.suggestion ?? refs.find((r) => r.suggestion)?.suggestion ?? null;
  return {
    error: `Không có đơn vị "${text}" trong trang "Đơn vị".${hint ? ` Có phải "${hint}"?` : ' Ghi mã đơn vị (ví dụ VHXH) hoặc tên như trong trang "Đơn vị".'}`,
  };
}
