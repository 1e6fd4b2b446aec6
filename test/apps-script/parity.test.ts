/**
 * The sheet's menu and the command line, side by side on generated catalogs with
 * every deadline form officials write, at dates through the year: the due dates and
 * overdue colours "Cập nhật hạn & quá hạn" writes, and the reminders "Gửi nhắc việc"
 * sends, equal what `cchc remind --json` computes from the same data (one core rule).
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DUE_COLOURS, NO_LEAD_NAME, TASKS_TAB, type Row } from '../../core/index';
import { sampleTables } from '../../sync/samples/sample-tables';
import type { Tables } from '../../sync/store/store';
import { XlsxStore } from '../../sync/store/xlsx-store';
import { cchcAsync } from '../helpers/cli';
import { useTempDir } from '../helpers/tmp';
import { midnightIn } from './fakes';
import { builtBundle, gridsFrom, load } from './gas';

const tempDir = useTempDir();
let code = '';
beforeAll(async () => {
  code = await builtBundle();
});

/** Deadlines as plans and officials write them (2026 plans), dated, periodic, conditional and unreadable. */
const FORMS = [
  'Quý I/2026',
  'Quý IV/2026',
  'Quí II/2026',
  'Trước 15/01/2026',
  'Trước ngày 21/6/2026',
  '30/6/2026',
  'Tháng 3/2026',
  'Tháng 3 - 6/2026',
  '6 tháng đầu năm 2026',
  'Năm 2026',
  'Đầu năm 2026',
  'Giữa năm 2026',
  'Thường xuyên',
  'Thường xuyên; báo cáo trước 15/12/2026',
  'Hằng quý',
  'Hằng tháng',
  'Định kỳ 6 tháng',
  'Hằng năm',
  'Sau khi có hướng dẫn của UBND tỉnh',
  'Trong 30 ngày sau khi UBND tỉnh ban hành quy định',
  '',
  'Theo tiến độ chung',
];
const STATES: Record<string, string | number | null>[] = [
  { status: 'Chưa thực hiện' },
  { status: 'Đang thực hiện', progress: 40 },
  { status: 'Hoàn thành', progress: 100, completedOn: '2026-05-10' },
  { status: 'Không thực hiện' },
];
const LEADS = ['Phòng Văn hóa - Xã hội', 'Văn phòng HĐND và UBND', '', 'Tổ công tác số 9'];
const DAYS = ['2026-01-10', '2026-03-31', '2026-06-20', '2026-09-15', '2026-12-14', '2026-12-20', '2027-02-05'];

async function catalog(): Promise<Tables> {
  const tables = await sampleTables();
  const tasks: Row[] = [];
  FORMS.forEach((deadline, f) =>
    STATES.forEach((state, s) => {
      const i = tasks.length + 1;
      tasks.push({
        id: `NV-P${i}`,
        plan: String(tables['plans']![0]!['code']),
        stt: String(i),
        title: `Nhiệm vụ thử ${i}`,
        lead: LEADS[(f + s) % LEADS.length]!,
        product: 'Báo cáo',
        deadline,
        // A met condition on every other conditional task: its days count from then.
        conditionMetOn: deadline.startsWith('Trong 30') && s % 2 === 0 ? '2026-05-02' : null,
        progress: null,
        completedOn: null,
        ...state,
      });
    }),
  );
  return { ...tables, tasks };
}

interface Remind {
  today: string;
  reminders: { unit: string; name: string; email: string | null; overdue: string[]; dueSoon: string[] }[];
  tasks: { id: string; due: string | null; overdue: boolean; dueSoon: boolean }[];
}

describe('the menu and the command line compute deadlines, overdue and reminders alike', () => {
  it.each(DAYS)(
    'on %s',
    async (day) => {
      const tables = await catalog();
      const store = new XlsxStore(join(await tempDir(), 'cchc.xlsx'));
      await store.create(tables);
      const cli = await cchcAsync(['remind', '--store', store.location, '--today', day.split('-').reverse().join('/'), '--json']);
      expect(cli.stderr).toBe('');
      const expected = JSON.parse(cli.stdout) as Remind;

      const [y, m, d] = day.split('-').map(Number) as [number, number, number];
      const gas = load(code, gridsFrom(tables), { now: midnightIn('Asia/Ho_Chi_Minh', y, m, d).getTime() + 8 * 3_600_000 });
      gas.call('cchcUpdateDeadlines');
      const sheet = gas.sheet(TASKS_TAB.name)!;
      const column = (key: string) => TASKS_TAB.columns.findIndex((c) => c.key === key);
      const shown = sheet.values.slice(1, tables['tasks']!.length + 1).map((line, i) => {
        const due = line[column('due')];
        const bg = sheet.backgrounds[i + 1]![column('due')];
        return {
          id: String(line[column('id')]),
          due:
            due instanceof Date || (typeof due === 'object' && due !== null)
              ? new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(due as Date)
              : null,
          overdue: bg === DUE_COLOURS.overdue,
          dueSoon: bg === DUE_COLOURS.soon,
        };
      });
      expect(shown).toEqual(expected.tasks);
      // Periodic tasks get a due date in the sheet too (the next one as of the day).
      expect(shown.filter((t) => t.due !== null).length).toBeGreaterThan(FORMS.length * 2);
      expect([...sheet.formats.entries()].some(([cell, f]) => cell === `2:${column('due') + 1}` && f === 'dd/mm/yyyy')).toBe(true);

      gas.call('cchcReminders');
      const preview = gas.alerts.find((a) => a.startsWith('Xem trước nhắc việc'));
      if (expected.reminders.length === 0) {
        expect(gas.alerts.at(-1)).toContain('Không có nhiệm vụ quá hạn hay sắp đến hạn');
        return;
      }
      for (const r of expected.reminders)
        expect(preview).toContain(
          `${r.name} <${r.email ?? 'chưa có email'}>: ${r.overdue.length} quá hạn, ${r.dueSoon.length} sắp đến hạn`,
        );
      expect(preview).not.toMatch(/^ </m);
      const sent = gas.mail.sent.map((mail) => [mail.to, mail.subject]);
      expect(sent).toEqual(
        expected.reminders
          .filter((r) => r.email)
          .map((r) => [r.email, `[CCHC] ${r.name}: ${r.overdue.length} nhiệm vụ quá hạn, ${r.dueSoon.length} sắp đến hạn`]),
      );
      if (expected.reminders.some((r) => r.unit === '')) expect(preview).toContain(`${NO_LEAD_NAME} <chưa có email>`);
    },
    60_000,
  );
});
