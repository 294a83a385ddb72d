import type {
  Answer, AskRequest, ChannelSettings, Engine, FeedbackReason, IngestEvent, PassReport, RethinkOptions, StatsReport, StatsScope,
} from '../../src/core/engine.js';
import type { ChannelKey } from '../../src/core/ids.js';
import type { Channel, StoredMessage, Workspace } from '../../src/core/types.js';
import { ScriptedControl } from '../helpers/scripted-control.js';
import type { MemoryStore } from './memory-store.js';

/** A value, a function of the request, or one value per call (the last one repeats). */
export type Script<Req, Res> = Res | ((request: Req) => Res | Promise<Res>) | Res[];

function play<Req, Res>(script: Script<Req, Res>, request: Req, call: number): Promise<Res> {
  if (typeof script === 'function') return Promise.resolve((script as (r: Req) => Res | Promise<Res>)(request));
  if (Array.isArray(script)) return Promise.resolve(script[Math.min(call, script.length - 1)]!);
  return Promise.resolve(script);
}

export function answer(fields: Partial<Answer> = {}): Answer {
  return { text: 'The launch is on March 3.', citations: [], path: 'warm', channelsUsed: [], latencyMs: 12, ...fields };
}

export function passReport(channel: ChannelKey, fields: Partial<PassReport> = {}): PassReport {
  return {
    channel, status: 'ok', newNotes: 2, changedNotes: 1, droppedNotes: 0, anticipated: 3, messagesRead: 40,
    tokens: 1200, durationMs: 2500, highlights: ['Launch moved to March 3', 'Dana owns the release notes'], ...fields,
  };
}

export const EMPTY_STATS: StatsReport = {
  channels: [], sleepTokens: 0, testTokens: { prompt: 0, completion: 0, cached: 0 },
  answers: { cached: 0, verified: 0, warm: 0, cold: 0, offline: 0 }, latency: { p50: 0, p95: 0 }, passes: { ok: 0, failed: 0 },
  feedback: { up: 0, down: 0 }, budget: { dailyLimit: null, usedToday: 0, exhausted: false },
};

/**
 * A stand-in for the real engine (src/engine/create-engine.ts): it keeps messages in the memory
 * store as the real one would, and answers as scripted. A double of our Engine interface, not of
 * Discord.
 */
export class ScriptedEngine extends ScriptedControl implements Engine {
  asks = 0;
  rethinks = 0;
  constructor(
    private readonly store: MemoryStore,
    private readonly script: {
      ask?: Script<AskRequest, Answer>;
      rethink?: Script<{ channel: ChannelKey; topic?: string }, PassReport>;
      stats?: Script<ChannelKey | StatsScope | undefined, StatsReport>;
    } = {},
  ) {
    super();
  }

  async registerWorkspace(_workspace: Workspace): Promise<void> {}
  async upsertChannel(channel: Channel): Promise<void> {
    this.store.channels.set(channel.key, channel);
  }
  async ingest(event: IngestEvent): Promise<void> {
    if (event.type === 'message') this.store.put(event.channel.key, [event.message]);
    else if (event.type === 'edit') this.store.edit(event.channel, event.id, event.text, event.editedTs);
    else this.store.delete(event.channel, event.id);
  }
  async ingestHistory(channel: Channel, messages: StoredMessage[]): Promise<{ added: number }> {
    return { added: this.store.put(channel.key, messages) };
  }
  ask(request: AskRequest): Promise<Answer> {
    return play(this.script.ask ?? answer(), request, this.asks++);
  }
  rethink(channel: ChannelKey, options?: string | RethinkOptions): Promise<PassReport> {
    const topic = typeof options === 'string' ? options : options?.topic;
    return play(this.script.rethink ?? passReport(channel), { channel, topic }, this.rethinks++);
  }
  async recordFeedback(): Promise<void> {}
  stats(target?: ChannelKey | StatsScope): Promise<StatsReport> {
    return play(this.script.stats ?? EMPTY_STATS, target, 0);
  }
}

export interface EngineCall {
  method: keyof Engine;
  args: unknown[];
  /** @unit epoch milliseconds */
  at: number;
  /** When the call returned. @unit epoch milliseconds */
  doneAt?: number;
}

/** Wraps any Engine (scripted now, the real one later) and records every call made to it. */
export class RecordingEngine implements Engine {
  readonly calls: EngineCall[] = [];
  constructor(private readonly inner: Engine) {}

  of<M extends keyof Engine>(method: M): Parameters<Engine[M]>[] {
    return this.calls.filter((c) => c.method === method).map((c) => c.args as Parameters<Engine[M]>);
  }

  #record<T>(method: keyof Engine, args: unknown[], run: () => Promise<T>): Promise<T> {
    const call: EngineCall = { method, args, at: Date.now() };
    this.calls.push(call);
    return run().finally(() => (call.doneAt = Date.now()));
  }

  registerWorkspace(w: Workspace) { return this.#record('registerWorkspace', [w], () => this.inner.registerWorkspace(w)); }
  upsertChannel(c: Channel) { return this.#record('upsertChannel', [c], () => this.inner.upsertChannel(c)); }
  ingest(e: IngestEvent) { return this.#record('ingest', [e], () => this.inner.ingest(e)); }
  ingestHistory(c: Channel, m: StoredMessage[]) { return this.#record('ingestHistory', [c, m], () => this.inner.ingestHistory(c, m)); }
  ask(r: AskRequest) { return this.#record('ask', [r], () => this.inner.ask(r)); }
  rethink(c: ChannelKey, o?: string | RethinkOptions) { return this.#record('rethink', [c, o], () => this.inner.rethink(c, o)); }
  recordFeedback(c: ChannelKey, v: 'up' | 'down') { return this.#record('recordFeedback', [c, v], () => this.inner.recordFeedback(c, v)); }
  stats(t?: ChannelKey | StatsScope) { return this.#record('stats', [t], () => this.inner.stats(t)); }
  channelSettings(c: ChannelKey) { return this.#record('channelSettings', [c], () => this.inner.channelSettings(c)); }
  updateChannelSettings(c: ChannelKey, p: Partial<ChannelSettings>) { return this.#record('updateChannelSettings', [c, p], () => this.inner.updateChannelSettings(c, p)); }
  forget(c: ChannelKey, o?: { refill?: boolean }) { return this.#record('forget', [c, o], () => this.inner.forget(c, o)); }
  channelRemoved(c: ChannelKey) { return this.#record('channelRemoved', [c], () => this.inner.channelRemoved(c)); }
  channelRestored(c: ChannelKey) { return this.#record('channelRestored', [c], () => this.inner.channelRestored(c)); }
  purgeRemoved() { return this.#record('purgeRemoved', [], () => this.inner.purgeRemoved()); }
  recordFeedbackReason(f: FeedbackReason) { return this.#record('recordFeedbackReason', [f], () => this.inner.recordFeedbackReason(f)); }
  overview(c: ChannelKey[]) { return this.#record('overview', [c], () => this.inner.overview(c)); }
  expectedQuestions(c: ChannelKey[], l: number) { return this.#record('expectedQuestions', [c, l], () => this.inner.expectedQuestions(c, l)); }
}
