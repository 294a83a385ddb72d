import type { IngestEvent } from '../../src/core/engine.js';
import { channelKey } from '../../src/core/ids.js';
import type { Channel, StoredMessage, Workspace } from '../../src/core/types.js';
import { overrideChannel, overrideWorkspace, type PlatformOverride } from '../../src/import/platform-override.js';
import { buildSlackDirectory } from '../../src/import/slack-directory.js';
import { mapSlackMessage } from '../../src/import/slack-message.js';
import type { ExportMessage } from './synthetic-timeline.js';
import type { ExportChannel, SyntheticWorkspace } from './synthetic-workspace.js';

/**
 * The synthetic workspace as Mull's own records, mapped by the same code the Slack importer uses,
 * so "import the generated export" and "use the records" give the same store.
 */

export interface SyntheticChannelRecords {
  channel: Channel;
  /** Oldest first; what an import of the export stores. */
  messages: StoredMessage[];
}

export interface SyntheticRecords {
  workspace: Workspace;
  channels: SyntheticChannelRecords[];
}

export function toRecords(ws: SyntheticWorkspace, override?: PlatformOverride): SyntheticRecords {
  const map = mapper(ws);
  return {
    workspace: overrideWorkspace({ platform: 'slack', id: ws.team.id, name: ws.team.name }, override),
    channels: exportedChannels(ws).map(({ meta, isPrivate }) => ({
      channel: overrideChannel(toChannel(ws, meta, isPrivate), override),
      messages: (ws.history.get(meta.name) ?? []).map(map).filter((m): m is StoredMessage => m !== undefined),
    })),
  };
}

/**
 * The channels as they happened, for replaying through ingest: every message as first posted
 * (edited ones with their original text, deleted ones included), then each edit and deletion
 * at its time. Replaying it ends in the same state as `toRecords`.
 */
export function toTimeline(ws: SyntheticWorkspace, override?: PlatformOverride): IngestEvent[] {
  const map = mapper(ws);
  const channels = new Map(exportedChannels(ws).map(({ meta, isPrivate }) => [meta.name, overrideChannel(toChannel(ws, meta, isPrivate), override)]));
  const originals = new Map(ws.events.flatMap((e) => (e.type === 'edit' ? [[`${e.channel}/${e.id}`, e.before] as const] : [])));
  const timed: { at: number; event: IngestEvent }[] = [];
  const post = (channelName: string, raw: ExportMessage) => {
    const before = originals.get(`${channelName}/${raw.ts}`);
    const message = map(before === undefined ? raw : { ...raw, text: before, edited: undefined });
    if (message) timed.push({ at: message.ts, event: { type: 'message', channel: channels.get(channelName)!, message } });
  };
  for (const [name, messages] of ws.history) for (const raw of messages) post(name, raw);
  for (const event of ws.events) {
    const channel = channels.get(event.channel)!;
    if (event.type === 'delete') {
      post(event.channel, event.message);
      const id = event.message.ts;
      timed.push({ at: event.deletedTs, event: { type: 'delete', channel: channel.key, id, ts: parseFloat(id) * 1000 } });
    } else {
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

function mapper(ws: SyntheticWorkspace): (raw: ExportMessage) => StoredMessage | undefined {
  const directory = buildSlackDirectory(ws.users, [...ws.channels, ...ws.groups]);
  return (raw) => {
    const result = mapSlackMessage(raw, directory);
    return 'message' in result ? result.message : undefined;
  };
}

function exportedChannels(ws: SyntheticWorkspace): { meta: ExportChannel; isPrivate: boolean }[] {
  // The importer lists channel folders by name; keep the same order.
  return [...ws.channels.map((meta) => ({ meta, isPrivate: false })), ...ws.groups.map((meta) => ({ meta, isPrivate: true }))].sort(
    (a, b) => (a.meta.name < b.meta.name ? -1 : a.meta.name > b.meta.name ? 1 : 0),
  );
}

function toChannel(ws: SyntheticWorkspace, meta: ExportChannel, isPrivate: boolean): Channel {
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
