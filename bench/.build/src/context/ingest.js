import { addTombstone, updateLearned, withoutDependants } from './purge.js';
/**
 * Applies one live event to the stored context. A new message is appended (question-like ones are
 * picked out by the next pass from the messages themselves, so a deletion also removes them from
 * what predicts the next questions). An edit or deletion changes the store and
 * drops every learned note and prepared answer that cited the message, queueing their remaining
 * evidence for the next pass to re-read.
 */
export async function ingestEvent(deps, event) {
    const { store } = deps;
    switch (event.type) {
        case 'message': {
            await store.putMessages(event.channel.key, [event.message]);
            await deps.onStored?.(event.channel.key, event.message);
            deps.onActivity?.(event.channel.key, deps.now());
            return;
        }
        case 'edit': {
            const edited = await store.editMessage(event.channel, event.id, event.text, event.editedTs, event.ts);
            if (!edited)
                return;
            await addTombstone(store, event.channel, event.id, 'edit', deps.now());
            await deps.onStored?.(event.channel, edited);
            await updateLearned(store, event.channel, (learned) => {
                const next = withoutDependants(learned, new Set([event.id]));
                // The edited message itself must be re-read too, or its new text is never learned.
                return next ? { ...next, rework: [...new Set([...next.rework, event.id])] } : null;
            });
            deps.onActivity?.(event.channel, deps.now());
            return;
        }
        case 'delete': {
            // Tombstone first: a pass committing concurrently must already see it.
            await addTombstone(store, event.channel, event.id, 'delete', deps.now());
            await store.deleteMessage(event.channel, event.id, event.ts);
            await deps.onRemoved?.(event.channel, event.id);
            await updateLearned(store, event.channel, (learned) => withoutDependants(learned, new Set([event.id])));
            return;
        }
    }
}
