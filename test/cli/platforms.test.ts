/**
 * `npm start` with Slack (HTTP mode) and Discord configured in one environment: the real entry
 * point in a child process, the real Bolt and discord.js inside it, the fakes in this process.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open-store.js';
import { tempDir } from '../helpers/temp-dir.js';
import type { Store } from '../../src/store/store.js';
import { FakeDiscord, snowflake } from '../fakes/fake-discord.js';
import { FakeSlack } from '../fakes/fake-slack.js';
import { acme } from '../discord/acme.js';
import { firstPost, waitFor } from '../discord/harness.js';
import { seedWorkspace } from '../slack/harness.js';
import { appMention, BOT_USER, eventCallback, message } from '../slack/payloads.js';
import { postEvent, SIGNING_SECRET } from '../slack/signed.js';
import { freePort } from '../jobs/mull-process.js';

const CLI = join(import.meta.dirname, '..', '..', 'dist', 'cli', 'mull.js');

async function until(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out waiting for the bot to store a message');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

let store: Store | undefined;
let child: ChildProcess | undefined;
let slack: FakeSlack | undefined;
let discord: FakeDiscord | undefined;
afterEach(async () => {
  child?.kill('SIGKILL');
  await store?.close();
  store = undefined;
  await slack?.close();
  await discord?.stop();
  child = undefined;
});

describe('npm start with Slack and Discord in one process', () => {
  it('connects both, answers a mention on each, and stops cleanly on SIGTERM', async () => {
    slack = seedWorkspace(await FakeSlack.start());
    discord = await FakeDiscord.start();
    const world = acme();
    world.install(discord);
    const port = await freePort();
    let stderr = '';
    const cwd = tempDir('mull-platforms-');
    child = spawn(process.execPath, [CLI, 'start'], {
      cwd,
      env: {
        PATH: process.env.PATH ?? '',
        SLACK_BOT_TOKEN: slack.botToken,
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: slack.apiUrl,
        PORT: String(port),
        DISCORD_TOKEN: discord.token,
        DISCORD_API_URL: discord.apiUrl,
        DISCORD_APPLICATION_ID: discord.applicationId,
        LOG_LEVEL: process.env.MULL_TEST_LOG ?? 'warn',
      },
    });
    child.stderr!.on('data', (chunk) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child!.on('close', resolve));
    await waitFor(() => stderr.includes('Slack: listening') && stderr.includes('Discord: connected'), 20_000);

    // Slack: a fact, then a mention, through signed HTTP to the child's Bolt receiver.
    const events = `http://127.0.0.1:${port}/slack/events`;
    await postEvent(events, eventCallback(message({ channel: 'CGENERAL', user: 'UBOB', ts: '1700000000.000100', text: 'The launch budget is 40k dollars.' })));
    // Bolt acks before the handler has stored the message; ask once it is in the bot's store.
    store = await openStore(`sqlite://${join(cwd, 'data', 'mull.sqlite')}`);
    await until(async () => (await store!.countMessages('slack:T0MULL:CGENERAL')) > 0);
    await postEvent(events, eventCallback(appMention({ channel: 'CGENERAL', user: 'UALICE', text: `<@${BOT_USER}> what is the launch budget?` })));
    const slackReply = await waitFor(() => slack!.posted('CGENERAL').find((p) => String(p.text).includes('40k')), 10_000).catch((error) => {
      throw new Error(`${error.message}\nSlack calls: ${JSON.stringify(slack!.calls.map((c) => [c.method, c.params]))}\nstderr: ${stderr}`);
    });
    expect(JSON.stringify(slackReply)).toContain('https://acme.slack.com/archives/CGENERAL/p1700000000000100');

    // Discord: the same through the gateway.
    const { alice, bob } = world.users;
    const { general } = world.channels;
    const guild_id = world.guild.id;
    discord.dispatch('MESSAGE_CREATE', discord.message({ channel_id: general.id, guild_id, author: bob, content: 'The falcon release ships on March 10', member: world.member(bob) }));
    await until(async () => (await store!.countMessages(`discord:${guild_id}:${general.id}`)) > 0);
    discord.dispatch('MESSAGE_CREATE', discord.message({
      channel_id: general.id, guild_id, author: alice, content: `<@${discord.bot.id}> when does the falcon release ship?`,
      mentions: [discord.bot], member: world.member(alice), id: snowflake(),
    }));
    const discordReply = await firstPost({ fake: discord }, general.id);
    expect(discordReply.body.content).toContain('March 10');
    expect(discordReply.body.message_reference).toBeDefined();

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stderr).toContain('Stopping');
  }, 60_000);
});

describe('mull discord register', () => {
  it('puts the manifest commands to DISCORD_GUILD_ID, and asks for --global or a guild otherwise', async () => {
    discord = await FakeDiscord.start();
    const guildId = snowflake();
    const env = {
      PATH: process.env.PATH ?? '',
      DISCORD_TOKEN: discord.token,
      DISCORD_API_URL: discord.apiUrl,
      DISCORD_APPLICATION_ID: discord.applicationId,
    };
    const cwd = tempDir('mull-register-');
    const run = (args: string[], extra: Record<string, string> = {}) =>
      new Promise<{ code: number | null; out: string }>((resolve) => {
        const p = spawn(process.execPath, [CLI, ...args], { cwd, env: { ...env, ...extra } });
        let out = '';
        p.stdout.on('data', (c) => (out += c));
        p.stderr.on('data', (c) => (out += c));
        p.on('close', (code) => resolve({ code, out }));
      });
    const guild = await run(['discord', 'register'], { DISCORD_GUILD_ID: guildId });
    expect(guild.code).toBe(0);
    expect(guild.out).toContain(`Registered /rethink, /mull to guild ${guildId}`);
    const [put] = discord.calls('PUT', new RegExp(`/guilds/${guildId}/commands$`));
    expect(put!.body.map((c: { name: string }) => c.name)).toEqual(['rethink', 'mull']);
    const missing = await run(['discord', 'register']);
    expect(missing.code).toBe(1);
    expect(missing.out).toContain('DISCORD_GUILD_ID');
  });
});
