/**
 * Commander speaks English; officials read Vietnamese. Everything commander prints goes through its own hooks
 * (configureHelp, configureOutput, helpOption/helpCommand), and each usage error becomes one Vietnamese line with a
 * stable code, exit 2 (the exit itself is handled in main.ts through exitOverride).
 */
import type { StopCode } from '../../core/index';
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { stopLine } from '../errors';

const TITLES: Record<string, string> = {
  'Usage:': 'Cách dùng:',
  'Arguments:': 'Tham số:',
  'Options:': 'Tùy chọn:',
  'Global Options:': 'Tùy chọn chung:',
  'Commands:': 'Lệnh:',
};

const quoted = (s: string): string => `"${s}"`;

/** commander's "(Did you mean x?)" / "(Did you mean one of x, y?)" tail, as a Vietnamese question. */
function suggestion(tail: string | undefined): string {
  if (!tail) return '';
  const one = /\(Did you mean ([^?,\s]+)\?\)/.exec(tail);
  if (one) return ` Có phải ${quoted(one[1]!)}?`;
  const many = /\(Did you mean one of (.+)\?\)/.exec(tail);
  return many ? ` Có phải một trong: ${many[1]!.split(', ').map(quoted).join(', ')}?` : '';
}

/** The flag alone ("--out") from commander's "'--out <tệp>'" spelling. */
const flagOf = (flags: string): string =>
  flags
    .split(/[ ,]/)
    .filter((f) => f.startsWith('-'))
    .at(-1) ?? flags;

type Rule = readonly [RegExp, StopCode, (m: RegExpExecArray) => string];

const RULES: readonly Rule[] = [
  [/^error: unknown command '([^']*)'(\n.*)?$/s, 'USAGE_UNKNOWN_COMMAND', (m) => `Không có lệnh ${quoted(m[1]!)}.${suggestion(m[2])}`],
  [/^error: unknown option '([^']*)'(\n.*)?$/s, 'USAGE_UNKNOWN_OPTION', (m) => `Không có tùy chọn ${quoted(m[1]!)}.${suggestion(m[2])}`],
  [/^error: missing required argument '([^']*)'/, 'USAGE_ARGUMENT_MISSING', (m) => `Thiếu tham số <${m[1]}>.`],
  [
    /^error: option '([^']*)' argument missing/,
    'USAGE_OPTION_VALUE_MISSING',
    (m) => `Tùy chọn ${flagOf(m[1]!)} cần một giá trị (${m[1]}).`,
  ],
  [/^error: required option '([^']*)' not specified/, 'USAGE_OPTION_MISSING', (m) => `Thiếu tùy chọn bắt buộc ${m[1]}.`],
  [
    /^error: too many arguments(?: for '([^']*)')?\. Expected (\d+) arguments? but got (\d+)/,
    'USAGE_TOO_MANY_ARGUMENTS',
    (m) => `${m[1] ? `Lệnh ${quoted(m[1])}` : 'Lệnh'} nhận tối đa ${m[2]} tham số, nhưng được ghi ${m[3]}.`,
  ],
  [
    /^error: option '([^']*)' argument '([^']*)' is invalid\.\s*(.*)$/s,
    'USAGE_OPTION_INVALID',
    (m) => `Giá trị ${quoted(m[2]!)} của tùy chọn ${flagOf(m[1]!)} không hợp lệ.${m[3] ? ` ${m[3].trim()}` : ''}`,
  ],
  [
    /^error: command-argument value '([^']*)' is invalid for argument '([^']*)'\.\s*(.*)$/s,
    'USAGE_ARGUMENT_INVALID',
    (m) => `Giá trị ${quoted(m[1]!)} của tham số <${m[2]}> không hợp lệ.${m[3] ? ` ${m[3].trim()}` : ''}`,
  ],
  [
    /^error: (.*) cannot be used with (.*)$/s,
    'USAGE_OPTIONS_CONFLICT',
    (m) => `Không dùng được ${m[1]!.replace(/^option /, '')} cùng với ${m[2]!.replace(/^option /, '')}.`,
  ],
];

/** One Vietnamese line with a stable code for a message commander wrote in English. */
export function usageLine(english: string): string {
  const message = english.trim();
  for (const [pattern, code, say] of RULES) {
    const m = pattern.exec(message);
    if (m) return `Lỗi: ${stopLine(say(m), code)}`;
  }
  // A message commander may add in a later version: still one line with a code, never a silent English one.
  return `Lỗi: ${stopLine('Lệnh ghi chưa đúng cách dùng.', 'USAGE_INVALID')}`;
}

/** Vietnamese wording for commander's placeholders in usage lines and option descriptions. */
const usageText = (s: string): string => s.replace('[options]', '[tùy chọn]').replace('[command]', '[lệnh]');
const optionText = (s: string): string => s.replace(/\(default: /g, '(mặc định: ').replace(/\(env: /g, '(biến môi trường: ');

/** "cchc 0.1.0": the version package.json declares, so the two cannot drift. */
export function versionLine(): string {
  const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return `cchc ${version}`;
}

export function speakVietnamese(program: Command): void {
  program
    .version(versionLine(), '-V, --version', 'xem số phiên bản')
    .helpOption('-h, --help', 'xem hướng dẫn')
    .helpCommand('help [lệnh]', 'Xem hướng dẫn của một lệnh')
    .configureHelp({
      styleTitle: (title) => TITLES[title] ?? title,
      styleUsage: usageText,
      styleSubcommandTerm: usageText,
      styleOptionDescription: optionText,
      styleArgumentDescription: optionText,
    })
    .configureOutput({
      writeOut: (s) => process.stdout.write(s),
      writeErr: (s) => process.stderr.write(s),
      outputError: (s, write) => write(`${usageLine(s)}\n`),
    })
    .showHelpAfterError('Xem hướng dẫn: cchc --help, hoặc cchc <lệnh> --help.')
    .exitOverride();
}
