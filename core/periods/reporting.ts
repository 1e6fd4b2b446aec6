/**
 * Which periodic report is due next and when: quarter I and III by the ward's day
 * of the quarter's last month, six months and the year by their own dates (all
 * settings; defaults 15th, 15/06 and 15/12 as in the An Tường plan). A plan with
 * its own six-month and year dates (Nhị Chiểu reports another plan by 10/6 and
 * 10/12) gets its own schedule beside the ward's.
 */
import type { Plan } from '../model/plan-task';
import { dateInYear, settingDate, settingNumber, type Settings } from '../settings/settings';
import { formatVnNumber } from '../text/number';
import { parsePeriod, periodName, type Period } from './period';

export interface DueReport {
  period: Period;
  /** "Báo cáo Quý I/2026", "Báo cáo 6 tháng đầu năm 2026" … */
  name: string;
  due: string;
  daysLeft: number;
}

const pad = (n: number): string => (n < 10 ? `0${n}` : String(n));

type OwnDates = Pick<Plan, 'reportHalf' | 'reportYear'>;

export function reportSchedule(year: number, settings: Settings, plan?: OwnDates): { label: string; due: string }[] {
  const qDay = settingNumber(settings, 'reportQuarterDay');
  const own = (text: string | undefined) => (text ? dateInYear(text, year) : null);
  return [
    { label: `${year}-Q1`, due: `${year}-03-${pad(qDay)}` },
    { label: `${year}-H1`, due: own(plan?.reportHalf) ?? settingDate(settings, 'reportHalfDate', year) },
    { label: `${year}-Q3`, due: `${year}-09-${pad(qDay)}` },
    { label: `${year}`, due: own(plan?.reportYear) ?? settingDate(settings, 'reportYearDate', year) },
  ];
}

/** How far a deadline is, as officials read it: "còn 3 ngày", "hạn là hôm nay", "đã quá 2 ngày". */
export function daysLeftText(daysLeft: number): string {
  if (daysLeft === 0) return 'hạn là hôm nay';
  return daysLeft > 0 ? `còn ${formatVnNumber(daysLeft)} ngày` : `đã quá ${formatVnNumber(-daysLeft)} ngày`;
}

export function nextReport(today: string, settings: Settings, plan?: OwnDates): DueReport {
  const year = Number(today.slice(0, 4));
  const next = [...reportSchedule(year, settings, plan), ...reportSchedule(year + 1, settings, plan)].find((r) => r.due >= today)!;
  const period = parsePeriod(next.label)!;
  const daysLeft = Math.round((Date.parse(next.due) - Date.parse(today)) / 86_400_000);
  return { period, name: `Báo cáo ${periodName(period)}`, due: next.due, daysLeft };
}

/**
 * The next report of every schedule side by side: the ward's (for plans without
 * dates of their own, `plans` empty when no plan has any) and each distinct plan
 * schedule, soonest first.
 */
export function nextReports(today: string, settings: Settings, plans: readonly Plan[]): (DueReport & { plans: string[] })[] {
  const year = Number(today.slice(0, 4));
  // Schedules are the same when their dates are, however they were written ("10/6", "10/06/2026").
  const keyOf = (plan?: OwnDates) =>
    reportSchedule(year, settings, plan)
      .map((r) => r.due)
      .join('|');
  const ward = keyOf();
  const groups = new Map<string, { plan: OwnDates | undefined; plans: string[] }>([[ward, { plan: undefined, plans: [] }]]);
  for (const p of plans) {
    const key = keyOf(p);
    const g = groups.get(key) ?? groups.set(key, { plan: p, plans: [] }).get(key)!;
    g.plans.push(p.code);
  }
  return [...groups.values()]
    .map((g) => ({ ...nextReport(today, settings, g.plan), plans: g.plans }))
    .sort((a, b) => a.due.localeCompare(b.due));
}
