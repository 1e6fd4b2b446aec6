import { describe, expect, it } from 'vitest';
import {
  chosenConflicts,
  describeOpenConflict,
  indexRows,
  listConflicts,
  MEETINGS_TAB,
  mergeTab,
  pullDeletionsStop,
  pullTargetStop,
  settleConflicts,
  syncedBase,
  TASKS_TAB,
  type Row,
} from '../../core/index';

const task = (id: string, note: string): Row => ({ id, plan: 'P', title: `Việc ${id}`, note });
const baseOf = (tables: Record<string, Row[]>) =>
  new Map([[TASKS_TAB.key, syncedBase(TASKS_TAB, new Map(), tables['tasks']!, tables['tasks']!)]]);

describe('settleConflicts', () => {
  const synced = { tasks: [task('A', ''), task('B', ''), task('C', '')] };
  const base = baseOf(synced);
  // Both sides change A's note; the sheet deletes B, changed locally; C is deleted locally, changed in the sheet.
  const local = { tasks: [task('A', 'cục bộ'), task('B', 'sửa ở máy')] };
  const sheet = { tasks: [task('A', 'bảng tính'), task('C', 'sửa trên bảng tính')] };

  it('lists cell and row conflicts', () => {
    expect(listConflicts(local, sheet, base).map((c) => [c.key, c.column, c.deletedAt ?? null])).toEqual([
      ['A', 'note', null],
      ['C', null, 'target'],
      ['B', null, 'source'],
    ]);
  });

  it('keeping the sheet makes the local side agree, and leaves no conflict', () => {
    const conflicts = listConflicts(local, sheet, base);
    const settled = settleConflicts(local, sheet, base, conflicts, 'sheet');
    const tasks = indexRows(TASKS_TAB, settled.local['tasks']!);
    expect([...tasks.keys()]).toEqual(['A', 'C']);
    expect(tasks.get('A')!['note']).toBe('bảng tính');
    expect(tasks.get('C')!['note']).toBe('sửa trên bảng tính');
    expect(listConflicts({ ...local, ...settled.local }, sheet, settled.base)).toEqual([]);
  });

  it('keeping local leaves the local side as it is, and leaves no conflict', () => {
    const conflicts = listConflicts(local, sheet, base);
    const settled = settleConflicts(local, sheet, base, conflicts, 'local');
    expect(settled.local).toEqual({});
    expect(listConflicts(local, sheet, settled.base)).toEqual([]);
    // The local note now reads as an edit to push: the base holds the sheet's value.
    expect(settled.base.get('tasks')!.get('A')!['note']).toBe('bảng tính');
    // B is no longer a synced row, so the next push adds it back to the sheet.
    expect(settled.base.get('tasks')!.has('B')).toBe(false);
    expect(settled.base.get(MEETINGS_TAB.key)).toBeUndefined();
    // The next push: A's local note written, B added back, no conflict.
    const push = mergeTab(TASKS_TAB, { base: settled.base.get('tasks')!, target: sheet.tasks, source: local.tasks });
    expect(push.conflicts).toEqual([]);
    expect(push.updates).toEqual([{ key: 'A', column: 'note', value: 'cục bộ' }]);
    expect(push.inserts.map((r) => r['id'])).toEqual(['B']);
  });
});

describe('sync decisions', () => {
  const synced = { tasks: [task('A', ''), task('B', ''), task('C', '')] };
  const local = { tasks: [task('A', 'cục bộ'), task('B', 'sửa ở máy')] };
  const sheet = { tasks: [task('A', 'bảng tính'), task('C', 'sửa trên bảng tính')] };
  const conflicts = listConflicts(local, sheet, baseOf(synced));

  it('chooses conflicts by number or reference, all of them, or stops on an unknown name', () => {
    expect(chosenConflicts(conflicts, { names: ['2', 'tasks:A:note'] })).toEqual([conflicts[1], conflicts[0]]);
    expect(chosenConflicts(conflicts, { all: true, names: [] })).toEqual(conflicts);
    expect(chosenConflicts(conflicts, { names: ['1', '4'] })).toMatchObject({ code: 'CONFLICT_NOT_FOUND' });
    expect(chosenConflicts(conflicts, { names: ['tasks:Z:note'] })).toMatchObject({ code: 'CONFLICT_NOT_FOUND' });
  });

  it('a pull stops before deleting many rows, and writes only into a store', () => {
    expect(pullDeletionsStop({ largeDeletions: new Map() })).toBeNull();
    const stop = pullDeletionsStop({ largeDeletions: new Map([['tasks', [5, 10] as [number, number]]]) });
    expect(stop?.code).toBe('PULL_DELETES_MANY');
    expect(stop?.message).toContain('5/10 dòng trang "Nhiệm vụ"');
    expect(pullTargetStop('x.xlsx', new Map([['tasks', { name: 'Nhiệm vụ', columns: new Set<string>() }]]))).toBeNull();
    expect(pullTargetStop('x.xlsx', new Map())?.code).toBe('NOT_A_STORE');
  });

  it('lists an open conflict with what each side and the last sync hold', () => {
    expect(describeOpenConflict(conflicts[0]!)).toBe(
      'Trang "Nhiệm vụ", dòng A, cột "Ghi chú": trên bảng tính "bảng tính", trong sổ cục bộ "cục bộ" (lần đồng bộ trước: (trống)).',
    );
  });
});
