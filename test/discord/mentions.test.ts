import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/core/logger.js';
import { PermissionFlagsBits } from 'discord.js';
import { guildChannelKey } from '../../src/adapters/discord/keys.js';
import { NO_HISTORY_REPLY } from '../../src/adapters/discord/mentions.js';
import { snowflake } from '../fakes/fake-discord.js';
import { firstPost, posted, settle, startDiscordHarness, waitFor, type DiscordHarness } from './harness.js';
import { answer, ScriptedEngine } from './scripted-engine.js';

let h: DiscordHarness;
afterEach(() => h?.close());

/** A message in a guild channel that @mentions the bot. */
function mention(h: DiscordHarness, channelId: string, author: object, question: string) {
  return h.fake.message({
    channel_id: channelId, guild_id: h.world.guild.id, author, content: `<@${h.fake.bot.id}> ${question}`,
    mentions: [h.fake.bot], member: h.world.member(author as { id: string }),
  });
}

describe('Discord mentions', () => {
  it('does not answer where the bot lacks Read Message History, and says why (issue 14, 10)', async () => {
    h = await startDiscordHarness({
      before: (_fake, world) => {
        world.channels.general.permission_overwrites = [
          { id: world.roles.mullRole, type: 0, allow: '0', deny: PermissionFlagsBits.ReadMessageHistory.toString() },
        ];
      },
    });
    const { general } = h.world.channels;
    h.fake.dispatch('MESSAGE_CREATE', mention(h, general.id, h.world.users.alice, 'when is the launch?'));
    const post = await firstPost(h, general.id);
    expect(post.body.content).toBe(NO_HISTORY_REPLY);
    expect(post.body.message_reference).toBeUndefined();
    expect(h.engine.of('ask')).toEqual([]);
  });

  it('replies to the message with the answer, <link> citations and when it was thought out', async () => {
    const cited = snowflake(Date.UTC(2026, 1, 2));
    const thoughtAt = Date.UTC(2026, 1, 3, 3, 0);
    h = await startDiscordHarness({
      engine: (store) => new ScriptedEngine(store, {
        ask: (req) => answer({
          path: 'cached', thoughtAt, channelsUsed: req.scope,
          citations: [{ channel: req.scope[0]!, messageId: cited, ts: Date.UTC(2026, 1, 2), userName: 'Dana', excerpt: 'launch is March 3' }],
        }),
      }),
    });
    const { general } = h.world.channels;
    const question = mention(h, general.id, h.world.users.alice, 'when is the launch?');
    h.fake.dispatch('MESSAGE_CREATE', question);

    const post = await firstPost(h, general.id);
    expect(post.body.message_reference).toMatchObject({ message_id: question.id });
    expect(post.body.allowed_mentions).toMatchObject({ parse: [], replied_user: true });
    const content: string = post.body.content;
    expect(content).toContain('The launch is on March 3.');
    expect(content).toContain(`<https://discord.com/channels/${h.world.guild.id}/${general.id}/${cited}>`);
    expect(content).toContain(`Thought out in advance, <t:${thoughtAt / 1000}:R>.`);

    const typing = h.fake.calls('POST', new RegExp(`^/channels/${general.id}/typing$`));
    expect(typing.length).toBeGreaterThan(0);
    expect(typing[0]!.at).toBeLessThanOrEqual(post.at);

    const key = guildChannelKey(h.world.guild.id, general.id);
    expect(h.engine.of('ask')).toEqual([[{
      asker: h.world.users.alice.id, askedIn: key, scope: [key], question: 'when is the launch?', questionMessageId: question.id, onPartial: expect.any(Function),
    }]]);
    // 👍/👎 under the answer.
    expect(post.body.components[0].components.map((b: { custom_id: string }) => b.custom_id)).toEqual(['mull_fb:up', 'mull_fb:down']);
    // The question is history too; the bot's own reply (echoed back by the gateway) is not.
    await settle();
    expect(h.store.all(key).map((m) => m.id)).toEqual([question.id]);
    expect(h.engine.of('ask')).toHaveLength(1);
  });

  it('says when an answer was worked out just now', async () => {
    h = await startDiscordHarness();
    h.fake.dispatch('MESSAGE_CREATE', mention(h, h.world.channels.general.id, h.world.users.alice, 'status?'));
    const post = await firstPost(h);
    expect(post.body.content).toContain('-# Worked out just now.');
  });

  it('ignores other bots, even when they mention it, and stores nothing of theirs', async () => {
    h = await startDiscordHarness();
    const { general } = h.world.channels;
    h.fake.dispatch('MESSAGE_CREATE', mention(h, general.id, h.world.users.otherBot, 'answer me'));
    h.fake.dispatch('MESSAGE_CREATE', h.fake.message({ channel_id: general.id, guild_id: h.world.guild.id, author: h.world.users.otherBot, content: 'deploy finished' }));
    await settle(500);
    expect(posted(h)).toEqual([]);
    expect(h.engine.of('ask')).toEqual([]);
    expect(h.engine.of('ingest')).toEqual([]);
  });

  it('with ignoreBots off, stores other bots\' messages but still never answers a bot (no loops)', async () => {
    h = await startDiscordHarness({ options: { ignoreBots: false } });
    const { general } = h.world.channels;
    h.fake.dispatch('MESSAGE_CREATE', mention(h, general.id, h.world.users.otherBot, 'answer me'));
    await waitFor(() => h.engine.of('ingest').length === 1);
    await settle(500);
    expect(posted(h)).toEqual([]);
    expect(h.engine.of('ask')).toEqual([]);
  });

  it('answers in a thread from the parent channel, filing the message under the parent with its thread', async () => {
    h = await startDiscordHarness();
    const { general, thread } = h.world.channels;
    const question = mention(h, thread.id, h.world.users.bob, 'who owns the release notes?');
    h.fake.dispatch('MESSAGE_CREATE', question);
    const post = await firstPost(h);
    expect(post.path).toBe(`/channels/${thread.id}/messages`);
    const key = guildChannelKey(h.world.guild.id, general.id);
    expect(h.engine.of('ask')[0]![0]).toMatchObject({ askedIn: key, scope: [key] });
    expect(h.store.all(key)).toMatchObject([{ id: question.id, threadId: thread.id, user: h.world.users.bob.id }]);
  });

  it('links a cited thread message to its thread', async () => {
    h = await startDiscordHarness({
      engine: (store) => new ScriptedEngine(store, {
        ask: (req) => {
          const cited = store.all(req.scope[0]!).find((m) => m.threadId)!;
          return answer({ citations: [{ channel: req.scope[0]!, messageId: cited.id, ts: cited.ts, threadId: cited.threadId, excerpt: '' }] });
        },
      }),
    });
    const { general, thread } = h.world.channels;
    const said = h.fake.message({ channel_id: thread.id, guild_id: h.world.guild.id, author: h.world.users.bob, content: 'Dana owns the notes' });
    h.fake.dispatch('MESSAGE_CREATE', said);
    await waitFor(() => h.engine.of('ingest').length === 1);
    h.fake.dispatch('MESSAGE_CREATE', mention(h, general.id, h.world.users.alice, 'who owns the notes?'));
    const post = await firstPost(h);
    expect(post.body.content).toContain(`<https://discord.com/channels/${h.world.guild.id}/${thread.id}/${said.id}>`);
  });

  it('splits a long answer into messages of at most 2,000 characters with balanced code fences', async () => {
    const code = Array.from({ length: 120 }, (_, i) => `const step${i} = await run(${i}); // keep going`).join('\n');
    const prose = Array.from({ length: 30 }, (_, i) => `Paragraph ${i}: ${'the plan holds. '.repeat(8)}`).join('\n\n');
    h = await startDiscordHarness({ engine: (store) => new ScriptedEngine(store, { ask: answer({ text: `${prose}\n\n\`\`\`ts\n${code}\n\`\`\`\n\nThat is all.` }) }) });
    const { general } = h.world.channels;
    const question = mention(h, general.id, h.world.users.alice, 'show me the script');
    h.fake.dispatch('MESSAGE_CREATE', question);
    await waitFor(() => posted(h).some((c) => String(c.body.content).includes('That is all.')));
    await settle(100);
    const posts = posted(h, general.id);
    expect(posts.length).toBeGreaterThanOrEqual(4);
    expect(posts[0]!.body.message_reference).toMatchObject({ message_id: question.id });
    for (const post of posts.slice(1)) expect(post.body.message_reference).toBeUndefined();
    for (const post of posts) {
      expect(post.body.content.length).toBeLessThanOrEqual(2000);
      expect(post.body.content.split('```').length % 2).toBe(1);
    }
    const codeParts = posts.filter((p) => p.body.content.includes('const step'));
    expect(codeParts.length).toBeGreaterThan(1);
    for (const part of codeParts) expect(part.body.content).toMatch(/```ts\n/);
    const joined = posts.map((p) => p.body.content).join('\n');
    for (let i = 0; i < 120; i++) expect(joined).toContain(`const step${i} = await run(${i});`);
  });

  it('logs ids and timings at info, never the question, the answer or the token', async () => {
    const lines: string[] = [];
    const sink = new Writable({ write(chunk, _enc, done) { lines.push(String(chunk)); done(); } });
    h = await startDiscordHarness({
      logger: createLogger('info', sink),
      engine: (store) => new ScriptedEngine(store, { ask: answer({ text: 'The vault code is 0451.' }) }),
    });
    const question = mention(h, h.world.channels.general.id, h.world.users.alice, 'what is the vault code?');
    h.fake.dispatch('MESSAGE_CREATE', question);
    await firstPost(h);
    await settle(100);
    const log = lines.join('');
    expect(log).toContain('discord: answered mention');
    expect(log).toContain(question.id);
    for (const secret of ['vault code', '0451', h.fake.token]) expect(log).not.toContain(secret);
  });
});
