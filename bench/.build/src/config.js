/**
 * The one place that reads the environment (and a `.env` file). Everything else receives plain,
 * validated option objects. A bad value stops start-up with one line naming the variable and what
 * would be valid; secret values are never echoed.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse as parseDotenv } from 'dotenv';
import { validate as isValidCron } from 'node-cron';
import { ConfigError } from './core/errors.js';
import { DEFAULT_MODELS } from './llm/options.js';
/** Every default in one place, as data. */
export const ConfigDefaults = {
    storeUrl: 'sqlite://./data/mull.sqlite',
    nightlyCron: '0 3 * * *',
    timezone: 'UTC',
    quietMinutes: 20,
    effort: 'medium',
    port: 3000,
    timeoutMs: 60_000,
    maxRetries: 2,
    logLevel: 'info',
};
/** Variables whose values must never be echoed in errors or logs. */
export const SECRET_VARIABLES = [
    'OPENAI_API_KEY',
    'ANTHROPIC_API_KEY',
    'SLACK_BOT_TOKEN',
    'SLACK_APP_TOKEN',
    'SLACK_SIGNING_SECRET',
    'DISCORD_TOKEN',
];
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
/** Reads `.env` from `dir` (if present) under the process environment, which wins. */
export function readEnvironment(env = process.env, dir = process.cwd()) {
    const file = resolve(dir, '.env');
    if (!existsSync(file))
        return { ...env };
    const fromFile = parseDotenv(readFileSync(file));
    return { ...fromFile, ...env };
}
export function loadConfig(env) {
    const get = (name) => {
        const value = env[name]?.trim();
        return value ? value : undefined;
    };
    const storeUrl = parseStoreUrl(get('MULL_STORE_URL') ?? ConfigDefaults.storeUrl);
    return {
        storeUrl,
        llm: parseLlm(get),
        sleep: {
            nightlyCron: parseCron(get('MULL_NIGHTLY_CRON') ?? ConfigDefaults.nightlyCron),
            timezone: parseTimezone(get('MULL_TIMEZONE') ?? ConfigDefaults.timezone),
            quietMinutes: parseNumber('MULL_QUIET_MINUTES', get('MULL_QUIET_MINUTES'), ConfigDefaults.quietMinutes, { min: 0.05 }),
            dailyTokenBudget: get('MULL_DAILY_TOKEN_BUDGET')
                ? parseNumber('MULL_DAILY_TOKEN_BUDGET', get('MULL_DAILY_TOKEN_BUDGET'), 0, { min: 0, integer: true })
                : null,
            effort: parseEnum('MULL_SLEEP_EFFORT', get('MULL_SLEEP_EFFORT') ?? ConfigDefaults.effort, ['low', 'medium', 'high']),
        },
        slack: parseSlack(get),
        discord: parseDiscord(get),
        ignoreBots: parseBoolean('MULL_IGNORE_BOTS', get('MULL_IGNORE_BOTS'), true),
        logLevel: parseEnum('LOG_LEVEL', get('LOG_LEVEL') ?? ConfigDefaults.logLevel, LOG_LEVELS),
    };
}
function parseStoreUrl(value) {
    const match = /^([a-z]+):\/\//.exec(value);
    const scheme = match?.[1];
    const valid = ['sqlite', 'redis', 'rediss', 'postgres', 'postgresql', 'memory'];
    if (!scheme || !valid.includes(scheme)) {
        // Only the scheme is echoed: the rest of a URL may hold a password.
        throw new ConfigError('MULL_STORE_URL', `unsupported store "${scheme ? `${scheme}://…` : 'no scheme'}"; use sqlite://PATH, redis://HOST:PORT or postgres://USER@HOST:PORT/DB`);
    }
    if (scheme === 'sqlite' && value.length <= 'sqlite://'.length) {
        throw new ConfigError('MULL_STORE_URL', 'sqlite:// needs a file path, e.g. sqlite://./data/mull.sqlite');
    }
    return value;
}
function parseLlm(get) {
    const explicit = get('MULL_LLM_PROVIDER');
    let provider;
    if (explicit) {
        const choice = parseEnum('MULL_LLM_PROVIDER', explicit, ['openai', 'anthropic', 'none']);
        provider = choice === 'none' ? null : choice;
    }
    else if (get('OPENAI_API_KEY') || get('OPENAI_BASE_URL')) {
        provider = 'openai';
    }
    else if (get('ANTHROPIC_API_KEY')) {
        provider = 'anthropic';
    }
    else {
        provider = null;
    }
    const prefix = provider === 'anthropic' ? 'ANTHROPIC' : 'OPENAI';
    const apiKey = provider ? get(`${prefix}_API_KEY`) : undefined;
    const baseURL = provider ? get(`${prefix}_BASE_URL`) : undefined;
    if (provider === 'anthropic' && !apiKey) {
        throw new ConfigError('ANTHROPIC_API_KEY', 'is required when MULL_LLM_PROVIDER=anthropic');
    }
    // An OpenAI-compatible local server (Ollama, vLLM) needs no key; the real OpenAI does.
    if (provider === 'openai' && !apiKey && !baseURL) {
        throw new ConfigError('OPENAI_API_KEY', 'is required when MULL_LLM_PROVIDER=openai (or set OPENAI_BASE_URL for a local server)');
    }
    if (baseURL)
        parseUrl(`${prefix}_BASE_URL`, baseURL);
    const defaults = DEFAULT_MODELS[provider ?? 'openai'];
    return {
        provider,
        apiKey,
        baseURL,
        sleepModel: get('MULL_SLEEP_MODEL') ?? defaults.sleep,
        answerModel: get('MULL_ANSWER_MODEL') ?? defaults.answer,
        embeddingModel: get('MULL_EMBEDDING_MODEL'),
        timeoutMs: parseNumber('MULL_LLM_TIMEOUT_MS', get('MULL_LLM_TIMEOUT_MS'), ConfigDefaults.timeoutMs, { min: 1000, integer: true }),
        maxRetries: parseNumber('MULL_LLM_MAX_RETRIES', get('MULL_LLM_MAX_RETRIES'), ConfigDefaults.maxRetries, { min: 0, integer: true }),
    };
}
function parseSlack(get) {
    const botToken = get('SLACK_BOT_TOKEN');
    const appToken = get('SLACK_APP_TOKEN');
    const signingSecret = get('SLACK_SIGNING_SECRET');
    if (!botToken) {
        if (appToken || signingSecret) {
            throw new ConfigError('SLACK_BOT_TOKEN', 'is required when SLACK_APP_TOKEN or SLACK_SIGNING_SECRET is set');
        }
        return null;
    }
    if (!appToken && !signingSecret) {
        throw new ConfigError('SLACK_APP_TOKEN', 'set it (Socket Mode) or SLACK_SIGNING_SECRET (HTTP mode) alongside SLACK_BOT_TOKEN');
    }
    if (appToken && !appToken.startsWith('xapp-')) {
        throw new ConfigError('SLACK_APP_TOKEN', 'must be an app-level token starting with xapp-');
    }
    const apiUrl = get('SLACK_API_URL');
    if (apiUrl)
        parseUrl('SLACK_API_URL', apiUrl);
    return {
        botToken,
        appToken,
        signingSecret,
        apiUrl,
        port: parseNumber('PORT', get('PORT'), ConfigDefaults.port, { min: 0, max: 65535, integer: true }),
        mode: appToken ? 'socket' : 'http',
    };
}
function parseDiscord(get) {
    const token = get('DISCORD_TOKEN');
    if (!token)
        return null;
    const apiUrl = get('DISCORD_API_URL');
    if (apiUrl)
        parseUrl('DISCORD_API_URL', apiUrl);
    const snowflake = (name) => {
        const value = get(name);
        if (value && !/^\d{5,25}$/.test(value))
            throw new ConfigError(name, `"${value}" is not a Discord id (digits only)`);
        return value;
    };
    return { token, applicationId: snowflake('DISCORD_APPLICATION_ID'), guildId: snowflake('DISCORD_GUILD_ID'), apiUrl };
}
function parseNumber(name, raw, fallback, limits = {}) {
    if (raw === undefined)
        return fallback;
    const value = Number(raw.replaceAll('_', ''));
    const kind = limits.integer ? 'a whole number' : 'a number';
    if (!Number.isFinite(value) || (limits.integer && !Number.isInteger(value))) {
        throw new ConfigError(name, `"${raw}" is not ${kind}`);
    }
    if (limits.min !== undefined && value < limits.min)
        throw new ConfigError(name, `must be at least ${limits.min}, got ${raw}`);
    if (limits.max !== undefined && value > limits.max)
        throw new ConfigError(name, `must be at most ${limits.max}, got ${raw}`);
    return value;
}
function parseBoolean(name, raw, fallback) {
    if (raw === undefined)
        return fallback;
    if (/^(1|true|yes|on)$/i.test(raw))
        return true;
    if (/^(0|false|no|off)$/i.test(raw))
        return false;
    throw new ConfigError(name, `"${raw}" is not a boolean; use true or false`);
}
function parseEnum(name, raw, valid) {
    if (!valid.includes(raw)) {
        throw new ConfigError(name, `"${raw}" is not one of ${valid.join(', ')}`);
    }
    return raw;
}
function parseCron(expression) {
    if (!isValidCron(expression)) {
        throw new ConfigError('MULL_NIGHTLY_CRON', `"${expression}" is not a valid cron expression (e.g. "0 3 * * *")`);
    }
    return expression;
}
function parseTimezone(zone) {
    try {
        new Intl.DateTimeFormat('en', { timeZone: zone });
    }
    catch {
        throw new ConfigError('MULL_TIMEZONE', `"${zone}" is not an IANA time zone (e.g. Europe/Berlin, UTC)`);
    }
    return zone;
}
function parseUrl(name, raw) {
    try {
        const url = new URL(raw);
        if (!/^https?:$/.test(url.protocol))
            throw new Error('protocol');
    }
    catch {
        throw new ConfigError(name, 'is not an http(s) URL');
    }
}
