import type { Answer, AskRequest, Engine, IngestEvent, PassReport, RethinkOptions, StatsReport, StatsScope } from '../../src/core/engine.js';
import type { ChannelKey } from '../../src/core/ids.js';
import type { Channel, StoredMessage, Workspace } from '../../src/core/types.js';
import { ScriptedControl } from '../helpers/scripted-control.js';

/**
 * An honest double of OUR Engine interface (not of Slack): it records every call and answers from a
 * script, so adapter tests do not depend on a model. Swap for the real engine in harness.ts.
 */
export class ScriptedEngine extends ScriptedControl implements Engine {
  readonly workspaces: Workspace[] = [];
  readonly channels: Channel[] = [];
  readonly ingested: IngestEvent[] = [];
  readonly history: Array<{ channel: Channel; messages: StoredMessage[] }> = [];
  readonly asks: AskRequest[] = [];
  readonly rethinks: Array<{ channel: ChannelKey; topic?: string } & RethinkOptions> = [];
  readonly statsTargets: Array<ChannelKey | StatsScope | undefined> = [];
  readonly feedback: Array<{ channel: ChannelKey; vote: 'up' | 'down' }> = [];

  /** What `ask` answers; a function of the request. */
  answer: (request: AskRequest) => Partial<Answer> | Promise<Partial<Answer>> = (request) => ({
    text: `Answer to: ${request.question}`,
  });
  /** How long `rethink` takes. @unit milliseconds */
  rethinkDelayMs = 0;
  passReport: (channel: ChannelKey) => Partial<PassReport> = () => ({});

  async registerWorkspace(workspace: Workspace): Promise<void> {
    this.workspaces.push(workspace);
  }

  async upsertChannel(channel: Channel): Promise<void> {
    this.channels.push(channel);
  }

  async ingest(event: IngestEvent): Promise<void> {
    this.ingested.push(event);
  }

  async ingestHistory(channel: Channel, messages: StoredMessage[]): Promise<{ added: number }> {
    this.history.push({ channel, messages });
    return { added: messages.length };
  }

  /** Every message handed over by backfill so far, by id. */
  historyIds(channel?: ChannelKey): string[] {
    return this.history.filter((h) => !channel || h.channel.key === channel).flatMap((h) => h.messages.map((m) => m.id));
  }

  async ask(request: AskRequest): Promise<Answer> {
    this.asks.push(request);
    const scripted = await this.answer(request);
    return { text: '', citations: [], path: 'cold', channelsUsed: [], latencyMs: 5, ...scripted };
  }

  async rethink(channel: ChannelKey, options?: string | RethinkOptions): Promise<PassReport> {
    this.rethinks.push({ channel, ...(typeof options === 'string' ? { topic: options } : options) });
    if (this.rethinkDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.rethinkDelayMs));
    return {
      channel,
      status: 'ok',
      newNotes: 2,
      changedNotes: 1,
      droppedNotes: 0,
      anticipated: 3,
      messagesRead: 42,
      tokens: 1234,
      durationMs: this.rethinkDelayMs,
      highlights: ['Launch moved to **March 14**', 'Dana owns the migration'],
      ...this.passReport(channel),
    };
  }

  async recordFeedback(channel: ChannelKey, vote: 'up' | 'down'): Promise<void> {
    this.feedback.push({ channel, vote });
  }

  async stats(target?: ChannelKey | StatsScope): Promise<StatsReport> {
    this.statsTargets.push(target);
    const channel = typeof target === 'string' ? target : undefined;
    return {
      channels: channel ? [{ channel, name: 'general', messages: 120, anticipated: 3, notes: 7, lastPassAt: Date.UTC(2025, 0, 2) }] : [],
      sleepTokens: 5000,
      testTokens: { prompt: 100, completion: 50, cached: 80 },
      answers: { cached: 4, verified: 0, warm: 2, cold: 1, offline: 0 },
      latency: { p50: 120, p95: 900 },
      passes: { ok: 3, failed: 0 },
      feedback: { up: this.feedback.filter((f) => f.vote === 'up').length, down: this.feedback.filter((f) => f.vote === 'down').length },
      budget: { dailyLimit: null, usedToday: 0, exhausted: false },
    };
  }
}
