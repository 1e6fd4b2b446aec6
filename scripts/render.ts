/**
 * `npm run render`: writes every document the tool produces from the bundled
 * sample (appendix exports, the report workbook and Word draft, the self-scoring
 * table and its Word report, the province roll-up), converts them to PDF with
 * LibreOffice and to PNG pages with pdftoppm, to look at what an official prints.
 * `npm run render -- --readme` also copies the first page of each into docs/img/.
 */
import { spawnSync } from 'node:child_process';
import { copyFile, mkdir, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { catalogFromTables, computeMetrics, encodeSettings, parsePeriod } from '../core/index';
import { sampleTables } from '../sync/samples/sample-tables';
import { writeWorkbookAtomic } from '../sync/excel/atomic-write';
import type { WardResult } from '../sync/rollup/collect';
import { rollupWorkbook } from '../sync/rollup/rollup-workbook';
import { XlsxStore } from '../sync/store/xlsx-store';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = join(ROOT, 'tmp', 'render');
const IMG = join(ROOT, 'docs', 'img');
/** One page of each kind of document goes into the README. */
const README_PAGES = ['phu-luc-KH-CCHC-2026-AT', 'bao-cao-excel', 'bao-cao-word', 'tu-cham-excel', 'tu-cham-word', 'tong-hop'];
const INSTALL = 'apt-get install -y libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils fonts-liberation fonts-crosextra-carlito';

function found(command: string, versionFlag = '--version'): boolean {
  return spawnSync(command, [versionFlag], { stdio: 'ignore' }).status === 0;
}

function run(command: string, args: readonly string[]): void {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${result.stderr}`);
}

const office = ['soffice', 'libreoffice'].find((c) => found(c));
if (!office || !found('pdftoppm', '-v')) {
  console.error(`npm run render needs LibreOffice and pdftoppm (poppler). Install them with:\n  ${INSTALL}`);
  process.exitCode = 2;
} else {
  await rm(OUT, { recursive: true, force: true });
  await mkdir(OUT, { recursive: true });
  // One real ward, so that covers show a ward's heading rather than the sample's label.
  const tables = await sampleTables();
  const settings = Object.fromEntries((tables['settings'] ?? []).map((r) => [String(r['key']), String(r['value'] ?? '')]));
  tables['settings'] = encodeSettings({ ...settings, ward: 'An Tường' });
  const store = join(OUT, 'cchc.xlsx');
  await new XlsxStore(store).create(tables);

  const cchc = (...args: string[]) => run(process.execPath, [join(ROOT, 'bin', 'cchc.mjs'), ...args, '--store', store]);
  const h1 = ['--period', '2026-H1', '--today', '2026-06-14'];
  for (const plan of catalogFromTables(tables).plans) {
    cchc('export', '--plan', plan.code, '--with-progress', '--out', join(OUT, `phu-luc-${plan.code.replace(/\W+/g, '-')}.xlsx`));
  }
  cchc('report', ...h1, '--out', join(OUT, 'bao-cao-excel.xlsx'));
  cchc('report', ...h1, '--out', join(OUT, 'bao-cao-word.docx'));
  cchc('index', ...h1, '--out', join(OUT, 'tu-cham-excel.xlsx'));
  cchc('index', ...h1, '--out', join(OUT, 'tu-cham-word.docx'));
  // The roll-up reads Google Sheets; here three wards share the sample's figures and one could not be read.
  const period = parsePeriod('2026-H1')!;
  const metrics = computeMetrics(tables, { period, today: '2026-06-14' });
  const wards: WardResult[] = ['An Tường', 'Nhị Chiểu', 'Phúc Thuận'].map((name, i) => ({
    ward: { id: `sheet-${i}`, name, line: i + 2 },
    name,
    metrics,
    error: null,
  }));
  wards.push({
    ward: { id: 'sheet-x', name: 'Đông Quang', line: 5 },
    name: 'Đông Quang',
    metrics: null,
    error: 'Không đọc được bảng tính (không có quyền xem). [SHEETS_FORBIDDEN]',
  });
  await writeWorkbookAtomic(rollupWorkbook(wards, period, '2026-06-14'), join(OUT, 'tong-hop.xlsx'));

  const documents = (await readdir(OUT)).filter((f) => /\.(xlsx|docx)$/.test(f) && f !== 'cchc.xlsx');
  const profile = join(tmpdir(), `cchc-render-lo-${process.pid}`);
  run(office, [
    `-env:UserInstallation=file://${profile}`,
    '--headless',
    '--convert-to',
    'pdf',
    '--outdir',
    OUT,
    ...documents.map((f) => join(OUT, f)),
  ]);
  await rm(profile, { recursive: true, force: true });
  const readme = process.argv.includes('--readme');
  if (readme) await mkdir(IMG, { recursive: true });
  for (const doc of documents) {
    const base = doc.replace(/\.\w+$/, '');
    run('pdftoppm', ['-png', '-r', '80', join(OUT, `${base}.pdf`), join(OUT, base)]);
    const pages = (await readdir(OUT)).filter((f) => f.startsWith(`${base}-`) && f.endsWith('.png')).sort();
    console.log(`${doc}: ${pages.length} page(s)`);
    if (readme && pages[0] && README_PAGES.includes(base)) await copyFile(join(OUT, pages[0]), join(IMG, `${base}.png`));
  }
  console.log(`PNG pages in ${OUT}${readme ? `; first pages copied to ${IMG}` : ''}`);
}
