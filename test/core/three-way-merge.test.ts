import { describe, expect, it } from 'vitest';
import {
  applyMerge,
  describeConflict,
  describeUnidentified,
  identityProblems,
  indexRows,
  MEETINGS_TAB,
  mergeTab,
  ROW_KEY,
  syncedBase,
  TASKS_TAB,
  type Row,
} from '../../core/index';

const task = (id: string, extra: Row = {}): Row => ({
  id,
  title: `Nhiệm vụ ${id}`,
  lead: 'Văn phòng HĐND và UBND',
  status: 'Chưa thực hiện',
  ...extra,
});
const base = (rows: Row[]) => indexRows(TASKS_TAB, rows);

describe('three-way merge of a tab', () => {
  it("writes the source's change where the destination still holds the base", () => {
    const m = mergeTab(TASKS_TAB, { base: base([task('A')]), target: [task('A')], source: [task('A', { title: 'Đổi tên' })] });
    expect(m.updates).toEqual([{ key: 'A', column: 'title', value: 'Đổi tên' }]);
    expect(m.conflicts).toEqual([]);
  });

  it("keeps an official's edit the source did not touch", () => {
    const m = mergeTab(TASKS_TAB, {
      base: base([task('A')]),
      target: [task('A', { status: 'Đang thực hiện', progress: 40 })],
      source: [task('A', { title: 'Đổi tên' })],
    });
    expect(m.updates).toEqual([{ key: 'A', column: 'title', value: 'Đổi tên' }]);
  });

  it('reports both sides changing a cell differently, and writes nothing there', () => {
    const m = mergeTab(TASKS_TAB, {
      base: base([task('A')]),
      target: [task('A', { status: 'Đang thực hiện' })],
      source: [task('A', { status: 'Hoàn thành' })],
    });
    expect(m.updates).toEqual([]);
    expect(m.conflicts).toEqual([
      { tab: 'tasks', key: 'A', column: 'status', base: 'Chưa thực hiện', target: 'Đang thực hiện', source: 'Hoàn thành' },
    ]);
    expect(describeConflict(TASKS_TAB, m.conflicts[0]!, 'trên bảng tính', 'trong sổ cục bộ')).toBe(
      'Trang "Nhiệm vụ", dòng A, cột "Trạng thái": trên bảng tính là "Đang thực hiện", trong sổ cục bộ là "Hoàn thành" (lần đồng bộ trước: "Chưa thực hiện"). Đã giữ nguyên giá trị trên bảng tính; thống nhất giá trị đúng rồi chạy lại.',
    );
  });

  it('without a base fills blanks and reports differing filled cells', () => {
    const m = mergeTab(TASKS_TAB, {
      base: new Map(),
      target: [task('A', { status: '', note: 'ghi chú của cán bộ' })],
      source: [task('A', { status: 'Hoàn thành', note: 'khác' })],
    });
    expect(m.updates).toEqual([{ key: 'A', column: 'status', value: 'Hoàn thành' }]);
    expect(m.conflicts.map((c) => c.column)).toEqual(['note']);
  });

  it('rewrites computed columns freely', () => {
    const m = mergeTab(TASKS_TAB, {
      base: base([task('A', { due: '2026-03-31' })]),
      target: [task('A', { due: '2026-01-01' })],
      source: [task('A', { due: '2026-06-30' })],
    });
    expect(m.updates).toEqual([{ key: 'A', column: 'due', value: '2026-06-30' }]);
  });

  it('treats equal values in other spellings as equal (1 vs "1", dd/mm/yyyy vs ISO, NFD vs NFC)', () => {
    const m = mergeTab(TASKS_TAB, {
      base: new Map(),
      target: [task('A', { stt: 1, completedOn: '15/01/2026', note: 'Hoa\u0300n tha\u0300nh', progress: '50' })],
      source: [task('A', { stt: '1', completedOn: '2026-01-15', note: 'Hoàn thành', progress: 50 })],
    });
    expect(m).toEqual({ unidentified: [], updates: [], inserts: [], deletes: [], conflicts: [] });
  });

  it('appends rows the destination never had, and does not bring back rows it deleted', () => {
    const m = mergeTab(TASKS_TAB, { base: base([task('A'), task('B')]), target: [task('B')], source: [task('A'), task('B'), task('C')] });
    expect(m.inserts).toEqual([{ ...task('C'), [ROW_KEY]: 'C' }]);
    expect(m.conflicts).toEqual([]);
    const changed = mergeTab(TASKS_TAB, { base: base([task('A')]), target: [], source: [task('A', { note: 'mới' })] });
    expect(changed.conflicts).toEqual([
      { tab: 'tasks', key: 'A', column: null, deletedAt: 'target', base: undefined, target: undefined, source: undefined },
    ]);
  });

  it('never removes destination rows the source lacks, and matches rows by identity not position', () => {
    const target = [task('B', { status: 'Đang thực hiện' }), task('Z'), task('A')];
    const m = mergeTab(TASKS_TAB, { base: base([task('A'), task('B')]), target, source: [task('A', { title: 'x' })] });
    expect(applyMerge(TASKS_TAB, target, m)).toEqual([task('B', { status: 'Đang thực hiện' }), task('Z'), task('A', { title: 'x' })]);
  });

  it('matches log rows by their natural identity, keeping repeated lines apart', () => {
    const meeting = (note: string): Row => ({ date: '2026-02-03', unit: 'Văn phòng HĐND và UBND', title: 'Giao ban', note });
    const m = mergeTab(MEETINGS_TAB, { base: new Map(), target: [meeting('')], source: [meeting(''), meeting('lần 2')] });
    expect(m.inserts).toHaveLength(1);
    // Officials' text is matched without regard to case (row-identity.ts), so the key is lower-cased.
    expect(m.inserts[0]![ROW_KEY]).toBe('2026-02-03 | văn phòng hđnd và ubnd | giao ban#2');
  });

  it('reports source rows without an identity instead of dropping them silently', () => {
    const m = mergeTab(TASKS_TAB, {
      base: new Map(),
      target: [],
      source: [task('A'), { _row: 7, title: 'Nhiệm vụ cán bộ tự thêm', id: '' }, { _row: 8, id: '' }],
    });
    expect(m.unidentified).toEqual([7]);
    expect(describeUnidentified(TASKS_TAB, m.unidentified, 'trên bảng tính')).toBe(
      'Trang "Nhiệm vụ" trên bảng tính: 1 dòng chưa có "Mã nhiệm vụ" (dòng 7) nên chưa được đồng bộ; điền vào rồi chạy lại.',
    );
  });

  it('carries deletions over only when asked, and only for rows the destination left as synced', () => {
    const sides = {
      base: base([task('A'), task('B'), task('C')]),
      target: [task('A'), task('B', { note: 'sửa tại máy' }), task('C')],
      source: [task('C')],
    };
    expect(mergeTab(TASKS_TAB, sides).deletes).toEqual([]);
    const m = mergeTab(TASKS_TAB, { ...sides, deletions: true });
    expect(m.deletes).toEqual(['A']);
    expect(m.conflicts).toEqual([
      { tab: 'tasks', key: 'B', column: null, deletedAt: 'source', base: undefined, target: undefined, source: undefined },
    ]);
    expect(applyMerge(TASKS_TAB, sides.target, m).map((t) => t['id'])).toEqual(['B', 'C']);
    expect(describeConflict(TASKS_TAB, m.conflicts[0]!, 'trong sổ cục bộ', 'trên bảng tính')).toBe(
      'Trang "Nhiệm vụ", dòng B: đã bị xóa trên bảng tính nhưng được sửa trong sổ cục bộ. Vẫn giữ trong sổ cục bộ; nếu không cần, hãy xóa dòng này trong sổ cục bộ.',
    );
  });

  it('records as synced only what both sides agree on', () => {
    const previous = base([task('A')]);
    const next = syncedBase(
      TASKS_TAB,
      previous,
      [task('A', { status: 'Hoàn thành', title: 'x' })],
      [task('A', { status: 'Đang thực hiện', title: 'x' })],
    );
    expect(next.get('A')).toMatchObject({ title: 'x', status: 'Chưa thực hiện' });
  });
});

describe('identityProblems: rows whose identity is not certain', () => {
  const t = (id: string, title: string, extra: Row = {}): Row => ({ id, title, plan: '1/KH', ...extra });
  const base = new Map([
    ['NV-1', t('NV-1', 'Rà soát thủ tục')],
    ['NV-2', t('NV-2', 'Số hóa hồ sơ')],
  ]);
  it('trusts a carried id only when the row still looks like the row it names, and no other', () => {
    const cleared = { ...t('', 'Rà soát thủ tục', { status: 'Đang thực hiện' }), [ROW_KEY]: 'NV-1', _row: 2 };
    expect(identityProblems(TASKS_TAB, [cleared, t('NV-2', 'Số hóa hồ sơ')], base)).toEqual([]);
    // Sorted: the tag of NV-1 now sits beside NV-2's cells.
    const swapped = { ...t('', 'Số hóa hồ sơ'), [ROW_KEY]: 'NV-1', _row: 2 };
    expect(identityProblems(TASKS_TAB, [swapped], base)).toEqual([{ kind: 'uncertain', rows: [2] }]);
    // No synced row to check: trusted unless the tab shows displaced tags.
    expect(identityProblems(TASKS_TAB, [swapped], undefined)).toEqual([]);
    expect(identityProblems(TASKS_TAB, [swapped], undefined, true)).toEqual([{ kind: 'uncertain', rows: [2] }]);
  });
  it('an id typed twice, and an untagged row with a cleared id that matches a synced row, stop', () => {
    expect(identityProblems(TASKS_TAB, [t('NV-1', 'a', { _row: 2 }), t('NV-1', 'b', { _row: 5 })], base)).toContainEqual({
      kind: 'duplicate',
      key: 'NV-1',
      rows: [2, 5],
    });
    expect(identityProblems(TASKS_TAB, [t('', 'Số hóa hồ sơ', { _row: 3 }), t('NV-1', 'Rà soát thủ tục')], base)).toEqual([
      { kind: 'uncertain', rows: [3] },
    ]);
    // A new task typed without an id is not a problem of identity (it is listed as not synced).
    expect(identityProblems(TASKS_TAB, [t('', 'Việc mới', { _row: 4 }), ...base.values()], base)).toEqual([]);
    // Log lines are their own identity: identical lines are not duplicates.
    expect(identityProblems(MEETINGS_TAB, [{ title: 'Giao ban' }, { title: 'Giao ban' }], undefined)).toEqual([]);
  });
});
