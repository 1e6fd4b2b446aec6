import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const coreConfig = fileURLToPath(new URL('../../core/tsconfig.json', import.meta.url));

/** Type-checks the core with its own tsconfig, plus an optional extra source file. */
function checkCore(extra?: { name: string; text: string }): string[] {
  const config = ts.getParsedCommandLineOfConfigFile(
    coreConfig,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  )!;
  const host = ts.createCompilerHost(config.options);
  const files = [...config.fileNames];
  if (extra) {
    const original = host.getSourceFile.bind(host);
    host.getSourceFile = (name, lang, ...rest) =>
      name === extra.name ? ts.createSourceFile(name, extra.text, lang) : original(name, lang, ...rest);
    const fileExists = host.fileExists.bind(host);
    host.fileExists = (name) => name === extra.name || fileExists(name);
    files.push(extra.name);
  }
  const program = ts.createProgram(files, config.options, host);
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

describe('core purity (its own tsconfig: no Node or Apps Script globals)', () => {
  it('type-checks cleanly as it is', () => {
    expect(checkCore()).toEqual([]);
  }, 60_000);

  it('rejects a stray process or SpreadsheetApp', () => {
    const name = fileURLToPath(new URL('../../core/__stray__.ts', import.meta.url));
    const errors = checkCore({ name, text: 'export const a = process.env.X;\nexport const b = SpreadsheetApp;\n' });
    expect(errors.some((e) => e.includes("'process'"))).toBe(true);
    expect(errors.some((e) => e.includes("'SpreadsheetApp'"))).toBe(true);
  }, 60_000);
});
