// Preloaded into a measured process (node --require bench/exit-rss.cjs ...): at exit it writes the process's
// peak RSS (host and worker threads together: one process) to stderr as `bench-peak-rss-kb N`, so the
// speed bench can measure a whole CLI run without GNU time.
'use strict';
// Workers inherit --require; only the main thread reports (maxRSS is the whole process's either way).
if (require('node:worker_threads').isMainThread) process.on('exit', () => {
  process.stderr.write(`\nbench-peak-rss-kb ${process.resourceUsage().maxRSS}\n`);
});
