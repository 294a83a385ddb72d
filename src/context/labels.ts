import type { ChannelKey } from '../core/ids.js';

/**
 * Short citation labels for prompts. Models copy `m12` reliably; they garble Slack timestamps and
 * Discord snowflakes. Labels are assigned in order of first use, so the same inputs in the same
 * order render byte-identical prompts (the provider's prompt cache depends on it).
 */
export class CitationLabels {
  private readonly byKey = new Map<string, string>();
  private readonly byLabel = new Map<string, { channel: ChannelKey; messageId: string }>();

  label(channel: ChannelKey, messageId: string): string {
    const key = `${channel}/${messageId}`;
    let label = this.byKey.get(key);
    if (!label) {
      label = `m${this.byKey.size + 1}`;
      this.byKey.set(key, label);
      this.byLabel.set(label, { channel, messageId });
    }
    return label;
  }

  resolve(label: string): { channel: ChannelKey; messageId: string } | undefined {
    return this.byLabel.get(label.trim().replace(/^\[|\]$/g, ''));
  }

  /** Resolves labels the model cited, dropping any it invented. */
  resolveAll(labels: readonly string[]): { channel: ChannelKey; messageId: string }[] {
    const seen = new Set<string>();
    const out: { channel: ChannelKey; messageId: string }[] = [];
    for (const label of labels) {
      const ref = this.resolve(label);
      if (!ref) continue;
      const key = `${ref.channel}/${ref.messageId}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(ref);
    }
    return out;
  }
}
