import type { LearnedContext } from '../core/types.js';
import { StoreError } from '../core/errors.js';
import { deletedIds, editedSince, updateLearned, withoutDependants } from '../context/purge.js';
import type { Store } from '../store/store.js';

/**
 * Commits with optimistic concurrency. An edit or deletion may land while the model thinks: what
 * the pass concluded from a deleted message, or from text edited since the pass began, is dropped
 * before the commit (the edited messages and the rest of that evidence are queued for the next
 * pass), and a deletion that lands between the check and the write is purged right after it.
 */
export async function commitPass(
  store: Store,
  next: LearnedContext,
  expectedVersion: number,
  pass: { started: number; read: ReadonlySet<string> },
): Promise<LearnedContext> {
  const channel = next.channel;
  for (let attempt = 0; attempt < 5; attempt++) {
    const [deleted, edited] = await Promise.all([deletedIds(store, channel), editedSince(store, channel, pass.started)]);
    const banned = (id: string) => deleted.has(id) || edited.has(id);
    const dropped = [...next.notes, ...next.questions].filter((item) => item.citations.some(banned));
    const rework = new Set(next.rework);
    for (const item of dropped) for (const id of item.citations) if (!deleted.has(id)) rework.add(id);
    // The summary cites nothing, so any deleted message the pass read may be paraphrased in it.
    const readDeleted = [...pass.read].some((id) => deleted.has(id));
    const filtered: LearnedContext = {
      ...next,
      summary: readDeleted ? '' : next.summary,
      notes: next.notes.filter((note) => !note.citations.some(banned)),
      questions: next.questions.filter((q) => !q.citations.some(banned)),
      rework: [...rework],
    };
    try {
      await store.commitLearned(filtered, expectedVersion);
    } catch (error) {
      if (!(error instanceof StoreError) || attempt === 4) throw error;
      const current = await store.getLearned(channel);
      expectedVersion = current?.version ?? 0;
      next = { ...next, version: expectedVersion + 1, rework: [...new Set([...(current?.rework ?? []), ...next.rework])] };
      continue;
    }
    const late = [...(await deletedIds(store, channel))].filter((id) => !deleted.has(id));
    if (late.length === 0) return filtered;
    await updateLearned(store, channel, (learned) => withoutDependants(learned, new Set(late)));
    return (await store.getLearned(channel)) ?? filtered;
  }
  throw new StoreError('could not commit the pass');
}
