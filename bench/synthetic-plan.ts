/** A large plan for the import benchmarks: the bundled samples' tasks over and over, each numbered and titled apart. */
import { catalogFromTables, type Task } from '../core/index';
import { sampleTables } from '../sync/samples/sample-tables';

export const BENCH_PLAN = { code: '99/KH-UBND', title: 'Kế hoạch thử', date: '2026-01-05', ward: 'Thử', year: 2026 };

const SECTIONS = ['I', 'II', 'III', 'IV', 'V'];

/**
 * `count` tasks in `sections` equal sections (at most five). `leadRun`: tasks share their lead in runs of that many,
 * so a Word table holds the vertical merges plans have; otherwise each keeps its sample's lead.
 */
export async function syntheticTasks(count: number, options: { sections: number; leadRun?: number }): Promise<Task[]> {
  const base = catalogFromTables(await sampleTables()).tasks.map((t) => t.item);
  return Array.from({ length: count }, (_, i) => {
    const t = base[i % base.length]!;
    return {
      ...t,
      id: `NV-${i}`,
      stt: String(i + 1),
      title: `${t.title} (${i + 1})`,
      ...(options.leadRun ? { lead: base[Math.floor(i / options.leadRun) % base.length]!.lead } : {}),
      section: SECTIONS[Math.floor((i * options.sections) / count)]!,
    };
  });
}
