import { z } from 'zod';
import { DefaultChannelSettings, type ChannelSettings } from '../core/engine.js';
import { ErrorCode, MullError } from '../core/errors.js';
import type { ChannelKey } from '../core/ids.js';
import type { Store } from '../store/store.js';

/** Kept with `Store.getState`, so every store backend (and the SQL rewrite) holds it unchanged. */
const settingsKey = (channel: ChannelKey) => `channel-settings:${channel}`;

/** A patch as people can send it: every field optional, nothing else accepted. */
const SettingsPatch = z
  .object({
    passes: z.boolean(),
    effort: z.enum(['low', 'medium', 'high']).nullable(),
    answers: z.enum(['public', 'asker']),
    threadFollowUps: z.boolean(),
  })
  .partial()
  .strict();

export async function readChannelSettings(store: Store, channel: ChannelKey): Promise<ChannelSettings> {
  const saved = await store.getState<Partial<ChannelSettings>>(settingsKey(channel));
  // Parsed leniently: a field written by an older version, or a bad one, falls back to its default.
  const parsed = SettingsPatch.strip().safeParse(saved ?? {});
  return { ...DefaultChannelSettings, ...(parsed.success ? parsed.data : {}) };
}

/** Validates the patch whole before anything is written: a bad field changes nothing. */
export async function writeChannelSettings(store: Store, channel: ChannelKey, patch: unknown): Promise<ChannelSettings> {
  const parsed = SettingsPatch.safeParse(patch);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new MullError(ErrorCode.BadInput, `settings: ${issue.path.join('.') || 'patch'}: ${issue.message}`);
  }
  const next = { ...(await readChannelSettings(store, channel)), ...parsed.data };
  await store.setState(settingsKey(channel), next);
  return next;
}

export async function dropChannelSettings(store: Store, channel: ChannelKey): Promise<void> {
  await store.deleteState(settingsKey(channel));
}
