import { isHash } from './chain-head';
import { encodeCorruptionId, type CorruptionIdData } from './corruption-id';
import { ErrorCode } from './verification-codes';
import type { EntryCheck } from './verify-entry';

/** A log-level verification error (reference §8.5), with its CorruptionId. */
export type LogError =
  | { code: typeof ErrorCode.LogBadIteration; fromIteration: number; toIteration: number; corruption: CorruptionIdData; corruptionId: string }
  | { code: typeof ErrorCode.LogWrongHash; iteration: number; expectedHash: string | null; foundHash: string; corruption: CorruptionIdData; corruptionId: string }
  | {
      code: typeof ErrorCode.LogWrongPreviousHash;
      iteration: number;
      expectedPreviousHash: string;
      foundPreviousHash: string | null;
      corruption: CorruptionIdData;
      corruptionId: string;
    };

export interface SequenceStart {
  /** First iteration expected (0 for a full chain; later when retention or a resume applies). */
  readonly iteration: number;
  /** Hash of log `iteration - 1`; null at iteration 0; `undefined` when unknown (no link check for the first log). */
  readonly previousHash: string | null | undefined;
  /** `acknowledge-{module}-{customer}-{retention}-{tag}`, written into CorruptionIds. */
  readonly acknowledgeBlockchainId: string;
}

export interface SequenceResult {
  readonly errors: LogError[];
  /** Iterations holding more than one valid log ("Duplicate Log Found"). */
  readonly duplicateIterations: number[];
  /** Entries examined. */
  readonly checked: number;
  /** The iteration after the last one seen (or the start when nothing was seen). */
  readonly nextIteration: number;
  /** Hashes the next log may link to (empty when nothing was seen). */
  readonly lastHashes: string[];
}

/**
 * The sequential part of verification (reference §8.2): fed MAC verdicts in iteration order (in
 * as many `push` calls as pages), it finds missing iterations, broken links and duplicates.
 *
 * Rules, chosen so that a single altered record is reported at exactly its own iteration:
 * - a gap `[a, b]` is one "Bad Iteration" error; the log after a gap is not link-checked (its
 *   predecessor is missing);
 * - a log whose MAC fails is one "Wrong Hash" error and is not also link-checked;
 * - a log with a valid MAC must link to a hash of the previous iteration; both the stored and the
 *   recomputed hash of the previous log count, so a damaged log never makes its successor fail;
 * - several logs at one iteration, all valid and linked, are a duplicate (a warning); each bad
 *   one is its own error.
 */
export function createSequenceVerifier(start: SequenceStart): {
  push(checks: readonly EntryCheck[]): void;
  finish(endIteration?: number): SequenceResult;
} {
  if (!Number.isSafeInteger(start.iteration) || start.iteration < 0) throw new RangeError('start.iteration must be a non-negative integer');
  if (start.iteration === 0 ? start.previousHash !== null && start.previousHash !== undefined : start.previousHash !== undefined && !isHash(start.previousHash)) {
    throw new RangeError('start.previousHash must be null or unknown at iteration 0, and a 64-hex hash or unknown after');
  }
  const errors: LogError[] = [];
  const duplicateIterations: number[] = [];
  let expected = start.iteration;
  // Hashes the next log may link to; null = unknown (skip the link check once).
  let prevHashes: string[] | null = start.previousHash === undefined ? null : start.previousHash === null ? [] : [start.previousHash];
  // The hash recorded as previous_hash in CorruptionIds (El Proxy: hash of the log before the range).
  let prevForId: string | null = start.previousHash ?? null;
  let group: EntryCheck[] = [];
  let checked = 0;
  let finished = false;

  const corruption = (from: number, to: number, previousHash: string | null, nextHash?: string | null): { corruption: CorruptionIdData; corruptionId: string } => {
    // Member order is part of the id's bytes (reference §8.7).
    const c: CorruptionIdData =
      nextHash === undefined
        ? { from_iteration: from, to_iteration: to, previous_hash: from === 0 ? null : previousHash, acknowledge_blockchain_id: start.acknowledgeBlockchainId }
        : { from_iteration: from, to_iteration: to, previous_hash: from === 0 ? null : previousHash, next_hash: nextHash, acknowledge_blockchain_id: start.acknowledgeBlockchainId };
    return { corruption: c, corruptionId: encodeCorruptionId(c) };
  };

  const flush = (): void => {
    if (group.length === 0) return;
    const i = (group[0] as EntryCheck).iteration;
    if (i > expected) {
      const next = group.find((c) => c.status === 'ok')?.storedHash ?? (group[0] as EntryCheck).storedHash;
      errors.push({ code: ErrorCode.LogBadIteration, fromIteration: expected, toIteration: i - 1, ...corruption(expected, i - 1, prevForId, next) });
      prevHashes = null;
      prevForId = null;
    }
    let bad = 0;
    for (const c of group) {
      if (c.status !== 'ok') {
        bad++;
        errors.push({ code: ErrorCode.LogWrongHash, iteration: i, expectedHash: c.expectedHash, foundHash: c.foundHash, ...corruption(i, i, prevForId ?? c.previousHash) });
      } else if (prevHashes !== null && !(i === 0 ? c.previousHash === null : c.previousHash !== null && prevHashes.includes(c.previousHash))) {
        bad++;
        const expectedPrev = prevHashes[0] as string; // non-empty here: empty only at iteration 0
        errors.push({ code: ErrorCode.LogWrongPreviousHash, iteration: i, expectedPreviousHash: expectedPrev, foundPreviousHash: c.previousHash, ...corruption(i, i, prevForId) });
      }
    }
    if (group.length > 1 && bad === 0) duplicateIterations.push(i);
    const next = new Set<string>();
    for (const c of group) {
      if (c.storedHash !== null) next.add(c.storedHash);
      if (c.expectedHash !== null) next.add(c.expectedHash);
    }
    // No usable hash at all (malformed and unverifiable): the next link cannot be judged.
    prevHashes = next.size > 0 ? [...next] : null;
    const firstOk = group.find((c) => c.status === 'ok');
    prevForId = firstOk?.storedHash ?? (group[0] as EntryCheck).expectedHash ?? (group[0] as EntryCheck).storedHash;
    expected = i + 1;
    group = [];
  };

  return {
    push(checks) {
      if (finished) throw new RangeError('the sequence verifier has finished');
      for (const c of checks) {
        const last = group[0]?.iteration ?? expected - 1;
        if (!Number.isSafeInteger(c.iteration) || c.iteration < Math.max(last, start.iteration)) {
          throw new RangeError(`iteration ${String(c.iteration)} is out of order`);
        }
        if (group.length > 0 && c.iteration !== last) flush();
        group.push(c);
        checked++;
      }
    },
    finish(endIteration) {
      if (finished) throw new RangeError('the sequence verifier has finished');
      finished = true;
      flush();
      if (endIteration !== undefined) {
        if (!Number.isSafeInteger(endIteration)) throw new RangeError('endIteration must be an integer');
        if (endIteration >= expected) {
          errors.push({ code: ErrorCode.LogBadIteration, fromIteration: expected, toIteration: endIteration, ...corruption(expected, endIteration, prevForId, null) });
          expected = endIteration + 1;
        }
      }
      return { errors, duplicateIterations, checked, nextIteration: expected, lastHashes: prevHashes ?? [] };
    },
  };
}
