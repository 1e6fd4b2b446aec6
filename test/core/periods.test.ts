import { describe, expect, it } from 'vitest';
import { parsePeriod, periodName } from '../../core/index';

describe('one period parser for --period, "Kỳ" cells and settings', () => {
  it.each([
    ['Quý I/2026', '2026-Q1', '2025-12-15', '2026-03-14'],
    ['Quý 1 năm 2026', '2026-Q1', '2025-12-15', '2026-03-14'],
    ['quý III - 2026', '2026-Q3', '2026-06-15', '2026-09-14'],
    ['6 tháng đầu năm 2026', '2026-H1', '2025-12-15', '2026-06-14'],
    ['6 tháng cuối năm 2026', '2026-H2', '2026-06-15', '2026-12-14'],
    ['9 tháng năm 2026', '2026-9M', '2025-12-15', '2026-09-14'],
    ['Tháng 3/2026', '2026-03', '2026-03-01', '2026-03-31'],
    ['tháng 12 năm 2026', '2026-12', '2026-12-01', '2026-12-31'],
    ['Năm 2026', '2026', '2025-12-15', '2026-12-14'],
    ['2026-q2', '2026-Q2', '2026-03-15', '2026-06-14'],
    ['2026-3', '2026-03', '2026-03-01', '2026-03-31'],
    // The older spelling offices still type.
    ['Quí I/2026', '2026-Q1', '2025-12-15', '2026-03-14'],
    ['quí IV năm 2026', '2026-Q4', '2026-09-15', '2026-12-14'],
  ])('"%s" is %s (%s – %s)', (text, label, from, to) => {
    expect(parsePeriod(text)).toMatchObject({ label, from, to });
  });

  it('a text without a year takes the year given (the command line), and none otherwise (log cells)', () => {
    expect(parsePeriod('9 tháng', 'cutoff', 2027)).toMatchObject({ label: '2027-9M', from: '2026-12-15', to: '2027-09-14' });
    expect(parsePeriod('9 tháng')).toBeNull();
    expect(parsePeriod('9 tháng năm 2026', 'calendar')).toMatchObject({ from: '2026-01-01', to: '2026-09-30' });
  });

  it.each(['Quý V/2026', 'Tháng 13/2026', 'Quý', '2026-Q5', 'abc'])('"%s" is no period', (text) => {
    expect(parsePeriod(text, 'cutoff', 2026)).toBeNull();
  });

  it('names periods as officials write them', () => {
    expect(periodName(parsePeriod('2026-Q1')!)).toBe('Quý I/2026');
    expect(periodName(parsePeriod('2026-9M')!)).toBe('9 tháng năm 2026');
  });

  it('names a period inside a sentence, at its start and in a report title', () => {
    const names = (label: string) => {
      const p = parsePeriod(label)!;
      return [periodName(p), periodName(p, { start: true }), periodName(p, { title: true })];
    };
    expect(names('2026')).toEqual(['năm 2026', 'Năm 2026', 'năm 2026']);
    expect(names('2026-H2')).toEqual(['6 tháng cuối năm 2026', '6 tháng cuối năm 2026', '6 tháng cuối năm 2026']);
    expect(names('2026-Q3')).toEqual(['Quý III/2026', 'Quý III/2026', 'quý III năm 2026']);
    expect(names('2026-03')).toEqual(['tháng 3/2026', 'Tháng 3/2026', 'tháng 3 năm 2026']);
    // Every name reads back as the same period.
    for (const label of ['2026', '2026-H1', '2026-H2', '2026-9M', '2026-Q1', '2026-Q4', '2026-03'])
      for (const name of names(label)) expect(parsePeriod(name)?.label, name).toBe(label);
  });
});
