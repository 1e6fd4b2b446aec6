/** `cchc import PLAN.docx --sheet`: a Word plan straight into the shared Google Sheet (the emulator). */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TASKS_TAB } from '../../core/index';
import { seedTable, wordPlanFromSeed } from '../fixtures/appendix-docx';
import { cchcAsync } from '../helpers/cli';
import { useTempDir } from '../helpers/tmp';
import { useSheetsEmulator } from '../sheets/emulated-sheet';

const tempDir = useTempDir();
const emulated = useSheetsEmulator();

describe('cchc import PLAN.docx --sheet', () => {
  it('writes the tasks, with the leads merged over runs in Word, into the sheet in one write', async () => {
    const { emu, env } = await emulated();
    const id = emu.createSpreadsheet('Kế hoạch CCHC');
    expect((await cchcAsync(['init', '--sheet', id], { env })).code).toBe(0);
    const path = join(await tempDir(), 'KE-HOACH-158.docx');
    await writeFile(path, await wordPlanFromSeed('nhi-chieu-appendix.tsv', 'nhi-chieu', { headers: 'marked', mergeColumns: [2, 3, 5] }));
    emu.resetCounts();
    const imported = await cchcAsync(['import', path, '--sheet', id], { env });
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    expect(emu.counts()).toMatchObject({ reads: 3, writes: 1 });

    const grid = emu.getValues(id, `'${TASKS_TAB.name}'`) as string[][];
    const column = (key: string) => grid[0]!.indexOf(TASKS_TAB.columns.find((c) => c.key === key)!.header);
    // Task rows; the plan's section headings are rows of their own ("Loại dòng" = Mục).
    const rows = grid
      .slice(1)
      .filter((r) => (r[column('kind')] ?? '') === '')
      .map((r) => [r[column('stt')], r[column('lead')], r[column('deadline')]]);
    expect(rows).toEqual(seedTable('nhi-chieu-appendix.tsv').tasks.map((t) => [t.stt, t.cells[2], t.cells[5]]));
  });
});
