import { describe, expect, it } from 'vitest';
import { indexRows, listConflicts, MEETINGS_TAB, mergeTab, settleConflicts, syncedBase, TASKS_TAB, type Row } from '../../core/index';

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
