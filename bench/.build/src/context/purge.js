import { StoreError } from '../core/errors.js';
const TOMBSTONE_LIMIT = 5_000;
const tombstoneKey = (channel) => `tombstones:${channel}`;
/**
 * Removes every note and anticipated answer that cited a message, and queues the rest of their
 * evidence for the next pass to re-read. Dropping (rather than flagging) is what guarantees a
 * deleted message's text never reaches a later answer: notes paraphrase their sources.
 */
export function withoutDependants(learned, messageIds) {
    const cites = (citations) => citations.some((id) => messageIds.has(id));
    const hitNotes = learned.notes.filter((note) => cites(note.citations));
    const hitQuestions = learned.questions.filter((q) => cites(q.citations));
    if (hitNotes.length === 0 && hitQuestions.length === 0)
        return null;
    const rework = new Set(learned.rework);
    for (const item of [...hitNotes, ...hitQuestions]) {
        for (const id of item.citations)
            if (!messageIds.has(id))
                rework.add(id);
    }
    for (const id of messageIds)
        rework.delete(id);
    return {
        ...learned,
        notes: learned.notes.filter((note) => !cites(note.citations)),
        questions: learned.questions.filter((q) => !cites(q.citations)),
        rework: [...rework],
    };
}
/**
 * Remembers deleted and edited ids, so a pass that read a message before it changed cannot commit
 * what it concluded from the old text.
 */
export async function addTombstone(store, channel, messageId, kind, at) {
    const list = (await store.getState(tombstoneKey(channel))) ?? [];
    list.push({ id: messageId, kind, at });
    await store.setState(tombstoneKey(channel), list.slice(-TOMBSTONE_LIMIT));
}
/** Ids a pass started at `since` must not cite: every deleted one, and those edited since. */
export async function readTombstones(store, channel, since) {
    const list = (await store.getState(tombstoneKey(channel))) ?? [];
    return new Set(list.filter((t) => t.kind === 'delete' || t.at >= since).map((t) => t.id));
}
/**
 * Applies a change to the committed learned context with optimistic concurrency: a pass may
 * commit between our read and write, so re-read and re-apply on conflict.
 */
export async function updateLearned(store, channel, change) {
    for (let attempt = 0; attempt < 5; attempt++) {
        const current = await store.getLearned(channel);
        if (!current)
            return;
        const next = change(current);
        if (!next)
            return;
        try {
            await store.commitLearned({ ...next, version: current.version + 1 }, current.version);
            return;
        }
        catch (error) {
            if (!(error instanceof StoreError) || attempt === 4)
                throw error;
        }
    }
}
