/**
 * What a Claude model id tells us about the request shapes it accepts. Two API facts depend on the
 * model generation, and a wrong guess is a 400 on every request:
 *
 * - Thinking: Claude 4.5 and earlier know only `thinking: { type: 'enabled', budget_tokens }`;
 *   4.6 takes `{ type: 'adaptive' }` with `output_config.effort` (the budget form is deprecated
 *   there); 4.7 and later reject the budget form.
 *   @see https://platform.claude.com/docs/en/build-with-claude/extended-thinking
 * - Sampling: 4.7 and later reject `temperature` ("temperature is deprecated for this model");
 *   the SDK (1.x) no longer even types the field.
 *
 * The split is by version rather than by an id list so that a model released after this code
 * falls on the new side on day one. Ids without a version (`claude-mythos-preview`) are new.
 */
export interface ClaudeVersion {
  major: number;
  minor: number;
}

/**
 * The version in a model id: `claude-sonnet-4-6` → 4.6, `claude-haiku-4-5-20251001` → 4.5,
 * `claude-3-7-sonnet-20250219` → 3.7, `claude-sonnet-5` → 5.0, Bedrock's
 * `us.anthropic.claude-opus-4-1-20250805-v1:0` → 4.1. An 8-digit date is not a version.
 */
export function claudeVersion(model: string): ClaudeVersion | undefined {
  const parts = model.toLowerCase().split(/[-.@:]/);
  const index = parts.findIndex(isVersionNumber);
  if (index === -1) return undefined;
  const next = parts[index + 1];
  return { major: Number(parts[index]), minor: next !== undefined && isVersionNumber(next) ? Number(next) : 0 };
}

/** Which thinking form the model takes. */
export function claudeThinkingForm(model: string): 'budget' | 'adaptive' {
  return atLeast(model, 4, 6) ? 'adaptive' : 'budget';
}

/** Whether the model still accepts a caller's `temperature`. */
export function claudeAcceptsTemperature(model: string): boolean {
  return !atLeast(model, 4, 7);
}

function atLeast(model: string, major: number, minor: number): boolean {
  const version = claudeVersion(model);
  if (!version) return true;
  return version.major > major || (version.major === major && version.minor >= minor);
}

function isVersionNumber(part: string): boolean {
  return /^\d{1,2}$/.test(part);
}
