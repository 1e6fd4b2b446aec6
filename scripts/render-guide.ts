/**
 * The terminal pictures of the officials' guide (docs/huong-dan/img/): real `cchc` sessions, run by this script in
 * a scratch folder on the seed plans and the bundled sample logs, drawn as a Windows console (dark background,
 * monospace) and screenshotted with headless Chromium (test/helpers/chromium.ts: the system Chromium, else the
 * @sparticuz/chromium devDependency).
 *
 *   node --import tsx scripts/render-guide.ts
 *
 * It runs the command as officials do, `bin/cchc.mjs` (the built CLI: `npm ci` or `npm run build` first). Not part of
 * the tests. What is staged, and why:
 * - the ward's Word plan is the Nhị Chiểu seed plan built as a .docx (test/fixtures/appendix-docx.ts); the meeting,
 *   document, digitisation and criteria files are the project's blank templates filled with the sample logs;
 * - `--today 12/06/2026` fixes the day, so the pictures do not change with the day they are made;
 * - the shared-sheet session talks to the Sheets API emulator (test/sheets-emulator/) instead of Google; its
 *   spreadsheet id is a random one, and the cell the official "types" on the sheet is written into the emulator;
 * - "open in Word" is a rename that fails with EBUSY, as Windows refuses to replace a file Word holds open
 *   (a preload module, below); the message is the CLI's own.
 * Each picture is stored as a 16-level greyscale PNG (the console is all greys), well under 150 KB.
 * The transcripts are printed too, so the guide's text can be checked against them.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { deflateSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import * as fontkit from 'fontkit';
import {
  CRITERIA_TAB,
  DIGITISATION_TAB,
  DOCUMENTS_TAB,
  MEETINGS_TAB,
  TASKS_TAB,
  columnLetter,
  parsePeriod,
  periodName,
  type TabSpec,
} from '../core/index';
import type { Page } from 'playwright-core';
import { XlsxStore } from '../sync/store/xlsx-store';
import { wordPlanFromSeed } from '../test/fixtures/appendix-docx';
import { launchChromium } from '../test/helpers/chromium';
import { startSheetsEmulator } from '../test/sheets-emulator/index';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const IMG = join(ROOT, 'docs', 'huong-dan', 'img');
const CLI = join(ROOT, 'bin', 'cchc.mjs');
const TODAY = '12/06/2026';
const H1 = '6 tháng đầu năm 2026';
/** The Windows console's default width, in characters: longer lines wrap there. */
const COLUMNS = 120;
const MAX_PNG_BYTES = 150 * 1024;
const HOME = 'C:\\Users\\Nguyễn Văn A';
const WORK = `${HOME}\\Tài liệu\\CCHC`;

/**
 * A monospace font, Consolas where it exists. Free ones often lack some Vietnamese letters (DejaVu Sans Mono has no
 * "ả", "ế" …): those are drawn from a second font that has them, each in a one-character box, so columns stay aligned.
 */
const MONO_FONTS = [
  process.env['CCHC_GUIDE_FONT'],
  'C:/Windows/Fonts/consola.ttf',
  '/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf',
  '/usr/share/fonts/truetype/liberation/LiberationMono-Regular.ttf',
  '/usr/share/fonts/truetype/noto/NotoSansMono-Regular.ttf',
];
const FALLBACK_FONTS = [
  process.env['CCHC_GUIDE_FALLBACK_FONT'],
  'C:/Windows/Fonts/segoeui.ttf',
  '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
  '/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf',
];

interface Face {
  hasGlyphForCodePoint(cp: number): boolean;
}

/** One line typed at the prompt: what the picture shows, and what is run (nothing for `cd`, `set`, `echo`). */
interface Step {
  shown: string;
  /** cchc's arguments; the step runs `node bin/cchc.mjs …args`. */
  args?: string[];
  /** Prints fixed output (`node --version`, `echo %errorlevel%`) computed when the step runs. */
  output?: (last: number) => Promise<string> | string;
  /** Work done before the command, as an official would between commands (an edit on the sheet). */
  before?: () => Promise<void>;
  /** The prompt's folder from this step on (after `cd`). */
  cwdShown?: string;
  /** A file the command finds open in Word or Excel. */
  held?: string;
}

interface Session {
  name: string;
  title: string;
  folder: string;
  start: string;
  steps: Step[];
  env?: Record<string, string>;
}

function execCli(args: string[], cwd: string, env: NodeJS.ProcessEnv, held?: string): Promise<{ code: number; out: string }> {
  const preload = held ? ['--import', pathToFileURL(join(cwd, '..', 'hold-open.mjs')).href] : [];
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [...preload, CLI, ...args],
      { cwd, env: { ...env, ...(held ? { CCHC_GUIDE_HELD: join(cwd, held) } : {}) }, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, out: stdout + stderr });
      },
    );
  });
}

/** Windows refuses to replace a file Word or Excel holds open; here a rename onto the held file fails the same way. */
const HOLD_OPEN = `import fs from 'node:fs';
import { resolve } from 'node:path';
import { syncBuiltinESMExports } from 'node:module';
const held = process.env.CCHC_GUIDE_HELD;
const rename = fs.promises.rename;
fs.promises.rename = async (from, to) => {
  if (resolve(String(to)) === held) throw Object.assign(new Error('EBUSY: resource busy or locked'), { code: 'EBUSY', syscall: 'rename' });
  return rename(from, to);
};
syncBuiltinESMExports();
`;

/** A blank template of the project filled with rows of the sample logs. */
async function fillTemplate(template: string, tab: TabSpec, rows: Record<string, unknown>[], out: string): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(join(ROOT, 'templates', template));
  const sheet = workbook.worksheets[0]!;
  rows.forEach((row, i) => {
    sheet.getRow(i + 2).values = tab.columns.map((c) => {
      const value = row[c.key];
      if (c.key === 'period') return periodName(parsePeriod(String(value))!, { start: true });
      if (c.key === 'date') return String(value).split('-').reverse().join('/');
      return (value ?? '') as ExcelJS.CellValue;
    });
  });
  await workbook.xlsx.writeFile(out);
}

/** The files an official starts from: the Word plan, the meeting log and figures, the criteria table. */
async function stageInputs(folder: string): Promise<void> {
  await writeFile(
    join(folder, 'Kế hoạch CCHC 2026.docx'),
    await wordPlanFromSeed('nhi-chieu-appendix.tsv', 'nhi-chieu', { headers: 'marked', mergeColumns: [2, 3, 5] }),
  );
  const logs = JSON.parse(await readFile(join(ROOT, 'templates', 'samples', 'sample-logs.json'), 'utf8')) as Record<
    string,
    Record<string, string>[]
  >;
  const firstHalf = (r: Record<string, string>) => (r['date'] ?? '') <= '2026-06-14' && (r['period'] ?? '') <= '2026-Q2';
  await fillTemplate(
    'so-hoi-nghi.xlsx',
    MEETINGS_TAB,
    logs['meetings']!.filter(firstHalf),
    join(folder, 'Sổ hội nghị 6 tháng đầu năm.xlsx'),
  );
  await fillTemplate('so-van-ban.xlsx', DOCUMENTS_TAB, logs['documents']!.filter(firstHalf), join(folder, 'Số liệu văn bản.xlsx'));
  await fillTemplate('so-lieu-so-hoa.xlsx', DIGITISATION_TAB, logs['digitisation']!.filter(firstHalf), join(folder, 'Số liệu số hóa.xlsx'));
  const criteria = JSON.parse(await readFile(join(ROOT, 'templates', 'samples', 'sample-criteria.json'), 'utf8')) as Record<
    string,
    unknown
  >[];
  await fillTemplate('bieu-chi-so-cchc.xlsx', CRITERIA_TAB, criteria, join(folder, 'Biểu tự chấm Chỉ số CCHC 2026.xlsx'));
}

const cchc = (shown: string, args: string[], extra: Partial<Step> = {}): Step => ({ shown: `cchc ${shown}`, args, ...extra });
const errorlevel: Step = { shown: 'echo %errorlevel%', output: (last) => `${last}\n` };

function localSessions(folder: string): Session[] {
  const start = WORK;
  return [
    {
      name: 'cai-dat',
      title: 'Kiểm tra Node.js và lệnh cchc',
      folder,
      start: HOME,
      steps: [
        { shown: 'node --version', output: () => `${process.version}\n` },
        cchc('--version', ['--version']),
        cchc('--help', ['--help']),
      ],
    },
    {
      name: 'khoi-tao-va-nhap',
      title: 'Tạo sổ dữ liệu, nhập kế hoạch Word và các sổ số liệu',
      folder,
      start: HOME,
      steps: [
        { shown: `cd /d "${WORK}"`, cwdShown: WORK },
        cchc('init --ward "Nhị Chiểu" --year 2026', ['init', '--ward', 'Nhị Chiểu', '--year', '2026']),
        cchc('import "Kế hoạch CCHC 2026.docx"', ['import', 'Kế hoạch CCHC 2026.docx']),
        cchc('import "Sổ hội nghị 6 tháng đầu năm.xlsx"', ['import', 'Sổ hội nghị 6 tháng đầu năm.xlsx']),
        cchc('import "Số liệu văn bản.xlsx"', ['import', 'Số liệu văn bản.xlsx']),
        cchc('import-stats "Số liệu số hóa.xlsx"', ['import-stats', 'Số liệu số hóa.xlsx']),
      ],
    },
    {
      name: 'kiem-tra',
      title: 'Kiểm tra dữ liệu',
      folder,
      start,
      steps: [cchc('validate', ['validate']), errorlevel],
    },
    {
      name: 'chi-so',
      title: 'Chỉ số 6 tháng đầu năm',
      folder,
      start,
      steps: [cchc(`metrics --period "${H1}" --today ${TODAY}`, ['metrics', '--period', H1, '--today', TODAY])],
    },
    {
      name: 'xuat-va-bao-cao',
      title: 'Xuất phụ lục và lập báo cáo Word',
      folder,
      start,
      steps: [
        cchc('export --out "Phụ lục 158.docx"', ['export', '--out', 'Phụ lục 158.docx']),
        cchc('export --with-progress --out "Phụ lục 158 - tiến độ.xlsx"', [
          'export',
          '--with-progress',
          '--out',
          'Phụ lục 158 - tiến độ.xlsx',
        ]),
        cchc(`report --period "${H1}" --today ${TODAY} --out "Báo cáo CCHC 6 tháng 2026.docx"`, [
          'report',
          '--period',
          H1,
          '--today',
          TODAY,
          '--out',
          'Báo cáo CCHC 6 tháng 2026.docx',
        ]),
        cchc(`report --period "${H1}" --today ${TODAY}`, ['report', '--period', H1, '--today', TODAY]),
      ],
    },
    {
      name: 'tu-cham',
      title: 'Nhập biểu Chỉ số CCHC và tự chấm điểm',
      folder,
      start,
      steps: [
        cchc('index-import "Biểu tự chấm Chỉ số CCHC 2026.xlsx"', ['index-import', 'Biểu tự chấm Chỉ số CCHC 2026.xlsx']),
        cchc(`index --period "${H1}" --today ${TODAY} --out "Tự chấm 6 tháng 2026.docx"`, [
          'index',
          '--period',
          H1,
          '--today',
          TODAY,
          '--out',
          'Tự chấm 6 tháng 2026.docx',
        ]),
      ],
    },
    {
      name: 'loi-thuong-gap',
      title: 'Một số thông báo lỗi thường gặp',
      folder,
      start,
      steps: [
        // Unquoted, the path is seven arguments: the shell splits it at every space.
        cchc('import C:\\Users\\Nguyễn Văn A\\Tài liệu\\Kế hoạch CCHC 2026.docx', [
          'import',
          ...'C:\\Users\\Nguyễn Văn A\\Tài liệu\\Kế hoạch CCHC 2026.docx'.split(' '),
        ]),
        errorlevel,
        cchc('import "Ke hoach CCHC 2026.docx"', ['import', 'Ke hoach CCHC 2026.docx']),
        cchc('metrics --period "Quý 5/2026"', ['metrics', '--period', 'Quý 5/2026']),
        cchc(
          `report --period "${H1}" --today ${TODAY} --out "Báo cáo CCHC 6 tháng 2026.docx"`,
          ['report', '--period', H1, '--today', TODAY, '--out', 'Báo cáo CCHC 6 tháng 2026.docx'],
          { held: 'Báo cáo CCHC 6 tháng 2026.docx' },
        ),
        errorlevel,
      ],
    },
  ];
}

/** The shared sheet, through the emulator: init, import, pull, an official's edit on the sheet against one in the workbook, push, resolve. */
function sheetSession(folder: string, id: string, type: (cell: string, value: string) => void): Session {
  const local = new XlsxStore(join(folder, 'data', 'cchc.xlsx'));
  const sheetWork = `${HOME}\\Tài liệu\\CCHC bảng tính`;
  return {
    name: 'dong-bo',
    title: 'Làm việc với bảng tính Google dùng chung',
    folder,
    start: sheetWork,
    env: { CCHC_SHEET_ID: id },
    steps: [
      { shown: `set CCHC_SHEET_ID=${id}` },
      cchc('init --ward "Nhị Chiểu"', ['init', '--ward', 'Nhị Chiểu']),
      cchc('import "Kế hoạch CCHC 2026.docx"', ['import', 'Kế hoạch CCHC 2026.docx']),
      cchc('sync pull', ['sync', 'pull']),
      cchc('sync push', ['sync', 'push'], {
        before: async () => {
          // On the sheet, an official notes the second task; in the workbook, the same cell gets another note.
          type('note:3', 'Đã trình UBND');
          type('status:2', 'Hoàn thành');
          const tables = await local.read();
          const tasks = tables['tasks']!;
          tasks[1] = { ...tasks[1]!, note: 'Chờ ý kiến Chủ tịch' };
          await local.write({ tasks });
        },
      }),
      cchc('sync resolve', ['sync', 'resolve']),
      cchc('sync resolve --keep sheet --all', ['sync', 'resolve', '--keep', 'sheet', '--all']),
      cchc('sync pull', ['sync', 'pull']),
    ],
  };
}

interface Transcript {
  session: Session;
  lines: { text: string; typed: boolean }[];
}

async function runSession(session: Session, baseEnv: NodeJS.ProcessEnv): Promise<Transcript> {
  const env = { ...baseEnv, ...session.env };
  const lines: Transcript['lines'] = [];
  let shownDir = session.start;
  let last = 0;
  for (const step of session.steps) {
    await step.before?.();
    lines.push({ text: `${shownDir}>${step.shown}`, typed: true });
    let out = '';
    if (step.args) {
      const result = await execCli(step.args, session.folder, env, step.held);
      out = result.out;
      last = result.code;
    } else if (step.output) {
      out = await step.output(last);
    }
    if (out !== '') for (const line of out.replace(/\n$/, '').split('\n')) lines.push({ text: line, typed: false });
    lines.push({ text: '', typed: false });
    if (step.cwdShown) shownDir = step.cwdShown;
  }
  lines.push({ text: `${shownDir}>`, typed: true });
  return { session, lines };
}

/** Hard-wraps at the console's width, as the Windows console does (it breaks inside words). */
function wrap(text: string): string[] {
  const chars = [...text.normalize('NFC')];
  if (chars.length === 0) return [''];
  const out: string[] = [];
  for (let i = 0; i < chars.length; i += COLUMNS) out.push(chars.slice(i, i + COLUMNS).join(''));
  return out;
}

const escapeHtml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const fontFace = (family: string, path: string): string =>
  `@font-face { font-family: '${family}'; src: url(data:font/ttf;base64,${readFileSync(path).toString('base64')}); }`;

function pageHtml(transcript: Transcript, fonts: Fonts): string {
  const cells = (part: string) =>
    [...part].map((c) => (fonts.missing.has(c) ? `<span class="g">${escapeHtml(c)}</span>` : escapeHtml(c))).join('');
  const rows = transcript.lines.flatMap((line, i) => {
    const last = i === transcript.lines.length - 1;
    return wrap(line.text).map(
      (part) => `<div class="${line.typed ? 'typed' : 'out'}">${cells(part)}${last ? '<span class="cursor"></span>' : ''}</div>`,
    );
  });
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><style>
${fontFace('Console', fonts.mono)}
${fonts.fallback ? fontFace('ConsoleFallback', fonts.fallback) : ''}
.g { display: inline-block; width: 1ch; text-align: center; font-family: 'ConsoleFallback'; }
body { margin: 0; background: #ffffff; }
.window { display: inline-block; margin: 0; border: 1px solid #3a3a3a; background: #0c0c0c; font-family: 'Console', monospace; }
.bar { display: flex; align-items: center; height: 32px; background: #1f1f1f; color: #ffffff; font-size: 13px; padding-left: 12px; font-family: 'Console', 'ConsoleFallback'; }
.bar .icon { width: 14px; height: 11px; border: 1px solid #cccccc; margin-right: 10px; position: relative; }
.bar .icon::after { content: ''; position: absolute; left: 2px; top: 3px; width: 4px; height: 2px; border-bottom: 1px solid #cccccc; }
.bar .title { flex: 1; }
.bar .button { width: 46px; height: 32px; position: relative; }
.bar .min::after { content: ''; position: absolute; left: 18px; top: 16px; width: 10px; border-top: 1px solid #ffffff; }
.bar .max::after { content: ''; position: absolute; left: 18px; top: 11px; width: 9px; height: 9px; border: 1px solid #ffffff; }
.bar .close::before, .bar .close::after { content: ''; position: absolute; left: 17px; top: 16px; width: 13px; border-top: 1px solid #ffffff; }
.bar .close::before { transform: rotate(45deg); }
.bar .close::after { transform: rotate(-45deg); }
.screen { padding: 8px 10px 10px; font-size: 15px; line-height: 19px; white-space: pre; width: ${COLUMNS}ch; }
.out { color: #cccccc; min-height: 19px; }
.typed { color: #f2f2f2; min-height: 19px; }
.cursor { display: inline-block; width: 1ch; height: 3px; background: #cccccc; vertical-align: -2px; }
</style></head><body><div class="window">
<div class="bar"><span class="icon"></span><span class="title">Dấu nhắc Lệnh</span><span class="button min"></span><span class="button max"></span><span class="button close"></span></div>
<div class="screen">${rows.join('')}</div></div></body></html>`;
}

/**
 * The console is all greys: the screenshot is stored as a 16-level greyscale PNG, a third of Chromium's RGB file.
 * The browser decodes its own screenshot (a canvas), so no image library is needed.
 */
async function greyPng(page: Page, png: Buffer): Promise<Buffer> {
  const { width, height, grey } = (await page.evaluate(`(async () => {
    const image = new Image();
    image.src = 'data:image/png;base64,${png.toString('base64')}';
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = image.width;
    canvas.height = image.height;
    const context = canvas.getContext('2d');
    context.drawImage(image, 0, 0);
    const rgba = context.getImageData(0, 0, image.width, image.height).data;
    let grey = '';
    for (let i = 0; i < rgba.length; i += 4) grey += String.fromCharCode(Math.round((rgba[i] * 299 + rgba[i + 1] * 587 + rgba[i + 2] * 114) / 1000));
    return { width: image.width, height: image.height, grey: btoa(grey) };
  })()`)) as { width: number; height: number; grey: string };
  const levels = Buffer.from(grey, 'base64');
  const stride = Math.ceil(width / 2);
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const nibble = Math.round(levels[y * width + x]! / 17);
      raw[y * (stride + 1) + 1 + (x >> 1)]! |= x % 2 === 0 ? nibble << 4 : nibble;
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([4, 0, 0, 0, 0], 8); // 4 bits, greyscale, deflate, no filter, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function chunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  let crc = 0xffffffff;
  for (const byte of body) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  const out = Buffer.alloc(body.length + 8);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE((crc ^ 0xffffffff) >>> 0, body.length + 4);
  return out;
}

interface Fonts {
  mono: string;
  fallback: string | null;
  /** Characters the monospace font lacks, drawn from the fallback. */
  missing: Set<string>;
}

const present = (paths: (string | undefined)[]): string[] => paths.filter((p): p is string => !!p && existsSync(p));

function pickFonts(text: string): Fonts {
  const needed = [...new Set(text.normalize('NFC'))].filter((c) => c.codePointAt(0)! >= 0x20);
  const mono = present(MONO_FONTS)[0];
  if (!mono) throw new Error(`No monospace font found; set CCHC_GUIDE_FONT (tried ${MONO_FONTS.join(', ')}).`);
  const lacks = (path: string, chars: string[]) => {
    const face = fontkit.openSync(path) as unknown as Face;
    return chars.filter((c) => !face.hasGlyphForCodePoint(c.codePointAt(0)!));
  };
  const missing = lacks(mono, needed);
  if (missing.length === 0) return { mono, fallback: null, missing: new Set() };
  const fallback = present(FALLBACK_FONTS).find((path) => lacks(path, missing).length === 0);
  if (!fallback) throw new Error(`${mono} lacks ${missing.join(' ')} and no fallback font has them; set CCHC_GUIDE_FALLBACK_FONT.`);
  return { mono, fallback, missing: new Set(missing) };
}

if (!existsSync(join(ROOT, 'dist', 'cli')) && readFileSync(CLI, 'utf8').includes('dist/cli')) {
  console.error('bin/cchc.mjs runs the built CLI: run "npm run build" first.');
  process.exit(2);
}

const scratch = await mkdtemp(join(tmpdir(), 'cchc-guide-'));
const localFolder = join(scratch, 'CCHC');
const sheetFolder = join(scratch, 'CCHC-bang-tinh');
await mkdir(localFolder);
await mkdir(sheetFolder);
await mkdir(join(scratch, 'home'));
await writeFile(join(scratch, 'hold-open.mjs'), HOLD_OPEN);
await stageInputs(localFolder);
await writeFile(join(sheetFolder, 'Kế hoạch CCHC 2026.docx'), await readFile(join(localFolder, 'Kế hoạch CCHC 2026.docx')));

// Nothing of the machine's own: no store, sheet or Google credentials from the environment, a home folder of its own.
const baseEnv: NodeJS.ProcessEnv = Object.fromEntries(
  Object.entries(process.env).filter(([k]) => !k.startsWith('CCHC_') && !k.startsWith('GOOGLE_') && k !== 'CLOUDSDK_CONFIG'),
);
Object.assign(baseEnv, {
  HOME: join(scratch, 'home'),
  USERPROFILE: join(scratch, 'home'),
  XDG_CONFIG_HOME: join(scratch, 'home', '.config'),
});

const emulator = await startSheetsEmulator({ acceptedTokens: ['guide'] });
const transcripts: Transcript[] = [];
try {
  for (const session of localSessions(localFolder)) transcripts.push(await runSession(session, baseEnv));
  const id = emulator.createSpreadsheet('Kế hoạch CCHC phường Nhị Chiểu');
  const type = (cell: string, value: string) => {
    const [key, row] = cell.split(':');
    const header = TASKS_TAB.columns.find((c) => c.key === key)!.header;
    const grid = emulator.getValues(id, `'${TASKS_TAB.name}'!1:1`) as string[][];
    emulator.setValues(id, `'${TASKS_TAB.name}'!${columnLetter(grid[0]!.indexOf(header))}${row}`, [[value]]);
  };
  const sheetEnv = { ...baseEnv, CCHC_SHEETS_API_URL: emulator.url, CCHC_GOOGLE_ACCESS_TOKEN: 'guide' };
  transcripts.push(await runSession(sheetSession(sheetFolder, id, type), sheetEnv));
} finally {
  await emulator.close();
}

const fonts = pickFonts(transcripts.flatMap((t) => t.lines.map((l) => l.text)).join('\n') + 'Dấu nhắc Lệnh');
console.log(`Fonts: ${fonts.mono}${fonts.fallback ? `, ${fonts.fallback} for ${[...fonts.missing].join('')}` : ''}`);
await mkdir(IMG, { recursive: true });
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, deviceScaleFactor: 1 });
  for (const transcript of transcripts) {
    console.log(`\n===== ${transcript.session.name}: ${transcript.session.title}`);
    for (const line of transcript.lines) console.log(line.text);
    await page.setContent(pageHtml(transcript, fonts));
    await page.evaluate('document.fonts.ready');
    const path = join(IMG, `${transcript.session.name}.png`);
    await writeFile(path, await greyPng(page, await page.locator('.window').screenshot()));
    const bytes = (await stat(path)).size;
    console.log(`-> ${path} (${Math.round(bytes / 1024)} KB)`);
    if (bytes > MAX_PNG_BYTES) console.warn(`   over ${MAX_PNG_BYTES / 1024} KB: shorten the session`);
  }
} finally {
  await browser.close();
  await rm(scratch, { recursive: true, force: true });
}
