import type { ChainHead } from '../chain';

export interface KeyFileSaverDeps {
  /** Replaces the chain's key file with `head` (atomic, 0600: lib/keys). */
  readonly save: (head: ChainHead) => Promise<void>;
  /** Marks an outbox record delivered and covered by the key file. */
  readonly markDone: (seq: number) => Promise<void>;
  readonly now: () => number;
  /** Least time between two saves (0: a save after every delivery). */
  readonly intervalMs: number;
  /** The writer is closing: save at once instead of arming the timer. */
  readonly closing: () => boolean;
}

/**
 * A chain's key-file saves after deliveries, one at a time and in delivery order (`inOrder`):
 * the key file never goes beyond what was delivered, and an outbox record is marked done only
 * once a save covers it. Within `intervalMs` of the last save, the latest delivered head waits
 * for a timer (its records stay pending: the state a failed save leaves too, recoverable from
 * key file + outbox).
 */
export class KeyFileSaver {
  private saving: Promise<void> = Promise.resolve();
  /** Delivered records not covered by a key-file save yet: marked done once one succeeds. */
  private unfinished: number[] = [];
  /** The delivered head waiting for the save interval to pass (null: nothing waits). */
  private unsavedHead: ChainHead | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private lastSaveMs = Number.NEGATIVE_INFINITY;

  constructor(private readonly deps: KeyFileSaverDeps) {}

  /** Runs `op` after every save queued before it (saves never overtake each other). */
  inOrder(op: () => Promise<void>): Promise<void> {
    const run = this.saving.then(op);
    this.saving = run.catch(() => undefined);
    return run;
  }

  /**
   * Saves the key file for `head` (the head after records `seqs`: never beyond what was
   * delivered, a later commit may still be rolled back), then marks the records done — or, within
   * the interval, leaves both to the timer, which saves the latest delivered head then. Call it
   * through `inOrder`.
   */
  async finish(seqs: readonly number[], head: ChainHead): Promise<void> {
    this.unfinished.push(...seqs);
    const wait = this.lastSaveMs + this.deps.intervalMs - this.deps.now();
    if (wait > 0 && !this.deps.closing()) {
      // The caller's next finish replaces this head before the caller wipes its key.
      this.unsavedHead = head;
      if (this.timer === null) {
        this.timer = setTimeout(() => {
          this.timer = null;
          // A "delivered" mark that cannot be written is retried by the next save or recovery.
          void this.inOrder(() => this.saveUnsaved()).catch(() => undefined);
        }, wait);
        this.timer.unref?.();
      }
      return;
    }
    await this.save(head);
  }

  /** At close: the save the timer holds back runs now; resolves when every queued save is done. */
  async flush(): Promise<void> {
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
      void this.inOrder(() => this.saveUnsaved()).catch(() => undefined);
    }
    await this.saving;
  }

  private async saveUnsaved(): Promise<void> {
    if (this.unsavedHead !== null) await this.save(this.unsavedHead);
  }

  private async save(head: ChainHead): Promise<void> {
    this.unsavedHead = null;
    this.lastSaveMs = this.deps.now();
    try {
      await this.deps.save(head);
    } catch {
      // The head stays recoverable from key file + outbox: keep the records until a later save.
      return;
    }
    const done = this.unfinished.splice(0);
    for (let i = 0; i < done.length; i++) {
      try {
        await this.deps.markDone(done[i] as number);
      } catch (err) {
        this.unfinished.unshift(...done.slice(i)); // marked by a later save
        throw err;
      }
    }
  }
}
