/**
 * The periodic report on a period as `cchc report` and the menu's "Xuất báo cáo định kỳ" make it: the figures
 * (computeMetrics), the plans, targets, meetings and the next period's focus, put together by periodReport. One
 * use-case for both, so the Word files they write cannot differ; likewise the index summary of `cchc index` and
 * the menu's "Chỉ số CCHC".
 */
import { catalogFromTables, plansOfPeriod, type Catalog } from '../catalog/catalog';
import type { Row } from '../layout/columns';
import { computeMetrics, type MetricsReport } from '../metrics/compute';
import { decodeMeetings } from '../metrics/meetings';
import { targetLines } from '../metrics/targets';
import { leadKey, taskProgress } from '../metrics/task-progress';
import { indexSummary, type IndexSummary } from '../par-index/scoring';
import { defaultPeriodText, parsePeriod, PERIOD_FORMS, type Period } from '../periods/period';
import { storeWard } from './heading';
import { periodReport, type PeriodReport } from './period-report';
import { nextPeriodFocus } from './upcoming';

export interface PeriodReportRequest {
  period: Period;
  /** ISO date, in the ward's time zone. */
  today: string;
  /** Registry id of a lead unit, to report on its tasks and meetings only. */
  unit?: string;
}

/** The report model and the figures behind it (the workbook shows the digitisation score beside them). */
export function periodReportOf(
  tables: Record<string, readonly Row[] | undefined>,
  { period, today, unit }: PeriodReportRequest,
): { report: PeriodReport; metrics: MetricsReport } {
  const catalog = catalogFromTables(tables);
  const metrics = computeMetrics(tables, { period, today, unit });
  // The metrics key sections as "plan section"; the report shows the section's own heading beside it.
  const sections = new Map(
    catalog.tasks
      .filter(({ item }) => item.section !== '' && item.sectionTitle !== '')
      .map(({ item }) => [`${item.plan} ${item.section}`, `${item.plan} ${item.section}. ${item.sectionTitle}`]),
  );
  const report = periodReport({
    metrics,
    period,
    ward: storeWard(catalog.settings, catalog.plans),
    plans: plansOfPeriod(catalog.plans, period),
    targets: targetLines(metrics),
    meetings: decodeMeetings(tables['meetings'] ?? []).meetings,
    settings: catalog.settings,
    unitName: (id) => catalog.registry.label(id),
    sectionName: (key) => sections.get(key) ?? key,
    next: nextPeriodFocus(catalog, period, today, (r) => !unit || leadKey(r) === unit),
  });
  return { report, metrics };
}

/** The criteria's self-assessment for a period, with the progress of the plan's tasks that serve each criterion. */
export function indexSummaryOf(
  catalog: Catalog,
  criteria: readonly Row[],
  { period, today }: Pick<PeriodReportRequest, 'period' | 'today'>,
): IndexSummary {
  return indexSummary(criteria, {
    period,
    today,
    settings: catalog.settings,
    registry: catalog.registry,
    progress: taskProgress(catalog, today),
  });
}

/** The period an official named (or this year's default on `today`); a period without a year is `today`'s year's. */
export function reportPeriod(
  text: string | undefined,
  today: string,
  calendar = false,
): { period: Period } | { code: 'PERIOD_INVALID'; error: string } {
  const periodText = text ?? defaultPeriodText(today);
  const period = parsePeriod(periodText, calendar ? 'calendar' : 'cutoff', Number(today.slice(0, 4)));
  return period ? { period } : { code: 'PERIOD_INVALID', error: `Kỳ "${periodText}" không hợp lệ. Ghi ${PERIOD_FORMS}.` };
}
