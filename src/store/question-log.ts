import { StoreError } from '../core/errors.js';
import type { ChannelKey } from '../core/ids.js';
import type { AskedQuestion } from '../core/types.js';
import { StoreKeys } from './keys.js';
import type { KeyValueStore } from './kv.js';
import type { Exclusive } from './write-lease.js';

/**
 * The questions asked in each channel, newest `kept` only, as one value per channel in time
 * order. They feed the next pass's guesses at what will be asked; older ones have been folded
 * into the learned context already.
 */
export class QuestionLog {
  constructor(
    private readonly kv: KeyValueStore,
    private readonly exclusive: Exclusive,
    private readonly kept: number,
  ) {}

  async log(question: AskedQuestion): Promise<void> {
    if (typeof question.channel !== 'string' || question.channel === '') {
      throw new StoreError('logQuestion: the question needs a channel key');
    }
    if (!Number.isFinite(question.ts)) {
      throw new StoreError(`logQuestion(${question.channel}): ts must be epoch milliseconds`);
    }
    const key = StoreKeys.questions(question.channel);
    await this.exclusive(`questions/${question.channel}`, async () => {
      const questions = [...((await this.kv.get<AskedQuestion[]>(key)) ?? [])];
      let at = questions.length;
      while (at > 0 && questions[at - 1].ts > question.ts) at--;
      questions.splice(at, 0, { ...question });
      await this.kv.set(key, questions.length > this.kept ? questions.slice(questions.length - this.kept) : questions);
    });
  }

  /** Removes the questions asked by a message (it was deleted): its text must not feed a pass. */
  async forget(channel: ChannelKey, messageId: string): Promise<number> {
    const key = StoreKeys.questions(channel);
    return this.exclusive(`questions/${channel}`, async () => {
      const questions = (await this.kv.get<AskedQuestion[]>(key)) ?? [];
      const kept = questions.filter((question) => question.messageId !== messageId);
      if (kept.length !== questions.length) await this.kv.set(key, kept);
      return questions.length - kept.length;
    });
  }

  /** Questions at or after `sinceTs`, oldest first, the newest `limit` of them. */
  async list(channel: ChannelKey, sinceTs: number, limit?: number): Promise<AskedQuestion[]> {
    const questions = (await this.kv.get<AskedQuestion[]>(StoreKeys.questions(channel))) ?? [];
    const recent = questions.filter((question) => question.ts >= sinceTs);
    if (limit === undefined || recent.length <= limit) return recent;
    return limit <= 0 ? [] : recent.slice(recent.length - limit);
  }
}
