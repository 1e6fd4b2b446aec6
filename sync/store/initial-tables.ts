/** What a new store starts with: the standard units and default settings, no tasks. */
import { defaultSettings, encodeSettings, encodeTargets, encodeUnits, STANDARD_UNITS } from '../../core/index';
import type { Tables } from './store';

export function initialTables(overrides: Record<string, string> = {}): Tables {
  const settings = { ...defaultSettings(), ...overrides };
  return {
    tasks: [],
    plans: [],
    units: encodeUnits(STANDARD_UNITS),
    settings: encodeSettings(settings),
    targets: encodeTargets(settings),
  };
}
