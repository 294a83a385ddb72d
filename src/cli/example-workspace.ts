import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Engine } from '../core/engine.js';
import { importHistory } from '../import/import-history.js';
import type { Store } from '../store/store.js';

/** The example team shipped in `examples/acme` (see examples/README.md), relative to src/ or dist/. */
export const EXAMPLE_WORKSPACE = fileURLToPath(new URL('../../examples/acme', import.meta.url));

/**
 * Loads the example workspace into an empty console so a first `npm start` has something to
 * answer from. Returns what it loaded, or null when the console already has channels.
 */
export async function loadExampleIfEmpty(store: Store): Promise<{ channels: number; messages: number } | null> {
  const channels = await store.listChannels();
  if (channels.some((c) => c.platform === 'console') || !existsSync(EXAMPLE_WORKSPACE)) return null;
  const report = await importHistory(store, EXAMPLE_WORKSPACE, {
    platformOverride: { platform: 'console', workspace: 'local' },
    workspaceName: 'Acme (example)',
  });
  return { channels: report.channels, messages: report.messages.added };
}

/** Runs a pass over every console channel that needs one (offline passes take milliseconds). */
export async function passEveryChannel(store: Store, engine: Engine, platform: string): Promise<void> {
  for (const channel of await store.listChannels()) {
    if (channel.platform === platform) await engine.rethink(channel.key);
  }
}
