import { channelKey } from '../core/ids.js';
import { overrideChannel, overrideWorkspace } from '../import/platform-override.js';
import { buildSlackDirectory } from '../import/slack-directory.js';
import { mapSlackMessage } from '../import/slack-message.js';
export function toRecords(ws, override) {
    const map = mapper(ws);
    return {
        workspace: overrideWorkspace({ platform: 'slack', id: ws.team.id, name: ws.team.name }, override),
        channels: exportedChannels(ws).map(({ meta, isPrivate }) => ({
            channel: overrideChannel(toChannel(ws, meta, isPrivate), override),
            messages: (ws.history.get(meta.name) ?? []).map(map).filter((m) => m !== undefined),
        })),
    };
}
/**
 * The channels as they happened, for replaying through ingest: every message as first posted
 * (edited ones with their original text, deleted ones included), then each edit and deletion
 * at its time. Replaying it ends in the same state as `toRecords`.
 */
export function toTimeline(ws, override) {
    const map = mapper(ws);
    const channels = new Map(exportedChannels(ws).map(({ meta, isPrivate }) => [meta.name, overrideChannel(toChannel(ws, meta, isPrivate), override)]));
    const originals = new Map(ws.events.flatMap((e) => (e.type === 'edit' ? [[`${e.channel}/${e.id}`, e.before]] : [])));
    const timed = [];
    const post = (channelName, raw) => {
        const before = originals.get(`${channelName}/${raw.ts}`);
        const message = map(before === undefined ? raw : { ...raw, text: before, edited: undefined });
        if (message)
            timed.push({ at: message.ts, event: { type: 'message', channel: channels.get(channelName), message } });
    };
    for (const [name, messages] of ws.history)
        for (const raw of messages)
            post(name, raw);
    for (const event of ws.events) {
        const channel = channels.get(event.channel);
        if (event.type === 'delete') {
            post(event.channel, event.message);
            const id = event.message.ts;
            timed.push({ at: event.deletedTs, event: { type: 'delete', channel: channel.key, id, ts: parseFloat(id) * 1000 } });
        }
        else {
            const edited = map({ ts: event.id, type: 'message', text: event.after });
            timed.push({
                at: event.editedTs,
                event: { type: 'edit', channel: channel.key, id: event.id, ts: parseFloat(event.id) * 1000, text: edited?.text ?? event.after, editedTs: event.editedTs },
            });
        }
    }
    // Stable sort: messages posted at the same instant keep history order.
    return timed.sort((a, b) => a.at - b.at).map((entry) => entry.event);
}
function mapper(ws) {
    const directory = buildSlackDirectory(ws.users, [...ws.channels, ...ws.groups]);
    return (raw) => {
        const result = mapSlackMessage(raw, directory);
        return 'message' in result ? result.message : undefined;
    };
}
function exportedChannels(ws) {
    // The importer lists channel folders by name; keep the same order.
    return [...ws.channels.map((meta) => ({ meta, isPrivate: false })), ...ws.groups.map((meta) => ({ meta, isPrivate: true }))].sort((a, b) => (a.meta.name < b.meta.name ? -1 : a.meta.name > b.meta.name ? 1 : 0));
}
function toChannel(ws, meta, isPrivate) {
    return {
        key: channelKey({ platform: 'slack', workspace: ws.team.id, channel: meta.id }),
        platform: 'slack',
        workspace: ws.team.id,
        id: meta.id,
        name: meta.name,
        isPrivate,
        isDm: false,
        members: [...meta.members],
    };
}
