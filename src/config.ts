/**
 * The one place that reads the environment (and a `.env` file). Everything else receives plain,
 * validated option objects. The variables are declared once, as a zod schema; a bad value stops
 * start-up with one line naming the variable and what would be valid, and secret values are never
 * echoed.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse as parseDotenv } from 'dotenv';
import { z } from 'zod';
import { ConfigError } from './core/errors.js';
import { DEFAULT_MODELS } from './llm/options.js';
import { isValidCron } from './sleep/nightly.js';

export type ProviderName = 'openai' | 'anthropic';
export type SleepEffort = 'low' | 'medium' | 'high';
export type MullRole = 'bot' | 'worker' | 'all';

export interface MullConfig {
  /** `sqlite://PATH` (WAL) or `postgres://…[?schema=NAME]` (or `memory://` for tests). */
  storeUrl: string;
  /** Redis for short-lived keys (event de-duplication, answer claims, locks); unset: the SQL database holds them. */
  redisUrl?: string;
  llm: {
    /** null: offline mode, no model configured. */
    provider: ProviderName | null;
    apiKey?: string;
    baseURL?: string;
    sleepModel: string;
    answerModel: string;
    embeddingModel?: string;
    /** @unit milliseconds */
    timeoutMs: number;
    maxRetries: number;
  };
  sleep: {
    nightlyCron: string;
    timezone: string;
    /** @unit minutes */
    quietMinutes: number;
    /** Sleep-time tokens per day; null: unlimited. */
    dailyTokenBudget: number | null;
    effort: SleepEffort;
    /** Between two passes one person asks for with `/rethink`; 0: no limit. @unit minutes */
    rethinkUserCooldownMinutes: number;
    /** Between two on-demand passes (`/rethink`, `mull rethink`) of one channel; 0: no limit. @unit minutes */
    rethinkChannelCooldownMinutes: number;
  };
  slack: {
    botToken: string;
    appToken?: string;
    signingSecret?: string;
    apiUrl?: string;
    port: number;
    mode: 'socket' | 'http';
  } | null;
  discord: {
    token: string;
    applicationId?: string;
    guildId?: string;
    apiUrl?: string;
    /** `DISCORD_SHARDS=auto`: every shard of Discord's recommended count; else these ids of `shardCount`. */
    shards?: 'auto' | number[];
    shardCount?: number;
  } | null;
  /** Sleep passes as jobs and coordination across processes (src/jobs/). */
  jobs: {
    /** `MULL_REDIS_URL` (the top-level `redisUrl`): the queue and shared limits; unset: passes run in process. */
    redisUrl?: string;
    /** `MULL_ROLE`: `bot` runs the adapters, `worker` runs passes, `all` both. */
    role: MullRole;
    /** Passes one worker process runs at once. */
    concurrency: number;
    /** Passes of one workspace running at once across every worker. */
    workspaceConcurrency: number;
    /** Tries per pass on provider 429 / 5xx, the first included. */
    attempts: number;
    /** A killed worker's job is taken over after about this long. @unit milliseconds */
    lockMs: number;
    /** Tokens a pass reserves from the daily budget before it starts (and per further chunk). */
    passTokenReserve: number;
    /** Key prefix of the queue in Redis: deployments (and tests) sharing one Redis keep apart. */
    prefix: string;
    /** Port of the worker role's `/healthz` (Slack HTTP mode serves its own on PORT). */
    healthPort: number;
  };
  /** Ignore other bots' messages (never answer them, do not ingest them). */
  ignoreBots: boolean;
  /** A channel Mull was removed from keeps its history and learned context this long, then both are purged. @unit days */
  purgeAfterDays: number;
  logLevel: string;
  /** `mull import` caps (src/import/import-limits.ts). */
  import: {
    /** @unit bytes */
    maxFileBytes: number;
    /** @unit bytes */
    maxTotalBytes: number;
    /** @unit characters */
    maxMessageChars: number;
  };
}

/** Every default in one place, as data. */
export const ConfigDefaults = {
  storeUrl: 'sqlite://./data/mull.sqlite',
  nightlyCron: '0 3 * * *',
  timezone: 'UTC',
  quietMinutes: 20,
  rethinkUserCooldownMinutes: 10,
  rethinkChannelCooldownMinutes: 30,
  effort: 'medium',
  port: 3000,
  timeoutMs: 60_000,
  maxRetries: 2,
  logLevel: 'info',
  importMaxFileMb: 32,
  importMaxTotalMb: 8192,
  importMaxMessageChars: 40_000,
  role: 'all',
  workerConcurrency: 4,
  workspaceConcurrency: 2,
  passAttempts: 4,
  jobLockMs: 30_000,
  passTokenReserve: 20_000,
  queuePrefix: 'mull',
  healthPort: 3001,
  purgeAfterDays: 30,
} as const satisfies Record<string, string | number>;

const STORE_SCHEMES = ['sqlite', 'postgres', 'postgresql', 'memory'];
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

// --- One validator per kind of value, each with a message a person can act on. -----------------

/** Unset and blank are the same: an empty line in `.env` means "use the default". */
const optional = z.string().trim().optional().transform((v) => (v ? v : undefined));

const text = (fallback?: string) => optional.transform((v) => v ?? fallback);

const number = (fallback: number | undefined, limits: { min?: number; max?: number; integer?: boolean } = {}) =>
  optional.transform((raw, ctx) => {
    if (raw === undefined) return fallback;
    const value = Number(raw.replaceAll('_', ''));
    if (!Number.isFinite(value) || (limits.integer && !Number.isInteger(value))) {
      ctx.addIssue({ code: 'custom', message: `"${raw}" is not ${limits.integer ? 'a whole number' : 'a number'}` });
      return z.NEVER;
    }
    if (limits.min !== undefined && value < limits.min) ctx.addIssue({ code: 'custom', message: `must be at least ${limits.min}, got ${raw}` });
    if (limits.max !== undefined && value > limits.max) ctx.addIssue({ code: 'custom', message: `must be at most ${limits.max}, got ${raw}` });
    return value;
  });

const oneOf = <T extends string>(valid: readonly T[], fallback?: T) =>
  optional.transform((raw, ctx) => {
    const value = raw ?? fallback;
    if (value === undefined || (valid as readonly string[]).includes(value)) return value as T | undefined;
    ctx.addIssue({ code: 'custom', message: `"${raw}" is not one of ${valid.join(', ')}` });
    return z.NEVER;
  });

const boolean = (fallback: boolean) =>
  optional.transform((raw, ctx) => {
    if (raw === undefined) return fallback;
    if (/^(1|true|yes|on)$/i.test(raw)) return true;
    if (/^(0|false|no|off)$/i.test(raw)) return false;
    ctx.addIssue({ code: 'custom', message: `"${raw}" is not a boolean; use true or false` });
    return z.NEVER;
  });

const httpUrl = optional.refine((raw) => raw === undefined || /^https?:\/\/[^\s/]+/.test(raw), 'is not an http(s) URL');

const discordId = optional.refine((raw) => raw === undefined || /^\d{5,25}$/.test(raw), {
  error: (issue) => `"${String(issue.input)}" is not a Discord id (digits only)`,
});

/** The environment as Mull reads it: every variable, once, with its default. */
export const EnvSchema = z.object({
  MULL_STORE_URL: text(ConfigDefaults.storeUrl).superRefine((url, ctx) => {
    const scheme = /^([a-z]+):\/\//.exec(url!)?.[1];
    if (scheme === 'redis' || scheme === 'rediss') {
      ctx.addIssue({
        code: 'custom',
        message: 'the store is SQL now: use sqlite://PATH or postgres://…, and put the Redis URL in MULL_REDIS_URL (short-lived keys only)',
      });
    } else if (!scheme || !STORE_SCHEMES.includes(scheme)) {
      // Only the scheme is echoed: the rest of a store URL may hold a password.
      ctx.addIssue({
        code: 'custom',
        message: `unsupported store "${scheme ? `${scheme}://…` : 'no scheme'}"; use sqlite://PATH or postgres://USER@HOST:PORT/DB`,
      });
    } else if (scheme === 'sqlite' && url!.length <= 'sqlite://'.length) {
      ctx.addIssue({ code: 'custom', message: 'sqlite:// needs a file path, e.g. sqlite://./data/mull.sqlite' });
    }
  }),
  MULL_REDIS_URL: optional.refine((raw) => raw === undefined || /^rediss?:\/\/\S+$/.test(raw), {
    error: () => 'is not a Redis URL; use redis://[USER:PASSWORD@]HOST:PORT[/DB] or rediss://…',
  }),
  MULL_LLM_PROVIDER: oneOf(['openai', 'anthropic', 'none'] as const),
  OPENAI_API_KEY: optional,
  OPENAI_BASE_URL: httpUrl,
  ANTHROPIC_API_KEY: optional,
  ANTHROPIC_BASE_URL: httpUrl,
  MULL_SLEEP_MODEL: optional,
  MULL_ANSWER_MODEL: optional,
  MULL_EMBEDDING_MODEL: optional,
  MULL_LLM_TIMEOUT_MS: number(ConfigDefaults.timeoutMs, { min: 1000, integer: true }),
  MULL_LLM_MAX_RETRIES: number(ConfigDefaults.maxRetries, { min: 0, integer: true }),
  MULL_NIGHTLY_CRON: text(ConfigDefaults.nightlyCron).refine((expression) => isValidCron(expression!), {
    error: (issue) => `"${String(issue.input)}" is not a valid cron expression (e.g. "0 3 * * *")`,
  }),
  MULL_TIMEZONE: text(ConfigDefaults.timezone).refine(isTimeZone, {
    error: (issue) => `"${String(issue.input)}" is not an IANA time zone (e.g. Europe/Berlin, UTC)`,
  }),
  MULL_QUIET_MINUTES: number(ConfigDefaults.quietMinutes, { min: 0.05 }),
  MULL_DAILY_TOKEN_BUDGET: number(undefined, { min: 0, integer: true }),
  MULL_SLEEP_EFFORT: oneOf(['low', 'medium', 'high'] as const, ConfigDefaults.effort),
  MULL_RETHINK_USER_COOLDOWN_MINUTES: number(ConfigDefaults.rethinkUserCooldownMinutes, { min: 0 }),
  MULL_RETHINK_CHANNEL_COOLDOWN_MINUTES: number(ConfigDefaults.rethinkChannelCooldownMinutes, { min: 0 }),
  SLACK_BOT_TOKEN: optional,
  SLACK_APP_TOKEN: optional.refine((raw) => raw === undefined || raw.startsWith('xapp-'), 'must be an app-level token starting with xapp-'),
  SLACK_SIGNING_SECRET: optional,
  SLACK_API_URL: httpUrl,
  PORT: number(ConfigDefaults.port, { min: 0, max: 65535, integer: true }),
  DISCORD_TOKEN: optional,
  DISCORD_APPLICATION_ID: discordId,
  DISCORD_GUILD_ID: discordId,
  DISCORD_API_URL: httpUrl,
  DISCORD_SHARDS: optional.refine((raw) => raw === undefined || raw === 'auto' || /^[1-9]\d*$/.test(raw), 'use a shard count (1, 2, …) or auto'),
  DISCORD_SHARD_IDS: optional.refine((raw) => raw === undefined || /^\d+(-\d+)?(,\d+(-\d+)?)*$/.test(raw.replaceAll(' ', '')), 'use shard ids like 0,1 or a range like 0-3'),
  MULL_ROLE: oneOf(['bot', 'worker', 'all'] as const, ConfigDefaults.role),
  MULL_WORKER_CONCURRENCY: number(ConfigDefaults.workerConcurrency, { min: 1, max: 100, integer: true }),
  MULL_WORKSPACE_CONCURRENCY: number(ConfigDefaults.workspaceConcurrency, { min: 1, max: 100, integer: true }),
  MULL_PASS_ATTEMPTS: number(ConfigDefaults.passAttempts, { min: 1, max: 20, integer: true }),
  MULL_JOB_LOCK_MS: number(ConfigDefaults.jobLockMs, { min: 1000, integer: true }),
  MULL_PASS_TOKEN_RESERVE: number(ConfigDefaults.passTokenReserve, { min: 1, integer: true }),
  MULL_QUEUE_PREFIX: text(ConfigDefaults.queuePrefix).refine((raw) => /^[A-Za-z0-9_.-]+$/.test(raw!), 'use letters, digits, _ . -'),
  MULL_HEALTH_PORT: number(ConfigDefaults.healthPort, { min: 0, max: 65535, integer: true }),
  MULL_IGNORE_BOTS: boolean(true),
  MULL_PURGE_AFTER_DAYS: number(ConfigDefaults.purgeAfterDays, { min: 0 }),
  LOG_LEVEL: oneOf(LOG_LEVELS, ConfigDefaults.logLevel),
  MULL_IMPORT_MAX_FILE_MB: number(ConfigDefaults.importMaxFileMb, { min: 1 }),
  MULL_IMPORT_MAX_TOTAL_MB: number(ConfigDefaults.importMaxTotalMb, { min: 1 }),
  MULL_IMPORT_MAX_MESSAGE_CHARS: number(ConfigDefaults.importMaxMessageChars, { min: 100, integer: true }),
});

export type Env = z.infer<typeof EnvSchema>;

function isTimeZone(zone: string | undefined): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Reads `.env` from `dir` (if present) under the process environment, which wins. */
export function readEnvironment(
  env: Record<string, string | undefined> = process.env,
  dir: string = process.cwd(),
): Record<string, string | undefined> {
  const file = resolve(dir, '.env');
  if (!existsSync(file)) return { ...env };
  return { ...parseDotenv(readFileSync(file)), ...env };
}

/** Validates the environment and composes the configuration; throws ConfigError naming the variable. */
export function loadConfig(raw: Record<string, string | undefined>): MullConfig {
  const parsed = EnvSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(String(issue.path[0] ?? 'environment'), issue.message);
  }
  const env = parsed.data;
  return {
    storeUrl: env.MULL_STORE_URL!,
    redisUrl: env.MULL_REDIS_URL,
    llm: llmFrom(env),
    sleep: {
      nightlyCron: env.MULL_NIGHTLY_CRON!,
      timezone: env.MULL_TIMEZONE!,
      quietMinutes: env.MULL_QUIET_MINUTES!,
      dailyTokenBudget: env.MULL_DAILY_TOKEN_BUDGET ?? null,
      effort: env.MULL_SLEEP_EFFORT!,
      rethinkUserCooldownMinutes: env.MULL_RETHINK_USER_COOLDOWN_MINUTES!,
      rethinkChannelCooldownMinutes: env.MULL_RETHINK_CHANNEL_COOLDOWN_MINUTES!,
    },
    slack: slackFrom(env),
    discord: discordFrom(env),
    jobs: jobsFrom(env),
    ignoreBots: env.MULL_IGNORE_BOTS,
    purgeAfterDays: env.MULL_PURGE_AFTER_DAYS!,
    logLevel: env.LOG_LEVEL!,
    import: {
      maxFileBytes: Math.floor(env.MULL_IMPORT_MAX_FILE_MB! * 1024 * 1024),
      maxTotalBytes: Math.floor(env.MULL_IMPORT_MAX_TOTAL_MB! * 1024 * 1024),
      maxMessageChars: env.MULL_IMPORT_MAX_MESSAGE_CHARS!,
    },
  };
}

/** The provider: the one asked for, else the one whose key (or local base URL) is set, else none. */
function llmFrom(env: Env): MullConfig['llm'] {
  const provider: ProviderName | null =
    env.MULL_LLM_PROVIDER === 'none' ? null
    : env.MULL_LLM_PROVIDER ?? (env.OPENAI_API_KEY || env.OPENAI_BASE_URL ? 'openai' : env.ANTHROPIC_API_KEY ? 'anthropic' : null);
  const apiKey = provider === 'anthropic' ? env.ANTHROPIC_API_KEY : provider === 'openai' ? env.OPENAI_API_KEY : undefined;
  const baseURL = provider === 'anthropic' ? env.ANTHROPIC_BASE_URL : provider === 'openai' ? env.OPENAI_BASE_URL : undefined;
  if (provider === 'anthropic' && !apiKey) {
    throw new ConfigError('ANTHROPIC_API_KEY', 'is required when MULL_LLM_PROVIDER=anthropic');
  }
  // An OpenAI-compatible local server (Ollama, vLLM) needs no key; the real OpenAI does.
  if (provider === 'openai' && !apiKey && !baseURL) {
    throw new ConfigError('OPENAI_API_KEY', 'is required when MULL_LLM_PROVIDER=openai (or set OPENAI_BASE_URL for a local server)');
  }
  const defaults = DEFAULT_MODELS[provider ?? 'openai'];
  return {
    provider,
    apiKey,
    baseURL,
    sleepModel: env.MULL_SLEEP_MODEL ?? defaults.sleep,
    answerModel: env.MULL_ANSWER_MODEL ?? defaults.answer,
    embeddingModel: env.MULL_EMBEDDING_MODEL,
    timeoutMs: env.MULL_LLM_TIMEOUT_MS!,
    maxRetries: env.MULL_LLM_MAX_RETRIES!,
  };
}

/** Slack: an app token means Socket Mode; a signing secret alone means HTTP mode on PORT. */
function slackFrom(env: Env): MullConfig['slack'] {
  if (!env.SLACK_BOT_TOKEN) {
    if (env.SLACK_APP_TOKEN || env.SLACK_SIGNING_SECRET) {
      throw new ConfigError('SLACK_BOT_TOKEN', 'is required when SLACK_APP_TOKEN or SLACK_SIGNING_SECRET is set');
    }
    return null;
  }
  if (!env.SLACK_APP_TOKEN && !env.SLACK_SIGNING_SECRET) {
    throw new ConfigError('SLACK_APP_TOKEN', 'set it (Socket Mode) or SLACK_SIGNING_SECRET (HTTP mode) alongside SLACK_BOT_TOKEN');
  }
  return {
    botToken: env.SLACK_BOT_TOKEN,
    appToken: env.SLACK_APP_TOKEN,
    signingSecret: env.SLACK_SIGNING_SECRET,
    apiUrl: env.SLACK_API_URL,
    port: env.PORT!,
    mode: env.SLACK_APP_TOKEN ? 'socket' : 'http',
  };
}

function discordFrom(env: Env): MullConfig['discord'] {
  if (!env.DISCORD_TOKEN) return null;
  return { token: env.DISCORD_TOKEN, applicationId: env.DISCORD_APPLICATION_ID, guildId: env.DISCORD_GUILD_ID, apiUrl: env.DISCORD_API_URL, ...shardsFrom(env) };
}

/** `DISCORD_SHARDS` (count or auto) and `DISCORD_SHARD_IDS` (this process's share; default all). */
function shardsFrom(env: Env): Pick<NonNullable<MullConfig['discord']>, 'shards' | 'shardCount'> {
  if (env.DISCORD_SHARDS === undefined) {
    if (env.DISCORD_SHARD_IDS) throw new ConfigError('DISCORD_SHARD_IDS', 'needs DISCORD_SHARDS (the total shard count)');
    return {};
  }
  if (env.DISCORD_SHARDS === 'auto') {
    // Which ids a process takes only makes sense against a count every process agrees on.
    if (env.DISCORD_SHARD_IDS) throw new ConfigError('DISCORD_SHARD_IDS', 'needs a numeric DISCORD_SHARDS, not auto (every process must agree on the count)');
    return { shards: 'auto' };
  }
  const count = Number(env.DISCORD_SHARDS);
  const ids = env.DISCORD_SHARD_IDS
    ? env.DISCORD_SHARD_IDS.replaceAll(' ', '').split(',').flatMap((part) => {
        const [from, to = from] = part.split('-').map(Number) as [number, number?];
        return Array.from({ length: Math.max(0, to! - from + 1) }, (_, i) => from + i);
      })
    : Array.from({ length: count }, (_, i) => i);
  const bad = ids.find((id) => id >= count);
  if (bad !== undefined) throw new ConfigError('DISCORD_SHARD_IDS', `shard ${bad} is out of range for DISCORD_SHARDS=${count} (ids run 0 to ${count - 1})`);
  if (ids.length === 0) throw new ConfigError('DISCORD_SHARD_IDS', 'names no shard');
  return { shards: [...new Set(ids)].sort((a, b) => a - b), shardCount: count };
}

function jobsFrom(env: Env): MullConfig['jobs'] {
  if (env.MULL_ROLE !== 'all' && !env.MULL_REDIS_URL) {
    // Without a shared queue a bot would never see its passes run, and a worker would have no work.
    throw new ConfigError('MULL_ROLE', `"${env.MULL_ROLE}" needs MULL_REDIS_URL (the queue bots and workers share); use all for one process`);
  }
  return {
    redisUrl: env.MULL_REDIS_URL,
    role: env.MULL_ROLE!,
    concurrency: env.MULL_WORKER_CONCURRENCY!,
    workspaceConcurrency: env.MULL_WORKSPACE_CONCURRENCY!,
    attempts: env.MULL_PASS_ATTEMPTS!,
    lockMs: env.MULL_JOB_LOCK_MS!,
    passTokenReserve: env.MULL_PASS_TOKEN_RESERVE!,
    prefix: env.MULL_QUEUE_PREFIX!,
    healthPort: env.MULL_HEALTH_PORT!,
  };
}
