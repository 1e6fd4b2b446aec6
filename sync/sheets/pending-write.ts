/**
 * A write to the shared sheet whose answer this machine is still waiting for.
 * Google may carry a request out until its deadline even after the client gave
 * up, so a command interrupted while waiting (Ctrl-C, a kill, a crash) leaves
 * this record; the next command on that spreadsheet waits out the deadline
 * before it reads, so it never writes again what may still land.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const folder = (): string => join(tmpdir(), 'cchc-sheets');
const fileOf = (spreadsheetId: string): string => join(folder(), `ghi-dang-cho-${spreadsheetId}.json`);

export async function recordPending(spreadsheetId: string, sentAt: number): Promise<void> {
  await mkdir(folder(), { recursive: true });
  await writeFile(fileOf(spreadsheetId), JSON.stringify({ sentAt }));
}

export async function clearPending(spreadsheetId: string): Promise<void> {
  await rm(fileOf(spreadsheetId), { force: true });
}

/** When the last unanswered write sent from this machine was sent, if one is recorded. */
export async function pendingSince(spreadsheetId: string): Promise<number | null> {
  try {
    const sentAt = (JSON.parse(await readFile(fileOf(spreadsheetId), 'utf8')) as { sentAt?: unknown }).sentAt;
    return typeof sentAt === 'number' ? sentAt : null;
  } catch {
    return null;
  }
}
