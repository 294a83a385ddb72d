import { StoreError } from '../core/errors.js';
import { StoreKeys } from './keys.js';
/** Another pass committed since this one read the context: its result must be redone or dropped. */
export class LearnedVersionConflictError extends StoreError {
    channel;
    /** The version the committing pass started from. */
    expectedVersion;
    /** The version actually stored (0 when none is). */
    actualVersion;
    constructor(channel, expectedVersion, actualVersion) {
        super(`learned context of ${channel} is at version ${actualVersion}, not ${expectedVersion}: another pass committed first`);
        this.name = 'LearnedVersionConflictError';
        this.channel = channel;
        this.expectedVersion = expectedVersion;
        this.actualVersion = actualVersion;
    }
}
/**
 * Each channel's learned context, stored as ONE value that includes its watermark: writing that
 * value is the atomic commit of a sleep pass, so a pass's notes and the point it read up to are
 * stored together or not at all.
 */
export class LearnedContexts {
    kv;
    exclusive;
    constructor(kv, exclusive) {
        this.kv = kv;
        this.exclusive = exclusive;
    }
    async get(channel) {
        return this.kv.get(StoreKeys.learned(channel));
    }
    /**
     * With `expectedVersion` (0 for "none stored yet"), commits only if the stored version is still
     * that one. The check and the write happen under the channel's learned-context lease, so two
     * passes (in this process or another) cannot both pass the check.
     */
    async commit(context, expectedVersion) {
        if (typeof context.channel !== 'string' || context.channel === '') {
            throw new StoreError('commitLearned: the context needs a channel key');
        }
        if (!Number.isInteger(context.version)) {
            throw new StoreError(`commitLearned(${context.channel}): version must be an integer, got ${String(context.version)}`);
        }
        const key = StoreKeys.learned(context.channel);
        // Unchecked commits take the lease too, so one cannot land between a checked commit's read
        // and its write.
        await this.exclusive(`learned/${context.channel}`, async () => {
            if (expectedVersion !== undefined) {
                const actual = (await this.kv.get(key))?.version ?? 0;
                if (actual !== expectedVersion)
                    throw new LearnedVersionConflictError(context.channel, expectedVersion, actual);
            }
            await this.kv.set(key, context);
        });
    }
}
