import type { Client } from '@elastic/elasticsearch';
import { createSequenceVerifier, deriveKey, wipeKey, type EntryCheck, type SequenceResult, type SequenceStart } from '../chain';
import type { CheckPool } from './check-pool';
import type { PageCheckResult, UnplacedDocument } from './check-page';
import { utcDay } from './plan-start';
import { readChainPages } from './read-chain-pages';
import type { HistoryDay } from './state-history';
import { throwIfCancelled, VerifyError } from './verify-error';

/** Same bound as lib/chain's checkEntries: never hash towards a forged, far-away iteration. */
const MAX_GAP = 10_000_000;
const MAX_UNPLACED = 1000;

export interface ScanOptions {
  readonly client: Client;
  readonly pattern: string;
  /** The iteration-0 key (not modified). */
  readonly key0: Uint8Array;
  readonly start: SequenceStart;
  /** key[start.iteration] when already known (owned: wiped here); derived from key0 otherwise. */
  readonly startKey?: Uint8Array;
  /** Return key[lastIteration] (for the state history's sealed checkpoint). */
  readonly keepLastKey?: boolean;
  /** The last iteration that must exist (a missing tail becomes a Bad Iteration error). */
  readonly endIteration?: number;
  /** Read no further than this iteration (acknowledge-range); unbounded when absent. */
  readonly untilIteration?: number;
  readonly batchSize: number;
  /** Pages checked in parallel (worker threads in `pool`). */
  readonly concurrentBatches: number;
  readonly pool: CheckPool;
  /** Iterations whose hash the caller needs (the log before each acknowledged range). */
  readonly watch: ReadonlySet<number>;
  readonly onPage?: (logs: number) => void;
  /** Stops the scan between pages (VerifyError `ERR_VERIFY_CANCELLED`). */
  readonly signal?: AbortSignal;
}

export interface ScanResult {
  readonly sequence: SequenceResult;
  readonly okCount: number;
  readonly firstIteration: number | null;
  readonly lastIteration: number | null;
  /** Hash of the last log when it verified (the boundary of the next incremental run). */
  readonly lastHash: string | null;
  /** Per UTC signing day, the first and last iteration of the logs that verified. */
  readonly days: Record<string, HistoryDay>;
  /** Signing time of the first log after each gap (for the indexing-delay rule). */
  readonly afterGapTimestamps: ReadonlyMap<number, number>;
  readonly watchedHashes: ReadonlyMap<number, string>;
  readonly unplaced: UnplacedDocument[];
  readonly unplacedTotal: number;
  /** key[lastIteration] when asked for and reached (the caller wipes it). */
  readonly lastKey: Uint8Array | null;
}

/**
 * Reads a chain from `start.iteration` in iteration order and verifies it: the MACs page by page
 * in the pool (in parallel), the sequence rules here, in order. Keys are derived sequentially on
 * this thread and each page gets a copy of the key of the iteration it starts at (or earlier).
 * Tampering is returned in `sequence.errors`, never thrown.
 * @throws VerifyError `ERR_VERIFY_STORE`; `ERR_VERIFY_WRONG_KEY` when a first page of several
 *   logs has not one log that verifies with the key.
 */
export async function scanChain(o: ScanOptions): Promise<ScanResult> {
  const seq = createSequenceVerifier(o.start);
  let keyIteration = o.start.iteration;
  let key = o.startKey ?? deriveKey(o.key0, keyIteration);
  const st = {
    okCount: 0,
    first: null as number | null,
    last: null as number | null,
    lastHash: null as string | null,
    days: {} as Record<string, HistoryDay>,
    afterGap: new Map<number, number>(),
    watched: new Map<number, string>(),
    watchedFinal: new Set<number>(),
    unplaced: [] as UnplacedDocument[],
    unplacedTotal: 0,
    pages: 0,
  };
  const consume = (r: PageCheckResult): void => {
    for (let i = 0; i < r.checks.length; i++) {
      const c = r.checks[i] as EntryCheck;
      const ts = r.timestamps[i] ?? null;
      const it = c.iteration;
      if ((st.last === null && it > o.start.iteration) || (st.last !== null && it > st.last + 1)) {
        if (ts !== null) st.afterGap.set(it, ts);
      }
      if (st.first === null) st.first = it;
      if (st.last === null || it > st.last) {
        st.last = it;
        st.lastHash = null;
      }
      if (c.status === 'ok') {
        st.okCount++;
        if (st.lastHash === null) st.lastHash = c.storedHash;
        if (ts !== null) {
          const d = utcDay(ts);
          const e = st.days[d];
          if (!e) st.days[d] = { first_iteration: it, last_iteration: it };
          else {
            if (it < e.first_iteration) e.first_iteration = it;
            if (it > e.last_iteration) e.last_iteration = it;
          }
        }
      }
      if (o.watch.has(it) && !st.watchedFinal.has(it)) {
        // Same rule as the CorruptionId's previous_hash: the first valid log's hash, else the recomputed one.
        const h = c.status === 'ok' ? c.storedHash : (c.expectedHash ?? c.storedHash);
        if (h !== null) st.watched.set(it, h);
        if (c.status === 'ok') st.watchedFinal.add(it);
      }
    }
    st.unplacedTotal += r.unplaced.length;
    for (const u of r.unplaced) if (st.unplaced.length < MAX_UNPLACED) st.unplaced.push(u);
    seq.push(r.checks);
    o.onPage?.(r.hits);
    st.pages++;
    if (st.pages === 1 && r.checks.length >= 8 && st.okCount === 0) {
      throw new VerifyError('ERR_VERIFY_WRONG_KEY', `not one of the first ${r.checks.length} logs of ${o.pattern} verifies with this key: is it the key file of another chain?`);
    }
  };

  const inflight: Promise<PageCheckResult>[] = [];
  try {
    for await (const page of readChainPages(o.client, { pattern: o.pattern, fromIteration: o.start.iteration, ...(o.untilIteration !== undefined ? { toIteration: o.untilIteration } : {}), batchSize: o.batchSize })) {
      throwIfCancelled(o.signal);
      const p = o.pool.check({ body: page.body, key: Uint8Array.from(key), keyIteration });
      p.catch(() => undefined); // awaited below; this only keeps an early failure from being "unhandled"
      inflight.push(p);
      if (page.lastIteration > keyIteration && page.lastIteration - keyIteration <= MAX_GAP) {
        const next = deriveKey(key, page.lastIteration - keyIteration);
        wipeKey(key);
        key = next;
        keyIteration = page.lastIteration;
      }
      while (inflight.length >= o.concurrentBatches * 2) consume(await (inflight.shift() as Promise<PageCheckResult>));
    }
    while (inflight.length > 0) consume(await (inflight.shift() as Promise<PageCheckResult>));
    throwIfCancelled(o.signal);
  } catch (err) {
    wipeKey(key);
    throw err;
  }
  const lastKey = o.keepLastKey && st.last !== null && keyIteration === st.last ? key : null;
  if (lastKey === null) wipeKey(key);
  const sequence = seq.finish(o.endIteration !== undefined && (st.last === null || o.endIteration > st.last) ? o.endIteration : undefined);
  return {
    sequence,
    okCount: st.okCount,
    firstIteration: st.first,
    lastIteration: st.last,
    lastHash: st.lastHash,
    days: st.days,
    afterGapTimestamps: st.afterGap,
    watchedHashes: st.watched,
    unplaced: st.unplaced,
    unplacedTotal: st.unplacedTotal,
    lastKey,
  };
}
