/**
 * A unit a task can be assigned to: one office of the committee, a Party or mass
 * organisation body of the commune, a group phrase, or an agency outside the ward.
 */
export type UnitKind = 'unit' | 'party' | 'group' | 'external';

export interface UnitDef {
  /** Stable short id (e.g. `VHXH`); what other tabs refer to. */
  id: string;
  /** Canonical display name. */
  name: string;
  kind: UnitKind;
  aliases: readonly string[];
  /** Where reminders go (Apps Script "Gửi nhắc việc"). */
  email?: string;
}

/** One unit mention in a lead/coordinating cell, resolved against the registry. */
export interface UnitRef {
  /** As written (NFC). */
  text: string;
  /** Registry id, or null when the name is unknown. */
  unit: string | null;
  /** Canonical name, or null when unknown. */
  name: string | null;
  kind: UnitKind | null;
  /** How the match was made: exact key, tolerated typo, or none. */
  match: 'exact' | 'typo' | 'none';
  /** For unknown names and typos: the closest known name. */
  suggestion: string | null;
}
