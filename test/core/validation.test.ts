import { describe, expect, it } from 'vitest';
import { UnitRegistry, validateCatalog, type Plan, type Task } from '../../core/index';

const plan: Plan = { code: '158/KH-UBND', title: 'Kế hoạch', date: '2026-05-05', ward: 'Nhị Chiểu', year: 2026 };

function task(overrides: Partial<Task> = {}): Task {
  return {
    id: 'NV-1',
    plan: plan.code,
    section: '',
    sectionTitle: '',
    stt: '1',
    title: 'Ban hành kế hoạch',
    target: '',
    lead: 'Phòng VHXH',
    support: 'Các phòng, đơn vị',
    product: 'Kế hoạch',
    deadline: 'Quý II/2026',
    status: 'Chưa thực hiện',
    progress: 0,
    completedOn: null,
    evidence: '',
    note: '',
    ...overrides,
  };
}

function codes(...tasks: Partial<Task>[]): string[] {
  return validateCatalog({
    tasks: tasks.map((t, i) => ({ item: task({ id: `NV-${i}`, stt: String(i + 1), ...t }), row: i + 2 })),
    plans: [plan],
    registry: UnitRegistry.withStandard(),
    defaultYear: 2026,
  }).map((i) => i.code);
}

describe('validateCatalog', () => {
  it('accepts a clean task', () => {
    expect(codes({})).toEqual([]);
  });

  it('requires a title and a lead unit', () => {
    expect(codes({ title: '' })).toContain('TITLE_REQUIRED');
    expect(codes({ lead: '' })).toContain('LEAD_MISSING');
  });

  it('warns on several lead units and on a group as lead: one task, one lead', () => {
    expect(codes({ lead: 'Văn phòng HĐND và UBND; Phòng VHXH' })).toEqual(['LEAD_MULTIPLE']);
    expect(codes({ lead: 'Các phòng, đơn vị' })).toEqual(['LEAD_IS_GROUP']);
  });

  it('flags unknown and misspelt units in both unit columns', () => {
    expect(codes({ lead: 'Phòng VHXXH' })).toEqual(['UNIT_TYPO']);
    expect(codes({ support: 'Ban Quản lý chợ' })).toEqual(['UNIT_UNKNOWN']);
  });

  it('warns on a missing product', () => {
    expect(codes({ product: '' })).toEqual(['PRODUCT_MISSING']);
  });

  it('warns on deadlines that are missing, unreadable or outside the plan year', () => {
    expect(codes({ deadline: '' })).toEqual(['DEADLINE_MISSING']);
    expect(codes({ deadline: 'Sớm nhất có thể' })).toEqual(['DEADLINE_UNPARSED']);
    expect(codes({ deadline: 'Quý I/2027' })).toEqual(['DEADLINE_OUTSIDE_PLAN_YEAR']);
    expect(codes({ deadline: 'Thường xuyên' })).toEqual([]);
  });

  it('finds duplicate STT (error) and duplicate tasks (warning) within a plan', () => {
    expect(codes({ stt: '1' }, { stt: '1', title: 'Khác' })).toEqual(['STT_DUPLICATE']);
    expect(codes({ title: 'Ban hành kế hoạch' }, { title: 'Ban hành Kế hoạch.' })).toEqual(['TASK_DUPLICATE']);
  });

  it('checks status and progress agree: 100% ⇔ Hoàn thành', () => {
    expect(codes({ status: 'Đang thực hiện', progress: 100 })).toEqual(['PROGRESS_STATUS_MISMATCH']);
    expect(codes({ status: 'Hoàn thành', progress: 80, completedOn: '2026-06-01' })).toEqual(['PROGRESS_STATUS_MISMATCH']);
    expect(codes({ status: 'Hoàn thành', progress: 100, completedOn: '2026-06-01' })).toEqual([]);
    expect(codes({ status: 'Xong' })).toEqual(['STATUS_INVALID']);
  });

  it('needs a completion date when done, and suggests "Hoàn thành quá hạn" when late', () => {
    expect(codes({ status: 'Hoàn thành', progress: 100 })).toEqual(['COMPLETION_DATE_MISSING']);
    expect(codes({ status: 'Hoàn thành', progress: 100, completedOn: '2026-07-02' })).toEqual(['DONE_LATE_STATUS']);
    expect(codes({ status: 'Hoàn thành quá hạn', progress: 100, completedOn: '2026-07-02' })).toEqual([]);
  });

  it('keeps percentages within 0–100', () => {
    expect(codes({ progress: 120 })).toEqual(['PROGRESS_OUT_OF_RANGE']);
    expect(codes({ progress: -5 })).toEqual(['PROGRESS_OUT_OF_RANGE']);
  });

  it('gives the row, the column and a Vietnamese message', () => {
    const [issue] = validateCatalog({
      tasks: [{ item: task({ lead: '' }), row: 7 }],
      plans: [plan],
      registry: UnitRegistry.withStandard(),
      defaultYear: 2026,
    });
    expect(issue).toEqual({
      tab: 'tasks',
      row: 7,
      column: 'lead',
      code: 'LEAD_MISSING',
      severity: 'error',
      message: 'Chưa có cơ quan chủ trì. Ghi một đơn vị chủ trì cho nhiệm vụ.',
    });
  });
});
