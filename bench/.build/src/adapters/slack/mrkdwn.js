/**
 * The engine writes standard Markdown; Slack's `text` and section blocks speak mrkdwn. This is the
 * minimal conversion that keeps an answer readable: bold, italic, strike, links, headings, bullets,
 * code fences without a language tag, and the three characters Slack requires escaped (`&`, `<`, `>`).
 * Code is left exactly as written. Tables and nested emphasis pass through as plain text.
 *
 * Chosen over the `markdown` block, which renders Markdown natively but is documented for apps using
 * Slack's AI features, is not shown by older clients, and still needs a mrkdwn `text` fallback for
 * notifications — so the conversion would be needed anyway.
 * @see https://docs.slack.dev/messaging/formatting-message-text
 */
export function markdownToMrkdwn(markdown) {
    const out = [];
    let inFence = false;
    for (const line of markdown.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0002]/g, '').split('\n')) {
        const fence = /^(\s*)(`{3,}|~{3,})/.exec(line);
        if (fence) {
            // Slack shows a fence's info string ("```ts") as code; drop it.
            out.push(inFence ? '```' : `${fence[1]}\`\`\``);
            inFence = !inFence;
            continue;
        }
        out.push(inFence ? line : convertLine(line));
    }
    return out.join('\n');
}
function convertLine(line) {
    const heading = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading)
        return heading[1] ? `*${convertInline(heading[1]).replace(/\*/g, '')}*` : '';
    if (/^\s{0,3}([-*_])(\s*\1){2,}\s*$/.test(line))
        return '──────────';
    // A quote's `>` must stay unescaped at the line start; Slack has one level of quoting.
    const quote = /^\s*(?:>\s?)+(.*)$/.exec(line);
    if (quote)
        return quote[1] ? `> ${convertInline(quote[1])}` : '>';
    const bullet = /^(\s*)[-*+]\s+(.*)$/.exec(line);
    if (bullet)
        return `${bullet[1]}• ${convertInline(bullet[2])}`;
    return convertInline(line);
}
/** Converts text outside code spans; code spans are copied through untouched. */
function convertInline(text) {
    return text
        .split(/(`+[^`]*`+)/)
        .map((part, index) => (index % 2 === 1 ? part : convertPlain(part)))
        .join('');
}
function convertPlain(text) {
    const links = [];
    const hold = (rendered) => `\u0000${links.push(rendered) - 1}\u0000`;
    let s = text
        // [label](url "title") and ![alt](url) -> <url|label>
        .replace(/!?\[([^\]]*)\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g, (_m, label, url) => hold(label.trim() ? `<${url}|${escapeText(label).replace(/\|/g, '¦')}>` : `<${url}>`))
        // <https://…> autolinks
        .replace(/<((?:https?|mailto):[^>\s]+)>/g, (_m, url) => hold(`<${url}>`));
    s = escapeText(s)
        .replace(/\*\*(?=\S)(.+?)(?<=\S)\*\*/g, '\u0001$1\u0001')
        .replace(/(^|[^\w])__(?=\S)(.+?)(?<=\S)__(?!\w)/g, '$1\u0001$2\u0001')
        .replace(/(^|[^\w*])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![\w*])/g, '$1_$2_')
        .replace(/~~(?=\S)(.+?)(?<=\S)~~/g, '~$1~')
        .replace(/\u0001/g, '*');
    return s.replace(/\u0000(\d+)\u0000/g, (_m, index) => links[Number(index)]);
}
/** Slack treats `&`, `<` and `>` as control characters in text; everything else is literal. */
export function escapeText(text) {
    return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
