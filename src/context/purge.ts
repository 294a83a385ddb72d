import type { ChannelKey } from '../core/ids.js';
import { StoreError } from '../core/errors.js';
import type { LearnedContext } from '../core/types.js';
import type { Store } from '../store/store.js';

const EDITED_KEPT = 1_000;
const editedKey = (channel: ChannelKey) => `edited:${channel}`;

/**
 * Removes every note and anticipated answer that cited a message, and queues the rest of their
 * evidence for the next pass to re-read. Dropping (rather than flagging) is what guarantees a
 * deleted message's text never reaches a later answer: notes paraphrase their sources. The
 * summary is uncited free text that may paraphrase anything, so it is cleared too; the next pass
 * writes it again. Returns null when there was nothing to change.
 */
export function withoutDependants(learned: LearnedContext, messageIds: ReadonlySet<string>): LearnedContext | null {
  const cites = (citations: readonly string[]) => citations.some((id) => messageIds.has(id));
  const hitNotes = learned.notes.filter((note) => cites(note.citations));
  const hitQuestions = learned.questions.filter((q) => cites(q.citations));
  if (hitNotes.length === 0 && hitQuestions.length === 0 && learned.summary === '') return null;
  const rework = new Set(learned.rework);
  for (const item of [...hitNotes, ...hitQuestions]) {
    for (const id of item.citations) if (!messageIds.has(id)) rework.add(id);
  }
  for (const id of messageIds) rework.delete(id);
  return {
    ...learned,
    summary: '',
    notes: learned.notes.filter((note) => !cites(note.citations)),
    questions: learned.questions.filter((q) => !cites(q.citations)),
    rework: [...rework],
  };
}

/**
 * Ids deleted on the platform (the store's tombstones, written with the deletion): nothing may
 * store them again or cite them later (late backfill pages, passes in flight).
 */
export async function deletedIds(store: Store, channel: ChannelKey): Promise<Set<string>> {
  return store.deletedIds(channel);
}

/** Remembers when a message was edited, so a pass that read the old text cannot commit from it. */
export async function markEdited(store: Store, channel: ChannelKey, messageId: string, at: number): Promise<void> {
  const list = (await store.getState<{ id: string; at: number }[]>(editedKey(channel))) ?? [];
  list.push({ id: messageId, at });
  await store.setState(editedKey(channel), list.slice(-EDITED_KEPT));
}

/** Ids edited at or after `since`. */
export async function editedSince(store: Store, channel: ChannelKey, since: number): Promise<Set<string>> {
  const list = (await store.getState<{ id: string; at: number }[]>(editedKey(channel))) ?? [];
  return new Set(list.filter((e) => e.at >= since).map((e) => e.id));
}

/**
 * Applies a change to the committed learned context with optimistic concurrency: a pass may
 * commit between our read and write, so re-read and re-apply on conflict.
 */
export async function updateLearned(
  store: Store,
  channel: ChannelKey,
  change: (current: LearnedContext) => LearnedContext | null,
): Promise<void> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const current = await store.getLearned(channel);
    if (!current) return;
    const next = change(current);
    if (!next) return;
    try {
      await store.commitLearned({ ...next, version: current.version + 1 }, current.version);
      return;
    } catch (error) {
      if (!(error instanceof StoreError) || attempt === 4) throw error;
    }
  }
}
