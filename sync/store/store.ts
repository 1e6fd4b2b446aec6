/**
 * The store: where the catalog and the logs live. One read and one write per
 * action; each implementation (local xlsx workbook, Google Sheet) keeps the same
 * tab layout from core/layout.
 */
import type { Row } from '../../core/index';

/** Rows per tab key (see core/layout/tabs). */
export type Tables = Record<string, Row[]>;

export interface Store {
  /** Where the data is, for messages ("data/cchc.xlsx"). */
  readonly location: string;
  exists(): Promise<boolean>;
  /** Creates an empty store laid out from the tab specs, with these starting rows. */
  create(initial: Tables): Promise<void>;
  /** Reads every known tab in one go. Missing tabs come back empty. */
  read(): Promise<Tables>;
  /** Replaces the given tabs' rows in one atomic write; other tabs are untouched. */
  write(tables: Tables): Promise<void>;
}
