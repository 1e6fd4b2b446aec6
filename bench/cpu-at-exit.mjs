// Loaded with --import by bench/sheets-push-one-cell.bench.ts: the process writes its own CPU time (user and system
// microseconds) to CCHC_BENCH_CPU_FILE as it exits, however it exits.
import { writeFileSync } from 'node:fs';

process.on('exit', () => writeFileSync(process.env.CCHC_BENCH_CPU_FILE, JSON.stringify(process.cpuUsage())));
