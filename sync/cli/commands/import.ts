/**
 * `cchc import FILE.xlsx`: reads a plan's appendix and merges it into the store,
 * keeping every tracking field officials filled in. `--dry-run` writes nothing.
 */
import type { Command } from 'commander';
import {
  adoptDraft,
  catalogFromTables,
  catalogRows,
  draftCode,
  encodePlans,
  isDraftCode,
  isHeading,
  encodeTasks,
  makeResolver,
  mergeImport,
  nfc,
  taskId,
  validateCatalog,
  type Catalog,
  type Plan,
} from '../../../core/index';
import { readAppendix, type AppendixFile } from '../../excel/appendix-reader';
import { openStore, type StoreOptions } from '../../store/open-store';
import { reportConflicts, run, sheetOption, storeOption } from '../program';
import { SheetsStore } from '../../sheets/sheets-store';
import type { WriteOutcome } from '../../store/store';

export interface ImportOptions extends StoreOptions {
  plan?: string;
  dryRun?: boolean;
  json?: boolean;
}

/** The plan the appendix belongs to; without a number (and no --plan) it is a draft of its ward, year and title. */
function planOf(file: AppendixFile, options: ImportOptions, catalog: Catalog): Plan {
  const ward = file.ward ?? catalog.settings['ward'] ?? '';
  const year = file.planYear ?? catalog.defaultYear;
  const code = nfc(options.plan ?? file.planCode ?? draftCode(ward, year, file.title));
  const known = catalog.plans.find((p) => p.code === code);
  return {
    code,
    title: file.title || known?.title || '',
    date: file.planDate ?? known?.date ?? null,
    ward: file.ward ?? known?.ward ?? ward,
    tier: file.wardTier ?? known?.tier ?? '',
    year: file.planYear ?? known?.year ?? year,
  };
}

export async function importCommand(file: string, options: ImportOptions): Promise<number> {
  const store = openStore(options);
  const appendix = await readAppendix(file);
  const tables = await store.read();
  const catalog = catalogFromTables(tables);
  const plan = planOf(appendix, options, catalog);
  // Section and group headings are merged and written too; rules and counts are about the tasks.
  const rows = catalogRows(appendix, plan.code);
  const imported = rows.filter((r) => !isHeading(r));

  // Validate what the file says, located at the rows the official sees in it.
  const taken = new Set<string>();
  const located = imported.map((t, i) => {
    const id = taskId(plan.code, t.title, taken);
    taken.add(id);
    return { row: appendix.tasks[i]!.sourceRows[0]!, item: { id, ...t, status: '', progress: null, completedOn: null, evidence: '', note: '' } };
  });
  const issues = validateCatalog({ tasks: located, plans: [plan], registry: catalog.registry, defaultYear: plan.year }).map(
    ({ tab: _tab, ...issue }) => issue,
  );

  const adoption = adoptDraft(catalog.plans, catalog.rows.map((t) => t.item), plan);
  const merge = mergeImport(adoption.tasks, plan.code, rows);
  let outcome: WriteOutcome = { conflicts: [], skipped: [] };
  if (!options.dryRun) {
    const resolve = makeResolver({ registry: catalog.registry, defaultYear: catalog.defaultYear, plans: [...catalog.plans, plan] });
    const plans = [...adoption.plans.filter((p) => p.code !== plan.code), plan];
    outcome = await store.write({ plans: encodePlans(plans), tasks: encodeTasks(merge.tasks, (t) => resolve(t).deadline.due) });
  }

  if (options.json) {
    const resolve = makeResolver({ registry: catalog.registry, defaultYear: plan.year, plans: [plan] });
    const unit = (r: { text: string; unit: string | null; name: string | null }) => ({ text: r.text, unit: r.unit, name: r.name });
    console.log(
      JSON.stringify(
        {
          plan,
          draft: isDraftCode(plan.code),
          adopted: adoption.adopted?.code ?? null,
          sheet: appendix.sheet,
          tasks: located.map(({ item }, i) => {
            const r = resolve(item);
            return {
              stt: item.stt,
              section: item.section,
              title: item.title,
              target: item.target,
              lead: r.lead.map(unit),
              support: r.support.map(unit),
              product: item.product,
              deadline: { text: r.deadline.text, kind: r.deadline.kind, due: r.deadline.due },
              sourceRows: appendix.tasks[i]!.sourceRows,
            };
          }),
          issues,
          changes: { added: merge.added.length, changed: merge.changed.length, unchanged: merge.unchanged, removed: merge.removed.length, kept: merge.kept.length },
          dryRun: options.dryRun ?? false,
        },
        null,
        2,
      ),
    );
  } else {
    console.log(`Phụ lục "${file}" (trang "${appendix.sheet}"), kế hoạch ${plan.code}: ${imported.length} nhiệm vụ.`);
    if (isDraftCode(plan.code)) {
      console.log(`  Phụ lục chưa có số kế hoạch: nhập là dự thảo ${plan.code} (${plan.ward || 'chưa rõ phường/xã'}, năm ${plan.year}). Khi kế hoạch có số, nhập lại phụ lục có số: dự thảo sẽ thành kế hoạch đó, giữ nguyên theo dõi.`);
    }
    if (adoption.adopted) {
      console.log(`  Dự thảo ${adoption.adopted.code} ("${adoption.adopted.title}") đã thành kế hoạch ${plan.code}: ${adoption.moved} nhiệm vụ chuyển sang, giữ nguyên theo dõi.`);
    }
    console.log(
      `Thêm mới ${merge.added.length}, cập nhật ${merge.changed.length}, giữ nguyên ${merge.unchanged}, bỏ ${merge.removed.length}` +
        (merge.kept.length ? `, giữ lại ${merge.kept.length} nhiệm vụ không còn trong phụ lục vì đã có theo dõi` : '') +
        '.',
    );
    for (const c of merge.changed) console.log(`  Cập nhật STT ${c.task.stt}: ${c.fields.join(', ')}`);
    for (const t of merge.kept) console.log(`  Giữ lại (đã có theo dõi) STT ${t.stt}: ${t.title}`);
    const errors = issues.filter((i) => i.severity === 'error').length;
    console.log(`Kiểm tra: ${errors} lỗi, ${issues.length - errors} cảnh báo.${options.dryRun ? ' (Chạy thử: chưa ghi vào sổ dữ liệu.)' : ` Đã ghi vào ${store.location}.`}`);
    if (store instanceof SheetsStore && merge.removed.length > 0) {
      console.log(`  ${merge.removed.length} nhiệm vụ không còn trong phụ lục vẫn nằm trên bảng tính (đồng bộ không xóa dòng); xóa tay nếu không cần.`);
    }
  }
  return reportConflicts(outcome);
}

export function registerImport(program: Command): void {
  program
    .command('import')
    .description('Nhập phụ lục nhiệm vụ từ Excel (import a plan appendix .xlsx into the store)')
    .argument('<file>', 'tệp .xlsx phụ lục')
    .addOption(storeOption())
    .addOption(sheetOption())
    .option('--plan <code>', 'số kế hoạch, ví dụ 158/KH-UBND (plan code when the appendix has none)')
    .option('--dry-run', 'chỉ đọc và kiểm tra, không ghi (read and check only)')
    .option('--json', 'machine-readable output')
    .action(async (file: string, opts: ImportOptions) => {
      run.exitCode = await importCommand(file, opts);
    });
}
