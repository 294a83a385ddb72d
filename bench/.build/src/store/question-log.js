import { StoreError } from '../core/errors.js';
import { StoreKeys } from './keys.js';
/**
 * The questions asked in each channel, newest `kept` only, as one value per channel in time
 * order. They feed the next pass's guesses at what will be asked; older ones have been folded
 * into the learned context already.
 */
export class QuestionLog {
    kv;
    exclusive;
    kept;
    constructor(kv, exclusive, kept) {
        this.kv = kv;
        this.exclusive = exclusive;
        this.kept = kept;
    }
    async log(question) {
        if (typeof question.channel !== 'string' || question.channel === '') {
            throw new StoreError('logQuestion: the question needs a channel key');
        }
        if (!Number.isFinite(question.ts)) {
            throw new StoreError(`logQuestion(${question.channel}): ts must be epoch milliseconds`);
        }
        const key = StoreKeys.questions(question.channel);
        await this.exclusive(`questions/${question.channel}`, async () => {
            const questions = [...((await this.kv.get(key)) ?? [])];
            let at = questions.length;
            while (at > 0 && questions[at - 1].ts > question.ts)
                at--;
            questions.splice(at, 0, { ...question });
            await this.kv.set(key, questions.length > this.kept ? questions.slice(questions.length - this.kept) : questions);
        });
    }
    /** Questions at or after `sinceTs`, oldest first, the newest `limit` of them. */
    async list(channel, sinceTs, limit) {
        const questions = (await this.kv.get(StoreKeys.questions(channel))) ?? [];
        const recent = questions.filter((question) => question.ts >= sinceTs);
        if (limit === undefined || recent.length <= limit)
            return recent;
        return limit <= 0 ? [] : recent.slice(recent.length - limit);
    }
}
