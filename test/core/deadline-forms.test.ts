import { describe, expect, it } from 'vitest';
import {
  catalogFromTables,
  encodeTasks,
  parseDeadline,
  taskDeadline,
  taskProgress,
  validateCatalog,
  UnitRegistry,
  type Task,
} from '../../core/index';

describe('deadline forms communes write', () => {
  it.each([
    // Ranges end where the last month or quarter ends.
    ['Tháng 3 - 6/2026', 'month', '2026-06-30'],
    ['Tháng 3-6/2026', 'month', '2026-06-30'],
    ['tháng 3 đến tháng 6 năm 2026', 'month', '2026-06-30'],
    ['Quý II-III/2026', 'quarter', '2026-09-30'],
    ['Quý II - Quý III năm 2026', 'quarter', '2026-09-30'],
    ['Quý 2 - 3/2026', 'quarter', '2026-09-30'],
    // A continuous task with a dated report: the report date ("trước 15/12" = by 14/12) is its due date.
    ['Thường xuyên; báo cáo trước 15/12/2026', 'recurring', '2026-12-14'],
    ['Thường xuyên, báo cáo trước 15/12/2026', 'recurring', '2026-12-14'],
    ['Thường xuyên\nBáo cáo kết quả trước 30/11/2026', 'recurring', '2026-11-29'],
    // Several dated phrases: the task is done when the last is.
    ['Quý I/2026; Quý III/2026', 'quarter', '2026-09-30'],
    ['Đầu năm 2026', 'quarter', '2026-03-31'],
    ['Giữa năm 2026', 'half-year', '2026-06-30'],
    // The older spelling "Quí": a quarter, not the year's end.
    ['Quí I/2026', 'quarter', '2026-03-31'],
    ['Trong Quí III/2026', 'quarter', '2026-09-30'],
  ])('%s → %s %s', (text, kind, due) => {
    expect(parseDeadline(text, 2026)).toMatchObject({ kind, due });
  });

  it('says how it read "Đầu năm"', () => {
    const task: Task = {
      id: 'NV-1',
      plan: 'P',
      section: '',
      sectionTitle: '',
      stt: '1',
      title: 'Việc',
      target: '',
      lead: 'Phòng VHXH',
      support: '',
      product: 'Kế hoạch',
      deadline: 'Đầu năm 2026',
      status: '',
      progress: null,
      completedOn: null,
      evidence: '',
      note: '',
    };
    const issues = validateCatalog({
      tasks: [{ row: 2, item: task }],
      plans: [],
      registry: UnitRegistry.withStandard(),
      defaultYear: 2026,
    });
    expect(issues.map((i) => i.code)).toEqual(['DEADLINE_ASSUMED']);
    expect(issues[0]!.message).toContain('31/03/2026');
    expect(issues[0]!.message).toContain('Quý I');
  });

  it.each([
    // today → the end of the period it falls in
    ['Định kỳ 6 tháng', '2026-02-10', 'half-yearly', '2026-06-30'],
    ['Định kỳ 6 tháng', '2026-08-10', 'half-yearly', '2026-12-31'],
    ['Báo cáo 6 tháng một lần', '2026-07-01', 'half-yearly', '2026-12-31'],
    ['Hằng quý', '2026-08-10', 'quarterly', '2026-09-30'],
    ['Hàng quý', '2026-01-01', 'quarterly', '2026-03-31'],
    ['Định kỳ hằng tháng', '2026-02-03', 'monthly', '2026-02-28'],
    ['Hằng tháng', '2026-12-31', 'monthly', '2026-12-31'],
    // A day outside the plan year: that year's first or last occurrence.
    ['Hằng quý', '2025-11-20', 'quarterly', '2026-03-31'],
    ['Hằng quý', '2027-02-01', 'quarterly', '2026-12-31'],
  ])('%s on %s → %s, next due %s', (text, today, recurrence, due) => {
    expect(parseDeadline(text, 2026, today)).toMatchObject({ kind: 'recurring', recurrence, due });
  });
});

describe('conditional deadlines', () => {
  const base: Task = {
    id: 'NV-1',
    plan: 'P',
    section: '',
    sectionTitle: '',
    stt: '1',
    title: 'Ban hành quy chế',
    target: '',
    lead: 'Văn phòng HĐND và UBND',
    support: '',
    product: 'Quy chế',
    deadline: 'Quý II/2026 (sau khi UBND tỉnh ban hành)',
    status: 'Đang thực hiện',
    progress: 50,
    completedOn: null,
    evidence: '',
    note: '',
  };

  it('notices a condition written in the title', () => {
    const d = taskDeadline(parseDeadline('Quý II/2026', 2026), 'Ban hành quy chế (sau khi UBND tỉnh ban hành quy định)', null, 30);
    expect(d).toMatchObject({ kind: 'conditional', condition: 'sau khi UBND tỉnh ban hành quy định', basis: 'quarter', due: '2026-06-30' });
    // Words in a title that are part of the task are not a condition.
    expect(taskDeadline(parseDeadline('Quý II/2026', 2026), 'Giải quyết hồ sơ khi có yêu cầu', null, 30).kind).toBe('quarter');
  });

  it('counts the due date from the day the condition was met', () => {
    const phrase = parseDeadline(base.deadline, 2026);
    expect(taskDeadline(phrase, base.title, '2026-05-02', 30).due).toBe('2026-06-30'); // met in time: the quarter's end
    expect(taskDeadline(phrase, base.title, '2026-08-02', 30).due).toBe('2026-09-01'); // met late: 30 days from then
    const within = parseDeadline('Sau khi có hướng dẫn của tỉnh, trong 15 ngày', 2026);
    expect(taskDeadline(within, base.title, '2026-03-10', 30).due).toBe('2026-03-25');
  });

  it('waits without the date, falls due and overdue with it (the "Ngày đủ điều kiện" column)', () => {
    const tables = (conditionMetOn: string | null) => ({
      tasks: encodeTasks([{ ...base, conditionMetOn }], () => null),
    });
    const waiting = taskProgress(catalogFromTables(tables(null)), '2026-12-01');
    expect(waiting.overall).toMatchObject({ waiting: 1, overdue: 0 });
    const met = taskProgress(catalogFromTables(tables('2026-05-02')), '2026-12-01');
    expect(met.overall).toMatchObject({ waiting: 0, overdue: 1 });
    expect(met.overdue[0]).toMatchObject({ due: '2026-06-30', daysLate: 154 });
  });
});
