/**
 * Splits text into Discord messages. Discord rejects content over 2,000 characters and discord.js
 * v14 has no splitter, so: cut at a paragraph break, else a line break, else a space, else
 * anywhere (never inside a surrogate pair); and when a cut falls inside a ``` code block, close
 * the block at the end of one message and reopen it, with its language, at the start of the next,
 * so every message renders on its own.
 * @see https://discord.com/developers/docs/resources/message#create-message
 */

/** Discord's content limit. @unit characters (UTF-16 code units, which never undercount) */
export const DISCORD_MESSAGE_LIMIT = 2_000;

const FENCE = '```';
const CLOSE = `\n${FENCE}`;
/** Separators, best first, with how many characters the cut swallows. */
const SEPARATORS = ['\n\n', '\n', ' '] as const;

export function splitMessage(text: string, limit: number = DISCORD_MESSAGE_LIMIT): string[] {
  if (limit < 16) throw new RangeError(`limit ${limit} leaves no room for code fences`);
  const chunks: string[] = [];
  let rest = text;
  while (rest.length > limit) {
    // Room for a closing fence, in case this cut lands inside a code block.
    const { cut, skip } = findCut(rest, limit - CLOSE.length);
    let chunk = rest.slice(0, cut);
    rest = rest.slice(cut + skip);
    const opener = openFenceAtEnd(chunk);
    if (opener !== undefined) {
      chunk += CLOSE;
      const next = firstLine(rest);
      // The block closes on the very next line: swallow that closer instead of reopening an empty block.
      if (next.trim() === FENCE) rest = rest.slice(next.length).replace(/^\n/, '');
      else rest = `${opener}\n${rest}`;
    }
    if (chunk.trim().length > 0) chunks.push(chunk);
  }
  if (rest.trim().length > 0 || chunks.length === 0) chunks.push(rest);
  return chunks;
}

/** Where to cut `text` so the first part is at most `budget` long. */
function findCut(text: string, budget: number): { cut: number; skip: number } {
  // A chunk must hold more than a reopened fence line, or the same text would come round again.
  const floor = text.startsWith(FENCE) ? firstLine(text).length + 1 : 1;
  // First look for a separator in the second half, so chunks are not needlessly short; then anywhere.
  for (const min of [Math.max(floor, Math.floor(budget / 2)), floor]) {
    for (const separator of SEPARATORS) {
      const at = text.lastIndexOf(separator, budget - 1);
      if (at >= min) return { cut: at, skip: separator.length };
    }
  }
  const code = text.charCodeAt(budget - 1);
  const highSurrogate = code >= 0xd800 && code <= 0xdbff;
  return { cut: highSurrogate ? budget - 1 : budget, skip: 0 };
}

/**
 * The opening fence line (e.g. "```ts") of a code block left open at the end of `text`, or
 * undefined when every block is closed. A line with an odd number of ``` toggles the state.
 */
function openFenceAtEnd(text: string): string | undefined {
  let opener: string | undefined;
  for (const line of text.split('\n')) {
    const fences = line.split(FENCE).length - 1;
    if (fences % 2 === 0) continue;
    if (opener === undefined) {
      const trimmed = line.trim();
      // Keep the language only when the fence line is a bare "```lang"; inline openers reopen plain.
      opener = /^```[\w+#.-]{0,20}$/.test(trimmed) ? trimmed : FENCE;
    } else {
      opener = undefined;
    }
  }
  return opener;
}

function firstLine(text: string): string {
  const end = text.indexOf('\n');
  return end === -1 ? text : text.slice(0, end);
}
