/**
 * A command's document (`--out`, `--force`): an Excel workbook or a Word file, as the name's extension says. The
 * name is checked before any work (never the store or its copies: files/output-guard), the document is written marked
 * as the command's, and the line that tells the official what was written is made here, so each command only renders.
 */
import { extname } from 'node:path';
import type ExcelJS from 'exceljs';
import type { CchcError } from '../../errors';
import { checkOutput, writeOutput, writeOutputFile, type OutputOptions } from '../../files/output-guard';
import { localStorePath, type StoreOptions } from '../../store/store-options';

export interface DocumentOptions extends StoreOptions {
  out?: string;
  force?: boolean;
}

/** A document's two renderings; only the one the name asks for is made (a Word one loads the docx package itself). */
export interface Renderings {
  workbook(): ExcelJS.Workbook;
  word(keywords: string): Promise<Uint8Array>;
}

export class DocumentOutput {
  private readonly guard: OutputOptions;

  constructor(command: string, options: DocumentOptions) {
    this.guard = { command, force: options.force, protect: [localStorePath(options)] };
  }

  /**
   * Checks `path` before any work: whether this command may write it comes first, whatever the name; then that it
   * names a workbook or a Word file (`refused`: the command's stop for any other, given the extension or the name).
   */
  async check(path: string, refused: (shown: string) => CchcError): Promise<'.xlsx' | '.docx'> {
    await checkOutput(path, this.guard);
    const format = extname(path).toLowerCase();
    if (format !== '.xlsx' && format !== '.docx') throw refused(format || path);
    return format;
  }

  /** Writes the rendering `path` asks for; returns the official's line: `${done} ra ${path}`, and the copy kept of a file replaced. */
  async write(path: string, render: Renderings, done: string): Promise<string> {
    const kept = /\.docx$/i.test(path)
      ? await writeOutputFile(path, this.guard, (keywords) => render.word(keywords))
      : await writeOutput(render.workbook(), path, this.guard);
    return `${done} ra ${path}${kept}.`;
  }
}
