/**
 * One entry point for every metric, a pure function of the store's tabs, the
 * period and the day: the CLI, the report and the Apps Script dashboard all call
 * this, so they cannot disagree.
 */
import { catalogFromTables } from '../catalog/catalog';
import type { Row } from '../layout/columns';
import type { Period } from '../periods/period';
import { nextReport, type DueReport } from '../periods/reporting';
import type { ValidationIssue } from '../validation/issue';
import { DIGITISATION_TAB, DOCUMENTS_TAB } from '../layout/tabs';
import { digitisationMetrics, type DigitisationMetrics } from './digitisation';
import { documentMetrics, type DocumentMetrics } from './documents';
import { decodeMeetings, meetingMetrics, type MeetingMetrics } from './meetings';
import { sumCounts } from './period-counts';
import { leadKey, taskProgress, type TaskProgress } from './task-progress';

export interface MetricsReport {
  period: { label: string; from: string; to: string };
  today: string;
  unit: string | null;
  meetings: MeetingMetrics;
  documents: DocumentMetrics;
  digitisation: DigitisationMetrics;
  tasks: TaskProgress;
  /** The next periodic report and its submission date (ward settings). */
  nextReport: { label: string; name: string; due: string; daysLeft: number };
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

export function computeMetrics(tables: Record<string, readonly Row[] | undefined>, options: MetricsOptions): MetricsReport {
  const catalog = catalogFromTables(tables);
  const { meetings, issues } = decodeMeetings(tables['meetings'] ?? []);
  const filter = { unit: options.unit, registry: catalog.registry };
  const docs = sumCounts(DOCUMENTS_TAB, tables['documents'] ?? [], options.period, filter);
  const digi = sumCounts(DIGITISATION_TAB, tables['digitisation'] ?? [], options.period, filter);
  const unitMeetings = options.unit ? meetings.filter((m) => catalog.registry.parseList(m.unit)[0]?.unit === options.unit) : meetings;
  const meetingReport = meetingMetrics(unitMeetings, options.period, catalog.settings, options.unit !== undefined);
  return {
    period: { label: options.period.label, from: options.period.from, to: options.period.to },
    today: options.today,
    unit: options.unit ?? null,
    meetings: meetingReport,
    documents: documentMetrics(docs.totals, catalog.settings),
    digitisation: digitisationMetrics(digi.totals, catalog.settings),
    tasks: taskProgress(
      catalog,
      options.today,
      (r) => r.planYear === options.period.year && (!options.unit || leadKey(r) === options.unit),
    ),
    nextReport: dueReport(nextReport(options.today, catalog.settings)),
    issues: [...issues, ...meetingReport.issues, ...docs.issues, ...digi.issues],
  };
}

function dueReport(r: DueReport): MetricsReport['nextReport'] {
  return { label: r.period.label, name: r.name, due: r.due, daysLeft: r.daysLeft };
}
