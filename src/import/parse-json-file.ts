import type { z } from 'zod';
import { ImportError } from '../core/errors.js';

/** At most this many schema problems are listed in an error: enough to fix the file, not a wall. */
const MAX_ISSUES_SHOWN = 3;

/**
 * Parses and validates one export file as a whole before anything is written from it, so a bad
 * file stops the import with an error naming it instead of half-importing it.
 */
export function parseJsonFile<T extends z.ZodType>(bytes: Buffer | string, file: string, schema: T): z.infer<T> {
  return validateJson(parseJson(bytes, file), file, schema);
}

/** Validates already-parsed JSON; the error lists the first problems with their paths. */
export function validateJson<T extends z.ZodType>(json: unknown, file: string, schema: T): z.infer<T> {
  const result = schema.safeParse(json);
  if (result.success) return result.data;
  const issues = result.error.issues;
  const shown = issues.slice(0, MAX_ISSUES_SHOWN).map((issue) => {
    const where = issue.path.length > 0 ? issue.path.map(formatSegment).join('').replace(/^\./, '') : '(root)';
    return `${where}: ${issue.message}`;
  });
  const more = issues.length > MAX_ISSUES_SHOWN ? ` (and ${issues.length - MAX_ISSUES_SHOWN} more)` : '';
  throw new ImportError(`not a valid export file: ${shown.join('; ')}${more}`, { file, cause: result.error });
}

// fatal: a byte sequence that is not UTF-8 is an error, not a silent U+FFFD in stored text;
// the BOM some Windows tools write is dropped (ignoreBOM false), since JSON.parse rejects it.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

export function parseJson(bytes: Buffer | string, file: string): unknown {
  let source: string;
  if (typeof bytes === 'string') {
    source = bytes.charCodeAt(0) === 0xfeff ? bytes.slice(1) : bytes;
  } else {
    try {
      source = utf8.decode(bytes);
    } catch (error) {
      throw new ImportError('not valid UTF-8 text (a damaged or re-encoded file); re-export it, or skip it with --skip-bad', { file, cause: error });
    }
  }
  try {
    return JSON.parse(source);
  } catch (error) {
    throw new ImportError(`malformed JSON (${(error as Error).message})`, { file, cause: error });
  }
}

function formatSegment(segment: PropertyKey): string {
  return typeof segment === 'number' ? `[${segment}]` : `.${String(segment)}`;
}
