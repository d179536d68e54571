import type { Client } from '@elastic/elasticsearch';
import { chainIndexPattern, type ChainIdentity } from '../chain';

/** A document already in the chain's data streams under a recovery candidate's `_id`. */
export interface StoredDoc {
  readonly index: string;
  readonly hash: unknown;
}

/**
 * Looks the `_id`s up in every data stream of the chain (`*-*-{chain}`), not only the target
 * one: bulk `create` detects an existing `_id` only in the data stream's current write index, so
 * after a rollover a log that did reach Elasticsearch would be stored twice (El Proxy's documented
 * "DLQ recovered after a rollover" duplicates, reference §7.2). Found logs are then not re-sent.
 * Searches see refreshed data only; a log indexed a moment ago still answers 409 to the `create`,
 * which counts as stored too.
 * @throws the client's error (connection, response): the caller decides.
 */
export async function findStored(client: Client, identity: ChainIdentity, ids: readonly string[]): Promise<Map<string, StoredDoc>> {
  const found = new Map<string, StoredDoc>();
  if (ids.length === 0) return found;
  const res = await client.search<{ ES_BLOCKCHAIN?: { hash?: unknown } }>({
    index: chainIndexPattern(identity),
    allow_no_indices: true,
    ignore_unavailable: true,
    size: ids.length,
    query: { ids: { values: [...ids] } },
    _source: ['ES_BLOCKCHAIN.hash'],
  });
  for (const hit of res.hits.hits) {
    if (typeof hit._id !== 'string' || found.has(hit._id)) continue;
    found.set(hit._id, { index: hit._index, hash: hit._source?.ES_BLOCKCHAIN?.hash });
  }
  return found;
}
