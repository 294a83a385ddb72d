/**
 * Reads the `answer` string out of a structured reply while it is still being written
 * (`{"answer": "The launch is on 2`), so adapters can show an answer as it streams even though the
 * model writes JSON. Returns what is decoded so far, or null before the field starts.
 */
export function partialAnswer(json, field = 'answer') {
    const start = new RegExp(`"${field}"\\s*:\\s*"`).exec(json);
    if (!start)
        return null;
    let out = '';
    for (let i = start.index + start[0].length; i < json.length; i++) {
        const char = json[i];
        if (char === '"')
            return out;
        if (char !== '\\') {
            out += char;
            continue;
        }
        const next = json[i + 1];
        if (next === undefined)
            return out; // an escape cut in half: wait for the rest
        if (next === 'u') {
            const hex = json.slice(i + 2, i + 6);
            if (hex.length < 4)
                return out;
            out += String.fromCharCode(Number.parseInt(hex, 16));
            i += 5;
            continue;
        }
        out += { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f' }[next] ?? next;
        i += 1;
    }
    return out;
}
