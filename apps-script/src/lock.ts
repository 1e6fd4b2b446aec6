/**
 * One menu run at a time on a spreadsheet: two officials clicking at once would
 * otherwise interleave reads and writes (marks recorded twice, reminders sent twice).
 */
import { drainEdits } from './edit-queue';

export const BUSY_MESSAGE = 'Đang có người chạy một lệnh của menu CCHC trên bảng tính này. Vui lòng thử lại sau ít phút.';

/** Runs `run` holding the document lock; calls `busy` instead when another run holds it for `waitMs`. */
export function withDocumentLock<T>(run: () => T, busy: () => T, waitMs = 10_000): T {
  const lock = LockService.getDocumentLock();
  if (!lock.tryLock(waitMs)) return busy();
  try {
    return run();
  } finally {
    lock.releaseLock();
  }
}

/** `run` under the lock, after the edits queued while the lock was busy; `busy` when another run holds it. */
export function lockedCall<T>(run: () => T, busy: () => T): T {
  return withDocumentLock(() => {
    drainEdits(SpreadsheetApp.getActiveSpreadsheet());
    return run();
  }, busy);
}

/** A menu handler under the lock (lockedCall); the second official is told to retry. */
export function menuLocked(run: () => void): () => void {
  return () => lockedCall(run, () => void SpreadsheetApp.getUi().alert(BUSY_MESSAGE));
}
