/**
 * Loaded into the measured CLI with `node --import` (bench/measures/bad-input-memory.ts): on exit,
 * writes the process's own peak resident set (see own-peak-rss.ts) and its CPU times to
 * MULL_BENCH_RUSAGE_FILE. It changes nothing the CLI does; a process killed by a signal or
 * crashing in V8 writes nothing, and the measure says so.
 */
import { writeFileSync } from 'node:fs';
import { ownPeakRssBytes } from '../own-peak-rss.js';

const file = process.env.MULL_BENCH_RUSAGE_FILE;
if (file) {
  process.on('exit', (code) => {
    const usage = process.resourceUsage();
    writeFileSync(file, JSON.stringify({ maxRssKiB: Math.round(ownPeakRssBytes() / 1024), userCpuMicros: usage.userCPUTime, systemCpuMicros: usage.systemCPUTime, exitCode: code }));
  });
}
