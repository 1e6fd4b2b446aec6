import type { UnitKind } from './types';

/** How unit kinds read in the "Đơn vị" tab. */
export const UNIT_KIND_LABELS: Record<UnitKind, string> = {
  unit: 'Đơn vị',
  party: 'Đảng, đoàn thể',
  group: 'Nhóm đơn vị',
  external: 'Cơ quan ngoài',
};

export function unitKindFromLabel(label: string): UnitKind {
  const found = (Object.keys(UNIT_KIND_LABELS) as UnitKind[]).find((k) => UNIT_KIND_LABELS[k] === label);
  return found ?? 'unit';
}
