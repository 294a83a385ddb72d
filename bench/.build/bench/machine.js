import { cpus, totalmem, platform, arch, release } from 'node:os';
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
