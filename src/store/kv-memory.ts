import { KeyvKeyValueStore } from './keyv-kv.js';
import { encodeEnvelope } from './kv.js';

/**
 * keyv's default Map, for fast unit tests of other modules. Every instance is private and empty;
 * nothing survives close().
 */
export class MemoryKeyValueStore extends KeyvKeyValueStore {
  readonly backend = 'memory' as const;
  /** keyv stores the serialised envelope strings in the Map as they are. */
  private readonly map: Map<string, string>;

  constructor(namespace: string) {
    const map = new Map<string, string>();
    super(map, namespace);
    this.map = map;
  }

  // The conditional writes touch the Map synchronously, with no await between the check and the
  // write, so no other caller can interleave: that is what makes them atomic here.
  protected async setIfAbsentRaw(rawKey: string, value: string, ttlMs: number): Promise<boolean> {
    const now = Date.now();
    const raw = this.map.get(rawKey);
    if (raw !== undefined && !isExpired(raw, now)) return false;
    this.map.set(rawKey, encodeEnvelope(value, now + ttlMs));
    return true;
  }

  protected async deleteIfValueRaw(rawKey: string, value: string): Promise<boolean> {
    const raw = this.map.get(rawKey);
    if (raw === undefined || (JSON.parse(raw) as { value?: unknown }).value !== value) return false;
    this.map.delete(rawKey);
    return true;
  }

  protected async purgeExpired(now: number): Promise<void> {
    for (const [key, raw] of this.map) {
      // The substring test skips parsing the large message chunks, which never carry a TTL.
      if (key.startsWith(this.keyPrefix) && raw.includes('"expires":') && isExpired(raw, now)) {
        this.map.delete(key);
      }
    }
  }

  protected async closeBackend(): Promise<void> {
    this.map.clear();
  }
}

function isExpired(raw: string, now: number): boolean {
  const { expires } = JSON.parse(raw) as { expires?: unknown };
  return typeof expires === 'number' && expires < now;
}
