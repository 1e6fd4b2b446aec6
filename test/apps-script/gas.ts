/**
 * The built bundle loaded as Apps Script runs it (one global scope in node:vm, the
 * services as globals from fakes.ts), and realistic ward data to run it on.
 */
import vm from 'node:vm';
import { TABS, UNITS_TAB, type Row } from '../../core/index';
import { sampleTables } from '../../sync/samples/sample-tables';
import type { Tables } from '../../sync/store/store';
import { manyTasks } from '../fixtures/many-tasks';
import { fakeServices, type Cell } from './fakes';

export type Gas = ReturnType<typeof load>;

export function load(code: string, tabs: Record<string, Cell[][]>, options: { timeZone?: string } = {}) {
  const context = vm.createContext({});
  const services = fakeServices(tabs, { ...options, realmDate: vm.runInContext('Date', context) as DateConstructor });
  Object.assign(context, services.globals);
  vm.runInContext(code, context);
  const call = (name: string, ...args: unknown[]) => (context as Record<string, (...a: unknown[]) => unknown>)[name]!(...args);
  /** A simple trigger (onEdit): services needing authorisation throw. */
  const simple = (name: string, ...args: unknown[]) => {
    services.simple.active = true;
    try {
      return call(name, ...args);
    } finally {
      services.simple.active = false;
    }
  };
  return { ...services, context, call, simple };
}

/** The core's rows as the grids officials see: header, then one line per row, in tab column order. */
export function gridsFrom(tables: Tables): Record<string, Cell[][]> {
  return Object.fromEntries(
    TABS.filter((tab) => (tables[tab.key] ?? []).length > 0 || tab.key === 'tasks').map((tab) => [
      tab.name,
      [tab.columns.map((c) => c.header), ...(tables[tab.key] ?? []).map((r) => tab.columns.map((c) => (r[c.key] ?? '') as Cell))],
    ]),
  );
}

/**
 * A ward at scale: the sample's plans, settings and logs, `taskCount` tasks made from
 * the sample appendices, led by `unitCount` units that each have an email address, with
 * the problems officials make (progress over 100, a unit name typo) on some rows.
 */
export async function wardTables(taskCount = 5000, unitCount = 60): Promise<Tables> {
  const tables = await sampleTables();
  const units: Row[] = Array.from({ length: unitCount }, (_, i) => ({
    id: `TDP${i + 1}`,
    name: `Tổ dân phố số ${i + 1}`,
    kind: 'Đơn vị',
    aliases: '',
    email: `tdp${i + 1}@phuong.gov.vn`,
  }));
  const tasks = manyTasks(tables['tasks']!, taskCount).map((t, i) => ({
    ...t,
    lead: i % 13 === 5 ? `Tổ dân phô số ${(i % unitCount) + 1}` : `Tổ dân phố số ${(i % unitCount) + 1}`,
    progress: i % 11 === 3 ? 150 : (t['progress'] ?? null),
    due: null,
  }));
  return { ...tables, units: [...(tables['units'] ?? []), ...units], tasks };
}

export const UNIT_HEADER = UNITS_TAB.columns.map((c) => c.header);
