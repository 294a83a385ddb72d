import type { webApi } from '@slack/bolt';
import type { Engine } from '../../core/engine.js';
import type { Logger } from '../../core/logger.js';
import type { Store } from '../../store/store.js';
import type { ChannelDirectory } from './channels.js';
import type { DmAccess } from './dm-access.js';
import type { EditAllowance } from './edit-budget.js';
import type { SlackIdentity } from './identity.js';
import type { ResolvedSlackOptions } from './options.js';
import type { BackgroundTasks } from './tasks.js';
import type { UserDirectory } from './users.js';

/** What every handler of the adapter works with; built once in index.ts. */
export interface SlackContext {
  engine: Engine;
  store: Store;
  logger: Logger;
  options: ResolvedSlackOptions;
  identity: SlackIdentity;
  /** The Web API client that answers people (retries, waits out 429s). */
  client: webApi.WebClient;
  /**
   * The client for streaming drafts: a 429 comes back at once and the frame is dropped, so a
   * rate-limited draft never pauses the answering client's queue (and every other answer).
   */
  draftClient: webApi.WebClient;
  /** Progress edits allowed across all drafts in this workspace. */
  draftEdits: EditAllowance;
  channels: ChannelDirectory;
  users: UserDirectory;
  access: DmAccess;
  tasks: BackgroundTasks;
  /** Native streaming (chat.startStream): set once this workspace refused it, so answers use drafts. */
  streaming: { refused: boolean };
}
