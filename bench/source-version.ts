import { execFileSync } from 'node:child_process';

/**
 * Which Mull the figures are for: the commit, and whether src/ had uncommitted changes (the
 * figures then describe the working tree, not the commit).
 */
export function sourceVersion(): { commit: string; srcChanged: boolean } {
  try {
    const commit = execFileSync('git', ['rev-parse', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const status = execFileSync('git', ['status', '--porcelain', '--', 'src'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    return { commit, srcChanged: status.trim().length > 0 };
  } catch {
    return { commit: 'unknown (not a git checkout)', srcChanged: false };
  }
}
