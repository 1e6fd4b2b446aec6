// Preloaded into a benchmarked process: prints its peak resident memory when it exits.
import process from 'node:process';

process.on('exit', () => {
  process.stderr.write(`\nPEAK_RSS_MB=${Math.round(process.resourceUsage().maxRSS / 1024)}\n`);
});
