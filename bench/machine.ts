import { arch, cpus, loadavg, platform, release, totalmem } from 'node:os';

/** The machine a run happened on, for the results file. */
export function describeMachine() {
  const cores = cpus();
  return {
    cpu: cores[0]?.model.trim() ?? 'unknown',
    cores: cores.length,
    /** @unit bytes */
    memoryBytes: totalmem(),
    node: process.version,
    os: `${platform()} ${release()} ${arch()}`,

  };
}

/** The 1-minute load average: other work on the machine (a test run, say) skews timings. */
export function loadAverage(): number {
  return Math.round(loadavg()[0] * 100) / 100;
}
