import { describe, expect, it } from 'vitest';
import { claudeAcceptsTemperature, claudeThinkingForm, claudeVersion } from '../../src/llm/claude-models.js';

describe('Claude model ids', () => {
  it.each([
    ['claude-sonnet-4-6', { major: 4, minor: 6 }],
    ['claude-haiku-4-5-20251001', { major: 4, minor: 5 }],
    ['claude-sonnet-4-20250514', { major: 4, minor: 0 }],
    ['claude-3-7-sonnet-20250219', { major: 3, minor: 7 }],
    ['claude-sonnet-5', { major: 5, minor: 0 }],
    ['us.anthropic.claude-opus-4-1-20250805-v1:0', { major: 4, minor: 1 }],
    ['claude-opus-4-1@20250805', { major: 4, minor: 1 }],
    ['claude-mythos-preview', undefined],
  ])('reads the version of %s', (model, version) => {
    expect(claudeVersion(model)).toEqual(version);
  });

  it('gives 4.5 and earlier a thinking budget, 4.6 and later (and unversioned ids) adaptive thinking', () => {
    expect(claudeThinkingForm('claude-haiku-4-5')).toBe('budget');
    expect(claudeThinkingForm('claude-3-7-sonnet-20250219')).toBe('budget');
    expect(claudeThinkingForm('claude-sonnet-4-6')).toBe('adaptive');
    expect(claudeThinkingForm('claude-sonnet-5-5')).toBe('adaptive');
    expect(claudeThinkingForm('claude-mythos-preview')).toBe('adaptive');
  });

  it('sends temperature only before 4.7', () => {
    expect(claudeAcceptsTemperature('claude-sonnet-4-6')).toBe(true);
    expect(claudeAcceptsTemperature('claude-haiku-4-5')).toBe(true);
    expect(claudeAcceptsTemperature('claude-opus-4-7')).toBe(false);
    expect(claudeAcceptsTemperature('claude-haiku-5-5')).toBe(false);
    expect(claudeAcceptsTemperature('claude-mythos-preview')).toBe(false);
  });
});
