/** A question normalised for lookup: lower case, mentions and punctuation gone. */
export function questionKey(text) {
    return text
        .toLowerCase()
        .replace(/<@[a-z0-9]+(\|[^>]*)?>/g, ' ')
        .replace(/@mull\b/g, ' ')
        .replace(/[^a-z0-9$%]+/g, ' ')
        .trim();
}
/** Message text as `renderMessages` puts it on a prompt line. */
export function renderedText(text) {
    return text.replace(/\s*\n\s*/g, ' / ');
}
/** The taught facts, indexed the two ways the fake looks them up. */
export class KnowledgeBook {
    #byQuestion = new Map();
    #byEvidence = new Map();
    #ids = new Set();
    add(facts) {
        for (const fact of facts) {
            if (this.#ids.has(fact.id))
                continue;
            this.#ids.add(fact.id);
            for (const wording of fact.askedAs)
                push(this.#byQuestion, questionKey(wording), fact);
            for (const text of fact.evidence)
                push(this.#byEvidence, text, fact);
        }
    }
    clear() {
        this.#byQuestion.clear();
        this.#byEvidence.clear();
        this.#ids.clear();
    }
    /** Facts a question asks for (several workspaces may share a wording). */
    forQuestion(question) {
        return this.#byQuestion.get(questionKey(question)) ?? [];
    }
    /** Facts a message with exactly this rendered text states. */
    forEvidence(text) {
        return this.#byEvidence.get(text) ?? [];
    }
    get size() {
        return this.#ids.size;
    }
}
function push(map, key, value) {
    const list = map.get(key);
    if (list)
        list.push(value);
    else
        map.set(key, [value]);
}
