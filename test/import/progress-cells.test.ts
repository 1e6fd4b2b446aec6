/**
 * The parts of progress through files that decide alone: which headers are tracking columns, how a typed status,
 * progress or day is read, when a stored value is an official's correction, and that an unreadable score is said.
 */
import { describe, expect, it } from 'vitest';
import {
  canonicalWord,
  headerField,
  mergeImport,
  planImport,
  STATUS_WORDS,
  type GridRow,
  type ImportedTask,
  type ImportReady,
  type Task,
} from '../../core/index';
import { readDay, readProgress } from '../../core/catalog/tracking-cells';

describe('tracking headers', () => {
  it.each([
    ['Trạng thái', 'status'],
    ['TRẠNG THÁI THỰC HIỆN', 'status'],
    ['Tình trạng', 'status'],
    ['Tiến độ (%)', 'progress'],
    ['Tiến độ thực hiện (%)', 'progress'],
    ['% hoàn thành', 'progress'],
    ['Tỷ lệ hoàn thành', 'progress'],
    ['Ngày hoàn thành', 'completedOn'],
    ['Minh chứng', 'evidence'],
    ['Link minh chứng', 'evidence'],
    ['Ghi chú tiến độ', 'note'],
    ['Mã nhiệm vụ', 'id'],
    // A plan's own columns keep their meaning.
    ['Tiến độ', 'deadline'],
    ['Tiến độ thực hiện', 'deadline'],
    ['Thời gian hoàn thành', 'deadline'],
    ['Ghi chú', 'remarks'],
  ])('"%s" is %s', (header, field) => {
    expect(headerField(header)).toBe(field);
  });
});

describe('tracking values as officials type them', () => {
  it.each([
    ['80', 80],
    ['80%', 80],
    ['80 %', 80],
    ['0,8', 80],
    ['0.8', 80],
    ['1', 100], // Excel keeps 100% as 1
    ['1%', 1],
    ['66,67', 66.67],
    ['0', 0],
    ['', null],
    ['gần xong', undefined],
    ['150', undefined],
    ['-5', undefined],
  ])('progress "%s" → %s', (text, value) => {
    expect(readProgress(text)).toBe(value);
  });

  it.each([
    ['15/03/2026', '2026-03-15'],
    ['5/3/2026', '2026-03-05'],
    ['15.03.2026', '2026-03-15'],
    ['2026-03-15', '2026-03-15'],
    ['46096', '2026-03-15'], // an Excel serial day
    ['', null],
    ['cuối tháng', undefined],
    ['31/02/2026', undefined],
    ['12345', undefined],
  ])('completion day "%s" → %s', (text, value) => {
    expect(readDay(text)).toBe(value);
  });

  it.each([
    ['HOÀN THÀNH', 'Hoàn thành'],
    ['hoan thanh', 'Hoàn thành'],
    ['dang thuc hien', 'Đang thực hiện'],
    ['Đã xong', 'Hoàn thành'],
    ['hoan thanh qua han', 'Hoàn thành quá hạn'],
    ['Sắp xong', undefined],
  ])('status "%s" → %s', (text, word) => {
    expect(canonicalWord(STATUS_WORDS, text)).toBe(word);
  });
});

describe("an official's correction against a plan's revision", () => {
  const row = (deadline: string): ImportedTask => ({
    plan: 'P',
    kind: 'task',
    section: '',
    sectionTitle: '',
    group: '',
    stt: '1',
    title: 'Họp giao ban',
    target: '',
    lead: 'Văn phòng',
    support: '',
    product: '',
    deadline,
    remarks: '',
  });
  const first = mergeImport([], 'P', [row('Quý I/2026')]);
  const stored = (deadline: string): Task[] => [{ ...first.tasks[0]!, deadline }];

  it("a value the last import brought is the plan's: the revision is taken, nothing listed", () => {
    const merged = mergeImport(stored('Quý I/2026'), 'P', [row('Quý II/2026')], { base: first.base });
    expect(merged.tasks[0]!.deadline).toBe('Quý II/2026');
    expect(merged.differences).toEqual([]);
  });

  it("a value changed in the store since is an official's: kept and listed, replaced only when asked", () => {
    const kept = mergeImport(stored('Quý III/2026'), 'P', [row('Quý I/2026')], { base: first.base });
    expect(kept.tasks[0]!.deadline).toBe('Quý III/2026');
    expect(kept.differences).toMatchObject([{ field: 'deadline', stored: 'Quý III/2026', file: 'Quý I/2026', replaced: false }]);
    const replaced = mergeImport(stored('Quý III/2026'), 'P', [row('Quý I/2026')], { base: first.base, replace: true });
    expect(replaced.tasks[0]!.deadline).toBe('Quý I/2026');
    expect(replaced.differences).toMatchObject([{ field: 'deadline', replaced: true }]);
  });

  it('without a base, a differing stored value is never overwritten unasked', () => {
    const merged = mergeImport(stored('Quý III/2026'), 'P', [row('Quý I/2026')]);
    expect(merged.tasks[0]!.deadline).toBe('Quý III/2026');
    expect(merged.differences).toHaveLength(1);
  });

  it("a progress file's new value is the office's report; one the last import brought, since changed, is stale", () => {
    const reported = mergeImport([{ ...first.tasks[0]!, progress: 40 }], 'P', [row('Quý I/2026')], {
      base: first.base,
      extras: [{ tracking: { progress: 80 } }],
    });
    expect(reported.tasks[0]!.progress).toBe(80);
    expect(reported.differences).toEqual([]);
    // The sheet moved on to 90; the same old file (80) comes in again.
    const stale = mergeImport([{ ...reported.tasks[0]!, progress: 90 }], 'P', [row('Quý I/2026')], {
      base: reported.base,
      extras: [{ tracking: { progress: 80 } }],
    });
    expect(stale.tasks[0]!.progress).toBe(90);
    expect(stale.differences).toMatchObject([{ field: 'progress', stored: 90, file: 80 }]);
  });

  it('an untouched "Chưa thực hiện" (the export\'s word for a blank status) never undoes a status set since', () => {
    const merged = mergeImport([{ ...first.tasks[0]!, status: 'Đang thực hiện' }], 'P', [row('Quý I/2026')], {
      base: first.base,
      extras: [{ tracking: { status: 'Chưa thực hiện' } }],
    });
    expect(merged.tasks[0]!.status).toBe('Đang thực hiện');
    expect(merged.differences).toMatchObject([{ field: 'status', stored: 'Đang thực hiện', file: 'Chưa thực hiện', replaced: false }]);
  });

  it("the file's task id column finds the task however its row was reworded and renumbered", () => {
    const reworded = { ...row('Quý I/2026'), stt: '7', title: 'Họp giao ban định kỳ hằng tháng' };
    const merged = mergeImport(first.tasks, 'P', [reworded], { base: first.base, extras: [{ id: first.tasks[0]!.id }] });
    expect(merged.tasks).toHaveLength(1);
    expect(merged.tasks[0]!.id).toBe(first.tasks[0]!.id);
    expect(merged.tasks[0]!.stt).toBe('7');
  });
});

describe('unreadable scores', () => {
  it('a score typed in words ("bốn") is a warning on its row and column; the stored score stays', () => {
    const grid: GridRow[] = [
      { row: 1, cells: ['STT', 'Tiêu chí', 'Điểm tối đa', 'Điểm tự chấm'], bold: true },
      { row: 2, cells: ['1', 'Công tác chỉ đạo, điều hành', '2', '2'], bold: false },
      { row: 3, cells: ['2', 'Tuyên truyền cải cách hành chính', '5', 'bốn'], bold: false },
    ];
    const plan = planImport({
      file: 'bieu-cham.xlsx',
      sheets: [{ sheet: 'Tự chấm', grid }],
      tables: { criteria: [{ code: '2', title: 'Tuyên truyền cải cách hành chính', maxPoints: 5, scoreYear: 3 }] },
    }) as ImportReady;
    expect(plan.ok).toBe(true);
    expect(plan.kind).toBe('criteria');
    const issue = plan.issues.find((i) => i.code === 'VALUE_UNREADABLE');
    expect(issue).toMatchObject({ row: 3, column: 'scoreYear', severity: 'warning' });
    expect(issue!.message).toContain('Ô dòng 3, cột "Điểm tự chấm" không đọc được: "bốn" không phải một số');
    expect(plan.lines.join('\n')).toContain('"bốn" không phải một số');
    expect(plan.writes()['criteria']!.find((r) => r['code'] === '2')!['scoreYear']).toBe(3);
  });
});
