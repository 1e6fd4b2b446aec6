/** The day a report counts tasks on: today, until the month its period ends in is over. */
import { describe, expect, it } from 'vitest';
import { asOfDate, computeMetrics, parsePeriod, type Row } from '../../core/index';
import { plainTask } from '../fixtures/task-rows';

const plans: Row[] = [{ code: '1/KH', title: 'Kế hoạch CCHC năm 2026', year: 2026 }];

describe('tasks as of the day asked', () => {
  it('a task due 14/12 is overdue on 20/12 in the year report (cut-off year ends 14/12), not "due today"', () => {
    const year = parsePeriod('2026')!;
    expect(year.to).toBe('2026-12-14');
    expect(asOfDate(year, '2026-12-20')).toBe('2026-12-20');
    const tasks = [plainTask(1, { deadline: 'Trước 15/12/2026' })] as Row[];
    const m = computeMetrics({ plans, tasks }, { period: year, today: '2026-12-20' });
    expect(m.asOf).toBe('2026-12-20');
    expect(m.tasks.overdue.map((a) => [a.due, a.daysLate])).toEqual([['2026-12-14', 6]]);
    expect(m.tasks.dueSoon).toEqual([]);
  });

  it('a period whose month is over still stands at its end: a first-quarter report made in June', () => {
    const q1 = parsePeriod('Quý I/2026')!;
    expect(asOfDate(q1, '2026-06-20')).toBe(q1.to);
  });
});
