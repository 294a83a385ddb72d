export const EffortProfiles = {
    low: { questions: 6, reasoning: 'low', drafts: 1 },
    medium: { questions: 12, reasoning: 'medium', drafts: 1 },
    high: { questions: 20, reasoning: 'high', drafts: 2 },
};
