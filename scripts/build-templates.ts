/**
 * `npm run templates`: regenerates templates/*.xlsx and the sample appendices in
 * templates/samples/ (the three seed plans, in the official export format).
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { catalogFromTables } from '../core/index';
import { sampleTables } from '../sync/samples/sample-tables';
import { writeAppendix } from '../sync/excel/appendix-writer';
import { writeWorkbookAtomic } from '../sync/excel/atomic-write';
import { TEMPLATES, templateWorkbook } from '../sync/excel/templates';

const dir = fileURLToPath(new URL('../templates/', import.meta.url));

for (const spec of TEMPLATES) {
  await writeWorkbookAtomic(templateWorkbook(spec), join(dir, spec.file));
  console.log(`templates/${spec.file}`);
}
const catalog = catalogFromTables(await sampleTables());
for (const plan of catalog.plans) {
  const file = `samples/phu-luc-${plan.ward
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/gi, 'd')
    .toLowerCase()
    .replace(/\s+/g, '-')}-2026.xlsx`;
  await writeAppendix(
    join(dir, file),
    plan,
    catalog.tasks.map((t) => t.item).filter((t) => t.plan === plan.code),
  );
  console.log(`templates/${file}`);
}
