import { cleanContent, type Message } from 'discord.js';

/** Whether a message @mentions the bot itself (not @everyone, not one of its roles). */
export function mentionsBot(message: Message, botId: string): boolean {
  return message.mentions.users.has(botId);
}

/** The question in a message: its text without the bot's mention, other mentions made readable. */
export function questionText(message: Message, botId: string): string {
  const stripped = message.content.replace(new RegExp(`<@!?${botId}>`, 'g'), ' ');
  return cleanContent(stripped, message.channel).replace(/\s+/g, ' ').trim();
}
