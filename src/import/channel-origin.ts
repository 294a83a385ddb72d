import type { ChannelKey } from '../core/ids.js';
import type { Channel } from '../core/types.js';
import type { Store } from '../store/store.js';

const originKey = (channel: ChannelKey) => `import-origin:${channel}`;

/**
 * `--console` files channels by name, so Slack's #general and Discord's #general (or two guilds'
 * #general) land in one console channel and are answered as one. Remembers which exported
 * channels fed each console channel and warns the first time a second one joins. A merged
 * channel's messages cannot be told apart by export, so deletions are not inferred there.
 */
export async function noteOrigin(store: Store, filed: Channel, origin: ChannelKey): Promise<{ merged: boolean; warning?: string }> {
  if (filed.key === origin) return { merged: false };
  const origins = (await store.getState<string[]>(originKey(filed.key))) ?? [];
  if (origins.includes(origin)) return { merged: origins.length > 1 };
  await store.setState(originKey(filed.key), [...origins, origin]);
  if (origins.length === 0) return { merged: false };
  return {
    merged: true,
    warning:
      `#${filed.name} (${filed.key}) now holds the history of ${[...origins, origin].join(' and ')}: they are answered as one channel, ` +
      'and messages deleted from one export are not detected there. Import without --console to keep them apart.',
  };
}
