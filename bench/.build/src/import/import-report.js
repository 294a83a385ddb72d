/** Adds up skips: message-level ones by reason across files, file-level ones per file. */
export class SkipTally {
    entries = new Map();
    add(reason, count = 1, file) {
        const key = `${file ?? ''}\u0000${reason}`;
        const entry = this.entries.get(key);
        if (entry)
            entry.count += count;
        else
            this.entries.set(key, file === undefined ? { reason, count } : { file, reason, count });
    }
    addAll(counts) {
        for (const [reason, count] of counts)
            this.add(reason, count);
    }
    list() {
        return [...this.entries.values()];
    }
}
