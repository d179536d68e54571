import type { Client } from '@elastic/elasticsearch';
import { BLOCKCHAIN_FIELD, parseJson, type JsonValue } from '../chain';
import { searchRaw, storeError } from './search-raw';

const ITERATION = `${BLOCKCHAIN_FIELD}.iteration`;
const SORT_MARK = Buffer.from('"sort":[');

/** One page of a chain read in iteration order: the raw response and where it ended. */
export interface ChainPage {
  readonly body: Buffer;
  /** The indexed iteration of the page's last hit (the sort value). */
  readonly lastIteration: number;
}

export interface ReadChainPagesOptions {
  readonly pattern: string;
  readonly fromIteration: number;
  /** Last iteration to read (inclusive); unbounded when absent. */
  readonly toIteration?: number;
  readonly batchSize: number;
}

/**
 * Reads every log of a chain with iteration ≥ `fromIteration`, in iteration order, across all
 * its data streams: one point in time (a frozen view, so logs indexed meanwhile cannot shift
 * pages) and `search_after` on `ES_BLOCKCHAIN.iteration` (+ the implicit `_shard_doc`
 * tiebreaker, so duplicates are neither lost nor repeated). Only `ES_BLOCKCHAIN` is fetched.
 * The point in time id is taken from each response (Elasticsearch may change it).
 *
 * Pages are yielded raw: the checks parse them (losslessly) in worker threads; this reader only
 * finds the last hit's sort values in the bytes, which is cheap. The point in time is closed
 * when the iteration ends, also on error or early exit.
 * @throws VerifyError `ERR_VERIFY_STORE`.
 */
export async function* readChainPages(client: Client, o: ReadChainPagesOptions): AsyncGenerator<ChainPage> {
  let pitId: string;
  try {
    pitId = (await client.openPointInTime({ index: o.pattern, keep_alive: '5m', ignore_unavailable: true, allow_no_indices: true } as Parameters<Client['openPointInTime']>[0])).id;
  } catch (err) {
    throw storeError(`opening a point in time on ${o.pattern}`, err);
  }
  try {
    let after: JsonValue[] | undefined;
    for (;;) {
      const body = await searchRaw(
        client,
        {
          pit: { id: pitId, keep_alive: '5m' },
          size: o.batchSize,
          track_total_hits: false,
          sort: [{ [ITERATION]: { order: 'asc', unmapped_type: 'long' } }],
          query: { range: { [ITERATION]: o.toIteration === undefined ? { gte: o.fromIteration } : { gte: o.fromIteration, lte: o.toIteration } } },
          _source: [BLOCKCHAIN_FIELD],
          // No filter_path: the embedded store re-renders filtered bodies, which cost 2–3× the
          // read throughput (measured) to save a few bytes per hit.
          ...(after ? { search_after: after } : {}),
        },
        `reading ${o.pattern}`,
      );
      const sort = lastSort(body);
      if (sort === null) return;
      // Only before the hits: a stored document could itself hold a member named pit_id.
      const head = body.subarray(0, Math.max(0, body.indexOf('"hits":'))).toString('latin1');
      const newPit = /"pit_id":"([^"]+)"/.exec(head);
      if (newPit) pitId = newPit[1] as string;
      const last = sort[0];
      if (typeof last !== 'number') return; // a hit without a numeric sort value cannot be paged past
      // A forged iteration beyond 2^53 would round and could page forever: stop when no progress.
      if (after !== undefined && JSON.stringify(after) === JSON.stringify(sort)) return;
      after = sort;
      yield { body, lastIteration: last };
    }
  } finally {
    await client.closePointInTime({ id: pitId }).catch(() => undefined);
  }
}

/**
 * The sort values of the last hit. In a response whose hits end with `"sort":[…]` the last
 * occurrence of that marker is the last hit's: inside `_source` a quote would be escaped, and a
 * `_source` member named `sort` comes before its hit's own sort array.
 */
function lastSort(body: Buffer): JsonValue[] | null {
  const at = body.lastIndexOf(SORT_MARK);
  if (at < 0) return null;
  const start = at + SORT_MARK.length - 1;
  const end = body.indexOf(0x5d, start); // sort values are numbers or strings without ']'
  if (end < 0) return null;
  try {
    const v = parseJson(body.subarray(start, end + 1).toString('utf8'));
    return Array.isArray(v) ? v : null;
  } catch {
    return null;
  }
}
