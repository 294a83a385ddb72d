/**
 * Links and mentions an answer carries: URLs, Slack `<@U1>` `<#C1>` `<!here>`, Discord `<@1>`
 * `<#1>` `<@&1>`, and `@here` / `@everyone`. A prepared answer that carries one its cited
 * messages do not contain was not written from them (a message may have told the sleep model to
 * add it): it is never served unchecked.
 */
const CARRIED = /https?:\/\/[^\s<>|)\]]+|<[@#!][^>\s]*>|@(?:here|everyone|channel)\b/gi;

export function linksNotIn(answer: string, sources: readonly string[]): string[] {
  const haystack = sources.join('\n').toLowerCase();
  const found = answer.match(CARRIED) ?? [];
  return [...new Set(found.map((link) => link.replace(/[.,;:!?]+$/, '')))].filter((link) => !haystack.includes(link.toLowerCase()));
}
