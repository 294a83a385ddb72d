import type { Channel } from '../../src/core/types.js';
import { People } from '../../src/examples/synthetic-cast.js';
import { FakeSlack, type RecordedCall } from '../../test/fakes/fake-slack.js';

export interface PostedReply {
  channel: string;
  threadTs: string;
  /** The last message of an answer carries its blocks (context line, sources, buttons); an apology ends it too. */
  final: boolean;
  /** Mull's apology when answering failed (reply.ts). */
  error: boolean;
  text: string;
  /** When the fake received it. @unit performance.now() milliseconds */
  at: number;
}

/**
 * The in-process fake Slack (test/fakes/fake-slack.ts) holding the bench's channels and people,
 * with every `chat.postMessage` stamped on arrival with a sub-millisecond clock (its own log keeps
 * `Date.now()`), so reply times can be taken against the moment an event was sent.
 */
export class BenchSlack {
  readonly replies: PostedReply[] = [];
  readonly #waiters = new Map<string, (reply: PostedReply) => void>();

  private constructor(readonly fake: FakeSlack) {
    const calls = fake.calls;
    const push = calls.push.bind(calls);
    calls.push = (...items: RecordedCall[]) => {
      const at = performance.now();
      for (const call of items) if (call.method === 'chat.postMessage') this.#onPost(call, at);
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

  /** Resolves with the final message of the answer posted in this thread. */
  answerIn(threadTs: string, timeoutMs = 120_000): Promise<PostedReply> {
    const done = this.replies.find((r) => r.threadTs === threadTs && r.final);
    return done ? Promise.resolve(done) : this.#wait(`thread:${threadTs}`, timeoutMs);
  }

  /** Resolves with the next final answer posted at the top level of a channel (a DM asked outside a thread). */
  nextAnswerInChannel(channel: string, timeoutMs = 120_000): Promise<PostedReply> {
    return this.#wait(`channel:${channel}`, timeoutMs);
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

  get apiUrl(): string {
    return this.fake.apiUrl;
  }

  close(): Promise<void> {
    return this.fake.close();
  }

  #onPost(call: RecordedCall, at: number): void {
    const threadTs = String(call.params.thread_ts ?? '');
    const text = String(call.params.text ?? '');
    const error = text.startsWith('Sorry, I could not work that out');
    const reply: PostedReply = { channel: String(call.params.channel), threadTs, final: Array.isArray(call.params.blocks) || error, error, text, at };
    this.replies.push(reply);
    if (!reply.final) return;
    const key = threadTs ? `thread:${threadTs}` : `channel:${reply.channel}`;
    this.#waiters.get(key)?.(reply);
    this.#waiters.delete(key);
  }
}
