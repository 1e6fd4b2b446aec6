/**
 * Controlled words as people write them: the kinds, formats, yes/no cells and task
 * statuses, matched by the Vietnamese matching key (case, spacing, tone placement
 * and punctuation do not matter) and a list of synonyms officials use. A word that
 * matches nothing is `undefined`, for validation to name on its row.
 */
import { TASK_STATUSES, type TaskStatus } from '../model/plan-task';
import { matchKey } from '../text/vietnamese';
import { MEETING_FORMATS, MEETING_KINDS, YES_NO } from './tabs';

export interface Vocabulary<T extends string> {
  words: readonly T[];
  /** Key → canonical word. */
  lookup: ReadonlyMap<string, T>;
}

/** Distinct texts a word reader remembers; past it, texts are matched afresh (a column of free text stays bounded). */
const REMEMBERED_TEXTS = 1_000;

function vocabulary<T extends string>(words: readonly T[], synonyms: Partial<Record<T, readonly string[]>>): Vocabulary<T> {
  const lookup = new Map<string, T>();
  for (const w of words) lookup.set(matchKey(w), w);
  for (const [w, list] of Object.entries(synonyms) as [T, readonly string[]][]) for (const s of list) lookup.set(matchKey(s), w);
  return { words, lookup };
}

export const MEETING_KIND_WORDS = vocabulary(MEETING_KINDS, {
  'Quán triệt': ['Quán triệt, triển khai', 'Phổ biến, quán triệt', 'Quán triệt, phổ biến', 'Triển khai văn bản'],
  'Chuyên môn': ['Họp chuyên môn', 'Chuyên đề'],
  'Quan trọng có thảo luận': ['Quan trọng', 'Có thảo luận', 'Quan trọng, có thảo luận', 'Hội nghị quan trọng', 'Quan trọng cần thảo luận'],
  Khác: ['Khac'],
});

export const MEETING_FORMAT_WORDS = vocabulary(MEETING_FORMATS, {
  'Trực tiếp': ['Tập trung', 'Offline'],
  'Trực tuyến': ['Online', 'Họp trực tuyến', 'Truyền hình trực tuyến'],
  'Kết hợp': [
    'Hybrid',
    'Trực tiếp kết hợp trực tuyến',
    'Trực tiếp và trực tuyến',
    'Kết hợp trực tiếp và trực tuyến',
    'Trực tiếp + trực tuyến',
  ],
});

export const YES_NO_WORDS = vocabulary(YES_NO, {
  Có: ['x', 'X', '✓', '✔', '☑', 'yes', 'y', 'c', '1', 'đúng', 'true', 'TRUE'],
  Không: ['k', 'ko', 'no', 'n', '0', 'false', 'FALSE', 'không có'],
});

export const STATUS_WORDS = vocabulary<TaskStatus>(TASK_STATUSES, {
  'Chưa thực hiện': ['Chưa triển khai', 'Chưa làm', 'Chưa bắt đầu'],
  'Đang thực hiện': ['Đang triển khai', 'Đang làm', 'Đang tiến hành'],
  'Hoàn thành': ['Đã hoàn thành', 'Xong', 'Hoàn thành đúng hạn', 'Đã xong'],
  'Hoàn thành quá hạn': ['Hoàn thành chậm', 'Hoàn thành trễ hạn', 'Hoàn thành muộn', 'Hoàn thành sau hạn'],
  'Không thực hiện': ['Dừng thực hiện', 'Không triển khai', 'Hủy', 'Bỏ'],
});

/** The canonical word: `null` for a blank cell, `undefined` when nothing matches. */
export function canonicalWord<T extends string>(vocab: Vocabulary<T>, text: string): T | null | undefined {
  const key = matchKey(text);
  if (key === '') return null;
  return vocab.lookup.get(key);
}

/**
 * canonicalWord for one pass over many rows: logs and catalogs repeat a handful of texts across thousands of rows,
 * each matched once. Made per pass, so nothing is kept between calls.
 */
export function wordReader<T extends string>(vocab: Vocabulary<T>): (text: string) => T | null | undefined {
  const seen = new Map<string, T | null | undefined>();
  return (text) => {
    if (seen.has(text)) return seen.get(text);
    const word = canonicalWord(vocab, text);
    if (seen.size < REMEMBERED_TEXTS) seen.set(text, word);
    return word;
  };
}

/** The message for a word that matched nothing: which words are allowed. */
export function unknownWordMessage(vocab: Vocabulary<string>, text: string): string {
  return `"${text}" không nằm trong danh sách. Chọn một trong: ${vocab.words.join(', ')}.`;
}
