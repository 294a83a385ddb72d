/**
 * Slack stores message text in its own markup: entities in angle brackets (`<@U123>`,
 * `<#C1|general>`, `<https://x|label>`, `<!here>`) and only `&`, `<` and `>` escaped as HTML
 * entities. Stored messages are plain text a model and a person can read, so both are undone here.
 * @see https://api.slack.com/reference/surfaces/formatting#retrieving-messages
 */
const ENTITY = /<([^<>\n]*)>/g;
export function slackTextToPlain(text, names) {
    if (!text.includes('<') && !text.includes('&'))
        return text;
    // Unescape after rendering entities: labels and URLs inside entities are escaped too.
    return unescapeSlack(text.replace(ENTITY, (_match, inner) => renderEntity(inner, names)));
}
function renderEntity(inner, names) {
    const bar = inner.indexOf('|');
    const target = bar === -1 ? inner : inner.slice(0, bar);
    const label = bar === -1 ? undefined : inner.slice(bar + 1);
    switch (target[0]) {
        case '@': {
            const id = target.slice(1);
            // The directory's current name wins over the label older exports embed (`<@U1|bob>`).
            return `@${names.user(id) ?? stripAt(label) ?? id}`;
        }
        case '#': {
            const id = target.slice(1);
            // The label is the name the author saw; the directory covers `<#C1>` without one.
            return `#${label ?? names.channel(id) ?? id}`;
        }
        case '!':
            return renderSpecial(target.slice(1), label);
        default:
            return renderLink(target, label);
    }
}
/** `<!here>`, `<!channel>`, `<!subteam^S1|@team>`, `<!date^1700000000^{date}|fallback>`. */
function renderSpecial(command, label) {
    const name = command.split('^')[0];
    if (name === 'here' || name === 'channel' || name === 'everyone')
        return `@${name}`;
    if (name === 'subteam')
        return label ? `@${stripAt(label)}` : '@team';
    return label ?? '';
}
function renderLink(url, label) {
    const shown = url.startsWith('mailto:') ? url.slice('mailto:'.length) : url;
    if (!label || label === shown || label === url)
        return shown;
    return `${label} (${shown})`;
}
function stripAt(label) {
    return label?.startsWith('@') ? label.slice(1) : label || undefined;
}
function unescapeSlack(text) {
    // `&amp;` last, so `&amp;lt;` becomes the literal text `&lt;` as the author typed it.
    return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}
