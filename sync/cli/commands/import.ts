/**
 * `cchc import FILE`: any table the project ships a template for (a plan's
 * appendix, the meeting log, document counts, digitisation figures or the
 * province's export, CCHC-index criteria), from .xlsx, .csv or a Word plan (.docx). The core's
 * planImport decides what the file is and what to write; this only reads the
 * file, writes once and prints. `--dry-run` writes nothing.
 */
import { locateTable, planTable, type ImportReady } from '../../../core/index';
import { readGrids } from '../../excel/read-grids';
import { CchcError, EXIT } from '../../errors';
import type { CriteriaBase, ImportBase } from '../../../core/index';
import { criteriaBasePath, loadImportBase, planBasePath, saveImportBase } from '../../store/criteria-base';
import { openStore } from '../shared/open-store';
import type { StoreOptions } from '../../store/store-options';
import { againIfStoreChanged, type WriteOutcome } from '../../store/store';
import { formatIssue, sortIssues } from '../shared/format';
import { todayInVietnam } from '../shared/options';
import { reportConflicts } from '../shared/outcome';

export interface ImportOptions extends StoreOptions {
  plan?: string;
  period?: string;
  dryRun?: boolean;
  json?: boolean;
  /** Read the table as CCHC-index criteria (`cchc index-import`). */
  criteria?: boolean;
  /** Take the file's values over officials' corrections in the store. */
  replace?: boolean;
}

export async function importCommand(file: string, options: ImportOptions): Promise<number> {
  const store = openStore(options);
  // Found first, so the file's cells (most of a large file's memory) are garbage before planning starts.
  const located = locateTable({ file, sheets: await readGrids(file), criteria: options.criteria });
  if ('ok' in located) throw new CchcError(located.code, located.message);
  const basePath = criteriaBasePath(options);
  const planPath = planBasePath(options);
  const write = (plan: ImportReady) => !options.dryRun && !plan.blocked;
  // Planned against the store as read; planned again if another command wrote the store before this write.
  const { plan, outcome } = await againIfStoreChanged(async () => {
    const criteriaBase = await loadImportBase<CriteriaBase>(basePath);
    const planBase = await loadImportBase<ImportBase>(planPath);
    const planned = planTable(
      {
        file,
        // Read for the write to come: the local store keeps what it loaded, so it is not loaded twice.
        tables: await store.read(undefined, { thenWrite: !options.dryRun }),
        plan: options.plan,
        period: options.period,
        criteriaBase,
        planBase,
        replace: options.replace,
        criteria: options.criteria,
        today: todayInVietnam(),
      },
      located,
    );
    if (!planned.ok) throw new CchcError(planned.code, planned.message);
    if (write(planned)) store.checkRows?.(planned.rowCounts);
    const written: WriteOutcome = write(planned) ? await store.write(planned.writes()) : { conflicts: [], skipped: [] };
    if (write(planned) && planned.criteriaBase) await saveImportBase(basePath, planned.criteriaBase);
    if (write(planned) && planned.planBase) await saveImportBase(planPath, planned.planBase);
    return { plan: planned, outcome: written };
  });

  if (options.json) {
    console.log(JSON.stringify({ ...plan.report(), dryRun: options.dryRun ?? false }, null, 2));
  } else {
    for (const line of plan.lines) console.log(line);
    if (plan.kind !== 'appendix') for (const issue of sortIssues(plan.issues)) console.log(formatIssue(issue));
    if (options.dryRun) console.log('(Chạy thử: chưa ghi vào sổ dữ liệu.)');
    else if (write(plan)) {
      console.log(
        plan.nothingNew || outcome.unchanged ? `Không có gì mới: ${store.location} giữ nguyên.` : `Đã ghi vào ${store.location}.`,
      );
    }
    if (write(plan) && !store.removesRows && plan.removedTasks > 0) {
      console.log(
        `  ${plan.removedTasks} nhiệm vụ không còn trong phụ lục vẫn nằm trên bảng tính (đồng bộ không xóa dòng); xóa tay nếu không cần.`,
      );
    }
  }
  return plan.blocked ? EXIT.dataErrors : reportConflicts(outcome);
}
