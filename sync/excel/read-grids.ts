/**
 * Any table file an official hands us, as the plain grids the core importer reads: an .xlsx (every sheet), a .csv, or
 * a Word plan (.docx: every table). The file is read once, with the guards of files/input-file (a size limit on the
 * open handle, FIFOs and devices refused, a file held by another program waited for briefly), and its bytes go to the
 * core's readTableFile: the one reader the sheet's menu uses too, so both read every file identically.
 */
import { inputKindOf, readTableFile, type ImportSheet } from '../../core/index';
import { CchcError } from '../errors';
import { readInputFile } from '../files/input-file';

export async function readGrids(path: string): Promise<ImportSheet[]> {
  const read = readTableFile(path, await readInputFile(path, inputKindOf(path)));
  if (!read.ok) throw new CchcError(read.code, read.message);
  return read.sheets;
}
