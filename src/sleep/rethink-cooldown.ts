/**
 * Cooldowns for the passes people ask for (`/rethink`, `mull rethink`). Any member can start one
 * and every pass spends the team's one daily budget, so each person may ask once per `userMs`
 * (across channels) and each channel gets at most one on-demand pass per `channelMs`. Scheduled
 * passes (quiet period, nightly) are not limited here: they run only when something is new.
 *
 * Kept in the Store, so instances sharing Redis or PostgreSQL share the cooldowns. A cooldown is
 * a Store lock that is never released once a pass has run, and simply expires after its TTL:
 * `acquireLock` is the Store's atomic set-if-absent with a TTL that, unlike `setIfAbsent`, can be
 * given back, so a request that spent nothing (refused by the other cooldown, or skipped for the
 * budget or a busy lock) does not cost anyone their turn. The time a cooldown ends is kept beside
 * it in state, so a refusal can say when to ask again.
 */
import type { PassReport } from '../core/engine.js';
import { parseChannelKey, type ChannelKey } from '../core/ids.js';
import type { Store } from '../store/store.js';

/** `PassReport.reason` of a pass refused by a cooldown. */
export const COOLDOWN_REASON = 'cooling down';
/** `PassReport.reason` of a pass with nothing to read (the same words the pass itself uses). */
export const NOTHING_NEW_REASON = 'nothing new since the last pass';

export interface RethinkCooldownSettings {
  /** Between two on-demand passes asked for by one person. 0: no limit. @unit milliseconds */
  userMs: number;
  /** Between two on-demand passes of one channel. 0: no limit. @unit milliseconds */
  channelMs: number;
}

/** `MULL_RETHINK_USER_COOLDOWN_MINUTES` = 10, `MULL_RETHINK_CHANNEL_COOLDOWN_MINUTES` = 30. */
export const DefaultRethinkCooldown = {
  userMs: 10 * 60_000,
  channelMs: 30 * 60_000,
} as const satisfies RethinkCooldownSettings;

export type CooldownStore = Pick<Store, 'acquireLock' | 'releaseLock' | 'getState' | 'setState' | 'deleteState'>;

export type CooldownClaim =
  /** Both cooldowns are now running; `giveBack` ends them when the pass turned out to spend nothing. */
  | { ok: true; giveBack(): Promise<void> }
  | { ok: false; scope: 'user' | 'channel'; retryAfterMs: number };

interface Gate {
  scope: 'user' | 'channel';
  key: string;
  ms: number;
}

export class RethinkCooldown {
  constructor(
    private readonly store: CooldownStore,
    private readonly settings: RethinkCooldownSettings,
    /** @unit epoch milliseconds */
    private readonly now: () => number = () => Date.now(),
  ) {}

  /**
   * Starts the channel's cooldown, and the asker's when given, or says which one is still running
   * and for how long. Either both start or neither does.
   */
  async claim(channel: ChannelKey, asker?: string): Promise<CooldownClaim> {
    const held: Array<{ key: string; token: string }> = [];
    for (const gate of this.gates(channel, asker)) {
      const token = await this.store.acquireLock(gate.key, gate.ms);
      if (!token) {
        await this.release(held);
        const until = await this.store.getState<number>(gate.key);
        // Between the other claim's lock and its state write the end is unknown: the full span bounds it.
        const retryAfterMs = until === undefined ? gate.ms : Math.max(0, until - this.now());
        return { ok: false, scope: gate.scope, retryAfterMs };
      }
      held.push({ key: gate.key, token });
      await this.store.setState(gate.key, this.now() + gate.ms, gate.ms);
    }
    return { ok: true, giveBack: () => this.release(held) };
  }

  private gates(channel: ChannelKey, asker: string | undefined): Gate[] {
    const gates: Gate[] = [];
    if (this.settings.channelMs > 0) {
      gates.push({ scope: 'channel', key: `rethink-cooldown:channel:${channel}`, ms: this.settings.channelMs });
    }
    if (asker && this.settings.userMs > 0) {
      // One person across all their channels and servers: user ids are unique within a platform
      // (a Discord snowflake everywhere; a Slack U/W id across workspaces).
      const { platform } = parseChannelKey(channel);
      gates.push({ scope: 'user', key: `rethink-cooldown:user:${platform}:${asker}`, ms: this.settings.userMs });
    }
    return gates;
  }

  private async release(held: ReadonlyArray<{ key: string; token: string }>): Promise<void> {
    for (const { key, token } of held) {
      await this.store.releaseLock(key, token);
      await this.store.deleteState(key);
    }
  }
}

/** What a refused `/rethink` reports: skipped, whose cooldown, and when to ask again. */
export function cooldownReport(channel: ChannelKey, refusal: { scope: 'user' | 'channel'; retryAfterMs: number }): PassReport {
  return {
    ...emptyReport(channel),
    status: 'skipped',
    reason: COOLDOWN_REASON,
    cooldown: { scope: refusal.scope, retryAfterMs: refusal.retryAfterMs },
  };
}

/** A `/rethink` without a topic in a channel whose last pass read everything: no pass, no cooldown. */
export function nothingNewReport(channel: ChannelKey, anticipated: number): PassReport {
  return { ...emptyReport(channel), status: 'skipped', reason: NOTHING_NEW_REASON, anticipated };
}

function emptyReport(channel: ChannelKey): Omit<PassReport, 'status'> {
  return { channel, newNotes: 0, changedNotes: 0, droppedNotes: 0, anticipated: 0, messagesRead: 0, tokens: 0, durationMs: 0, highlights: [] };
}

/**
 * What a person is told when their on-demand pass did not run for a cooldown or for nothing new,
 * with the channel as the platform writes it (`<#C123>`, `#general`); undefined for any other
 * report. Both platforms render `code` in backticks.
 */
export function refusalText(report: PassReport, where: string): string | undefined {
  if (report.cooldown && report.reason === COOLDOWN_REASON) {
    const when = waitInWords(report.cooldown.retryAfterMs);
    return report.cooldown.scope === 'user'
      ? `You asked for a pass a short while ago; you can ask again ${when}. New messages in ${where} still get a pass when it goes quiet, and nightly.`
      : `${where} was rethought on request a short while ago; the next one can run ${when}. New messages still get a pass when the channel goes quiet, and nightly.`;
  }
  if (report.status === 'skipped' && report.reason === NOTHING_NEW_REASON) {
    return `Nothing new in ${where} since the last pass, so no pass ran (and no tokens were spent). Give \`/rethink\` a topic to think one over anyway.`;
  }
  return undefined;
}

/** "in 12 minutes", for a refusal's reply on any platform. */
export function waitInWords(ms: number): string {
  const minutes = Math.ceil(ms / 60_000);
  if (minutes <= 1) return 'in a minute';
  if (minutes < 120) return `in ${minutes} minutes`;
  return `in ${Math.round(minutes / 60)} hours`;
}
