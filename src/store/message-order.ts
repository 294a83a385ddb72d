import type { StoredMessage } from '../core/types.js';

/**
 * The one order of a channel's messages: by time, then by id for messages in the same
 * millisecond. Plain code-unit comparison of ids, so it is the same on every machine and locale.
 */
export function comparePosition(aTs: number, aId: string, bTs: number, bId: string): number {
  if (aTs !== bTs) return aTs < bTs ? -1 : 1;
  if (aId === bId) return 0;
  return aId < bId ? -1 : 1;
}

export function compareMessages(a: StoredMessage, b: StoredMessage): number {
  return comparePosition(a.ts, a.id, b.ts, b.id);
}

/**
 * JSON with object keys sorted, to tell whether a re-imported message differs from the stored
 * one regardless of key order. Undefined fields vanish, as they do in the stored JSON.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) => {
    if (inner === null || typeof inner !== 'object' || Array.isArray(inner)) return inner;
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(inner).sort()) sorted[key] = (inner as Record<string, unknown>)[key];
    return sorted;
  });
}
