// Preloaded into a benchmarked process: prints its peak resident memory when it exits.
process.on('exit', () => {
  process.stderr.write(`\nPEAK_RSS_MB=${Math.round(process.resourceUsage().maxRSS / 1024)}\n`);
});
