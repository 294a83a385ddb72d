import { comparePosition } from './message-order.js';
/**
 * The message layout, as pure functions over plain data.
 *
 * A channel's messages live in time-ordered chunks of at most `chunkSize` messages, each one KV
 * value, plus one index value listing the chunks with their bounds and counts. Chunks never
 * overlap: every message of chunk i sorts before every message of chunk i+1. So 100,000 messages
 * are ~400 values, read or written with a handful of getMany/setMany calls.
 *
 * Chunks are copy-on-write: a changed chunk is written under a NEW number, then the index is
 * written (the commit point), then the old chunks are deleted. A crash before the index write
 * leaves the old, consistent state (plus unreferenced chunks that the next write overwrites, as
 * it hands out the same numbers); a reader holding an older index that finds a chunk gone knows
 * the index moved on and simply reads again.
 */
export const MESSAGE_INDEX_LAYOUT = 1;
export function emptyIndex() {
    return { layout: MESSAGE_INDEX_LAYOUT, nextChunk: 0, chunks: [] };
}
export function countMessages(index) {
    let total = 0;
    for (const chunk of index.chunks)
        total += chunk.count;
    return total;
}
/**
 * Position of the chunk a message at (ts, id) belongs in: the last chunk starting at or before
 * it, or the first chunk when it precedes them all (0 for an empty index, which then gets its
 * first chunk there).
 */
export function chunkFor(chunks, ts, id) {
    let low = 0;
    let high = chunks.length - 1;
    let found = 0;
    while (low <= high) {
        const middle = (low + high) >> 1;
        const chunk = chunks[middle];
        if (comparePosition(chunk.firstTs, chunk.firstId, ts, id) <= 0) {
            found = middle;
            low = middle + 1;
        }
        else {
            high = middle - 1;
        }
    }
    return found;
}
/** Positions of the chunks holding any message whose time is within `toleranceMs` of `ts`. */
export function chunksNear(chunks, ts, toleranceMs) {
    const from = ts - toleranceMs;
    const to = ts + toleranceMs;
    let low = 0;
    let high = chunks.length;
    // First chunk whose last message is not before the window.
    while (low < high) {
        const middle = (low + high) >> 1;
        if (chunks[middle].lastTs < from)
            low = middle + 1;
        else
            high = middle;
    }
    const positions = [];
    for (let position = low; position < chunks.length && chunks[position].firstTs <= to; position++) {
        positions.push(position);
    }
    return positions;
}
/**
 * Chunks that may hold messages strictly after `after` and at or before `untilTs`, in order.
 * The caller still filters the messages of the first and last chunk.
 */
export function chunksInWindow(chunks, after, untilTs) {
    return chunks.filter((chunk) => (!after || comparePosition(chunk.lastTs, chunk.lastId, after.ts, after.id) > 0) &&
        (untilTs === undefined || chunk.firstTs <= untilTs));
}
/**
 * Splits sorted messages into chunks of at most `size`. The newest chunk is packed full, since
 * live traffic appends there; a chunk in the middle is split evenly, leaving room on both sides
 * for back-filled history, as a B-tree splits its nodes.
 */
export function splitIntoChunks(messages, size, packFull) {
    if (messages.length <= size)
        return messages.length === 0 ? [] : [messages];
    const parts = [];
    if (packFull) {
        for (let start = 0; start < messages.length; start += size)
            parts.push(messages.slice(start, start + size));
        return parts;
    }
    const count = Math.ceil(messages.length / size);
    for (let part = 0; part < count; part++) {
        parts.push(messages.slice(Math.floor((part * messages.length) / count), Math.floor(((part + 1) * messages.length) / count)));
    }
    return parts;
}
/**
 * Plans a copy-on-write update: `changed` maps chunk positions in `index` to their full new
 * contents, sorted, each still within its position's slot of the order (position 0 of an empty
 * index is the first chunk). Unchanged chunks keep their numbers; emptied chunks disappear.
 */
export function rewriteChunks(index, changed, chunkSize) {
    const chunks = [];
    const writes = [];
    const obsolete = [];
    let nextChunk = index.nextChunk;
    const positions = Math.max(index.chunks.length, changed.has(0) ? 1 : 0);
    for (let position = 0; position < positions; position++) {
        const existing = index.chunks[position];
        const contents = changed.get(position);
        if (!contents) {
            if (existing)
                chunks.push(existing);
            continue;
        }
        if (existing)
            obsolete.push(existing.n);
        const isNewest = position >= index.chunks.length - 1;
        for (const part of splitIntoChunks(contents, chunkSize, isNewest)) {
            const n = nextChunk++;
            writes.push({ n, messages: part });
            chunks.push(refFor(n, part));
        }
    }
    return { index: { layout: MESSAGE_INDEX_LAYOUT, nextChunk, chunks }, writes, obsolete };
}
function refFor(n, messages) {
    const first = messages[0];
    const last = messages[messages.length - 1];
    return { n, count: messages.length, firstTs: first.ts, firstId: first.id, lastTs: last.ts, lastId: last.id };
}
