import { mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MullError, ErrorCode } from '../../src/core/errors.js';
import { isoDay } from './synthetic-calendar.js';
import type { ExportMessage } from './synthetic-timeline.js';
import type { SyntheticWorkspace } from './synthetic-workspace.js';

/**
 * Writes the synthetic workspace as an unpacked Slack export: users.json, channels.json,
 * groups.json (private channels) and `<channel>/<YYYY-MM-DD>.json` day files, indented with four
 * spaces as Slack writes them. Output depends only on the workspace, so it is byte-stable.
 */
export async function writeSlackExport(ws: SyntheticWorkspace, dir: string): Promise<{ files: number }> {
  await clearExportDir(dir);
  await mkdir(dir, { recursive: true });
  const write = (path: string, value: unknown) => writeFile(join(dir, path), `${JSON.stringify(value, null, 4)}\n`);
  await write('users.json', ws.users);
  await write('channels.json', ws.channels);
  await write('groups.json', ws.groups);
  let files = 3;
  for (const [channel, messages] of ws.history) {
    await mkdir(join(dir, channel), { recursive: true });
    for (const [day, dayMessages] of byDay(messages)) {
      await write(`${channel}/${day}.json`, dayMessages);
      files += 1;
    }
  }
  return { files };
}

/** The ground-truth file, written into the export's root where importers ignore unknown files. */
export const GroundTruthFile = 'ground-truth.json';

/** The export plus its ground truth: what `examples/acme/` holds. */
export async function writeExample(ws: SyntheticWorkspace, dir: string): Promise<{ files: number }> {
  const { files } = await writeSlackExport(ws, dir);
  await writeFile(join(dir, GroundTruthFile), `${JSON.stringify(groundTruth(ws), null, 2)}\n`);
  return { files: files + 1 };
}

/** What tests and benchmarks score against: the planted questions, and the edits and deletions. */
export function groundTruth(ws: SyntheticWorkspace) {
  return {
    generator: 'mull synthetic workspace (examples/generator/synthetic-workspace.ts)',
    seed: ws.seed,
    messages: ws.messageCount,
    team: ws.team,
    channels: [...ws.history].map(([name, messages]) => ({
      name,
      private: ws.groups.some((group) => group.name === name),
      messages: messages.filter((message) => message.subtype !== 'channel_join').length,
    })),
    facts: ws.facts,
    events: ws.events,
  };
}

/** Slack files a message under the UTC day of its own ts (a late reply lands on its own day). */
function byDay(messages: readonly ExportMessage[]): Map<string, ExportMessage[]> {
  const days = new Map<string, ExportMessage[]>();
  for (const message of messages) {
    const day = isoDay(parseFloat(message.ts) * 1000);
    const list = days.get(day) ?? [];
    list.push(message);
    days.set(day, list);
  }
  return days;
}

/**
 * Regenerating must not leave day files of a bigger earlier run behind, so the folder is emptied
 * first; only a folder that is empty or already holds an export (users.json) is, never another.
 */
async function clearExportDir(dir: string): Promise<void> {
  const entries = await readdir(dir).catch(() => undefined);
  if (!entries || entries.length === 0) return;
  const isExport = await stat(join(dir, 'users.json')).then(
    () => true,
    () => false,
  );
  if (!isExport) {
    throw new MullError(ErrorCode.BadInput, `${dir} is not empty and holds no Slack export (users.json); refusing to overwrite it`);
  }
  await rm(dir, { recursive: true, force: true });
}
