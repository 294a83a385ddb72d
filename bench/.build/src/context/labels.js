/**
 * Short citation labels for prompts. Models copy `m12` reliably; they garble Slack timestamps and
 * Discord snowflakes. Labels are assigned in order of first use, so the same inputs in the same
 * order render byte-identical prompts (the provider's prompt cache depends on it).
 */
export class CitationLabels {
    byKey = new Map();
    byLabel = new Map();
    label(channel, messageId) {
        const key = `${channel}/${messageId}`;
        let label = this.byKey.get(key);
        if (!label) {
            label = `m${this.byKey.size + 1}`;
            this.byKey.set(key, label);
            this.byLabel.set(label, { channel, messageId });
        }
        return label;
    }
    resolve(label) {
        return this.byLabel.get(label.trim().replace(/^\[|\]$/g, ''));
    }
    /** Resolves labels the model cited, dropping any it invented. */
    resolveAll(labels) {
        const seen = new Set();
        const out = [];
        for (const label of labels) {
            const ref = this.resolve(label);
            if (!ref)
                continue;
            const key = `${ref.channel}/${ref.messageId}`;
            if (seen.has(key))
                continue;
            seen.add(key);
            out.push(ref);
        }
        return out;
    }
}
