import { MullError, ErrorCode } from '../core/errors.js';
import type { Channel } from '../core/types.js';
import type { Store } from '../store/store.js';

/** Finds a channel by key (`slack:T1:C1`) or name (`launch`, `#launch`); ambiguity is an error. */
export async function findChannel(store: Store, wanted: string): Promise<Channel> {
  const channels = await store.listChannels();
  const name = wanted.replace(/^#/, '');
  const exact = channels.find((c) => c.key === wanted);
  if (exact) return exact;
  const named = channels.filter((c) => c.name === name);
  if (named.length === 1) return named[0]!;
  if (named.length > 1) {
    throw new MullError(ErrorCode.BadInput, `"${wanted}" names several channels; use a key: ${named.map((c) => c.key).join(', ')}`);
  }
  throw new MullError(ErrorCode.NotFound, `no channel "${wanted}"; \`mull channels\` lists them`);
}
