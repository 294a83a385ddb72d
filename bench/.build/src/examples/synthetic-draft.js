/**
 * What the generator's scripts write before timestamps exist: conversations placed at a fraction
 * of the timeline. The timeline turns them into Slack-shaped messages.
 */
/** Messages a conversation adds to the stored count (joins and deleted messages do not count). */
export function storedCount(conversation) {
    return conversation.messages.filter((m) => !m.join && m.deleteAfterMinutes === undefined).length;
}
