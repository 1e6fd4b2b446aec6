/** What a command's run comes to: its exit code, and what a shared store left alone. */
import { EXIT } from '../../errors';
import type { WriteOutcome } from '../../store/store';

/** Commands report their exit code here (0 ok, 1 data errors, 2 unusable input). */
export const run = {
  exitCode: 0,
};

/** Lists what a shared store left alone: cells an official changed too, rows without an id. Exit 1 when any. */
export function reportConflicts(outcome: WriteOutcome): number {
  for (const line of outcome.skipped) console.log(`Chưa đồng bộ: ${line}`);
  if (outcome.conflicts.length > 0) {
    console.log(`\n${outcome.conflicts.length} ô không ghi vì đã được sửa khác ở nơi nhận (xung đột):`);
    for (const line of outcome.conflicts) console.log(`  - ${line}`);
  }
  return outcome.conflicts.length + outcome.skipped.length > 0 ? EXIT.dataErrors : EXIT.ok;
}
