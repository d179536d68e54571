import { ChainsError } from './chains-error';
import { RollBack, type Prepared } from './commit-types';

export interface RollBackTarget {
  /** Marks a commit's outbox record discarded, durably (throws when it cannot). */
  markDiscarded(seq: number): Promise<void>;
  /** The commit is discarded: the head goes back to before it. */
  restore(commit: Prepared): void;
  /** The commit's callers are refused with `err` (they send again) and leave the queue. */
  refuse(commit: Prepared, err: unknown): void;
}

/**
 * After a failed delivery of `batch`, nothing signed later may be sent (the chain would go on
 * past a gap): every `later` commit is discarded, latest first, and its callers refused. The
 * batch itself is discarded too when it stored nothing (RollBack), so those iterations are signed
 * again; otherwise its records stay pending. Once one discard mark cannot be written, every
 * earlier record stays pending as well: the head stays after them and the next recovery delivers
 * them in order (a crash between two marks never leaves an earlier record discarded behind a
 * pending later one).
 */
export async function rollBackCommits(chain: string, batch: readonly Prepared[], later: readonly Prepared[], failure: unknown, target: RollBackTarget): Promise<void> {
  const error = failure instanceof RollBack ? failure.error : failure;
  const laterError = new ChainsError('ERR_CHAINS_UNAVAILABLE', `an earlier batch of chain ${chain} failed (${(error as Error).message}); nothing of this batch was stored, send it again`, error);
  let discarding = true;
  const drop = async (c: Prepared, err: unknown, discard: boolean) => {
    if (discard && discarding) {
      try {
        await target.markDiscarded(c.seq);
        target.restore(c);
      } catch {
        discarding = false;
      }
    }
    target.refuse(c, err);
  };
  for (const c of [...later].reverse()) await drop(c, laterError, true);
  for (const c of [...batch].reverse()) await drop(c, error, failure instanceof RollBack);
}
