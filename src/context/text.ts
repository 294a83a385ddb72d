/**
 * Light text helpers shared by matching, retrieval and question mining. Deliberately small and
 * language-agnostic: lower-case word tokens, a short English stop list, crude plural folding.
 */
const STOP_WORDS = new Set(
  (
    'a an and are as at be been but by can could did do does for from had has have how i if in into is it its ' +
    'me my of on or our should so than that the their them then there these they this to us was we were what ' +
    'when where which who whom why will with would you your about any anyone know does tell please hey hi thanks ' +
    'mull just get got still yet also'
  ).split(' '),
);

export function words(text: string): string[] {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .split(/[^a-z0-9.$%€£-]+/)
    .map((word) => word.replace(/^[.\-]+|[.\-]+$/g, ''))
    .filter((word) => word.length > 0);
}

/** Folds simple English plurals so "launches" meets "launch" and "owners" meets "owner". */
export function stem(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 4 && /(ches|shes|sses|xes)$/.test(word)) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

/** Content words of a text, stemmed, without stop words. */
export function contentTerms(text: string): string[] {
  return words(text)
    .filter((word) => !STOP_WORDS.has(word))
    .map(stem);
}

/** Cosine similarity of two term sets (each term counted once). */
export function termSetSimilarity(a: readonly string[], b: readonly string[]): number {
  const left = new Set(a);
  const right = new Set(b);
  if (left.size === 0 || right.size === 0) return 0;
  let shared = 0;
  for (const term of left) if (right.has(term)) shared++;
  return shared / Math.sqrt(left.size * right.size);
}

/** Whether a message reads like a question someone might ask again. */
export function isQuestionLike(text: string): boolean {
  const trimmed = text.trim();
  if (trimmed.length < 8 || trimmed.length > 400) return false;
  if (/\?\s*$/.test(trimmed) || /\?\s/.test(trimmed)) return true;
  return /^(who|what|when|where|why|how|which|is|are|does|do|can|could|should|will|has|have|did)\b/i.test(trimmed) &&
    trimmed.split(/\s+/).length >= 3;
}

/** A rough token count (about four characters a token) for budgeting prompts before sending. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/**
 * Longest message text shown to a model. A pasted log or a 200 KB dump would otherwise crowd out
 * everything else, or push the prompt past the model's window on every try.
 */
export const MAX_RENDERED_CHARS = 4_000;

/** Prompt cost of one rendered message line (text is clipped when rendered; see render.ts). */
export function messageTokens(text: string): number {
  return Math.ceil(Math.min(text.length, MAX_RENDERED_CHARS) / 4) + 12;
}

/** Cuts text to a length on a word boundary, with an ellipsis. */
export function excerpt(text: string, max = 160): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${cut.slice(0, space > max * 0.6 ? space : max)}…`;
}
