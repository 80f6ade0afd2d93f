// Preloaded into a CLI run by bench/hostile.ts (node --require): reports the process's peak memory on exit, through
// file descriptor 3, so the figure is the CLI's own and not the benchmark's.
const { writeSync } = require('node:fs');
process.on('exit', () => {
  try {
    writeSync(3, JSON.stringify({ maxRssKiB: process.resourceUsage().maxRSS }));
  } catch {
    // Not run by the benchmark: nothing to report to.
  }
});
