import { countTokens, decode, encode } from 'gpt-tokenizer/encoding/o200k_base';

/** The tokenizer the fake model counts with: GPT-4o / 4.1 / 5 family BPE. */
export const TokenizerName = 'o200k_base (gpt-tokenizer 3)';

/** Tokens of a text. */
export function textTokens(text: string): number {
  return text.length === 0 ? 0 : countTokens(text);
}

/**
 * Prompt tokens of a chat request as OpenAI counts them: each message's content plus 3 tokens of
 * framing, plus 3 that prime the reply.
 * @see https://github.com/openai/openai-cookbook/blob/main/examples/How_to_count_tokens_with_tiktoken.ipynb
 */
export function chatPromptTokens(messages: readonly { role: string; content: string }[]): number {
  let total = 3;
  for (const message of messages) total += 3 + textTokens(message.content);
  return total;
}

/** The first `max` tokens of a text: where a model stops when `max_tokens` runs out. */
export function truncateToTokens(text: string, max: number): string {
  const tokens = encode(text);
  return tokens.length <= max ? text : decode(tokens.slice(0, Math.max(0, max)));
}
