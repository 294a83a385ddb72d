import { ImportError } from '../core/errors.js';
/** At most this many schema problems are listed in an error: enough to fix the file, not a wall. */
const MAX_ISSUES_SHOWN = 3;
/**
 * Parses and validates one export file as a whole before anything is written from it, so a bad
 * file stops the import with an error naming it instead of half-importing it.
 */
export function parseJsonFile(bytes, file, schema) {
    return validateJson(parseJson(bytes, file), file, schema);
}
/** Validates already-parsed JSON; the error lists the first problems with their paths. */
export function validateJson(json, file, schema) {
    const result = schema.safeParse(json);
    if (result.success)
        return result.data;
    const issues = result.error.issues;
    const shown = issues.slice(0, MAX_ISSUES_SHOWN).map((issue) => {
        const where = issue.path.length > 0 ? issue.path.map(formatSegment).join('').replace(/^\./, '') : '(root)';
        return `${where}: ${issue.message}`;
    });
    const more = issues.length > MAX_ISSUES_SHOWN ? ` (and ${issues.length - MAX_ISSUES_SHOWN} more)` : '';
    throw new ImportError(`not a valid export file: ${shown.join('; ')}${more}`, { file, cause: result.error });
}
export function parseJson(bytes, file) {
    const source = typeof bytes === 'string' ? bytes : bytes.toString('utf8');
    try {
        // Exports written on Windows sometimes start with a byte-order mark, which JSON.parse rejects.
        return JSON.parse(source.charCodeAt(0) === 0xfeff ? source.slice(1) : source);
    }
    catch (error) {
        throw new ImportError(`malformed JSON (${error.message})`, { file, cause: error });
    }
}
function formatSegment(segment) {
    return typeof segment === 'number' ? `[${segment}]` : `.${String(segment)}`;
}
