/**
 * Which periodic report is due next and when: quarter I and III by the ward's day
 * of the quarter's last month, six months and the year by their own dates (all
 * settings; defaults 15th, 15/06 and 15/12 as in the An Tường plan).
 */
import { settingDate, settingNumber, type Settings } from '../settings';
import { parsePeriod, periodName, type Period } from './period';

export interface DueReport {
  period: Period;
  /** "Báo cáo Quý I/2026", "Báo cáo 6 tháng đầu năm 2026" … */
  name: string;
  due: string;
  daysLeft: number;
}

const pad = (n: number): string => (n < 10 ? `0${n}` : String(n));

export function reportSchedule(year: number, settings: Settings): { label: string; due: string }[] {
  const qDay = settingNumber(settings, 'reportQuarterDay');
  return [
    { label: `${year}-Q1`, due: `${year}-03-${pad(qDay)}` },
    { label: `${year}-H1`, due: settingDate(settings, 'reportHalfDate', year) },
    { label: `${year}-Q3`, due: `${year}-09-${pad(qDay)}` },
    { label: `${year}`, due: settingDate(settings, 'reportYearDate', year) },
  ];
}

export function nextReport(today: string, settings: Settings): DueReport {
  const year = Number(today.slice(0, 4));
  const next = [...reportSchedule(year, settings), ...reportSchedule(year + 1, settings)].find((r) => r.due >= today)!;
  const period = parsePeriod(next.label)!;
  const daysLeft = Math.round((Date.parse(next.due) - Date.parse(today)) / 86_400_000);
  return { period, name: `Báo cáo ${periodName(period).replace(/^Năm/, 'năm')}`, due: next.due, daysLeft };
}
