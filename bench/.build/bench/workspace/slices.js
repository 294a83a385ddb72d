import { timeline } from './synthetic.js';
const DAY_MS = 86_400_000;
/**
 * How a bot that has lived in the workspace saw its history: in parts with a pass after each (as
 * quiet-period and nightly passes would), then one more working day of messages that no pass has
 * read yet when the questions come, at the end of that day.
 */
export function sliceHistory(channels, parts) {
    const all = timeline(channels);
    const last = all.at(-1)?.message.ts ?? 0;
    const dayStart = Math.floor(last / DAY_MS) * DAY_MS;
    const before = all.filter((e) => e.message.ts < dayStart);
    const lastDay = all.filter((e) => e.message.ts >= dayStart);
    const slices = [];
    for (let i = 0; i < parts; i++) {
        const part = before.slice(Math.floor((i * before.length) / parts), Math.floor(((i + 1) * before.length) / parts));
        const byChannel = new Map();
        for (const { channel, message } of part) {
            const batch = byChannel.get(channel.key) ?? { channel, messages: [] };
            batch.messages.push(message);
            byChannel.set(channel.key, batch);
        }
        slices.push([...byChannel.values()]);
    }
    return { slices, lastDay };
}
