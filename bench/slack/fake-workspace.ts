import type { Channel } from '../../src/core/types.js';
import { People } from '../../examples/generator/synthetic-cast.js';
import { FakeSlack, type RecordedCall } from '../../test/fakes/fake-slack.js';

/**
 * What carries a reply to the asker: a message, a draft's edit, or Slack's native streaming (the
 * adapter streams answers in threads with chat.startStream / appendStream / stopStream; the stop
 * carries the finished answer's blocks).
 */
const Replies = new Set(['chat.postMessage', 'chat.update', 'chat.startStream', 'chat.stopStream']);

export interface PostedReply {
  channel: string;
  /** The thread the reply is in ('' at the top level of a channel). */
  threadTs: string;
  /** `chat.postMessage`, `chat.update` of a streamed draft, or `chat.startStream` / `chat.stopStream`. */
  method: string;
  /** The finished answer (it carries blocks: context line, sources, buttons), or an apology. */
  final: boolean;
  /** Mull's apology when answering failed (reply.ts). */
  error: boolean;
  text: string;
  /** When the fake received it. @unit performance.now() milliseconds */
  at: number;
}

/**
 * The in-process fake Slack (test/fakes/fake-slack.ts) holding the bench's channels and people,
 * with every `chat.postMessage` and `chat.update` stamped on arrival with a sub-millisecond clock
 * (the fake's own log keeps `Date.now()`), so reply times can be taken against the moment an event
 * was sent. A streamed answer is a draft `postMessage` edited by `chat.update`s, the last of which
 * carries the finished answer's blocks; a cached one is a single `postMessage` with blocks.
 */
export class BenchSlack {
  readonly replies: PostedReply[] = [];
  readonly #waiters = new Map<string, (reply: PostedReply) => void>();

  private constructor(readonly fake: FakeSlack) {
    const calls = fake.calls;
    const push = calls.push.bind(calls);
    calls.push = (...items: RecordedCall[]) => {
      const at = performance.now();
      for (const call of items) if (Replies.has(call.method)) this.#onReply(call, at);
      return push(...items);
    };
  }

  static async start(channels: readonly Channel[], extraUsers: readonly string[] = []): Promise<BenchSlack> {
    const fake = await FakeSlack.start();
    for (const person of People) fake.addUser(person.id, person.displayName || person.realName);
    for (const user of extraUsers) fake.addUser(user, user.toLowerCase());
    for (const channel of channels) {
      fake.addChannel({ id: channel.id, name: channel.name, is_private: channel.isPrivate, members: [fake.bot.userId, ...(channel.members ?? []), ...extraUsers] });
    }
    return new BenchSlack(fake);
  }

  /** Resolves with the finished answer in this thread. */
  answerIn(threadTs: string, timeoutMs = 120_000): Promise<PostedReply> {
    const done = this.replies.find((r) => r.threadTs === threadTs && r.final);
    return done ? Promise.resolve(done) : this.#wait(`thread:${threadTs}`, timeoutMs);
  }

  /** Resolves with the next finished answer at the top level of a channel (a DM asked outside a thread). */
  nextAnswerInChannel(channel: string, timeoutMs = 120_000): Promise<PostedReply> {
    return this.#wait(`channel:${channel}`, timeoutMs);
  }

  /** The first reply of any kind (draft or answer) in a thread: when the asker first sees something. */
  firstReplyIn(threadTs: string): PostedReply | undefined {
    return this.replies.find((r) => r.threadTs === threadTs);
  }

  get apiUrl(): string {
    return this.fake.apiUrl;
  }

  close(): Promise<void> {
    return this.fake.close();
  }

  #wait(key: string, timeoutMs: number): Promise<PostedReply> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiters.delete(key);
        reject(new Error(`no answer (${key}) within ${timeoutMs} ms`));
      }, timeoutMs);
      this.#waiters.set(key, (reply) => {
        clearTimeout(timer);
        resolve(reply);
      });
    });
  }

  #onReply(call: RecordedCall, at: number): void {
    const channel = String(call.params.channel);
    // An update names the draft it edits, a stream's end names the stream; either (already stored
    // by the fake) names the thread.
    const threadTs =
      call.method === 'chat.update'
        ? String((this.fake.messages.get(channel) ?? []).find((m) => m.ts === call.params.ts)?.thread_ts ?? '')
        : call.method === 'chat.stopStream'
          ? String(this.fake.streams.get(String(call.params.ts))?.thread_ts ?? '')
          : String(call.params.thread_ts ?? '');
    const text = String(call.params.text ?? '');
    const error = text.startsWith('Sorry, I could not work that out');
    const blocks = call.params.blocks;
    const final = (Array.isArray(blocks) && blocks.length > 0) || error;
    const reply: PostedReply = { channel, threadTs, method: call.method, final, error, text, at };
    this.replies.push(reply);
    if (!final) return;
    const key = threadTs ? `thread:${threadTs}` : `channel:${channel}`;
    this.#waiters.get(key)?.(reply);
    this.#waiters.delete(key);
  }
}
