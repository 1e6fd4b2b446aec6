/** `cchc validate`: checks every tab with the core rules (the same ones the Apps Script menu uses). */
import { countBySeverity, tabByKey, TABS, validateTables } from '../../../core/index';
import { EXIT } from '../../errors';
import { openStore } from '../shared/open-store';
import type { StoreOptions } from '../../store/store-options';
import { formatIssue, issueSummary, sortIssues } from '../shared/format';

export interface ValidateOptions extends StoreOptions {
  json?: boolean;
}

export async function validateCommand(options: ValidateOptions): Promise<number> {
  const store = openStore(options);
  // Every tab, named: the local workbook streams them into rows rather than loading every cell (stream-tabs.ts).
  const { issues, rows } = validateTables(await store.read(TABS.map((tab) => tab.key)));
  const { errors } = countBySeverity(issues);
  if (options.json) {
    console.log(JSON.stringify({ store: store.location, tasks: rows['tasks'] ?? 0, rows, ...countBySeverity(issues), issues }, null, 2));
  } else {
    const counted = Object.entries(rows)
      .filter(([key, n]) => n > 0 || key === 'tasks')
      .map(([key, n]) => `${n} dòng "${tabByKey(key).name}"`);
    console.log(`Kiểm tra ${store.location}: ${counted.join(', ')} — ${issueSummary(issues)}.`);
    for (const issue of sortIssues(issues)) console.log(formatIssue(issue));
  }
  return errors > 0 ? EXIT.dataErrors : EXIT.ok;
}
