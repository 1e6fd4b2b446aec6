import { describe, expect, it } from 'vitest';
import {
  canonicalWord,
  wordReader,
  defaultSettings,
  formatVnNumber,
  formatVnPercent,
  MEETING_FORMAT_WORDS,
  MEETING_KIND_WORDS,
  optionalSettingNumber,
  parseVnNumber,
  settingDate,
  settingNumber,
  STATUS_WORDS,
  YES_NO_WORDS,
} from '../../core/index';

describe('one number parser', () => {
  it.each([
    ['0,5', 0.5],
    ['1,5', 1.5],
    ['1.5', 1.5],
    ['0.25', 0.25],
    ['1.234', 1234],
    ['1.234.567', 1234567],
    ['1.234,5', 1234.5],
    ['1,234.5', 1234.5],
    ['1,234,567', 1234567],
    ['62,1%', 62.1],
    [' 72 ', 72],
    ['-3', -3],
  ])('"%s" is %d', (text, n) => {
    expect(parseVnNumber(text)).toBe(n);
  });

  it.each([
    ['12 cuộc', 12],
    ['3 cuộc họp', 3],
    ['1.250 văn bản', 1250],
    ['45 thủ tục', 45],
    ['45 TTHC', 45],
    ['2 hội nghị', 2],
    ['320 hồ sơ', 320],
  ])('a count written with what it counts, "%s", is %d', (text, n) => {
    expect(parseVnNumber(text)).toBe(n);
  });

  it.each(['12 ngày', '12 cuộc nữa', 'cuộc 12'])('"%s" names no count officials log: not a number (a warning with its cell)', (text) => {
    expect(parseVnNumber(text)).toBeUndefined();
  });

  it.each(['', '—', '-', '–', '  '])('"%s" is a blank, not zero', (text) => {
    expect(parseVnNumber(text)).toBeNull();
  });

  it.each(['abc', '1.23.4', '12a', '1,2,3'])('"%s" is not a number', (text) => {
    expect(parseVnNumber(text)).toBeUndefined();
  });

  it('a setting written "0,5" is 0,5, not the default', () => {
    expect(settingNumber({ ...defaultSettings(), indexScoreStep: '0,5' }, 'indexScoreStep')).toBe(0.5);
    expect(settingNumber(defaultSettings(), 'indexScoreStep')).toBe(0.25);
    expect(optionalSettingNumber(defaultSettings(), 'meetingsBaseline')).toBeNull();
  });
});

describe('one Vietnamese number formatter', () => {
  it.each([
    [62.06, '62,1%'],
    [100, '100%'],
    [5700, '5.700%'],
  ])('%d → %s', (n, text) => {
    expect(formatVnPercent(n)).toBe(text);
  });
  it('groups thousands with dots and writes decimals with a comma', () => {
    expect(formatVnNumber(72.75)).toBe('72,75');
    expect(formatVnNumber(1234567)).toBe('1.234.567');
    expect(formatVnNumber(0.25)).toBe('0,25');
    expect(formatVnNumber(-1.5)).toBe('-1,5');
  });
});

describe('controlled words as people write them', () => {
  it.each([
    [MEETING_KIND_WORDS, 'Quan trọng', 'Quan trọng có thảo luận'],
    [MEETING_KIND_WORDS, '  quán   TRIỆT ', 'Quán triệt'],
    [MEETING_FORMAT_WORDS, 'trực tuyến', 'Trực tuyến'],
    [MEETING_FORMAT_WORDS, 'Trực tiếp kết hợp trực tuyến', 'Kết hợp'],
    [YES_NO_WORDS, 'x', 'Có'],
    [YES_NO_WORDS, '✓', 'Có'],
    [YES_NO_WORDS, 'có', 'Có'],
    [YES_NO_WORDS, 'không', 'Không'],
    [STATUS_WORDS, 'đang thực hiện', 'Đang thực hiện'],
    [STATUS_WORDS, 'Hoàn  thành', 'Hoàn thành'],
    [STATUS_WORDS, 'Đã hoàn thành', 'Hoàn thành'],
    [STATUS_WORDS, 'Hoàn thành chậm', 'Hoàn thành quá hạn'],
  ] as const)('%#: "%s" → "%s"', (vocab, text, word) => {
    expect(canonicalWord(vocab, text)).toBe(word);
  });
  it('blank is null, unknown is undefined', () => {
    expect(canonicalWord(MEETING_KIND_WORDS, '')).toBeNull();
    expect(canonicalWord(MEETING_KIND_WORDS, 'Tiệc tất niên')).toBeUndefined();
  });
  it("a pass's word reader gives canonicalWord's answer for every text, seen once or again, past the texts it remembers", () => {
    const read = wordReader(STATUS_WORDS);
    const texts = [...Array.from({ length: 1_500 }, (_, i) => `ghi chú tự do số ${i}`), 'Hoàn thành chậm', 'đang làm', '', 'Xong'];
    for (const text of [...texts, ...texts]) expect(read(text)).toBe(canonicalWord(STATUS_WORDS, text));
    expect(read('Hoàn thành chậm')).toBe('Hoàn thành quá hạn');
  });
});

describe('date settings', () => {
  it('date cells, dd/mm/yyyy, dd/mm in the plan year, and "trước ngày X" read as the deadline parser reads it', () => {
    const s = defaultSettings();
    // Đông Quang: self-scores "gửi trước ngày 21/6" and "trước ngày 01/12", so the defaults are the days before.
    expect(settingDate(s, 'indexDeadlineH1', 2027)).toBe('2027-06-20');
    expect(settingDate(s, 'indexDeadlineYear', 2026)).toBe('2026-11-30');
    expect(settingDate({ ...s, reportHalfDate: '2026-06-10' }, 'reportHalfDate', 2026)).toBe('2026-06-10');
    expect(settingDate({ ...s, reportHalfDate: '10/06/2026' }, 'reportHalfDate', 2026)).toBe('2026-06-10');
    // "before the 21st" is the 20th, as in plans' deadlines ("Trước 15/01/2026" is due 14/01).
    expect(settingDate({ ...s, indexDeadlineH1: 'Trước ngày 21/6' }, 'indexDeadlineH1', 2026)).toBe('2026-06-20');
  });
});
