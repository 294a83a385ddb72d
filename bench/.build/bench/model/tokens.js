import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
/** The tokenizer the fake model counts with: GPT-4o / 4.1 / 5 family BPE. */
export const TokenizerName = 'o200k_base (gpt-tokenizer 3)';
/** Tokens of a text. */
export function textTokens(text) {
    return text.length === 0 ? 0 : countTokens(text);
}
/**
 * Prompt tokens of a chat request as OpenAI counts them: each message's content plus 3 tokens of
 * framing, plus 3 that prime the reply.
 * @see https://github.com/openai/openai-cookbook/blob/main/examples/How_to_count_tokens_with_tiktoken.ipynb
 */
export function chatPromptTokens(messages) {
    let total = 3;
    for (const message of messages)
        total += 3 + textTokens(message.content);
    return total;
}
