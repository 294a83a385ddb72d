/**
 * A workspace-wide allowance for progress edits of streamed answers. `chat.update` is Tier 3
 * (about 50 a minute per workspace), and final answers and other calls need their share: drafts
 * get at most `perMinute` edits between them, and skip a frame rather than wait.
 */
/** One workspace's edit allowance: this process's own (EditBudget), or one shared through Redis. */
export interface EditAllowance {
  /** Takes one edit if there is room; false means skip this frame. */
  take(): boolean | Promise<boolean>;
}

export class EditBudget implements EditAllowance {
  private readonly stamps: number[] = [];

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes one edit if the last minute has room; false means skip this frame. */
  take(): boolean {
    const cutoff = this.now() - 60_000;
    while (this.stamps.length > 0 && this.stamps[0]! <= cutoff) this.stamps.shift();
    if (this.stamps.length >= this.perMinute) return false;
    this.stamps.push(this.now());
    return true;
  }
}
