/**
 * What the fake model "understands" about a synthetic workspace: the planted facts, how people ask
 * for them, and the words of the messages that state them. The fake reads Mull's real prompts and
 * uses this to decide what a competent model would write; it never learns which mode is asking.
 */
export interface TaughtFact {
  /** Unique across every workspace taught: `<seed>/<fact id>`. */
  id: string;
  kind: 'date' | 'owner' | 'number' | 'decision' | 'fact';
  /** The question a pass anticipates (the ground-truth wording). */
  question: string;
  /** Every wording the bench asks it in (the ground-truth one and a paraphrase). */
  askedAs: string[];
  /** The answer a model writes: the planted message's own words. */
  answer: string;
  /** Case-insensitive strings a correct answer contains. */
  mustContain: string[];
  /** Strings a correct answer never contains (a value edited away or deleted). */
  forbidden: string[];
  /** Messages that state the current answer, as a prompt line renders their text. */
  evidence: string[];
}

/** A question normalised for lookup: lower case, mentions and punctuation gone. */
export function questionKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/<@[a-z0-9]+(\|[^>]*)?>/g, ' ')
    .replace(/@mull\b/g, ' ')
    .replace(/[^a-z0-9$%]+/g, ' ')
    .trim();
}

/** Message text as `renderMessages` puts it on a prompt line. */
export function renderedText(text: string): string {
  return text.replace(/\s*\n\s*/g, ' / ');
}

/** The taught facts, indexed the two ways the fake looks them up. */
export class KnowledgeBook {
  readonly #byQuestion = new Map<string, TaughtFact[]>();
  readonly #byEvidence = new Map<string, TaughtFact[]>();
  readonly #ids = new Set<string>();

  add(facts: readonly TaughtFact[]): void {
    for (const fact of facts) {
      if (this.#ids.has(fact.id)) continue;
      this.#ids.add(fact.id);
      for (const wording of fact.askedAs) push(this.#byQuestion, questionKey(wording), fact);
      for (const text of fact.evidence) push(this.#byEvidence, text, fact);
    }
  }

  clear(): void {
    this.#byQuestion.clear();
    this.#byEvidence.clear();
    this.#ids.clear();
  }

  /** Facts a question asks for (several workspaces may share a wording). */
  forQuestion(question: string): TaughtFact[] {
    return this.#byQuestion.get(questionKey(question)) ?? [];
  }

  /** Facts a message with exactly this rendered text states. */
  forEvidence(text: string): TaughtFact[] {
    return this.#byEvidence.get(text) ?? [];
  }

  get size(): number {
    return this.#ids.size;
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
