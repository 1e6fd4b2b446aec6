import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogFromTables, encodeTasks } from '../../core/index';
import { XlsxStore } from '../../sync/store/xlsx-store';
import { buildAppendixFile, linesFromSeed } from '../fixtures/appendix-xlsx';
import { cchcAsync } from '../helpers/cli';
import { useTempDir } from '../helpers/tmp';

const tempDir = useTempDir();

/** The An Tường seed as the signed plan: the same appendix, its number filled in. */
const numbered = (code: string) =>
  linesFromSeed('an-tuong-appendix.tsv').map((l) =>
    l.title?.startsWith('(Kèm theo') ? { title: `(Kèm theo Kế hoạch số ${code} ngày 20/01/2026 của Ủy ban nhân dân phường An Tường)` } : l,
  );

describe('drafts become plans', () => {
  it('imports an appendix without a number as a draft, then the numbered plan adopts it with its tracking', async () => {
    const dir = await tempDir();
    const store = join(dir, 'cchc.xlsx');
    expect((await cchcAsync(['init', '--store', store])).code).toBe(0);
    const draftFile = join(dir, 'du-thao.xlsx');
    await buildAppendixFile(draftFile, linesFromSeed('an-tuong-appendix.tsv'));

    const first = await cchcAsync(['import', draftFile, '--store', store]);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('dự thảo');
    const s = new XlsxStore(store);
    let catalog = catalogFromTables(await s.read());
    // The seed's appendix: 46 tasks; its title lines name the ward and the year.
    expect(catalog.tasks).toHaveLength(46);
    expect(catalog.plans).toHaveLength(1);
    const draft = catalog.plans[0]!;
    expect(draft).toMatchObject({ ward: 'An Tường', year: 2026, title: 'DANH MỤC CÁC NHIỆM VỤ TRỌNG TÂM CCHC NĂM 2026' });
    expect(draft.code).toMatch(/^DT-2026-/);

    // Re-importing the same draft finds the same draft: no second copy.
    expect((await cchcAsync(['import', draftFile, '--store', store])).code).toBe(0);
    expect(catalogFromTables(await s.read()).tasks).toHaveLength(46);

    // An official tracks a task on the draft.
    const tables = await s.read();
    const tasks = catalogFromTables(tables).tasks.map((t) => t.item);
    const tracked = tasks.find((t) => t.stt === '1')!;
    tracked.status = 'Đang thực hiện';
    tracked.progress = 40;
    await s.write({ tasks: encodeTasks(tasks, () => null) });

    const signed = join(dir, 'ke-hoach-12.xlsx');
    await buildAppendixFile(signed, numbered('12/KH-UBND'));
    const adopt = await cchcAsync(['import', signed, '--store', store]);
    expect(adopt.code).toBe(0);
    expect(adopt.stdout).toContain(`Dự thảo ${draft.code}`);
    expect(adopt.stdout).toContain('12/KH-UBND');
    catalog = catalogFromTables(await s.read());
    expect(catalog.plans.map((p) => p.code)).toEqual(['12/KH-UBND']);
    expect(catalog.plans[0]).toMatchObject({ date: '2026-01-20', ward: 'An Tường' });
    expect(catalog.tasks).toHaveLength(46);
    expect(new Set(catalog.tasks.map((t) => t.item.plan))).toEqual(new Set(['12/KH-UBND']));
    const kept = catalog.tasks.find((t) => t.item.id === tracked.id)!.item;
    expect(kept).toMatchObject({ plan: '12/KH-UBND', status: 'Đang thực hiện', progress: 40 });
  });

  it('--plan still overrides the number', async () => {
    const dir = await tempDir();
    const store = join(dir, 'cchc.xlsx');
    expect((await cchcAsync(['init', '--store', store])).code).toBe(0);
    const file = join(dir, 'du-thao.xlsx');
    await buildAppendixFile(file, linesFromSeed('an-tuong-appendix.tsv'));
    const out = JSON.parse((await cchcAsync(['import', file, '--store', store, '--plan', '7/KH-UBND', '--dry-run', '--json'])).stdout);
    expect(out).toMatchObject({ plan: { code: '7/KH-UBND', ward: 'An Tường' }, draft: false });
  });
});
