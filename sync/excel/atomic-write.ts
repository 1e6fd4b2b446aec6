/**
 * Writes a workbook so that a crash or a full disk never leaves a half-written
 * file (see files/durable-write). Optionally keeps the previous file as `.bak`.
 */
import type ExcelJS from 'exceljs';
import { writeFileDurable, type DurableWriteOptions } from '../files/durable-write';

export async function writeWorkbookAtomic(workbook: ExcelJS.Workbook, path: string, options: DurableWriteOptions = {}): Promise<void> {
  const buffer = await workbook.xlsx.writeBuffer();
  await writeFileDurable(path, new Uint8Array(buffer as ArrayBuffer), options);
}
