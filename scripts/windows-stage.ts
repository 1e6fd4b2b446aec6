/**
 * The Windows stage of CI (`bash .ci/windows-stage.sh`): runs the built CLI (dist/cli) with Windows Node under wine
 * through what an official does — init, import of an Excel and a Word plan, validate, metrics --json, export, the
 * Word report, then push to and pull from the shared sheet (the project's Sheets emulator on 127.0.0.1) — in a folder named as an official's is ("Nguyễn Văn A\Tài liệu", spaces and Vietnamese letters),
 * with drive-letter, backslashed paths in every option; runs the same with Linux Node; and fails on any difference
 * in exit codes, messages, the store or the files written. Then, as Excel does, a Windows process holds the store
 * open without sharing: the import must stop with FILE_IN_USE, exit 2, and leave the store byte for byte as it was.
 *
 * Usage: node --import tsx scripts/windows-stage.ts WINDOWS_NODE_EXE
 * (wine, WINEPREFIX and the Windows Node come from .ci/windows-stage.sh.)
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, openSync, closeSync, readFileSync, writeFileSync, copyFileSync, readdirSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import JSZip from 'jszip';
import { wordPlanFromSeed } from '../test/fixtures/appendix-docx';
import { startSheetsEmulator } from '../test/sheets-emulator';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin', 'cchc.mjs');
const windowsNode = process.argv[2];
if (!windowsNode || !existsSync(windowsNode)) {
  console.error('usage: node --import tsx scripts/windows-stage.ts WINDOWS_NODE_EXE');
  process.exit(2);
}

/** A path as Windows Node sees it: wine maps the Linux root to drive Z:. */
const winPath = (path: string): string => `Z:${path.replace(/\//g, '\\')}`;

interface Side {
  name: 'linux' | 'windows';
  /** The official's folder, where every file of the run lives. */
  dir: string;
  /** How that side writes a path in the folder. */
  path: (file: string) => string;
  run: (args: string[], outFile: string, errFile: string) => Promise<number>;
  /** The side's own spreadsheet in the emulator. */
  sheet: string;
}

/** How both sides reach the emulator: the variables the CLI reads for Google's address and token. */
const sheetsEnv: Record<string, string> = {};

function linuxSide(dir: string, sheet: string): Side {
  return {
    name: 'linux',
    dir,
    sheet,
    path: (file) => join(dir, file),
    run: (args, outFile, errFile) => runTo(process.execPath, [BIN, ...args], dir, outFile, errFile),
  };
}

function windowsSide(dir: string, sheet: string): Side {
  return {
    name: 'windows',
    dir,
    sheet,
    path: (file) => winPath(join(dir, file)),
    // Output goes to files: Windows Node under wine cannot write to a Linux pipe (EBADF on stdout).
    run: (args, outFile, errFile) => runTo('wine', [windowsNode!, winPath(BIN), ...args], dir, outFile, errFile),
  };
}

/** Runs a command with its output in files; asynchronously, so the emulator in this process goes on answering. */
async function runTo(command: string, args: string[], cwd: string, outFile: string, errFile: string): Promise<number> {
  const out = openSync(outFile, 'w');
  const err = openSync(errFile, 'w');
  try {
    const child = spawn(command, args, { cwd, stdio: ['ignore', out, err], timeout: 180_000, env: { ...process.env, ...sheetsEnv } });
    return await new Promise<number>((resolve, reject) => {
      child.on('error', reject);
      child.on('exit', (code) => resolve(code ?? -1));
    });
  } finally {
    closeSync(out);
    closeSync(err);
  }
}

/** One step of the official's run: the arguments, given the side's way of writing paths. */
interface Step {
  name: string;
  args: (side: Side) => string[];
  /** The files this step writes, compared between the sides. */
  writes?: string[];
}

const STORE = 'Sổ theo dõi CCHC 2026.xlsx';
const EXCEL_PLAN = 'Kế hoạch CCHC 2026 (Excel).xlsx';
const WORD_PLAN = 'Kế hoạch 88 CCHC.docx';
const TODAY = ['--today', '20/06/2026'];

const STEPS: Step[] = [
  { name: 'init', args: (s) => ['init', '--store', s.path(STORE), '--ward', 'Phường Nhị Chiểu', '--year', '2026'], writes: [STORE] },
  { name: 'import Excel plan', args: (s) => ['import', s.path(EXCEL_PLAN), '--store', s.path(STORE)], writes: [STORE] },
  { name: 'import Word plan', args: (s) => ['import', s.path(WORD_PLAN), '--store', s.path(STORE)], writes: [STORE] },
  { name: 'validate', args: (s) => ['validate', '--store', s.path(STORE)] },
  { name: 'metrics --json', args: (s) => ['metrics', '--store', s.path(STORE), '--json', '--period', '6 tháng đầu năm 2026', ...TODAY] },
  {
    name: 'export appendix',
    args: (s) => ['export', '--store', s.path(STORE), '--plan', '158/KH-UBND', '--out', s.path('Phụ lục 158 để in.xlsx')],
    writes: ['Phụ lục 158 để in.xlsx'],
  },
  {
    name: 'Word report',
    // A relative --out, as an official in that folder types it.
    args: (s) => [
      'report',
      '--store',
      s.path(STORE),
      '--period',
      '6 tháng đầu năm 2026',
      ...TODAY,
      '--out',
      `.${s.name === 'windows' ? '\\' : '/'}Báo cáo 6 tháng.docx`,
    ],
    writes: ['Báo cáo 6 tháng.docx'],
  },
  { name: 'sync push', args: (s) => ['sync', 'push', '--sheet', s.sheet, '--store', s.path(STORE)] },
  {
    name: 'sync pull',
    args: (s) => ['sync', 'pull', '--sheet', s.sheet, '--out', s.path('Sổ kéo về từ bảng tính.xlsx')],
    writes: ['Sổ kéo về từ bảng tính.xlsx'],
  },
];

/** The parts of an .xlsx/.docx that say what it holds: every part but the document properties (their times differ). */
async function contentOf(file: string): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(await readFile(file));
  const parts = new Map<string, string>();
  for (const name of Object.keys(zip.files).sort()) {
    if (name.startsWith('docProps/') || zip.files[name]!.dir) continue;
    parts.set(name, await zip.files[name]!.async('string'));
  }
  return parts;
}

/** What a side printed, with its own way of writing the folder (and ".\\") made the same, so both sides read alike. */
function printed(side: Side, file: string): string {
  const text = readFileSync(file, 'utf8').replace(/\r\n/g, '\n');
  const folder = side.name === 'windows' ? `${winPath(side.dir)}\\` : `${side.dir}/`;
  const forms = [folder, JSON.stringify(folder).slice(1, -1)];
  return forms
    .reduce((t, form) => t.split(form).join('<thư mục>/'), text)
    .split(side.sheet)
    .join('<mã bảng tính>')
    .replace(/(^|[\s"])\.\\/g, '$1./');
}

const failures: string[] = [];
const fail = (message: string): void => {
  failures.push(message);
  console.error(`  KHÁC: ${message}`);
};

async function main(): Promise<void> {
  const base = await mkdtemp(join(tmpdir(), 'cchc-windows-stage-'));
  const emulator = await startSheetsEmulator({ acceptedTokens: ['windows-stage'] });
  Object.assign(sheetsEnv, { CCHC_SHEETS_API_URL: emulator.url, CCHC_GOOGLE_ACCESS_TOKEN: 'windows-stage' });
  const sides = (['linux', 'windows'] as const).map((name) => {
    const dir = join(base, name, 'Nguyễn Văn A', 'Tài liệu');
    mkdirSync(dir, { recursive: true });
    copyFileSync(join(ROOT, 'templates', 'samples', 'phu-luc-nhi-chieu-2026.xlsx'), join(dir, EXCEL_PLAN));
    const sheet = emulator.createSpreadsheet('Kế hoạch CCHC 2026');
    return name === 'linux' ? linuxSide(dir, sheet) : windowsSide(dir, sheet);
  });
  // A Word plan as offices write it: merged lead and deadline cells, the header repeated after a page break.
  const word = await wordPlanFromSeed('an-tuong-appendix.tsv', 'an-tuong', { headers: 'marked', mergeColumns: [2, 5], splitAfter: 6 });
  for (const side of sides) writeFileSync(join(side.dir, WORD_PLAN), word);

  for (const step of STEPS) {
    console.log(`- ${step.name}`);
    const results = [];
    for (const side of sides) {
      const out = join(base, `${side.name}-${step.name.replace(/\W+/g, '-')}`);
      const code = await side.run(step.args(side), `${out}.out`, `${out}.err`);
      results.push({ side, code, stdout: printed(side, `${out}.out`), stderr: printed(side, `${out}.err`) });
    }
    const [linux, windows] = results as [(typeof results)[0], (typeof results)[0]];
    console.log(`  linux: exit ${linux.code}; windows: exit ${windows.code}`);
    if (linux.code > 1) fail(`${step.name}: Linux exit ${linux.code}\n${linux.stderr}`);
    if (linux.code !== windows.code) fail(`${step.name}: exit ${linux.code} on Linux, ${windows.code} on Windows\n${windows.stderr}`);
    if (linux.stdout !== windows.stdout)
      fail(`${step.name}: printed differently\n--- linux\n${linux.stdout}\n--- windows\n${windows.stdout}`);
    if (linux.stderr !== windows.stderr) fail(`${step.name}: errors differ\n--- linux\n${linux.stderr}\n--- windows\n${windows.stderr}`);
    for (const file of step.writes ?? []) {
      const [a, b] = await Promise.all(sides.map((side) => contentOf(join(side.dir, file)).catch(() => null)));
      if (!a || !b) {
        fail(`${step.name}: "${file}" missing on ${!a ? 'Linux' : 'Windows'}`);
        continue;
      }
      const names = new Set([...a.keys(), ...b.keys()]);
      const differing = [...names].filter((name) => a.get(name) !== b.get(name));
      if (differing.length > 0) fail(`${step.name}: "${file}" differs in ${differing.join(', ')}`);
    }
  }

  await heldOpenByExcel(sides[1]!, base);
  await emulator.close();
  const left = readdirSync(sides[1]!.dir).filter((name) => name.includes('.tmp-') || name.endsWith('.lock'));
  if (left.length > 0) fail(`temp or lock files left on Windows: ${left.join(', ')}`);

  if (failures.length > 0) {
    console.error(`\nWindows stage: ${failures.length} difference(s); the runs are kept in ${base}.`);
    process.exit(1);
  }
  await rm(base, { recursive: true, force: true });
  console.log('\nWindows stage: the built CLI under Windows Node gives the same exits, messages and files as on Linux.');
}

/**
 * Holds the store open as Excel does (share mode none: libuv's UV_FS_O_EXLOCK flag on Windows) in a second Windows
 * process, then imports: FILE_IN_USE, exit 2, the store unchanged.
 */
async function heldOpenByExcel(windows: Side, base: string): Promise<void> {
  console.log('- import while Excel holds the store');
  const store = join(windows.dir, STORE);
  const before = readFileSync(store);
  const ready = join(base, 'held');
  const release = join(base, 'release');
  const holder = join(base, 'hold.cjs');
  writeFileSync(
    holder,
    `const fs = require('fs');
const fd = fs.openSync(process.argv[2], fs.constants.O_RDWR | 0x10000000);
fs.writeFileSync(process.argv[3], 'held');
const until = Date.now() + 60000;
const poll = setInterval(() => {
  if (!fs.existsSync(process.argv[4]) && Date.now() < until) return;
  clearInterval(poll);
  fs.closeSync(fd);
}, 100);`,
  );
  const hold = spawn('wine', [windowsNode!, winPath(holder), windows.path(STORE), winPath(ready), winPath(release)], { stdio: 'ignore' });
  try {
    const until = Date.now() + 60_000;
    while (!existsSync(ready) && Date.now() < until) await new Promise((r) => setTimeout(r, 200));
    if (!existsSync(ready)) return fail('the holder never opened the store');
    const out = join(base, 'held-import');
    const code = await windows.run(['import', windows.path(WORD_PLAN), '--store', windows.path(STORE)], `${out}.out`, `${out}.err`);
    const stderr = readFileSync(`${out}.err`, 'utf8');
    console.log(`  windows: exit ${code}: ${stderr.trim()}`);
    if (code !== 2 || !stderr.includes('[FILE_IN_USE]') || !stderr.includes(windows.path(STORE))) {
      fail(`import of a store held open: exit ${code}, expected 2 with FILE_IN_USE naming the store\n${stderr}`);
    }
  } finally {
    writeFileSync(release, '');
    await new Promise((r) => hold.on('exit', r));
  }
  if (!readFileSync(store).equals(before)) fail('the store held open was changed');
}

await main();
