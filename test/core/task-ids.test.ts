/**
 * The ids an import gives are the ids stores already hold: mergeImport works from matchKeys it has at hand, and must
 * land on exactly taskId's value (FNV-1a of "plan key|title key"), or a re-import would see every task as new.
 */
import { describe, expect, it } from 'vitest';
import {
  catalogFromTables,
  countTaskRows,
  encodeTasks,
  matchKey,
  mergeImport,
  TASKS_TAB,
  taskId,
  type ImportedTask,
  type Task,
} from '../../core/index';

/** FNV-1a 32-bit over UTF-16 code units, base 36, written out here from the algorithm rather than taken from the code. */
function fnvId(plan: string, title: string): string {
  let hash = 0x811c9dc5;
  const text = `${matchKey(plan)}|${matchKey(title)}`;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return `NV-${hash.toString(36).toUpperCase().padStart(7, '0')}`;
}

const row = (stt: string, title: string, kind?: ImportedTask['kind']): ImportedTask => ({
  plan: '158/KH-UBND',
  ...(kind ? { kind } : {}),
  section: 'I',
  sectionTitle: 'Công tác chỉ đạo',
  stt,
  title,
  target: '',
  lead: 'Văn phòng HĐND và UBND',
  support: '',
  product: '',
  deadline: 'Quý I/2026',
});

describe('task ids from an import', () => {
  it("are taskId's for tasks and headings, whatever the title's capitals or Unicode form, and a repeated title is -2", () => {
    const plan = '158/KH-UBND';
    const decomposed = 'Rà soát thủ tục hành chính'.normalize('NFD');
    const merged = mergeImport([], plan, [
      row('I', 'CÔNG TÁC CHỈ ĐẠO', 'section'),
      row('1', decomposed),
      row('2', 'Họp giao ban'),
      row('3', 'Họp giao ban'),
    ]);
    const ids = merged.tasks.map((t) => t.id);
    expect(ids[0]).toBe(taskId(plan, 'Mục: CÔNG TÁC CHỈ ĐẠO'));
    expect(ids[1]).toBe(taskId(plan, 'rà soát THỦ TỤC hành chính'));
    expect(ids[1]).toBe(fnvId(plan, 'Rà soát thủ tục hành chính'));
    expect(ids[2]).toBe(fnvId(plan, 'Họp giao ban'));
    expect(ids[3]).toBe(`${fnvId(plan, 'Họp giao ban')}-2`);
  });

  it("an id another plan's task holds already is not given again", () => {
    const held = { ...row('9', 'Việc khác'), plan: 'Q', id: taskId('158/KH-UBND', 'Họp giao ban') } as Task;
    const merged = mergeImport([held], '158/KH-UBND', [row('1', 'Họp giao ban')]);
    expect(merged.added[0]!.id).toBe(`${fnvId('158/KH-UBND', 'Họp giao ban')}-2`);
  });

  it("encodes tasks in the tab's column order, a task's kind blank and a heading's named, with the due date given", () => {
    const merged = mergeImport([], 'P', [row('I', 'CÔNG TÁC CHỈ ĐẠO', 'section'), row('1', 'Họp giao ban')]);
    const rows = encodeTasks(merged.tasks, (t) => (t.kind === 'section' ? null : '2026-03-31'));
    for (const r of rows) expect(Object.keys(r)).toEqual(TASKS_TAB.columns.map((c) => c.key));
    expect(rows.map((r) => [r['kind'], r['due']])).toEqual([
      ['Mục', null],
      ['', '2026-03-31'],
    ]);
  });
});

describe('countTaskRows', () => {
  it('counts the tasks catalogFromTables decodes: headings, blank rows and a kind in another Unicode form as it reads them', () => {
    const merged = mergeImport([], 'P', [
      row('I', 'CÔNG TÁC CHỈ ĐẠO', 'section'),
      row('1', 'Họp giao ban'),
      row('', 'Nhóm việc', 'group'),
      row('2', 'Rà soát thủ tục'),
    ]);
    const tasks = encodeTasks(merged.tasks, () => null);
    const rows = [
      ...tasks,
      {},
      { [TASKS_TAB.columns[0]!.key]: '' },
      { ...tasks[0]!, kind: ` ${String(tasks[0]!['kind']).normalize('NFD')} ` },
      { note: 'chỉ có ghi chú' },
    ];
    expect(countTaskRows(rows)).toBe(catalogFromTables({ tasks: rows }).tasks.length);
    expect(countTaskRows(rows)).toBe(3);
  });
});
