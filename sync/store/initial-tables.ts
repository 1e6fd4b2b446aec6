/** What a new store starts with: the standard units and default settings, no tasks. */
import { defaultSettings, encodeSettings, encodeUnits, STANDARD_UNITS } from '../../core/index';
import type { Tables } from './store';

export function initialTables(overrides: Record<string, string> = {}): Tables {
  return {
    tasks: [],
    plans: [],
    units: encodeUnits(STANDARD_UNITS),
    settings: encodeSettings({ ...defaultSettings(), ...overrides }),
  };
}
