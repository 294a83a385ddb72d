/**
 * Splits text that is too long for one message into several, each at most `limit` characters:
 * at a paragraph break if there is one, else a line break, else a space, else anywhere. A chunk
 * that ends inside a code fence is closed and the next one reopens it with the same opening line,
 * so every message renders on its own.
 *
 * Slack documents 40,000 characters for `text`, but `msg_too_long` is seen near 4,000 in practice
 * and a section block holds 3,000; Discord allows 2,000. The caller picks the limit.
 */
export function splitMessage(text, limit) {
    if (limit < 32)
        throw new RangeError(`splitMessage: limit ${limit} is too small to hold a code fence`);
    const chunks = [];
    let rest = text.trimEnd();
    let reopen = '';
    while (rest.length > 0) {
        const body = reopen ? `${reopen}\n${rest}` : rest;
        if (body.length <= limit) {
            chunks.push(body);
            break;
        }
        const opener = reopen ? reopen.length + 1 : 0;
        // Leave room to close a fence (a newline and up to a few fence characters) if the cut lands in one.
        const budget = limit - 8;
        const { end, next } = findCut(body, budget, opener);
        let chunk = body.slice(0, end).trimEnd();
        rest = body.slice(next);
        const open = openFenceAtEnd(chunk);
        if (open) {
            chunk += `\n${fenceToken(open)}`;
            reopen = open;
        }
        else {
            reopen = '';
            rest = rest.replace(/^\s*\n/, '');
        }
        chunks.push(chunk);
    }
    return chunks.length > 0 ? chunks : [''];
}
/** Where to end this chunk (`end`) and where the next starts (`next`, past the separator). */
function findCut(body, budget, min) {
    const paragraph = body.lastIndexOf('\n\n', budget - 1);
    if (paragraph > min)
        return { end: paragraph, next: paragraph + 2 };
    const line = body.lastIndexOf('\n', budget - 1);
    if (line > min)
        return { end: line, next: line + 1 };
    for (let i = budget; i > min; i -= 1) {
        if (body[i] === ' ' || body[i] === '\t')
            return { end: i, next: i + 1 };
    }
    // No boundary at all: cut hard, but never between the halves of a surrogate pair (emoji).
    let end = budget;
    const code = body.charCodeAt(end - 1);
    if (code >= 0xd800 && code <= 0xdbff)
        end -= 1;
    return { end, next: end };
}
const FENCE = /^\s*(`{3,}|~{3,})/;
/** The opening line of the fence the text ends inside, or undefined when every fence is closed. */
export function openFenceAtEnd(text) {
    let open;
    for (const line of text.split('\n')) {
        const match = FENCE.exec(line);
        if (!match)
            continue;
        if (open === undefined)
            open = line.trimEnd();
        else if (match[1][0] === fenceToken(open)[0] && line.trim() === match[1])
            open = undefined;
    }
    return open;
}
function fenceToken(opener) {
    return FENCE.exec(opener)?.[1] ?? '```';
}
