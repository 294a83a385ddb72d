import { readFileSync } from 'node:fs';

/**
 * This process's peak resident set, in bytes: VmHWM of /proc/self/status on Linux (the high-water
 * mark of its own address space, which starts afresh at exec), else getrusage's maxRSS.
 *
 * getrusage's maxRSS alone is wrong for a child the benchmark spawns: Linux keeps it across fork
 * and exec, so the child reports at least the parent's resident set at the fork. A child of a
 * 340 MB node process that itself peaks at 40 MB reports 311 MB; in the full suite every refused
 * bad input read 147 MB where the same runs alone read 98 MB.
 */
export function ownPeakRssBytes(): number {
  try {
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (match) return Number(match[1]) * 1024;
  } catch {
    // Not Linux: getrusage below.
  }
  return process.resourceUsage().maxRSS * 1024;
}
