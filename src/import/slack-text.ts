/**
 * Slack stores message text in its own markup: entities in angle brackets (`<@U123>`,
 * `<#C1|general>`, `<https://x|label>`, `<!here>`) and only `&`, `<` and `>` escaped as HTML
 * entities. Stored messages are plain text a model and a person can read, so both are undone here.
 * @see https://api.slack.com/reference/surfaces/formatting#retrieving-messages
 */

/** Names the entities point at; either may be unknown (deleted users, channels outside the export). */
export interface SlackNames {
  user(id: string): string | undefined;
  channel(id: string): string | undefined;
}

const ENTITY = /<([^<>\n]*)>/g;
/** Code spans and fenced blocks, where Slack still auto-links URLs and phone numbers. */
const CODE = /```[\s\S]*?```|`[^`\n]+`/g;

export function slackTextToPlain(text: string, names: SlackNames): string {
  if (!text.includes('<') && !text.includes('&')) return text;
  let out = '';
  let last = 0;
  for (const code of text.matchAll(CODE)) {
    out += renderProse(text.slice(last, code.index), names);
    out += renderCode(code[0], names);
    last = code.index + code[0].length;
  }
  return out + renderProse(text.slice(last), names);
}

function renderProse(text: string, names: SlackNames): string {
  // Unescape after rendering entities: labels and URLs inside entities are escaped too.
  return unescapeSlack(text.replace(ENTITY, (_match, inner: string) => renderEntity(inner, names)));
}

/**
 * Code is kept as the author pasted it: a link Slack detected inside it (`<tel:2024-01-01|2024-01-01>`,
 * `<http://host:8080/x>`) becomes the text it was detected in, never "label (url)".
 */
function renderCode(code: string, names: SlackNames): string {
  return unescapeSlack(
    code.replace(ENTITY, (_match, inner: string) => {
      if ('@#!'.includes(inner[0] ?? '')) return renderEntity(inner, names);
      const bar = inner.indexOf('|');
      return bar === -1 ? inner : inner.slice(bar + 1);
    }),
  );
}

function renderEntity(inner: string, names: SlackNames): string {
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
function renderSpecial(command: string, label: string | undefined): string {
  const name = command.split('^')[0];
  // `group` is the old name of `channel` in private channels; older exports still carry it.
  if (name === 'here' || name === 'channel' || name === 'everyone' || name === 'group') return `@${name}`;
  if (name === 'subteam') return label ? `@${stripAt(label)}` : '@team';
  return label ?? '';
}

function renderLink(url: string, label: string | undefined): string {
  const shown = url.startsWith('mailto:') ? url.slice('mailto:'.length) : url;
  if (!label || label === shown || label === url) return shown;
  return `${label} (${shown})`;
}

function stripAt(label: string | undefined): string | undefined {
  return label?.startsWith('@') ? label.slice(1) : label || undefined;
}

function unescapeSlack(text: string): string {
  // `&amp;` last, so `&amp;lt;` becomes the literal text `&lt;` as the author typed it.
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}
