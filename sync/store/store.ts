/**
 * The store: where the catalog and the logs live. One read and one write per
 * action; each implementation (local xlsx workbook, Google Sheet) keeps the same
 * tab layout from core/layout.
 */
import type { Tables } from '../../core/index';
import { CchcError } from '../errors';

export type { Tables };

export interface Store {
  /** Where the data is, for messages ("data/cchc.xlsx"). */
  readonly location: string;
  /** Whether a write removes rows the new data no longer has; a shared sheet keeps them (officials delete rows by hand). */
  readonly removesRows: boolean;
  exists(): Promise<boolean>;
  /**
   * Lays out a new store from the tab specs with these starting rows, and says
   * which tabs it created (a shared sheet keeps the tabs it already has).
   */
  create(initial: Tables): Promise<string[]>;
  /**
   * Reads every known tab in one go, or only the tabs `keys` names (a store may then skip the others: a read-only
   * command asks for what it uses). Missing tabs come back empty.
   */
  read(keys?: readonly string[], options?: ReadOptions): Promise<Tables>;
  /**
   * Writes the given tabs' rows in one atomic write; other tabs are untouched.
   * A shared store merges instead of replacing and reports the cells it left alone.
   */
  write(tables: Tables): Promise<WriteOutcome>;
  /** Refuses tabs of these sizes if the store cannot hold them, before their rows are built (the local workbook). */
  checkRows?(counts: Readonly<Record<string, number>>): void;
}

export interface ReadOptions {
  /**
   * This command writes next (import): a store may keep what it loaded for that write instead of loading it again;
   * read-only commands leave it unset, so nothing is held while they work.
   */
  thenWrite?: boolean;
}

export interface WriteOutcome {
  /** Cells both sides changed differently, left as the store holds them (Vietnamese, one line each). */
  conflicts: string[];
  /** Rows a shared store could not take because they lack an id (Vietnamese, one line per tab). */
  skipped: string[];
  /** The store already held exactly this: nothing was written. */
  unchanged?: boolean;
}

/**
 * Runs a command's read, plan and write again when another command replaced the store between this one's read and
 * its write (the store refuses that write: STORE_CHANGED). Two imports started together then both land, the second
 * on top of the first, instead of the second stopping.
 */
export async function againIfStoreChanged<T>(work: () => Promise<T>, tries = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (!(error instanceof CchcError && error.code === 'STORE_CHANGED') || attempt >= tries) throw error;
    }
  }
}
