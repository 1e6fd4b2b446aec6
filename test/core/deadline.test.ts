import { describe, expect, it } from 'vitest';
import { parseDeadline } from '../../core/index';

const due = (text: string, year = 2026) => parseDeadline(text, year);

describe('parseDeadline: every phrase in the four seed plans', () => {
  it.each([
    // Phúc Thuận
    ['Quý I/2026', 'quarter', '2026-03-31'],
    ['Quý II/2026', 'quarter', '2026-06-30'],
    ['Quý IV/2026', 'quarter', '2026-12-31'],
    ['Năm 2026', 'year', '2026-12-31'],
    ['Quý II/2026 (sau khi UBND tỉnh ban hành)', 'conditional', '2026-06-30'],
    // An Tường
    ['Trước 15/01/2026', 'date', '2026-01-14'],
    ['Thường xuyên', 'recurring', null],
    // Nhị Chiểu
    ['Trước 10/5/2026', 'date', '2026-05-09'],
    ['Hàng năm, bắt đầu từ 2026', 'recurring', '2026-12-31'],
    ['Hàng năm, từ năm 2026', 'recurring', '2026-12-31'],
    ['Thường xuyên, từ năm 2026', 'recurring', null],
    ['Sau khi có hướng dẫn của Bộ Khoa học & Công nghệ và thành phố.', 'conditional', null],
    // Đông Quang (self-assessment dates in prose) and the list
    ['Trước 21/6/2026', 'date', '2026-06-20'],
    ['Trước 01/12/2026', 'date', '2026-11-30'],
    ['Trong ngày 31/12/2026', 'date', '2026-12-31'],
    ['Trước 30/11/2026', 'date', '2026-11-29'],
    ['Trong năm 2026', 'year', '2026-12-31'],
    ['Tháng 3/2026', 'month', '2026-03-31'],
    ['6 tháng đầu năm 2026', 'half-year', '2026-06-30'],
    ['6 tháng cuối năm 2026', 'half-year', '2026-12-31'],
  ])('%s → %s %s', (text, kind, expected) => {
    const d = due(text);
    expect(d.kind).toBe(kind);
    expect(d.due).toBe(expected);
    expect(d.text).toBe(text);
  });
});

describe('parseDeadline: near variants', () => {
  it.each([
    ['Quý III/2026', '2026-09-30'],
    ['quý 3 năm 2026', '2026-09-30'],
    ['Qúy I/2026', '2026-03-31'], // old tone placement
    ['QUÝ I/2026', '2026-03-31'],
    ['Quý I - Quý II/2026', '2026-06-30'], // a range: the later end
    ['Trước ngày 15/01/2026', '2026-01-14'],
    ['Chậm nhất ngày 15/6/2026', '2026-06-15'],
    ['Tháng 12 năm 2026', '2026-12-31'],
    ['Tháng 2/2028', '2028-02-29'],
    ['Trước tháng 6/2026', '2026-05-31'],
    ['Quý\u00a0I/2026', '2026-03-31'], // non-breaking space from Word
    ['Quý I/2026'.normalize('NFD'), '2026-03-31'],
    // "Trước D" is the day before D however it is set off: brackets, quotes, a leading dash.
    ['(trước ngày 21/6)', '2026-06-20'],
    ['Báo cáo (trước ngày 10 tháng 12)', '2026-12-09'],
    ['"Trước ngày 01/12/2026"', '2026-11-30'],
    ['-Trước 15/01/2026', '2026-01-14'],
  ])('%s → %s', (text, expected) => {
    expect(due(text).due).toBe(expected);
  });

  it('fills a missing year from the plan year', () => {
    expect(due('Quý II', 2027)).toMatchObject({ kind: 'quarter', due: '2027-06-30' });
    expect(due('Trước 15/01', 2027)).toMatchObject({ kind: 'date', due: '2027-01-14' });
  });

  it('keeps the condition and the date of a conditional deadline', () => {
    const d = due('Quý II/2026 (sau khi UBND tỉnh ban hành)');
    expect(d).toMatchObject({ condition: 'sau khi UBND tỉnh ban hành', basis: 'quarter', start: '2026-04-01' });
  });

  it('marks recurring deadlines with their rhythm and start', () => {
    expect(due('Thường xuyên, từ năm 2026')).toMatchObject({ recurrence: 'continuous', start: '2026-01-01' });
    expect(due('Định kỳ hằng quý')).toMatchObject({ kind: 'recurring', recurrence: 'quarterly' });
    expect(due('Hàng năm, bắt đầu từ 2027', 2026)).toMatchObject({ recurrence: 'yearly', due: null });
  });

  it('reads real Excel date cells (midnight UTC) as the day they show', () => {
    expect(parseDeadline(new Date(Date.UTC(2026, 2, 31)), 2026)).toMatchObject({
      kind: 'date',
      due: '2026-03-31',
      text: '31/03/2026',
    });
  });

  it('never throws: unreadable or impossible phrases are unknown', () => {
    for (const text of ['', 'abc', 'Khi nào xong', '31/02/2026', '???', 'Quý V/2026'.repeat(3)]) {
      const d = due(text);
      expect(['unknown', 'conditional']).toContain(d.kind);
      expect(d.due).toBeNull();
    }
    expect(parseDeadline(new Date('invalid'), 2026).kind).toBe('unknown');
    expect(parseDeadline(null, 2026).kind).toBe('unknown');
  });
});
