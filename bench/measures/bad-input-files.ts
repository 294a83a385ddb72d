import { once } from 'node:events';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { crc32, createDeflateRaw, deflateRawSync } from 'node:zlib';
import { Prng } from '../../examples/generator/prng.js';

/**
 * The bad inputs of the bounds measure (bench/measures/bad-input-memory.ts), written at bench time:
 * deterministic (a seeded Prng, fixed sentences, fixed timestamps), nothing downloaded. Sizes are in
 * MiB, the unit the MULL_IMPORT_MAX_FILE_MB cap is counted in (32 = 33,554,432 bytes).
 */
export const MiB = 1024 * 1024;

const TEAM = 'T0BOUNDS01';
const USERS = ['U0BOUNDS01', 'U0BOUNDS02', 'U0BOUNDS03'];
/** 2024-01-01 00:00:00 UTC: the day of every Slack day file written here. */
const DAY_START = 1_704_067_200;
export const DayFileName = 'general/2024-01-01.json';

const SENTENCES = [
  'The deploy went out at nine and the error rate stayed flat.',
  'Can someone review the migration before lunch?',
  'Billing numbers for December are in the shared sheet.',
  'I moved the retro to Thursday, same room.',
  'Looks like the flaky test is the cache warm-up again.',
  'Reminder: the on-call handover is at five.',
  'We should pin the SDK version until the fix lands.',
  'Thanks, that answers it.',
];

/** About `chars` characters of ordinary prose, the same for a seed. */
export function prose(prng: Prng, chars: number): string {
  let text = '';
  while (text.length < chars) text += (text ? ' ' : '') + prng.pick(SENTENCES);
  return text.slice(0, chars);
}

/** One message's text of exactly `chars` characters: the sentences above repeated (cheap to build). */
export function hugeText(chars: number): string {
  const unit = `${SENTENCES.join(' ')} `;
  return unit.repeat(Math.ceil(chars / unit.length)).slice(0, chars);
}

export interface SlackMessageJson {
  type: 'message';
  user: string;
  text: string;
  ts: string;
}

/** `count` ordinary messages of about 120-300 characters, a few seconds apart on one day. */
export function ordinarySlackMessages(count: number, seed: number): SlackMessageJson[] {
  const prng = new Prng(seed);
  return Array.from({ length: count }, (_, i) => ({
    type: 'message',
    user: USERS[i % USERS.length]!,
    text: prose(prng, prng.int(120, 300)),
    ts: slackTs(i),
  }));
}

export function slackTs(i: number): string {
  // Spread over the day (86,400 s): up to 86,400,000 messages before two share a second.
  return `${DAY_START + Math.floor(i / 1000)}.${String(100 + (i % 1000) * 100).padStart(6, '0')}`;
}

/** Slack writes its export with four-space indentation; so does this. */
export function slackJson(value: unknown): string {
  return `${JSON.stringify(value, null, 4)}\n`;
}

/** users.json and channels.json of a one-channel workspace (#general), as files. */
export function slackSkeleton(): { name: string; data: Buffer }[] {
  const users = USERS.map((id, i) => ({
    id, team_id: TEAM, name: `person${i + 1}`, deleted: false, real_name: `Person ${i + 1}`, is_bot: false,
    profile: { display_name: `person${i + 1}`, real_name: `Person ${i + 1}` },
  }));
  const channels = [{ id: 'C0BOUNDS01', name: 'general', created: DAY_START, creator: USERS[0], is_archived: false, is_general: true, members: USERS }];
  return [
    { name: 'users.json', data: Buffer.from(slackJson(users)) },
    { name: 'channels.json', data: Buffer.from(slackJson(channels)) },
  ];
}

/** An unpacked Slack export: the skeleton plus the given day files. */
export async function writeSlackFolder(dir: string, dayFiles: { name: string; data: Buffer }[]): Promise<void> {
  for (const file of [...slackSkeleton(), ...dayFiles]) {
    await mkdir(join(dir, file.name, '..'), { recursive: true });
    await writeFile(join(dir, file.name), file.data);
  }
}

/**
 * A DiscordChatExporter JSON file (its layout and two-space indentation) of ordinary messages,
 * grown a message at a time until it reaches `bytes`. Returns the file's bytes and message count.
 */
export function discordExport(bytes: number, seed: number): { data: Buffer; messages: number } {
  const prng = new Prng(seed);
  const head = {
    guild: { id: '81384788765700000', name: 'Bounds Guild', iconUrl: 'https://cdn.discordapp.com/embed/avatars/0.png' },
    channel: { id: '81384788765700001', type: 'GuildTextChat', categoryId: '81384788765700002', category: 'Text Channels', name: 'general', topic: null },
    dateRange: { after: null, before: null },
    exportedAt: '2024-02-01T00:00:00.000+00:00',
  };
  const authors = USERS.map((_, i) => ({
    id: String(111111111111111100n + BigInt(i)), name: `person${i + 1}`, discriminator: '0000', nickname: `Person ${i + 1}`,
    color: null, isBot: false, roles: [], avatarUrl: 'https://cdn.discordapp.com/embed/avatars/0.png',
  }));
  const indent = (json: string) => json.split('\n').map((line) => `    ${line}`).join('\n');
  const parts: string[] = [];
  let size = 0;
  const headJson = JSON.stringify(head, null, 2);
  const prefix = `${headJson.slice(0, -2)},\n  "messages": [\n`;
  const suffix = (n: number) => `\n  ],\n  "messageCount": ${n}\n}\n`;
  size = Buffer.byteLength(prefix) + Buffer.byteLength(suffix(0)) + 8;
  for (let i = 0; size < bytes; i++) {
    const message = {
      id: String(1_214_500_000_000_000_000n + BigInt(i)),
      type: 'Default',
      timestamp: new Date(Date.UTC(2024, 0, 1) + i * 1_000).toISOString().replace('Z', '+00:00'),
      timestampEdited: null,
      callEndedTimestamp: null,
      isPinned: false,
      content: prose(prng, prng.int(120, 300)),
      author: authors[i % authors.length],
      attachments: [],
      embeds: [],
      stickers: [],
      reactions: [],
      mentions: [],
    };
    const json = indent(JSON.stringify(message, null, 2));
    const added = Buffer.byteLength(json) + 2;
    if (size + added > bytes && parts.length > 0) break;
    parts.push(json);
    size += added;
  }
  return { data: Buffer.from(prefix + parts.join(',\n') + suffix(parts.length)), messages: parts.length };
}

/** A zip entry: its bytes as chunks (so 600 MB of them never sit in memory at once). */
export interface ZipInput {
  name: string;
  chunks: () => Iterable<Buffer>;
}

/** An entry compressed once, to be written into one or more archives. */
export interface DeflatedEntry {
  name: string;
  compressed: Buffer;
  crc32: number;
  /** @unit bytes */
  size: number;
}

export async function deflateEntry(input: ZipInput): Promise<DeflatedEntry> {
  const deflate = createDeflateRaw({ level: 6 });
  const out: Buffer[] = [];
  deflate.on('data', (chunk: Buffer) => out.push(chunk));
  const ended = once(deflate, 'end');
  let crc = 0;
  let size = 0;
  for (const chunk of input.chunks()) {
    crc = crc32(chunk, crc);
    size += chunk.length;
    if (!deflate.write(chunk)) await once(deflate, 'drain');
  }
  deflate.end();
  await ended;
  return { name: input.name, compressed: Buffer.concat(out), crc32: crc >>> 0, size };
}

export function deflateBuffer(name: string, data: Buffer): DeflatedEntry {
  return { name, compressed: deflateRawSync(data), crc32: crc32(data) >>> 0, size: data.length };
}

/**
 * `[` + `bytes - 2` spaces + `]` as chunks of 1 MiB: valid JSON (an empty day file) that inflates
 * to `bytes` and deflates about 1,000 to 1.
 */
export function repeatedBytes(bytes: number): () => Iterable<Buffer> {
  return function* () {
    const block = Buffer.alloc(MiB, 0x20);
    yield Buffer.from('[');
    let left = bytes - 2;
    while (left > 0) {
      const n = Math.min(left, block.length);
      yield n === block.length ? block : block.subarray(0, n);
      left -= n;
    }
    yield Buffer.from(']');
  };
}

/**
 * A zip (deflate, no zip64; layout per APPNOTE.TXT). `declared` sets the uncompressed size an entry
 * claims, in its local header and in the central directory alike, to lie about it.
 */
export function zipArchive(entries: readonly DeflatedEntry[], declared: Record<string, number> = {}): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const size = declared[entry.name] ?? entry.size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt16LE(0, 10);
    local.writeUInt16LE(0x5821, 12);
    local.writeUInt32LE(entry.crc32, 14);
    local.writeUInt32LE(entry.compressed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    locals.push(local, name, entry.compressed);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt16LE(0, 12);
    central.writeUInt16LE(0x5821, 14);
    central.writeUInt32LE(entry.crc32, 16);
    central.writeUInt32LE(entry.compressed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += local.length + name.length + entry.compressed.length;
  }
  const directorySize = centrals.reduce((sum, part) => sum + part.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directorySize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...centrals, end]);
}
