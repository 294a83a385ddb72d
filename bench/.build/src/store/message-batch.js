import { StoreError } from '../core/errors.js';
import { compareMessages } from './message-order.js';
/**
 * Readies a putMessages batch: validates each message, copies it (so a caller mutating its
 * objects while the write is under way cannot change what is stored), keeps the last of any
 * repeated id, and sorts by position.
 */
export function prepareBatch(channel, messages) {
    const byId = new Map();
    for (const message of messages) {
        if (typeof message?.id !== 'string' || message.id === '') {
            throw new StoreError(`putMessages(${channel}): every message needs a non-empty string id`);
        }
        if (typeof message.ts !== 'number' || !Number.isFinite(message.ts)) {
            throw new StoreError(`putMessages(${channel}): message ${message.id} needs ts in epoch milliseconds, got ${String(message.ts)}`);
        }
        if (typeof message.text !== 'string' || typeof message.user !== 'string') {
            throw new StoreError(`putMessages(${channel}): message ${message.id} needs string text and user`);
        }
        byId.set(message.id, { ...message });
    }
    return [...byId.values()].sort(compareMessages);
}
