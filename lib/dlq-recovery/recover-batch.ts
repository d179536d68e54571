import type { BulkItem, StorePort } from '../chains';
import type { Client } from '@elastic/elasticsearch';
import { findStored } from './find-stored';
import type { FileTarget, PreparedEntry } from './prepare-entry';

/** One entry that stays in the DLQ, and why. */
export interface EntryFailure {
  /** Physical line number in the file (1-based). */
  readonly line: number;
  readonly iteration: number | null;
  readonly reason: string;
}

/** Failures listed per file; the rest are counted only (a file can hold millions of lines). */
export const MAX_LISTED_FAILURES = 100;

/** Thrown inside a file's recovery when Elasticsearch stops answering; the run stops after settling. */
export class StoreStopped extends Error {}

/** Counters of one file's run, plus the ids seen so far (duplicate lines in one file). */
export class RunState {
  recovered = 0;
  alreadyStored = 0;
  failedCount = 0;
  readonly failures: EntryFailure[] = [];
  readonly recoveredLines: number[] = [];
  /** `_id` → hash of the logs stored during this run. */
  readonly seen = new Map<string, string | null>();

  fail(line: number, iteration: number | null, reason: string): void {
    this.failedCount++;
    if (this.failures.length < MAX_LISTED_FAILURES) this.failures.push({ line, iteration, reason });
  }

  /** Elasticsearch holds this log already (same `_id`, same hash; or 409 on create). */
  stored(p: PreparedEntry): void {
    this.alreadyStored++;
    this.recoveredLines.push(p.line);
    this.seen.set(p.item.id, p.hash);
  }

  recoveredNow(p: PreparedEntry): void {
    this.recovered++;
    this.recoveredLines.push(p.line);
    this.seen.set(p.item.id, p.hash);
  }

  get processed(): number {
    return this.recovered + this.alreadyStored + this.failedCount;
  }
}

/**
 * Re-indexes one batch: `_id`s Elasticsearch already holds are not re-sent (same hash: stored;
 * another hash: a failure), the rest goes through the store's bulk strategies.
 * @throws {StoreStopped} when Elasticsearch does not answer or takes nothing.
 */
export async function recoverBatch(deps: { client: Client; store: Pick<StorePort, 'deliver'> }, target: FileTarget, batch: readonly PreparedEntry[], state: RunState): Promise<void> {
  // A repeated line (same `_id`) is checked after its first occurrence is settled, so that it is
  // compared with what is really stored rather than racing it in one bulk request.
  const first: PreparedEntry[] = [];
  const repeats: PreparedEntry[] = [];
  const ids = new Set<string>();
  for (const p of batch) {
    if (ids.has(p.item.id)) repeats.push(p);
    else {
      ids.add(p.item.id);
      first.push(p);
    }
  }
  let found;
  try {
    found = await findStored(deps.client, target.identity, first.filter((p) => !state.seen.has(p.item.id)).map((p) => p.item.id));
  } catch (err) {
    throw new StoreStopped(`cannot search the blockchain of ${target.dataStream}: ${(err as Error).message}`, { cause: err });
  }
  const toSend: PreparedEntry[] = [];
  for (const p of first) {
    const seen = state.seen.get(p.item.id);
    const stored = found.get(p.item.id);
    if (seen === undefined && stored === undefined) {
      toSend.push(p);
      continue;
    }
    const hash = seen !== undefined ? seen : stored?.hash;
    if (p.hash !== null && hash === p.hash) state.stored(p);
    else state.fail(p.line, p.iteration, `iteration ${p.iteration} is already stored${stored ? ` in ${stored.index}` : ''} with a different hash`);
  }
  if (toSend.length > 0) {
    const items: BulkItem[] = toSend.map((p) => p.item);
    const result = await deps.store.deliver(items);
    if (result.outcome !== 'done') {
      // Nothing (not_indexed) or an unknown part (uncertain) was written: those lines stay and
      // the next run finds whatever did arrive as already stored.
      throw new StoreStopped(`Elasticsearch did not take the logs (${result.error.type}: ${result.error.reason})`);
    }
    result.items.forEach((outcome, i) => {
      const p = toSend[i] as PreparedEntry;
      if (outcome.status === 'indexed') state.recoveredNow(p);
      else if (outcome.status === 'exists') state.stored(p);
      else if (outcome.status === 'failed') state.fail(p.line, p.iteration, `${outcome.error.type}: ${outcome.error.reason}`);
    });
  }
  if (repeats.length > 0) await recoverBatch(deps, target, repeats, state);
}
