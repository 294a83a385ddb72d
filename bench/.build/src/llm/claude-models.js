/**
 * The version in a model id: `claude-sonnet-4-6` → 4.6, `claude-haiku-4-5-20251001` → 4.5,
 * `claude-3-7-sonnet-20250219` → 3.7, `claude-sonnet-5` → 5.0, Bedrock's
 * `us.anthropic.claude-opus-4-1-20250805-v1:0` → 4.1. An 8-digit date is not a version.
 */
export function claudeVersion(model) {
    const parts = model.toLowerCase().split(/[-.@:]/);
    const index = parts.findIndex(isVersionNumber);
    if (index === -1)
        return undefined;
    const next = parts[index + 1];
    return { major: Number(parts[index]), minor: next !== undefined && isVersionNumber(next) ? Number(next) : 0 };
}
/** Which thinking form the model takes. */
export function claudeThinkingForm(model) {
    return atLeast(model, 4, 6) ? 'adaptive' : 'budget';
}
/** Whether the model still accepts a caller's `temperature`. */
export function claudeAcceptsTemperature(model) {
    return !atLeast(model, 4, 7);
}
function atLeast(model, major, minor) {
    const version = claudeVersion(model);
    if (!version)
        return true;
    return version.major > major || (version.major === major && version.minor >= minor);
}
function isVersionNumber(part) {
    return /^\d{1,2}$/.test(part);
}
