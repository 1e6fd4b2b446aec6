/**
 * One entry point for every metric, a pure function of the store's tabs, the
 * period and the day: the CLI, the report and the Apps Script dashboard all call
 * this, so they cannot disagree.
 */
import { catalogFromTables } from '../catalog/catalog';
import type { Row } from '../layout/columns';
import type { Period } from '../periods/period';
import type { ValidationIssue } from '../validation/issue';
import { decodeMeetings, meetingMetrics, type MeetingMetrics } from './meetings';
import { leadKey, taskProgress, type TaskProgress } from './task-progress';

export interface MetricsReport {
  period: { label: string; from: string; to: string };
  today: string;
  unit: string | null;
  meetings: MeetingMetrics;
  tasks: TaskProgress;
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
  const unitMeetings = options.unit ? meetings.filter((m) => catalog.registry.parseList(m.unit)[0]?.unit === options.unit) : meetings;
  return {
    period: { label: options.period.label, from: options.period.from, to: options.period.to },
    today: options.today,
    unit: options.unit ?? null,
    meetings: meetingMetrics(unitMeetings, options.period, catalog.settings, options.unit !== undefined),
    tasks: taskProgress(
      catalog,
      options.today,
      (r) => r.planYear === options.period.year && (!options.unit || leadKey(r) === options.unit),
    ),
    issues,
  };
}
