import { estimateTokens } from '../context/text.js';
/** Messages since the pass, newest kept within a token budget, oldest first. */
export async function recentSince(store, inPlay, budgetTokens, maxMessages) {
    const after = inPlay.learned?.watermark ?? null;
    const messages = await store.readMessages(inPlay.channel.key, { after, newest: true, limit: maxMessages });
    let size = 0;
    let start = messages.length;
    while (start > 0) {
        size += estimateTokens(messages[start - 1].text) + 12;
        if (size > budgetTokens)
            break;
        start--;
    }
    return messages.slice(start);
}
/** The raw messages that best match the question, read back from the store, oldest first. */
export async function retrieve(store, index, channel, question, limit, exclude) {
    const hits = (await index.search(channel, question, limit + exclude.size)).filter((hit) => !exclude.has(hit.id)).slice(0, limit);
    const messages = await Promise.all(hits.map((hit) => store.getMessage(channel, hit.id, hit.ts)));
    return messages.filter((m) => m !== undefined).sort((a, b) => a.ts - b.ts);
}
/**
 * For a DM whose scope is many channels, the few that bear on the question: those with the best
 * history hits or prepared answers. A mention's scope is its one channel and passes straight through.
 */
export async function channelsInPlay(index, candidates, question, anticipatedScore, limit = 3) {
    if (candidates.length <= limit)
        return [...candidates];
    const scored = await Promise.all(candidates.map(async (candidate) => {
        const [top] = await index.search(candidate.channel.key, question, 1);
        return { candidate, score: (top?.score ?? 0) / 10 + anticipatedScore(candidate.channel.key) };
    }));
    return scored
        .filter((s) => s.score > 0)
        .sort((a, b) => b.score - a.score || a.candidate.channel.key.localeCompare(b.candidate.channel.key))
        .slice(0, limit)
        .map((s) => s.candidate);
}
