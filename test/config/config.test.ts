import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, readEnvironment } from '../../src/config.js';
import { ConfigError } from '../../src/core/errors.js';
import { tempDir } from '../helpers/temp-dir.js';

function error(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error('expected a ConfigError');
}

describe('configuration', () => {
  it('empty environment: embedded SQLite, offline mode, console, documented defaults', () => {
    const config = loadConfig({});
    expect(config.storeUrl).toBe('sqlite://./data/mull.sqlite');
    expect(config.redisUrl).toBeUndefined();
    expect(loadConfig({ MULL_REDIS_URL: 'redis://127.0.0.1:6379/2' }).redisUrl).toBe('redis://127.0.0.1:6379/2');
    expect(config.llm.provider).toBeNull();
    expect(config.slack).toBeNull();
    expect(config.discord).toBeNull();
    expect(config.sleep).toEqual({
      nightlyCron: '0 3 * * *', timezone: 'UTC', quietMinutes: 20, dailyTokenBudget: null, effort: 'medium',
      rethinkUserCooldownMinutes: 10, rethinkChannelCooldownMinutes: 30,
    });
    expect(config.ignoreBots).toBe(true);
    expect(config.import).toEqual({ maxFileBytes: 32 * 1024 * 1024, maxTotalBytes: 8192 * 1024 * 1024, maxMessageChars: 40_000 });
  });

  it('picks the provider whose key is set, with per-provider default models', () => {
    expect(loadConfig({ OPENAI_API_KEY: 'sk-x' }).llm).toMatchObject({ provider: 'openai', sleepModel: 'gpt-5', answerModel: 'gpt-4.1-mini' });
    expect(loadConfig({ ANTHROPIC_API_KEY: 'a' }).llm).toMatchObject({ provider: 'anthropic', answerModel: 'claude-haiku-4-5' });
    expect(loadConfig({ OPENAI_BASE_URL: 'http://localhost:11434/v1', MULL_SLEEP_MODEL: 'llama3.1' }).llm).toMatchObject({
      provider: 'openai', baseURL: 'http://localhost:11434/v1', sleepModel: 'llama3.1',
    });
    expect(loadConfig({ OPENAI_API_KEY: 'sk-x', MULL_LLM_PROVIDER: 'none' }).llm.provider).toBeNull();
  });

  it.each([
    [{ MULL_STORE_URL: 'ftp://x' }, 'MULL_STORE_URL', /unsupported store "ftp:\/\/…"/],
    [{ MULL_STORE_URL: 'redis://127.0.0.1:6379' }, 'MULL_STORE_URL', /store is SQL now: .*MULL_REDIS_URL/],
    [{ MULL_REDIS_URL: 'localhost:6379' }, 'MULL_REDIS_URL', /not a Redis URL/],
    [{ MULL_DAILY_TOKEN_BUDGET: 'lots' }, 'MULL_DAILY_TOKEN_BUDGET', /"lots" is not a whole number/],
    [{ MULL_NIGHTLY_CRON: 'every night' }, 'MULL_NIGHTLY_CRON', /not a valid cron expression/],
    [{ MULL_TIMEZONE: 'Mars/Olympus' }, 'MULL_TIMEZONE', /not an IANA time zone/],
    [{ MULL_QUIET_MINUTES: '-3' }, 'MULL_QUIET_MINUTES', /at least/],
    [{ MULL_RETHINK_USER_COOLDOWN_MINUTES: 'soon' }, 'MULL_RETHINK_USER_COOLDOWN_MINUTES', /"soon" is not a number/],
    [{ MULL_RETHINK_CHANNEL_COOLDOWN_MINUTES: '-1' }, 'MULL_RETHINK_CHANNEL_COOLDOWN_MINUTES', /at least 0/],
    [{ MULL_LLM_PROVIDER: 'gemini' }, 'MULL_LLM_PROVIDER', /not one of openai, anthropic, none/],
    [{ MULL_LLM_PROVIDER: 'anthropic' }, 'ANTHROPIC_API_KEY', /required/],
    [{ SLACK_BOT_TOKEN: 'xoxb-1' }, 'SLACK_APP_TOKEN', /SLACK_SIGNING_SECRET/],
    [{ SLACK_APP_TOKEN: 'xapp-1' }, 'SLACK_BOT_TOKEN', /required/],
    [{ DISCORD_TOKEN: 't', DISCORD_GUILD_ID: 'abc' }, 'DISCORD_GUILD_ID', /not a Discord id/],
    [{ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', PORT: '70000' }, 'PORT', /at most 65535/],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL', /not one of/],
  ])('rejects %j naming %s', (env, variable, message) => {
    const e = error(env as Record<string, string>);
    expect(e.variable).toBe(variable);
    expect(e.message).toMatch(message);
    expect(e.message.split('\n')).toHaveLength(1);
  });

  it('never echoes secrets: a store URL password or a token stays out of the error', () => {
    expect(error({ MULL_STORE_URL: 'mysql://root:hunter2@db/x' }).message).not.toContain('hunter2');
    expect(error({ MULL_STORE_URL: 'redis://:hunter2@db:6379' }).message).not.toContain('hunter2');
    expect(error({ SLACK_BOT_TOKEN: 'xoxb-secret', SLACK_APP_TOKEN: 'not-an-app-token' }).message).not.toContain('not-an-app-token');
  });

  it('Slack mode follows the tokens: app token -> Socket Mode; signing secret alone -> HTTP', () => {
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' }).slack?.mode).toBe('socket');
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', PORT: '8080' }).slack).toMatchObject({ mode: 'http', port: 8080 });
  });

  it('reads .env under the process environment, which wins', () => {
    const dir = tempDir('mull-env-');
    writeFileSync(join(dir, '.env'), 'MULL_QUIET_MINUTES=5\nMULL_TIMEZONE=Europe/Berlin\n');
    const config = loadConfig(readEnvironment({ MULL_TIMEZONE: 'UTC' }, dir));
    expect(config.sleep.quietMinutes).toBe(5);
    expect(config.sleep.timezone).toBe('UTC');
  });
});
